import { alignLadder, ownsMatch, sameWords } from '../../diff/index.js';
import { levelsOf, type Expectation, type Ladder, type Level } from '../../model/ladder.js';

/** One thing that differs between a level and the one above it, in one category. */
export type StepItem =
  | { kind: 'new'; expectation: Expectation }
  | { kind: 'changed'; expectation: Expectation; was: string }
  | { kind: 'moved'; expectation: Expectation; fromCategory: string }
  /** Listed at the lower level and not repeated at the higher one (often because ladders are cumulative). */
  | { kind: 'not-repeated'; expectation: Expectation };

export interface LevelStep {
  lower: Level;
  higher: Level;
  /** In the ladder's category order; only categories with at least one item. */
  categories: Array<{ category: string; items: StepItem[] }>;
}

/**
 * What is new at each level compared with the one below it: one step per adjacent pair, junior first.
 * The ladder page now uses scripts/compare (any two levels, cumulative ladders); this adjacent-step
 * view stays for the exported render API and its fixtures (test/fixtures/html/compare).
 */
export function levelSteps(ladder: Ladder): LevelStep[] {
  const steps: LevelStep[] = [];
  // Steps go up one track at a time: the first manager level is no step up from the last IC level.
  for (const track of ladder.tracks) {
    const set = levelsOf(ladder, track.key);
    for (let i = 1; i < set.length; i++) steps.push(levelStep(ladder, set[i - 1]!, set[i]!));
  }
  return steps;
}

/**
 * Aligns the two levels with the diff engine, as if the higher level were the next version of the
 * lower one: unmatched higher items are new, reworded matches changed, matches across categories moved.
 */
export function levelStep(ladder: Ladder, lower: Level, higher: Level): LevelStep {
  const view = (level: Level): Ladder => ({
    ...ladder,
    // Same key and title on both sides, so the engine pairs the two levels instead of renaming one.
    levels: [{ ...level, key: 'step', code: undefined, title: 'step' }],
    shared: [],
  });
  const alignment = alignLadder(view(lower), view(higher));
  const byCategory = new Map<string, StepItem[]>();
  const add = (category: string, item: StepItem) => byCategory.set(category, [...(byCategory.get(category) ?? []), item]);
  for (const item of alignment.headItems) {
    const m = item.match;
    if (!m) add(item.category, { kind: 'new', expectation: item.exp });
    else if (!ownsMatch(item)) continue;
    else if (m.base.category !== item.category) add(item.category, { kind: 'moved', expectation: item.exp, fromCategory: m.base.category });
    else if (!sameWords(m)) add(item.category, { kind: 'changed', expectation: item.exp, was: m.base.exp.text });
  }
  for (const item of alignment.baseItems) {
    if (!item.match) add(item.category, { kind: 'not-repeated', expectation: item.exp });
  }
  const order = [...ladder.categories, ...[...byCategory.keys()].filter((c) => !ladder.categories.includes(c))];
  const categories = order.flatMap((category) => {
    const items = byCategory.get(category);
    return items ? [{ category, items }] : [];
  });
  return { lower, higher, categories };
}
