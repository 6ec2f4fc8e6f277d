import { levelsOf, type Ladder, type Track } from '../model/ladder.js';
import { alignLadder, type LadderAlignment } from './align.js';
import { judge } from './changes.js';
import { defaultLexiconCompiled } from './classify/classify.js';
import { slotWordsOf, type Lexicon } from './classify/signals.js';
import { maxBump, type BumpPolicy } from './policy.js';
import { ALL_LEVELS, type Change, type DiffResult, type LadderDiff, type LadderStatus } from './types.js';
import { byCodePoint } from '../model/order.js';
import { markInherited } from './inherited.js';

export interface DiffOptions {
  /** Config `bump`: overrides the default bump per impact. */
  policy?: BumpPolicy;
  /** Files git saw renamed between the revisions (base path → head path), for ladders whose id changed. */
  renames?: Array<{ from: string; to: string }>;
  /** Labels of the two revisions, as printed in the JSON (`"v1.2.0"`, `"WORKTREE"`). */
  base?: string;
  head?: string;
  /** Word-similarity threshold for rewordings (defaults to REWORD_THRESHOLD). */
  threshold?: number;
  /** The classifier's word lists, with config `signals` merged in (defaults to the built-in ones). */
  lexicon?: Lexicon;
  /**
   * Comparisons already made, by the base and head ladder objects, for a caller that compares the
   * same pair again with the same policy, threshold and lexicon (a history walk: a ladder edited by
   * one commit of a release is that commit's pair again in the release's diff). See comparisonMemo.
   */
  memo?: ComparisonMemo;
}

/** Comparisons by base ladder, then head ladder (ABSENT for a side that has none). */
export type ComparisonMemo = WeakMap<object, WeakMap<object, LadderComparison>>;

/** A memo for DiffOptions.memo: one per set of options, held as long as its ladders may come again. */
export function comparisonMemo(): ComparisonMemo {
  return new WeakMap();
}

const ABSENT = {};

export interface LadderComparison {
  diff: LadderDiff;
  /** The first track's alignment (the only one for a ladder with one track). */
  alignment: LadderAlignment;
  /** One alignment per pair of tracks, in head order; `track` is set when the ladder has several. */
  tracks: Array<{ track?: string; alignment: LadderAlignment }>;
}

/** Semantic diff of two versions of one ladder (either may be absent: added or removed). */
export function diffLadder(base: Ladder | undefined, head: Ladder | undefined, policy: BumpPolicy = {}, threshold?: number, lexicon?: Lexicon): LadderDiff {
  return compareLadder(base, head, policy, threshold, lexicon).diff;
}

export function compareLadder(base: Ladder | undefined, head: Ladder | undefined, policy: BumpPolicy = {}, threshold?: number, lexicon?: Lexicon): LadderComparison {
  if (!base && !head) throw new TypeError('compareLadder needs a base or a head ladder');
  if (base !== undefined && base === head) return sameLadder(base, () => compareAll(base, head, policy, threshold, lexicon));
  return compareAll(base, head, policy, threshold, lexicon);
}

/**
 * One ladder object on both sides (a release's diff meets every ladder no commit touched): unchanged,
 * with nothing to align. The alignment, which only a view of the diff reads (its level headings), is
 * made when first asked for. test/diff/identity.test.ts holds this equal to comparing two copies.
 */
function sameLadder(ladder: Ladder, full: () => LadderComparison): LadderComparison {
  let made: LadderComparison | undefined;
  const whole = () => (made ??= full());
  return {
    diff: {
      id: ladder.id,
      title: ladder.title,
      status: 'unchanged',
      bump: maxBump([]),
      file: ladder.file,
      ...(ladder.meta.effective !== undefined ? { effective: ladder.meta.effective } : {}),
      changes: [],
    },
    get alignment() {
      return whole().alignment;
    },
    get tracks() {
      return whole().tracks;
    },
  };
}

