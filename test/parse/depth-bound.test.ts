// headingLevels reads a heading depth only when its titles alone could outscore the best depth read so
// far (scoreBound): the bound must hold for every set of levels a reading could keep from those sections.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLadder, score, scoreBound, type LevelDraft, type Section } from '../../scripts/parse/ladder.js';
import { looksNumbered, parseLevelTitle } from '../../scripts/parse/level-title.js';

/** Whether levelsAtDepth counts a section's title as coded. */
const coded = (title: string) => {
  const t = parseLevelTitle(title);
  return t.code !== undefined || looksNumbered(t.title);
};

const titles = ['Execution', 'execution', 'Craft', 'L1', 'L2', 'Level 3', 'Senior', 'Staff Engineer', '1. Foundations'];
const section = fc.record({ title: fc.constantFrom(...titles), parent: fc.constantFrom(-1, 2, 9, 14) });

describe('a heading depth is skipped only when it cannot win', () => {
  it('bounds the score of every subset of its sections, each read as a level with real categories', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.array(section, { minLength: 1, maxLength: 8 }), (raw) => {
        const sections = raw.map((s, index) => ({ ...s, index, heading: undefined, body: [] }) as unknown as Section);
        const bound = scoreBound(sections);
        // Every subset in document order (real categories score most; a code only adds).
        for (let mask = 1; mask < 1 << sections.length; mask++) {
          const kept = sections.filter((_, i) => mask & (1 << i));
          const drafts = kept.map((s) => ({ section: s, cells: [{ category: 'Craft' }], shape: 'list', coded: coded(s.title) }) as unknown as LevelDraft);
          expect(score(drafts), JSON.stringify(kept)).toBeLessThanOrEqual(bound + 1e-9);
          checked++;
        }
      }),
      { numRuns: 1_500 },
    );
    expect(checked).toBeGreaterThan(50_000);
    // The pool holds coded titles and others.
    expect(titles.filter(coded).length).toBeGreaterThan(2);
    expect(titles.filter((t) => !coded(t)).length).toBeGreaterThan(2);
  });

  it('skips the categories under levels, and reads them when they could be the levels', () => {
    const levels = ['L1 · Learns', 'L2 · Delivers', 'L3 · Leads'];
    const categories = ['Craft', 'Impact', 'Collaboration', 'Execution'];
    const sections = (names: string[], parents: number[]) => parents.flatMap((parent, i) => names.map((title, j) => ({ title, parent, index: i * 10 + j, heading: undefined, body: [] }) as unknown as Section));
    const levelScore = score(levels.map((title, i) => ({ section: { title, parent: -1, index: i }, cells: [{ category: 'Craft' }], shape: 'list', coded: true }) as unknown as LevelDraft));
    // Four categories under each of three levels could score at most 16.04 against the levels' 12.03: read.
    expect(scoreBound(sections(categories, [0, 10, 20]))).toBeGreaterThan(levelScore);
    // Three under each: at most 12.03, a tie at best, which keeps the levels: skipped.
    expect(scoreBound(sections(categories.slice(0, 3), [0, 10, 20]))).toBeLessThanOrEqual(levelScore);
    // Either way the ladder reads its levels, with the categories as cells.
    for (const n of [3, 4]) {
      const text = `# T\n\n${levels.map((l) => `## ${l}\n\n${categories.slice(0, n).map((c) => `### ${c}\n\n- Does ${c.toLowerCase()} work at ${l.slice(0, 2)}.\n`).join('\n')}`).join('\n')}`;
      const ladder = parseLadder(text, 'ladders/t.md').ladder!;
      expect(ladder.levels.map((l) => l.code)).toEqual(['L1', 'L2', 'L3']);
      expect(ladder.levels.every((l) => l.cells.map((c) => c.category).join() === categories.slice(0, n).join())).toBe(true);
    }
  });
});
