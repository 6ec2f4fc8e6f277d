import { alignLadder, ownsMatch, sameWords, type LadderAlignment } from '../diff/align.js';
import { classifyRewordingKept, defaultLexiconCompiled } from '../diff/classify/classify.js';
import type { EditClass, Verdict } from '../diff/classify/classes.js';
import { slotWordsOf, type Lexicon } from '../diff/classify/signals.js';
import { UsageError } from '../model/errors.js';
import { levelLabel, levelsOf, type Cell, type Expectation, type Ladder, type Level } from '../model/ladder.js';

/**
 * Any two levels of one track, compared the way the diff compares two versions: the higher level is
 * aligned against the lower one as if it were its next version, so a reworded expectation is matched
 * and its rewording classified ("leads" vs "contributes": asks more strongly), with the same signals
 * and reasons as the semantic diff.
 */

/** Below this share of a level's items repeated at the next level, the track lists only what each level adds. */
export const CUMULATIVE_SHARE = 0.25;

/**
 * What one expectation is in the comparison:
 * - `adds`: asked at the higher level, with no counterpart at the lower one;
 * - `stronger` / `weaker` / `different`: a lower expectation restated (class raised / lowered / changed);
 * - `carried`: holds at both (verbatim, or reworded with the same demand: `was` then says how it read);
 * - `not-repeated`: listed at the lower level, not at the higher (only when the track is not cumulative).
 */
export type ItemKind = 'adds' | 'stronger' | 'weaker' | 'different' | 'carried' | 'not-repeated';
export const ITEM_KINDS: readonly ItemKind[] = ['adds', 'stronger', 'weaker', 'different', 'carried', 'not-repeated'];

export interface ComparedItem {
  kind: ItemKind;
  /** The text as the higher level states it (the lower's for `not-repeated`, and for carried items only the lower states). */
  text: string;
  markdown: string;
  /** The lower level's wording, when it differs. */
  was?: string;
  /** The lower level's category, when the item sits under another one at the higher level. */
  fromCategory?: string;
  /** The rewording's class and reasons (the diff's classifier), when the wording differs. */
  class?: EditClass;
  reasons?: string[];
  /** Cumulative view: the level that states it (its code, else its title). */
  level?: string;
}

export interface CategoryComparison {
  category: string;
  /** Side by side: what each side asks in this category (cumulative view: everything up to that level). */
  lower: string[];
  higher: string[];
  items: ComparedItem[];
}

export interface LevelInfo {
  key: string;
  code?: string;
  title: string;
  /** `L3 · Owns a system`, as readers know it. */
  label: string;
  /** 1-based place in its track. */
  rank: number;
}

export interface LevelComparison {
  ladder: { id: string; title: string };
  /** The track both levels belong to; `title` is absent for a ladder's one unnamed track. */
  track: { key: string; title?: string; levels: number };
  lower: LevelInfo;
  higher: LevelInfo;
  /**
   * Whether the track lists at each level only what it adds: `share` is the measured share of a level's
   * expectations that the next level repeats (all adjacent pairs of the track together).
   */
  cumulative: { detected: boolean; share: number; threshold: number };
  /** `cumulative`: each side is everything up to that level; `direct`: each level as written. */
  view: 'direct' | 'cumulative';
  categories: CategoryComparison[];
  counts: Record<ItemKind, number>;
}

export interface CompareOptions {
  /** The classifier's word lists (config `signals` merged in); default the built-in ones. */
  lexicon?: Lexicon;
}

// ---- level references ----------------------------------------------------------------------------

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** How a level is named on the command line: its key, else `track/key` when keys repeat across tracks. */
export function levelRef(ladder: Ladder, level: Level): string {
  const shared = ladder.levels.some((l) => l !== level && fold(l.key) === fold(level.key));
  return shared ? `${level.track}/${level.key}` : level.key;
}

/**
 * A level from its key or code, its title, or `code · title` (case-insensitive), or `track/…` when the
 * name is ambiguous. A name that fits no level, or several, is a usage error listing the valid ones.
 */
export function resolveLevel(ladder: Ladder, ref: string): Level {
  const wanted = fold(ref);
  const slash = wanted.indexOf('/');
  const inTrack = slash > 0 ? ladder.levels.filter((l) => fold(l.track) === wanted.slice(0, slash)) : [];
  const [pool, name] = inTrack.length ? [inTrack, wanted.slice(slash + 1)] : [ladder.levels, wanted];
  const names = (l: Level) => [l.key, l.code, l.title, levelLabel(l)].filter((n): n is string => !!n).map(fold);
  const found = pool.filter((l) => names(l).includes(name));
  if (found.length === 1) return found[0]!;
  const valid = ladder.levels.map((l) => (fold(l.title) === fold(l.key) ? levelRef(ladder, l) : `${levelRef(ladder, l)} (${l.title})`)).join(', ');
  if (found.length > 1) {
    throw new UsageError(`level "${ref}" is ambiguous in ${ladder.id} (${found.map((l) => `${l.track}/${l.key}`).join(', ')}); name it as track/level`);
  }
  throw new UsageError(`no level "${ref}" in ${ladder.id}; valid levels: ${valid}`);
}