function compareAll(base: Ladder | undefined, head: Ladder | undefined, policy: BumpPolicy, threshold: number | undefined, lexicon: Lexicon | undefined): LadderComparison {
  const lex = lexicon ?? defaultLexiconCompiled();
  // Slot words by text: most texts of a walk's diffs were compared before.
  const toWords = slotWordsOf(lex);
  const parts = trackParts(base, head).map((p) => {
    const alignment = alignLadder(p.base, p.head, { threshold, words: toWords });
    const judged = judge(alignment, policy, lex);
    return { track: p.track, alignment, changes: p.track === undefined ? judged : judged.map((c) => (inTrack(c) ? withTrack(c, p.track!) : c)) };
  });
  const alignment = parts[0]!.alignment;
  const changes = parts.flatMap((p) => p.changes);
  const status: LadderStatus = !base
    ? 'added'
    : !head
      ? 'removed'
      : base.id !== head.id
        ? 'renamed'
        : changes.length > 0
          ? 'modified'
          : 'unchanged';
  const diff: LadderDiff = {
    id: (head ?? base)!.id,
    ...(status === 'renamed' ? { fromId: base!.id } : {}),
    title: (head ?? base)!.title,
    status,
    bump: maxBump(changes.map((c) => c.bump)),
    file: (head ?? base)!.file,
    ...(base && head && base.file !== head.file ? { fromFile: base.file } : {}),
    // The head's `effective` date: what the notice period is checked against and the changelog shows.
    ...(head?.meta.effective !== undefined ? { effective: head.meta.effective } : {}),
    changes,
  };
  return { diff, alignment, tracks: parts.map((p) => ({ ...(p.track !== undefined ? { track: p.track } : {}), alignment: p.alignment })) };
}

/** Changes to levels and categories happen in a track; the title, owners, intro, notes and "All levels" belong to the ladder. */
function inTrack(c: Change): boolean {
  return c.kind.startsWith('category-') || (c.level !== undefined && c.level !== ALL_LEVELS);
}

/** The track's title set on a change, right after its bump, so JSON key order stays fixed. */
function withTrack(c: Change, track: string): Change {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    out[k] = v;
    if (k === 'bump') out.track = track;
  }
  return out as unknown as Change;
}

interface TrackPart {
  /** Title of the track the part compares, when the ladder has several (head side; base when removed). */
  track?: string;
  base?: Ladder;
  head?: Ladder;
}

/**
 * A ladder with several tracks is compared track by track: levels are aligned, and moves judged,
 * only within one level set. Ladder-wide fields (title, owners, intro, notes, "All levels") are
 * compared once, with the first pair; the other parts carry one side's copy on both sides.
 */
function trackParts(base: Ladder | undefined, head: Ladder | undefined): TrackPart[] {
  const multi = (base?.tracks.length ?? 0) > 1 || (head?.tracks.length ?? 0) > 1;
  if (!multi || !base || !head) return [{ base, head }];
  const pairs = pairTracks(base, head);
  return pairs.map((p, k) => {
    const sub = (l: Ladder, t: Track | undefined, ref: Ladder): Ladder => ({
      ...l,
      tracks: t ? [t] : [],
      levels: t ? levelsOf(l, t.key) : [],
      ...(k > 0 ? { shared: [], intro: ref.intro, notes: ref.notes, title: ref.title, owners: ref.owners, status: ref.status, id: ref.id } : {}),
    });
    return { track: (p.head ?? p.base)!.title, base: sub(base, p.base, head), head: sub(head, p.head, head) };
  });
}

