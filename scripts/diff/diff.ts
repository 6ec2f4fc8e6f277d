import type { Ladder } from '../model/ladder.js';
import { alignLadder, type LadderAlignment } from './align.js';
import { judge } from './changes.js';
import { defaultLexiconCompiled } from './classify/classify.js';
import { slotWords, type Lexicon } from './classify/signals.js';
import { maxBump, type BumpPolicy } from './policy.js';
import type { DiffResult, LadderDiff, LadderStatus } from './types.js';

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
}

export interface LadderComparison {
  diff: LadderDiff;
  alignment: LadderAlignment;
}

/** Semantic diff of two versions of one ladder (either may be absent: added or removed). */
export function diffLadder(base: Ladder | undefined, head: Ladder | undefined, policy: BumpPolicy = {}, threshold?: number, lexicon?: Lexicon): LadderDiff {
  return compareLadder(base, head, policy, threshold, lexicon).diff;
}

export function compareLadder(base: Ladder | undefined, head: Ladder | undefined, policy: BumpPolicy = {}, threshold?: number, lexicon?: Lexicon): LadderComparison {
  if (!base && !head) throw new TypeError('compareLadder needs a base or a head ladder');
  const lex = lexicon ?? defaultLexiconCompiled();
  const alignment = alignLadder(base, head, { threshold, words: (text) => slotWords(text, lex) });
  const changes = judge(alignment, policy, lex);
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
    changes,
  };
  return { diff, alignment };
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

  const comparisons = pairs.map(([b, h]) => compareLadder(b, h, opts.policy, opts.threshold, opts.lexicon));
  comparisons.sort((x, y) => cmp(x.diff.id, y.diff.id) || cmp(x.diff.fromId ?? '', y.diff.fromId ?? '') || cmp(x.diff.status, y.diff.status));
  const ladders = comparisons.map((c) => c.diff);
  return {
    result: { base: opts.base ?? 'base', head: opts.head ?? 'head', bump: maxBump(ladders.map((l) => l.bump)), ladders },
    comparisons,
  };
}

export function diffLadders(baseSet: readonly Ladder[], headSet: readonly Ladder[], opts: DiffOptions = {}): DiffResult {
  return compareLadders(baseSet, headSet, opts).result;
}

/** Code-point order: locale-independent, so output is identical on every machine. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
