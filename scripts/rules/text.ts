import type { Cell, Ladder, Level } from '../model/ladder.js';

const keys = new Map<string, string>();
const ASCII = /^[\x00-\x7f]*$/;

/** A comparison key for names: case, width and whitespace folded so `Technical  Quality` and `technical quality` compare equal. */
export function nameKey(text: string): string {
  // Memoized: sibling rules fold every other ladder's names for each ladder, and ICU lowercasing is slow.
  let out = keys.get(text);
  if (out === undefined) {
    // ASCII is its own NFKC form and lowercases alike in every locale but Turkish: no ICU call.
    out = (ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKC').toLocaleLowerCase('en')).replace(/\s+/g, ' ').trim();
    if (keys.size >= 100_000) keys.clear();
    keys.set(text, out);
  }
  return out;
}

/** Expectation text for equality: folded, without trailing punctuation or list markers. */
export function expectationKey(text: string): string {
  return nameKey(text).replace(/^[-*•]\s+/, '').replace(/[\s.;:,!]+$/u, '');
}

/** True when the text carries words, not only dashes, dots or symbols ("—", "n/a" counts as words). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

const MAX_QUOTED = 60;

/** A value quoted for a message: backticks, shortened, inner backticks replaced. */
export function q(value: unknown): string {
  let text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  text = text.replace(/\s+/g, ' ').replace(/`/g, "'");
  // No longer in code points than in code units: most values are short, and spread only when they may not be.
  if (text.length > MAX_QUOTED && [...text].length > MAX_QUOTED) text = `${[...text].slice(0, MAX_QUOTED - 1).join('')}…`;
  return `\`${text}\``;
}

/** `a`, `b` and `c`; past `max` items, "and N more". */
export function qList(values: readonly unknown[], max = 6, conjunction: 'and' | 'or' = 'and'): string {
  if (values.length > max) return `${values.slice(0, max - 1).map(q).join(', ')} ${conjunction} ${values.length - max + 1} more`;
  const quoted = values.map(q);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}

export function levelName(level: Level): string {
  return q(level.title || level.key);
}

/** Every cell of the ladder with its level, in source order. */
export function* cells(ladder: Ladder): Generator<{ level: Level; cell: Cell }> {
  for (const level of ladder.levels) for (const cell of level.cells) yield { level, cell };
}

const usedByLadder = new WeakMap<Ladder, readonly string[]>();

/**
 * Categories the levels actually use, in the ladder's category order, then first appearance.
 * Memoized per (immutable) ladder: sibling rules ask for every other ladder's, once per ladder.
 */
export function usedCategories(ladder: Ladder): readonly string[] {
  let used = usedByLadder.get(ladder);
  if (!used) usedByLadder.set(ladder, (used = computeUsedCategories(ladder)));
  return used;
}

function computeUsedCategories(ladder: Ladder): string[] {
  const seen = new Map<string, string>();
  for (const name of ladder.categories) seen.set(nameKey(name), name);
  const used = new Set<string>();
  const order: string[] = [];
  for (const { cell } of cells(ladder)) {
    const key = nameKey(cell.category);
    if (!seen.has(key)) seen.set(key, cell.category);
    if (!used.has(key)) used.add(key);
  }
  for (const [key, name] of seen) if (used.has(key)) order.push(name);
  return order;
}

/** Levenshtein distance, capped: only "is it a likely typo" matters. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest candidate when it is plausibly a typo of `value`. */
export function suggest(value: string, candidates: readonly string[]): string | undefined {
  const target = nameKey(value);
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(target, nameKey(name));
    if (distance <= Math.max(1, Math.min(2, Math.floor(target.length / 4))) && (!best || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

/** The levels of each track, in file order: rules that compare levels compare them within one level set. */
export function levelSets(ladder: Ladder): Level[][] {
  return ladder.tracks.map((t) => ladder.levels.filter((l) => l.track === t.key)).filter((set) => set.length > 0);
}

const typosByLadder = new WeakMap<Ladder, ReadonlyMap<Cell, string>>();

/**
 * Cells whose category one level alone uses and that is a likely misspelling of a category the other
 * levels of its track use (`Colaboration` beside `Collaboration`): cell → the intended name.
 * Declared categories are unknown-category's to check.
 */
export function categoryTypos(ladder: Ladder): ReadonlyMap<Cell, string> {
  let out = typosByLadder.get(ladder);
  if (out) return out;
  const found = new Map<Cell, string>();
  if (!(Array.isArray(ladder.meta.categories) && ladder.meta.categories.length > 0)) {
    for (const set of levelSets(ladder)) {
      const users = new Map<string, { name: string; levels: number }>();
      for (const level of set) {
        for (const key of new Set(level.cells.map((c) => nameKey(c.category)))) {
          const entry = users.get(key) ?? { name: level.cells.find((c) => nameKey(c.category) === key)!.category, levels: 0 };
          entry.levels++;
          users.set(key, entry);
        }
      }
      const common = [...users.values()].filter((u) => u.levels >= 2).map((u) => u.name);
      for (const level of set) {
        for (const cell of level.cells) {
          if ((users.get(nameKey(cell.category))?.levels ?? 0) !== 1) continue;
          const guess = suggest(cell.category, common.filter((n) => !level.cells.some((c) => nameKey(c.category) === nameKey(n))));
          if (guess) found.set(cell, guess);
        }
      }
    }
  }
  typosByLadder.set(ladder, (out = found));
  return out;
}