/** Tracks of two versions paired by key, then by the levels they share (a track renamed or newly named). */
export function pairTracks(base: Ladder, head: Ladder): Array<{ base?: Track; head?: Track }> {
  const out = new Map<Track, Track>();
  const freeB = new Set(base.tracks);
  for (const h of head.tracks) {
    const b = [...freeB].find((x) => x.key === h.key);
    if (b) {
      out.set(h, b);
      freeB.delete(b);
    }
  }
  const names = (l: Ladder, t: Track) => new Set(levelsOf(l, t.key).flatMap((v) => [v.key.toLowerCase(), v.title.toLowerCase()]));
  for (const h of head.tracks) {
    if (out.has(h)) continue;
    const hs = names(head, h);
    let best: { b: Track; score: number } | undefined;
    for (const b of freeB) {
      const bs = names(base, b);
      const common = [...bs].filter((x) => hs.has(x)).length;
      const score = common / Math.max(1, Math.min(bs.size, hs.size));
      if (score >= 0.5 && (!best || score > best.score)) best = { b, score };
    }
    if (best) {
      out.set(h, best.b);
      freeB.delete(best.b);
    }
  }
  return [...head.tracks.map((h) => ({ base: out.get(h), head: h })), ...[...freeB].map((b) => ({ base: b }))];
}

/**
 * Pairs the ladders of two revisions — by id, then by git's rename detection — and diffs each pair.
 * Ladders come out sorted by id.
 */
export function compareLadders(
  baseSet: readonly Ladder[],
  headSet: readonly Ladder[],
  opts: DiffOptions = {},
): { result: DiffResult; comparisons: LadderComparison[] } {
  const pairs: Array<[Ladder | undefined, Ladder | undefined]> = [];
  const headById = new Map(headSet.map((l) => [l.id, l]));
  const freeHead = new Set(headSet);
  const leftBase: Ladder[] = [];
  for (const b of baseSet) {
    const h = headById.get(b.id);
    if (h && freeHead.has(h)) {
      pairs.push([b, h]);
      freeHead.delete(h);
    } else leftBase.push(b);
  }
  const renamedTo = new Map((opts.renames ?? []).map((r) => [r.from, r.to]));
  for (const b of leftBase) {
    const to = renamedTo.get(b.file);
    const h = to === undefined ? undefined : [...freeHead].find((x) => x.file === to);
    if (h) {
      pairs.push([b, h]);
      freeHead.delete(h);
    } else pairs.push([b, undefined]);
  }
  for (const h of freeHead) pairs.push([undefined, h]);

  const comparisons = pairs.map(([b, h]) => (opts.memo ? remembered(opts.memo, b, h, opts) : compareLadder(b, h, opts.policy, opts.threshold, opts.lexicon)));
  comparisons.sort((x, y) => byCodePoint(x.diff.id, y.diff.id) || byCodePoint(x.diff.fromId ?? '', y.diff.fromId ?? '') || byCodePoint(x.diff.status, y.diff.status));
  const ladders = comparisons.map((c) => c.diff);
  markInherited(ladders, baseSet, headSet);
  return {
    result: { base: opts.base ?? 'base', head: opts.head ?? 'head', bump: maxBump(ladders.map((l) => l.bump)), ladders },
    comparisons,
  };
}

/**
 * compareLadder through the memo: the same two ladder objects compare the same. The memo keeps its
 * own copy; each caller gets fresh change objects (markInherited sets `inheritedBy` on them).
 */
function remembered(memo: ComparisonMemo, b: Ladder | undefined, h: Ladder | undefined, opts: DiffOptions): LadderComparison {
  // The same object on both sides costs nothing to compare again: not kept (nor its alignment).
  if (b !== undefined && b === h) return compareLadder(b, h, opts.policy, opts.threshold, opts.lexicon);
  let byHead = memo.get(b ?? ABSENT);
  if (!byHead) memo.set(b ?? ABSENT, (byHead = new WeakMap()));
  let kept = byHead.get(h ?? ABSENT);
  if (!kept) byHead.set(h ?? ABSENT, (kept = compareLadder(b, h, opts.policy, opts.threshold, opts.lexicon)));
  return { ...kept, diff: { ...kept.diff, changes: kept.diff.changes.map((c) => ({ ...c })) } };
}

export function diffLadders(baseSet: readonly Ladder[], headSet: readonly Ladder[], opts: DiffOptions = {}): DiffResult {
  return compareLadders(baseSet, headSet, opts).result;
}

