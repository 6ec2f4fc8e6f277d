import type { Cell, Expectation, Ladder, Level } from '../model/ladder.js';
import { REWORD_THRESHOLD, similarity, sortedOverlap, words } from './similarity.js';
import { groupBy } from '../model/order.js';

/**
 * Structural alignment of two versions of one ladder: which level, category and expectation of the
 * base is which of the head. It finds correspondences only; changes.ts turns them into judged changes
 * and view.ts into side-by-side rows.
 */

/** Slot index of the "All levels" expectations, ranked below the most junior level. */
export const SHARED = -1;

/** Share of a level's (or cell's) expectations that must carry over for it to count as the same one. */
export const CONTENT_THRESHOLD = 0.5;

/**
 * Similarity enough for an expectation left unmatched in a cell (with as many left on the other
 * side) to be one edited in place: a short expectation whose bar was moved ("delivers close to plan" → "never misses a
 * deadline") keeps fewer of its words than REWORD_THRESHOLD asks, and the classifier then says what
 * the edit did. Below it (the large-rewrite fixture, 0.48) they stay a removal and an addition.
 */
export const SOLE_THRESHOLD = 0.5;

export interface LevelSlot {
  /** Index in `ladder.levels`, or SHARED. */
  index: number;
  level?: Level;
}

export interface LevelPair {
  base?: LevelSlot;
  head?: LevelSlot;
  /** Order in the merged sequence: head order, with removed levels after their base predecessor. */
  rank: number;
  /** Matched, but out of order relative to the other matched levels. */
  reordered: boolean;
}

export interface CategoryPair {
  base?: string;
  head?: string;
  rank: number;
}

export interface Item {
  side: 'base' | 'head';
  slot: number;
  category: string;
  exp: Expectation;
  /** Document order within its side. */
  order: number;
  words: string[];
  match?: Match;
}

export interface Match {
  base: Item;
  head: Item;
  /** 1 for identical text. */
  similarity: number;
  /**
   * The same words cut into expectations differently ("Asks why. Questions assumptions." as one bullet
   * on one side, as two sentences of a table cell on the other): the other items of the side that has
   * several, in order after `base` or `head`. They share this match; only `base` and `head` are its own.
   */
  resegmented?: Item[];
}

/** Whether a match's sides say the same words: identical text, or the same text cut differently. */
export function sameWords(m: Match): boolean {
  return m.resegmented !== undefined || m.base.exp.text === m.head.exp.text;
}

/** Whether the item is the one its match names on its side (not one a resegmented match absorbed). */
export function ownsMatch(i: Item): boolean {
  return i.match !== undefined && (i.side === 'base' ? i.match.base : i.match.head) === i;
}

export interface LadderAlignment {
  base?: Ladder;
  head?: Ladder;
  /** Shared pseudo-level first (when either side has one), then by rank. */
  levels: LevelPair[];
  categories: CategoryPair[];
  baseItems: Item[];
  headItems: Item[];
  matches: Match[];
  levelOf(side: 'base' | 'head', slot: number): LevelPair | undefined;
  categoryOf(side: 'base' | 'head', name: string): CategoryPair | undefined;
}

