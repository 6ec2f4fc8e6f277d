import type { Table, TableCell } from 'mdast';
import type { Point } from 'unist';
import { plainPhrasing } from './plain-text.js';

type Row = Table['children'][number];

/**
 * GFM table rows built without micromark, when nothing in them means anything to Markdown: a row that
 * opens and ends with `|`, holds no backslash or tab (so no escaped `|`), and whose cells are each
 * empty or plain (plainPhrasing: plain text, or a plain label in `**` with plain text after it). That
 * is how most ladder tables are written; micromark's tree for them is the cells' trimmed texts at
 * their places, which is what these build, key for key (test/parse/plain-table.test.ts compares them
 * with micromark's on random rows). Anything else is undefined, and micromark reads it as before.
 */

/** Where a row's cells lie: the `|` opening each and its trimmed text's start and end (the last `|` excluded). */
export interface Cells {
  pipes: number[];
  starts: number[];
  ends: number[];
}

export function cellsOf(line: string): Cells | undefined {
  if (line.length < 2 || line.charCodeAt(0) !== 124 || line.charCodeAt(line.length - 1) !== 124 || line.includes('\\') || line.includes('\t')) return undefined;
  const pipes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = 0; at < line.length - 1; ) {
    const next = line.indexOf('|', at + 1);
    let s = at + 1;
    let e = next;
    while (s < e && line.charCodeAt(s) === 32) s++;
    while (e > s && line.charCodeAt(e - 1) === 32) e--;
    pipes.push(at);
    starts.push(s);
    ends.push(e);
    at = next;
  }
  return { pipes, starts, ends };
}

/**
 * The row micromark makes of `line` (number `line`, at `offset` in the text parsed) in a table of
 * `columns` columns, when every cell is plain and there are exactly that many.
 */
export function plainRow(text: string, line: number, offset: number, columns: number): Row | undefined {
  const cells = cellsOf(text);
  if (!cells || cells.pipes.length !== columns) return undefined;
  const at = (x: number): Point => ({ line, column: x + 1, offset: offset + x });
  const children: TableCell[] = [];
  for (let i = 0; i < columns; i++) {
    const s = cells.starts[i]!;
    const e = cells.ends[i]!;
    const inner = plainPhrasing(text.slice(s, e), at, s, e, true);
    if (!inner) return undefined;
    children.push({ type: 'tableCell', children: inner, position: { start: at(cells.pipes[i]!), end: at(i + 1 < columns ? cells.pipes[i + 1]! : text.length) } });
  }
  return { type: 'tableRow', children, position: { start: at(0), end: at(text.length) } };
}

const DELIMITER = /^(:?)-+(:?)$/;

/**
 * A table's head (its first two lines, at the start of the text parsed), when its header row is plain
 * and its delimiter row has one `---`, `:--`, `--:` or `:-:` cell per header cell.
 */
export function plainHead(header: string, delimiter: string): { align: Table['align']; header: Row } | undefined {
  const marks = cellsOf(delimiter);
  if (!marks) return undefined;
  const align: Table['align'] = [];
  for (let i = 0; i < marks.pipes.length; i++) {
    const m = DELIMITER.exec(delimiter.slice(marks.starts[i], marks.ends[i]));
    if (!m) return undefined;
    align.push(m[1] ? (m[2] ? 'center' : 'left') : m[2] ? 'right' : null);
  }
  const row = plainRow(header, 1, 0, marks.pipes.length);
  return row && { align, header: row };
}
