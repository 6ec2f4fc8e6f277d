import type { Ladder, Position } from '../model/ladder.js';
import { cells, nameKey, usedCategories } from './text.js';

/**
 * What cross-ladder rules read of the other ladders: the id, where the ladder starts, and the
 * categories its levels use with where each is first used. Small and plain (JSON), so `validate
 * <file>` can take it from a cache keyed by blob id instead of parsing every sibling again.
 */
export interface Sibling {
  id: string;
  file: string;
  position: Position;
  /** Categories the levels use, in usedCategories order, each with its first cell's position. */
  used: ReadonlyArray<{ name: string; position: Position }>;
  /** The frontmatter `translationOf` (when a string): translationPin() reads a sibling as it reads a ladder. */
  meta: { translationOf?: string };
  /** The ladders it derives from, nearest first (resolved), or its frontmatter `extends` (a summary of the file as written). */
  derivedFrom?: string[];
}

const parsed = new WeakMap<Sibling, Ladder>();

/** The whole ladder behind a summary, when it was parsed in this run (translation rules need their source). */
export function ladderOf(sibling: Sibling): Ladder | undefined {
  return parsed.get(sibling);
}

const summaries = new WeakMap<Ladder, Sibling>();

/** A ladder as its siblings' rules see it (memoized: every checked file asks for every other one). */
export function siblingOf(ladder: Ladder): Sibling {
  let s = summaries.get(ladder);
  if (!s) {
    summaries.set(ladder, (s = siblingSummary(ladder)));
    parsed.set(s, ladder);
  }
  return s;
}

/**
 * The summary alone, not remembered as this ladder's: for a ladder parsed only to be summarized (its
 * expectations counted, not read), which ladderOf() must never hand to a rule as the whole ladder.
 */
export function siblingSummary(ladder: Ladder): Sibling {
  const first = new Map<string, Position>();
  for (const { cell } of cells(ladder)) {
    const key = nameKey(cell.category);
    if (!first.has(key)) first.set(key, cell.position);
  }
  const used = usedCategories(ladder).map((name) => ({ name, position: first.get(nameKey(name)) ?? ladder.position }));
  const derivedFrom = ladder.derivedFrom ?? (typeof ladder.meta.extends === 'string' ? [ladder.meta.extends] : undefined);
  return { id: ladder.id, file: ladder.file, position: ladder.position, used, meta: siblingMeta(ladder.meta), ...(derivedFrom ? { derivedFrom } : {}) };
}

/** The frontmatter a summary keeps: `translationOf`, when a string. */
export function siblingMeta(meta: { readonly translationOf?: unknown }): Sibling['meta'] {
  const translationOf = meta.translationOf;
  return typeof translationOf === 'string' ? { translationOf } : {};
}

/** The deferred siblings: what reading each one's categories costs (its bytes), until it is read. */
const unread = new WeakMap<Sibling, number>();

/**
 * A sibling known by its head (id, frontmatter) whose categories and position are read on first use:
 * `validate <file>` with no cache need not parse every other ladder when sibling-category decides from
 * some of them. `read` parses the file (once); undefined from it (no ladder after all) reads as a
 * ladder that uses no category, at its first line.
 */
export function deferredSibling(head: Pick<Sibling, 'id' | 'file' | 'meta'>, cost: number, read: () => Sibling | undefined): Sibling {
  let whole: Sibling | undefined;
  const get = () => {
    if (unread.delete(sibling)) whole = read();
    return whole;
  };
  const sibling: Sibling = {
    ...head,
    get position() {
      return get()?.position ?? { line: 1, column: 1 };
    },
    get used() {
      return get()?.used ?? [];
    },
  };
  unread.set(sibling, cost);
  return sibling;
}

/** What reading a sibling's categories still costs: 0 once they are known. */
export function unreadCost(sibling: Sibling): number {
  return unread.get(sibling) ?? 0;
}

export function isLadder(x: Ladder | Sibling): x is Ladder {
  return 'levels' in x;
}