export interface AlignOptions {
  /** Word similarity at or above which two different texts are one expectation reworded. */
  threshold?: number;
  /** The words compared for similarity (default: `words`); the classifier's slots make a raised bar still pair. */
  words?: (text: string) => string[];
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function alignLadder(base: Ladder | undefined, head: Ladder | undefined, opts: AlignOptions = {}): LadderAlignment {
  const threshold = opts.threshold ?? REWORD_THRESHOLD;
  const sides = indexSides(base, head, opts.words ?? words, threshold);
  const levels = alignLevels(sides);
  const categories = alignCategories(sides, levels);
  const matches = alignExpectations(sides, levels, categories, threshold);
  return {
    base,
    head,
    levels: levels.pairs,
    categories: categories.pairs,
    baseItems: sides.baseItems,
    headItems: sides.headItems,
    matches,
    levelOf: (side, slot) => (side === 'base' ? levels.byBase : levels.byHead).get(slot),
    categoryOf: (side, name) => (side === 'base' ? categories.byBase : categories.byHead).get(name),
  };
}

/** Both versions' expectations as items, grouped by cell and by level slot, and the similarity of two lists. */
interface Sides {
  base?: Ladder;
  head?: Ladder;
  baseItems: Item[];
  headItems: Item[];
  cellsB: Map<string, Item[]>;
  cellsH: Map<string, Item[]>;
  bySlotB: Map<number, Item[]>;
  bySlotH: Map<number, Item[]>;
  sim: (a: Item[], b: Item[]) => number;
}

function indexSides(base: Ladder | undefined, head: Ladder | undefined, toWords: (text: string) => string[], threshold: number): Sides {
  const b = itemsOf(base, 'base', toWords);
  const h = itemsOf(head, 'head', toWords);
  return {
    base,
    head,
    baseItems: b.items,
    headItems: h.items,
    cellsB: b.cells,
    cellsH: h.cells,
    bySlotB: b.bySlot,
    bySlotH: h.bySlot,
    sim: (x, y) => listSimilarity(x, y, threshold),
  };
}

interface LevelAlignment {
  /** The "All levels" pseudo-pair first (when either side has one), then by rank. */
  pairs: LevelPair[];
  byBase: Map<number, LevelPair>;
  byHead: Map<number, LevelPair>;
  matched: LevelPair[];
}

/** Levels matched by key and title, then key with the content still there, then title, then key, then content. */
function alignLevels(sides: Sides): LevelAlignment {
  const { base, head, bySlotB, bySlotH, sim } = sides;
  const levelsB = base?.levels ?? [];
  const levelsH = head?.levels ?? [];
  const levelSim = (i: number, j: number) => sim(bySlotB.get(i) ?? [], bySlotH.get(j) ?? []);
  // The code is the stable key (DESIGN §1), but a renumbered ladder keeps titles and shifts codes:
  // a key match whose content moved elsewhere yields to the title match.
  const levelMatch = matchInStages(levelsB.length, levelsH.length, [
    (i, j) => levelsB[i]!.key === levelsH[j]!.key && levelsB[i]!.title === levelsH[j]!.title,
    (i, j) => levelsB[i]!.code !== undefined && levelsB[i]!.key === levelsH[j]!.key && levelSim(i, j) >= CONTENT_THRESHOLD,
    (i, j) => norm(levelsB[i]!.title) === norm(levelsH[j]!.title) && norm(levelsB[i]!.title) !== '',
    (i, j) => levelsB[i]!.key === levelsH[j]!.key,
  ], levelSim);

  const levelRanks = mergeRanks(levelsB.length, levelMatch);
  const reordered = outOfOrder(levelMatch);
  const pairs: LevelPair[] = [];
  const hasShared = (base?.shared.length ?? 0) > 0 || (head?.shared.length ?? 0) > 0;
  if (hasShared) pairs.push({ base: { index: SHARED }, head: { index: SHARED }, rank: SHARED, reordered: false });
  const baseOfHead = new Map<number, number>();
  for (const [i, j] of levelMatch) baseOfHead.set(j, i);
  levelsH.forEach((level, j) => {
    const i = baseOfHead.get(j);
    pairs.push({
      base: i === undefined ? undefined : { index: i, level: levelsB[i] },
      head: { index: j, level },
      rank: j,
      reordered: i !== undefined && reordered.has(i),
    });
  });
  levelsB.forEach((level, i) => {
    if (!levelMatch.has(i)) pairs.push({ base: { index: i, level }, rank: levelRanks.get(i)!, reordered: false });
  });
  pairs.sort((a, b) => a.rank - b.rank);
  const byBase = new Map<number, LevelPair>();
  const byHead = new Map<number, LevelPair>();
  for (const p of pairs) {
    if (p.base) byBase.set(p.base.index, p);
    if (p.head) byHead.set(p.head.index, p);
  }
  return { pairs, byBase, byHead, matched: pairs.filter((p) => p.base && p.head) };
}

interface CategoryAlignment {
  pairs: CategoryPair[];
  byBase: Map<string, CategoryPair>;
  byHead: Map<string, CategoryPair>;
}

/** Categories matched by name, then by folded name, then renamed when all their cells moved under the new name. */
function alignCategories(sides: Sides, levels: LevelAlignment): CategoryAlignment {
  const { base, head, baseItems, headItems, cellsB, cellsH, sim } = sides;
  const catsB = base ? categoriesOf(base, baseItems) : [];
  const catsH = head ? categoriesOf(head, headItems) : [];
  const cellOf = (side: 'base' | 'head', slot: number, cat: string) => (side === 'base' ? cellsB : cellsH).get(cellKey(slot, cat)) ?? [];
  // A category is renamed when every one of its base cells moved, as a whole, under the new name.
  const renameScore = (x: string, y: string): number => {
    let total = 0;
    let cells = 0;
    for (const p of levels.matched) {
      const bx = cellOf('base', p.base!.index, x);
      if (bx.length === 0) continue;
      const s = sim(bx, cellOf('head', p.head!.index, y));
      if (s < CONTENT_THRESHOLD) return 0;
      total += s;
      cells++;
    }
    return cells === 0 ? 0 : total / cells;
  };
  const catMatch = matchInStages(catsB.length, catsH.length, [
    (i, j) => catsB[i] === catsH[j],
    (i, j) => norm(catsB[i]!) === norm(catsH[j]!),
  ], (i, j) => renameScore(catsB[i]!, catsH[j]!));

  const catRanks = mergeRanks(catsB.length, catMatch);
  const pairs: CategoryPair[] = [];
  const baseOfHeadCat = new Map<number, number>();
  for (const [i, j] of catMatch) baseOfHeadCat.set(j, i);
  catsH.forEach((name, j) => {
    const i = baseOfHeadCat.get(j);
    pairs.push({ base: i === undefined ? undefined : catsB[i], head: name, rank: j });
  });
  catsB.forEach((name, i) => {
    if (!catMatch.has(i)) pairs.push({ base: name, rank: catRanks.get(i)! });
  });
  pairs.sort((a, b) => a.rank - b.rank);
  const byBase = new Map<string, CategoryPair>();
  const byHead = new Map<string, CategoryPair>();
  for (const p of pairs) {
    if (p.base !== undefined) byBase.set(p.base, p);
    if (p.head !== undefined) byHead.set(p.head, p);
  }
  return { pairs, byBase, byHead };
}

/**
 * Expectations matched in five passes: 1. identical text in the same cell; 2. identical text anywhere
 * else (a move); 3. similar text in the same cell (a rewording); 4. similar text anywhere else (moved
 * and reworded); 5. as many left on each side of a cell, similar enough: edited in place, best first.
 */
function alignExpectations(sides: Sides, levels: LevelAlignment, categories: CategoryAlignment, threshold: number): Match[] {
  const { baseItems, headItems, cellsB, cellsH } = sides;
  const matches: Match[] = [];
  const link = (b: Item, h: Item, s: number): Match => {
    const m: Match = { base: b, head: h, similarity: s };
    b.match = m;
    h.match = m;
    matches.push(m);
    return m;
  };
  /** The head cell a base item would stay in if it did not move. */
  const pairedCell = (b: Item): string | undefined => {
    const lp = levels.byBase.get(b.slot);
    const cp = categories.byBase.get(b.category);
    return lp?.head && cp?.head !== undefined ? cellKey(lp.head.index, cp.head) : undefined;
  };
  const rankB = (b: Item) => levels.byBase.get(b.slot)!.rank;
  const rankH = (h: Item) => levels.byHead.get(h.slot)!.rank;
  const sameCell = (b: Item, h: Item) => pairedCell(b) === cellKey(h.slot, h.category);
  const moveCost = (b: Item, h: Item): number => (levels.byBase.get(b.slot) === levels.byHead.get(h.slot) ? 0 : 1000) + Math.abs(rankB(b) - rankH(h));

  const cellPairs: Array<[Item[], Item[]]> = [];
  for (const bs of cellsB.values()) {
    const target = pairedCell(bs[0]!);
    const hs = target === undefined ? undefined : cellsH.get(target);
    if (hs) cellPairs.push([bs, hs]);
  }
  // 1.
  for (const [bs, hs] of cellPairs) {
    for (const h of hs) {
      const b = bs.find((x) => !x.match && x.exp.text === h.exp.text);
      if (b) link(b, h, 1);
    }
  }
  // 1b. The same words cut into sentences or items differently: formatting, as switching shapes is.
  const join = (b: Item, h: Item, rest: Item[]) => {
    const m = link(b, h, 1);
    m.resegmented = rest;
    for (const x of rest) x.match = m;
  };
  for (const [bs, hs] of cellPairs) resegment(bs, hs, join);
  // 2.
  const unmatchedByText = groupBy(baseItems.filter((b) => !b.match), (b) => b.exp.text);
  for (const h of headItems) {
    if (h.match) continue;
    const candidates = (unmatchedByText.get(h.exp.text) ?? []).filter((b) => !b.match);
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => moveCost(a, h) - moveCost(b, h) || a.order - b.order);
    link(candidates[0]!, h, 1);
  }
  // 3.
  for (const [bs, hs] of cellPairs) greedy(bs.filter((b) => !b.match), hs.filter((h) => !h.match), threshold, () => 0, link);
  // 4.
  greedy(
    baseItems.filter((b) => !b.match),
    headItems.filter((h) => !h.match),
    threshold,
    (b, h) => (sameCell(b, h) ? -1 : moveCost(b, h)),
    link,
  );
  // 5.
  for (const [bs, hs] of cellPairs) {
    const b = bs.filter((x) => !x.match);
    const h = hs.filter((x) => !x.match);
    if (b.length === 0 || b.length !== h.length) continue;
    greedy(b, h, Math.min(SOLE_THRESHOLD, threshold), () => 0, link);
  }
  return matches;
}

