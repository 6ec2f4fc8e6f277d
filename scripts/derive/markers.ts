import { createHash } from 'node:crypto';
import type { Cell } from '../model/ladder.js';
import { expectationKey } from '../rules/text.js';

/** What a derived ladder's cell does to its parent's cell of the same category. */
export type CellOp = 'override' | 'add' | 'remove';

export interface Marker {
  /** The category name without the marker. */
  category: string;
  /** Absent: a cell written without a marker (a new category adds; an existing one is overridden). */
  op?: CellOp;
  /** `(override 1a2b3c4d)`: the parent cell's hash when the override was written (see cellHash). */
  basedOn?: string;
}

// `Collaboration (override 1a2b3c4d)`, `Execution (add)`, `Leadership (remove)`: a suffix on the category
// label survives every shape (heading, table cell, label) and `ladder fmt`, and reads as plain English.
const MARKER = /^(.*?)\s*\(\s*(override|add|remove)(?:\s+([0-9a-f]{4,64}))?\s*\)\s*$/i;

export function readMarker(category: string): Marker {
  const m = MARKER.exec(category);
  if (!m || m[1]!.trim() === '') return { category };
  const op = m[2]!.toLowerCase() as CellOp;
  return { category: m[1]!.trim(), op, ...(m[3] ? { basedOn: m[3].toLowerCase() } : {}) };
}

/**
 * The hash an override records of the parent cell it replaces: 8 hex digits of SHA-256 over the
 * cell's expectations, folded as the rules compare them, so reflowing or re-bolding the parent does
 * not make every override stale, but any change of wording does.
 */
export function cellHash(cell: Pick<Cell, 'expectations'>): string {
  const text = cell.expectations.map((e) => expectationKey(e.text)).join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