// ---- the comparison ------------------------------------------------------------------------------

/** `lowerRef` and `higherRef` may come in either order; the result is junior first. */
export function compareLevelRefs(ladder: Ladder, a: string, b: string, opts: CompareOptions = {}): LevelComparison {
  return compareLevels(ladder, resolveLevel(ladder, a), resolveLevel(ladder, b), opts);
}

export function compareLevels(ladder: Ladder, a: Level, b: Level, opts: CompareOptions = {}): LevelComparison {
  if (a.track !== b.track) {
    const title = (l: Level) => ladder.tracks.find((t) => t.key === l.track)?.title ?? l.track;
    throw new UsageError(`${levelLabel(a)} (${title(a)}) and ${levelLabel(b)} (${title(b)}) are in different tracks; levels are compared within one track`);
  }
  if (a === b) throw new UsageError(`compare two different levels (got ${levelLabel(a)} twice)`);
  const set = levelsOf(ladder, a.track);
  const [lower, higher] = set.indexOf(a) < set.indexOf(b) ? [a, b] : [b, a];
  const lex = opts.lexicon ?? defaultLexiconCompiled();
  const align = aligner(ladder, lex);
  return comparePair(ladder, set, lower, higher, measureCumulative(set, align), judgeWith(lex), align);
}

/** The pairs a page offers: every pair of each track up to this many levels, adjacent pairs beyond. */
export const ALL_PAIRS_UP_TO = 12;

/**
 * Every pair of levels within each track, junior first (adjacent pairs of a track first, then the
 * wider ones), with the track's cumulative measure computed once.
 */
export function comparePairs(ladder: Ladder, opts: CompareOptions = {}): LevelComparison[] {
  const lex = opts.lexicon ?? defaultLexiconCompiled();
  const out: LevelComparison[] = [];
  for (const track of ladder.tracks) {
    const set = levelsOf(ladder, track.key);
    if (set.length < 2) continue;
    const align = aligner(ladder, lex);
    const cumulative = measureCumulative(set, align);
    const judge = judgeWith(lex);
    for (let gap = 1; gap < (set.length <= ALL_PAIRS_UP_TO ? set.length : 2); gap++) {
      for (let i = 0; i + gap < set.length; i++) out.push(comparePair(ladder, set, set[i]!, set[i + gap]!, cumulative, judge, align));
    }
  }
  return out;
}

function aligner(ladder: Ladder, lex: Lexicon) {
  // Every pair of a track meets the same texts again: their slot words are computed once (they are most of the cost).
  const words = slotWordsOf(lex);
  // The adjacent pairs are aligned for the cumulative measure and again for their direct view: once.
  const done = new Map<Level, Map<Level, LadderAlignment>>();
  return (base: Level, head: Level) => {
    let row = done.get(base);
    if (!row) done.set(base, (row = new Map()));
    let a = row.get(head);
    if (!a) row.set(head, (a = alignLadder(asLadder(ladder, base), asLadder(ladder, head), { words })));
    return a;
  };
}

/** classifyRewording with this lexicon, remembered per pair of texts (the wider pairs of a track, and other pages, meet the same rewordings again). */
function judgeWith(lex: Lexicon): (a: string, b: string) => Verdict {
  return (a, b) => classifyRewordingKept(a, b, lex);
}

function comparePair(
  ladder: Ladder,
  set: Level[],
  lower: Level,
  higher: Level,
  cumulative: LevelComparison['cumulative'],
  judge: (a: string, b: string) => Verdict,
  align: (a: Level, b: Level) => LadderAlignment,
): LevelComparison {
  const lo = set.indexOf(lower);
  const hi = set.indexOf(higher);
  let categories: CategoryComparison[];
  if (cumulative.detected) {
    // Everything up to the lower level still holds at the higher one; what the levels in between and
    // the higher level state is either new or a restatement of something below.
    const origin = new Map<Expectation, Level>();
    for (const l of set.slice(0, hi + 1)) for (const c of l.cells) for (const e of c.expectations) origin.set(e, l);
    const below = merged(ladder, set.slice(0, lo + 1));
    const above = merged(ladder, set.slice(lo + 1, hi + 1));
    const alignment = align(below, above);
    const items = judgeItems(alignment, judge, true, (e) => origin.get(e)!.code || origin.get(e)!.title);
    categories = byCategory(ladder, items, below.cells, merged(ladder, set.slice(0, hi + 1)).cells);
  } else {
    const alignment = align(lower, higher);
    categories = byCategory(ladder, judgeItems(alignment, judge, false), lower.cells, higher.cells);
  }
  const counts = Object.fromEntries(ITEM_KINDS.map((k) => [k, 0])) as Record<ItemKind, number>;
  for (const c of categories) for (const i of c.items) counts[i.kind]++;
  const track = ladder.tracks.find((t) => t.key === lower.track);
  return {
    ladder: { id: ladder.id, title: ladder.title },
    track: { key: lower.track, ...(track && (ladder.tracks.length > 1 || track.position) ? { title: track.title } : {}), levels: set.length },
    lower: info(lower, lo),
    higher: info(higher, hi),
    cumulative,
    view: cumulative.detected ? 'cumulative' : 'direct',
    categories,
    counts,
  };
}