/**
 * Within one cell pair: an unmatched item whose text is two or more adjacent unmatched items of the
 * other side joined, white space aside (a bullet of two sentences that a table cell reads as two).
 * `join` gets the pair that leads the match (the run's first item and the single one) and the run's
 * other items, which share it (`resegmented`).
 */
function resegment(bs: Item[], hs: Item[], join: (b: Item, h: Item, rest: Item[]) => void): void {
  const open = (side: Item[]) => side.filter((x) => !x.match).length;
  const openB = open(bs);
  const openH = open(hs);
  // A run is two items or more: one side needs one unmatched item, the other two.
  if (openB === 0 || openH === 0 || (openB < 2 && openH < 2)) return;
  // Compared without white space: a sentence cut where no space follows its full stop ("level).Often")
  // is still the same words.
  const bare = new Map<Item, string>();
  const bareOf = (i: Item) => {
    let t = bare.get(i);
    if (t === undefined) bare.set(i, (t = i.exp.text.replace(/\s+/g, '')));
    return t;
  };
  const find = (text: string, side: Item[]): Item[] | undefined => {
    for (let start = 0; start < side.length - 1; start++) {
      if (side[start]!.match) continue;
      let joined = bareOf(side[start]!);
      if (joined.length >= text.length || !text.startsWith(joined)) continue;
      for (let end = start + 1; end < side.length && !side[end]!.match && joined.length < text.length; end++) {
        joined += bareOf(side[end]!);
        if (joined === text) return side.slice(start, end + 1);
        if (!text.startsWith(joined)) break;
      }
    }
    return undefined;
  };
  if (openB >= 2) {
    for (const h of hs) {
      if (h.match) continue;
      const run = find(bareOf(h), bs);
      if (run) join(run[0]!, h, run.slice(1));
    }
  }
  if (openH >= 2) {
    for (const b of bs) {
      if (b.match) continue;
      const run = find(bareOf(b), hs);
      if (run) join(b, run[0]!, run.slice(1));
    }
  }
}

