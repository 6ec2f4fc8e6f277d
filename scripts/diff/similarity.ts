import { diffWords } from 'diff';

/**
 * Word-level similarity of two expectation texts, for telling a rewording from a rewrite.
 *
 * similarity = 2·LCS(words) / (|a| + |b|), i.e. 1 − (word insertions + deletions) / (|a| + |b|).
 * Tuned on the fixtures and on every consecutive pair of the real histories in shared/data/history
 * (test/diff/history.test.ts): there, the pairs a human reads as the same expectation edited (typo
 * fixes, "RFCs" → "proposals", a clause added) score 0.63–0.96, while different expectations in
 * the same cell, written in the same voice, score at most 0.50 (0.32, 0.35, 0.44, 0.47, 0.48, 0.50);
 * the large-rewrite fixture scores 0.48. 0.6 sits in that gap, nearer the rewordings so that a
 * doubtful pair comes out as remove + add (shown in full) rather than as a far-fetched rewording.
 */
export const REWORD_THRESHOLD = 0.6;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Lower-cased words; punctuation, emphasis and spacing never count. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** 2·|multiset intersection| / (|a|+|b|): a cheap upper bound of `similarity`, to skip hopeless pairs. */
export function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length + b.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of b) {
    const n = counts.get(w);
    if (n) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** `overlap` of two word lists each sorted (code-unit order): a merge, with nothing allocated. */
export function sortedOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length + b.length === 0) return 1;
  let common = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/**
 * Word-level similarity in [0, 1]. With `atLeast`, returns 0 as soon as the score cannot reach it
 * (jsdiff's maxEditLength stops the search early), which keeps all-pairs matching cheap. `bound`: the
 * pair's `overlap` when the caller has it already.
 */
export function similarity(a: readonly string[], b: readonly string[], atLeast = 0, bound?: number): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  if ((bound ?? overlap(a, b)) < atLeast) return 0;
  const common = lcsLength(a, b);
  // A shortest edit script (jsdiff's, which this used to call with maxEditLength) keeps a longest common
  // subsequence and inserts and deletes the rest: past the bound, the score is 0 as it was.
  if (total - 2 * common > Math.floor(total * (1 - atLeast))) return 0;
  const score = (2 * common) / total;
  return score >= atLeast ? score : 0;
}

let row = new Int32Array(64);

/**
 * The length of a longest common subsequence of two word lists. Only the length is needed, so a row of
 * the textbook table does, with nothing allocated: a page's level comparisons weigh thousands of pairs
 * of unrelated texts, where Myers's search (jsdiff) allocates a path object per step of a long edit.
 */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const trimmed = start + (a.length - endA);
  const m = endB - start;
  if (endA === start || m === 0) return trimmed;
  if (row.length <= m) row = new Int32Array(2 * m + 2);
  row.fill(0, 0, m + 1);
  for (let i = start; i < endA; i++) {
    const w = a[i];
    let diagonal = 0;
    for (let j = 1; j <= m; j++) {
      const above = row[j]!;
      row[j] = w === b[start + j - 1] ? diagonal + 1 : above > row[j - 1]! ? above : row[j - 1]!;
      diagonal = above;
    }
  }
  return trimmed + row[m]!;
}

export interface Segment {
  type: 'same' | 'added' | 'removed';
  text: string;
}

/** Word-level highlight of a rewording: what stayed, what was removed, what was added. */
export function highlight(before: string, after: string): Segment[] {
  const out: Segment[] = [];
  for (const part of diffWords(before, after)) {
    const type = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const last = out[out.length - 1];
    if (last && last.type === type) last.text += part.value;
    else out.push({ type, text: part.value });
  }
  return out;
}