function info(level: Level, index: number): LevelInfo {
  return { key: level.key, ...(level.code ? { code: level.code } : {}), title: level.title, label: levelLabel(level), rank: index + 1 };
}

/** One level as a ladder of its own, so the diff engine pairs it with the other instead of renaming it. */
function asLadder(ladder: Ladder, level: Level): Ladder {
  return { ...ladder, levels: [{ ...level, key: 'step', code: undefined, title: 'step' }], shared: [] };
}

/** Several levels' cells merged per category, in the ladder's category order. */
function merged(ladder: Ladder, levels: Level[]): Level {
  const cells = new Map<string, Cell>();
  for (const l of levels) {
    for (const c of l.cells) {
      const cell = cells.get(c.category);
      if (cell) cell.expectations.push(...c.expectations);
      else cells.set(c.category, { ...c, expectations: [...c.expectations] });
    }
  }
  const order = [...ladder.categories, ...[...cells.keys()].filter((c) => !ladder.categories.includes(c))];
  return { ...levels[0]!, cells: order.flatMap((c) => (cells.has(c) ? [cells.get(c)!] : [])) };
}

/** Share of each level's expectations that the next level of the track repeats or restates. */
function measureCumulative(set: Level[], align: (a: Level, b: Level) => LadderAlignment): LevelComparison['cumulative'] {
  let total = 0;
  let repeated = 0;
  for (let i = 1; i < set.length; i++) {
    const alignment = align(set[i - 1]!, set[i]!);
    total += alignment.baseItems.length;
    repeated += alignment.baseItems.filter((item) => item.match).length;
  }
  const share = total === 0 ? 1 : repeated / total;
  return { detected: total > 0 && share < CUMULATIVE_SHARE, share: Math.round(share * 1000) / 1000, threshold: CUMULATIVE_SHARE };
}

const KIND_OF_CLASS: Record<EditClass, ItemKind> = { typo: 'carried', clarified: 'carried', raised: 'stronger', lowered: 'weaker', changed: 'different' };

/**
 * Head items (the higher side) in document order, then the lower items nobody restated: carried over
 * in the cumulative view (they still hold), not repeated in the direct one.
 */
function judgeItems(alignment: LadderAlignment, judge: (a: string, b: string) => Verdict, cumulative: boolean, levelOf?: (e: Expectation) => string): Array<ComparedItem & { category: string }> {
  const out: Array<ComparedItem & { category: string }> = [];
  const at = (e: Expectation) => (levelOf ? { level: levelOf(e) } : {});
  for (const item of alignment.headItems) {
    const base = { text: item.exp.text, markdown: item.exp.markdown, category: item.category, ...at(item.exp) };
    const m = item.match;
    if (!m) {
      out.push({ kind: 'adds', ...base });
      continue;
    }
    if (!ownsMatch(item)) continue;
    const from = m.base.category !== item.category ? { fromCategory: m.base.category } : {};
    if (sameWords(m)) {
      out.push({ kind: 'carried', ...base, ...from });
      continue;
    }
    const verdict = judge(m.base.exp.text, item.exp.text);
    out.push({ kind: KIND_OF_CLASS[verdict.class], ...base, was: m.base.exp.text, ...from, class: verdict.class, reasons: verdict.reasons });
  }
  for (const item of alignment.baseItems) {
    if (item.match) continue;
    out.push({ kind: cumulative ? 'carried' : 'not-repeated', text: item.exp.text, markdown: item.exp.markdown, category: item.category, ...at(item.exp) });
  }
  return out;
}

const RANK: Record<ItemKind, number> = { adds: 0, stronger: 1, different: 2, weaker: 3, carried: 4, 'not-repeated': 5 };

function byCategory(ladder: Ladder, items: Array<ComparedItem & { category: string }>, lower: Cell[], higher: Cell[]): CategoryComparison[] {
  const texts = (cells: Cell[], category: string) => cells.filter((c) => c.category === category).flatMap((c) => c.expectations.map((e) => e.text));
  const names = [...new Set([...lower, ...higher].map((c) => c.category).concat(items.map((i) => i.category)))];
  const order = [...ladder.categories.filter((c) => names.includes(c)), ...names.filter((c) => !ladder.categories.includes(c))];
  return order.map((category) => ({
    category,
    lower: texts(lower, category),
    higher: texts(higher, category),
    items: items
      .filter((i) => i.category === category)
      // Stable: within a kind, document order.
      .map((i, n) => [i, n] as const)
      .sort(([a, x], [b, y]) => RANK[a.kind] - RANK[b.kind] || x - y)
      .map(([{ category: _c, ...i }]) => i),
  }));
}