function cellKey(slot: number, category: string): string {
  return `${slot}\u0000${category}`;
}

/**
 * A side's expectations as items in document order, grouped by cell and by level slot as groupBy
 * would group them (lists in first-seen order, none for a cell without expectations), each cell's
 * key made once rather than once per item.
 */
function itemsOf(ladder: Ladder | undefined, side: 'base' | 'head', toWords: (text: string) => string[]): { items: Item[]; cells: Map<string, Item[]>; bySlot: Map<number, Item[]> } {
  const items: Item[] = [];
  const cells = new Map<string, Item[]>();
  const bySlot = new Map<number, Item[]>();
  const add = (slot: number, cell: Cell) => {
    if (cell.expectations.length === 0) return;
    const key = cellKey(slot, cell.category);
    let inCell = cells.get(key);
    if (!inCell) cells.set(key, (inCell = []));
    let inSlot = bySlot.get(slot);
    if (!inSlot) bySlot.set(slot, (inSlot = []));
    for (const e of cell.expectations) {
      const item = new LazyItem(side, slot, cell.category, e, items.length, toWords);
      items.push(item);
      inCell.push(item);
      inSlot.push(item);
    }
  };
  if (ladder) {
    for (const cell of ladder.shared) add(SHARED, cell);
    ladder.levels.forEach((level, i) => {
      for (const cell of level.cells) add(i, cell);
    });
  }
  return { items, cells, bySlot };
}

/**
 * An item whose words are computed on first use: only texts without an identical partner need them.
 * A class, not a getter defined per object: a diff makes one item per expectation of both sides.
 */
class LazyItem implements Item {
  match?: Match;
  #words: string[] | undefined;
  constructor(
    readonly side: 'base' | 'head',
    readonly slot: number,
    readonly category: string,
    readonly exp: Expectation,
    readonly order: number,
    private readonly toWords: (text: string) => string[],
  ) {}
  get words(): string[] {
    return (this.#words ??= this.toWords(this.exp.text));
  }
}

/**
 * Categories that hold at least one expectation: declared order first, then document order. A name
 * declared in the frontmatter but used nowhere is no part of the ladder, so dropping it changes nothing.
 */
function categoriesOf(ladder: Ladder, items: Item[]): string[] {
  const used = new Set<string>();
  for (const i of items) used.add(i.category);
  // Declared names, then cell names in document order, each once: only those holding an expectation.
  const out = new Set<string>();
  for (const c of ladder.categories) if (used.has(c)) out.add(c);
  for (const cell of ladder.shared) if (used.has(cell.category)) out.add(cell.category);
  for (const level of ladder.levels) for (const cell of level.cells) if (used.has(cell.category)) out.add(cell.category);
  return [...out];
}


/**
 * Pairs indices 0..nb-1 with 0..nh-1: each stage pairs, in order, the first still-free partners it
 * accepts; then the remaining pairs are ranked by `score` (≥ CONTENT_THRESHOLD) and taken greedily.
 */
function matchInStages(
  nb: number,
  nh: number,
  stages: Array<(i: number, j: number) => boolean>,
  score: (i: number, j: number) => number,
): Map<number, number> {
  const out = new Map<number, number>();
  const taken = new Set<number>();
  for (const accept of stages) {
    for (let i = 0; i < nb; i++) {
      if (out.has(i)) continue;
      for (let j = 0; j < nh; j++) {
        if (!taken.has(j) && accept(i, j)) {
          out.set(i, j);
          taken.add(j);
          break;
        }
      }
    }
  }
  const candidates: Array<[number, number, number]> = [];
  for (let i = 0; i < nb; i++) {
    if (out.has(i)) continue;
    for (let j = 0; j < nh; j++) {
      if (taken.has(j)) continue;
      const s = score(i, j);
      if (s >= CONTENT_THRESHOLD) candidates.push([i, j, s]);
    }
  }
  candidates.sort((a, b) => b[2] - a[2] || Math.abs(a[0] - a[1]) - Math.abs(b[0] - b[1]) || a[0] - b[0] || a[1] - b[1]);
  for (const [i, j] of candidates) {
    if (out.has(i) || taken.has(j)) continue;
    out.set(i, j);
    taken.add(j);
  }
  return out;
}

/** Rank of each base index in head order; an unmatched one sits just after its nearest matched predecessor. */
function mergeRanks(nb: number, match: Map<number, number>): Map<number, number> {
  const ranks = new Map<number, number>();
  let prev = -1;
  let gap = 0;
  for (let i = 0; i < nb; i++) {
    const j = match.get(i);
    if (j !== undefined) {
      ranks.set(i, j);
      prev = j;
      gap = 0;
    } else {
      gap++;
      ranks.set(i, prev + gap / (nb + 1));
    }
  }
  return ranks;
}

/** Base indices of matched pairs outside a longest run kept in order: the fewest levels that moved. */
function outOfOrder(match: Map<number, number>): Set<number> {
  const pairs = [...match].sort((a, b) => a[0] - b[0]);
  const seq = pairs.map(([, j]) => j);
  // Patience sorting with back-pointers: O(n log n) longest increasing subsequence.
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  for (let k = 0; k < seq.length; k++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[k]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const keep = new Set<number>();
  for (let k = tails[tails.length - 1] ?? -1; k >= 0; k = prev[k]!) keep.add(k);
  const out = new Set<number>();
  pairs.forEach(([i], k) => {
    if (!keep.has(k)) out.add(i);
  });
  return out;
}

/**
 * Share of two lists of expectations that carry over (identical, or reworded above the threshold):
 * 2·matched / (|a| + |b|). Used to recognise a renamed level or category by its content.
 */
function listSimilarity(a: Item[], b: Item[], threshold: number): number {
  if (a.length === 0 || b.length === 0) return 0;
  const restA: Item[] = [];
  const pool = groupBy(b, (x) => x.exp.text);
  let matched = 0;
  for (const x of a) {
    const same = pool.get(x.exp.text);
    if (same && same.length > 0) {
      same.pop();
      matched++;
    } else restA.push(x);
  }
  const restB = [...pool.values()].flat();
  greedy(restA, restB, threshold, () => 0, () => matched++);
  return (2 * matched) / (a.length + b.length);
}

/** Each word list sorted once: the same lists (cached per text by the callers) meet in many alignments. */
const sortedLists = new WeakMap<readonly string[], readonly string[]>();
function sortedWords(list: readonly string[]): readonly string[] {
  let s = sortedLists.get(list);
  if (!s) sortedLists.set(list, (s = [...list].sort()));
  return s;
}

/** Each distinct word of a sorted list, with how many times it stands there. */
function eachRun(sorted: readonly string[], fn: (word: string, times: number) => void): void {
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    fn(sorted[i]!, j - i);
    i = j;
  }
}

/** All pairs at or above the threshold, best first (then by `tie`, then document order), taken greedily. */
function greedy(
  bs: Item[],
  hs: Item[],
  threshold: number,
  tie: (b: Item, h: Item) => number,
  take: (b: Item, h: Item, s: number) => void,
): void {
  if (bs.length === 0 || hs.length === 0) return;
  const candidates: Array<{ b: Item; h: Item; s: number; t: number }> = [];
  // Every pair is bounded first by its shared words (sortedOverlap's 2·common / (|b| + |h|)); only a
  // pair whose bound reaches the threshold is diffed.
  const consider = (b: Item, h: Item, bound: number) => {
    if (bound < threshold) return;
    const s = similarity(b.words, h.words, threshold, bound);
    if (s >= threshold && s > 0) candidates.push({ b, h, s, t: tie(b, h) });
  };
  if (threshold <= 0 || bs.length * hs.length <= 16) {
    const [sb, sh] = [bs.map((i) => sortedWords(i.words)), hs.map((i) => sortedWords(i.words))];
    for (const [x, b] of bs.entries()) for (const [y, h] of hs.entries()) consider(b, h, sortedOverlap(sb[x]!, sh[y]!));
  } else {
    // Many pairs (a cumulative level comparison has thousands, most sharing no word but "and"): the
    // shared words are counted through an index of the base items' words, so a pair sharing none
    // costs nothing. Its count is the merge's: each word min(times in b, times in h).
    const index = new Map<string, number[]>(); // word → base index, times, base index, times…
    const empty: Item[] = [];
    for (const [x, b] of bs.entries()) {
      const w = sortedWords(b.words);
      if (w.length === 0) empty.push(b);
      eachRun(w, (word, times) => {
        const list = index.get(word);
        if (list) list.push(x, times);
        else index.set(word, [x, times]);
      });
    }
    const common = new Int32Array(bs.length);
    const met: number[] = [];
    for (const h of hs) {
      const w = sortedWords(h.words);
      // Two texts without words are alike (sortedOverlap's 1), whatever else is true.
      if (w.length === 0) for (const b of empty) consider(b, h, 1);
      eachRun(w, (word, times) => {
        const list = index.get(word);
        if (!list) return;
        for (let k = 0; k < list.length; k += 2) {
          const x = list[k]!;
          if (common[x] === 0) met.push(x);
          common[x] = common[x]! + Math.min(list[k + 1]!, times);
        }
      });
      for (const x of met) {
        const b = bs[x]!;
        consider(b, h, (2 * common[x]!) / (b.words.length + w.length));
        common[x] = 0;
      }
      met.length = 0;
    }
  }
  candidates.sort((x, y) => y.s - x.s || x.t - y.t || x.b.order - y.b.order || x.h.order - y.h.order);
  const usedB = new Set<Item>();
  const usedH = new Set<Item>();
  for (const c of candidates) {
    if (usedB.has(c.b) || usedH.has(c.h)) continue;
    usedB.add(c.b);
    usedH.add(c.h);
    take(c.b, c.h, c.s);
  }
}
