import type { Root } from 'mdast';

/**
 * Files saved on Windows end their lines with CR LF. micromark reads `\r\n` as one line ending, so such
 * a file has the tree of its LF twin, except for what counts characters: every offset is one larger per
 * line ending before it, and every line ending a node's value keeps (text, HTML, code, frontmatter,
 * titles) is `\r\n`. The readers that build trees without micromark (plain blocks, plain rows, HTML
 * blocks) and the frontmatter's quick read take no carriage return; without this, a CRLF repository
 * paid micromark for every file it read once (3 s for `validate <file>` + `diff` on 100 ladders).
 */

/**
 * The text with every CR LF as LF, when every line of it ends so (no lone CR, no bare LF) and no
 * character reference could stand for a line break (`&#10;`, `&NewLine;`: the one in the LF twin's
 * values must stay as it is). Undefined otherwise: the caller parses the text as it is.
 */
export function lfTwin(source: string): string | undefined {
  if (!source.includes('\r\n') || /&#|&newline;/i.test(source)) return undefined;
  const lf = source.replaceAll('\r\n', '\n');
  if (lf.includes('\r')) return undefined;
  // Every LF of the twin stood for a CR LF: as many as the characters removed.
  let lfs = 0;
  for (let i = lf.indexOf('\n'); i >= 0; i = lf.indexOf('\n', i + 1)) lfs++;
  return lfs === source.length - lf.length ? lf : undefined;
}

type Point = { line: number; column: number; offset?: number };

function point(p: Point): Point {
  return p.offset === undefined ? { ...p } : { ...p, offset: p.offset + p.line - 1 };
}

/**
 * The tree of the CR LF text, from its LF twin's tree (lfTwin): a copy of every node, its offsets moved
 * past the carriage returns before them and the line endings in its string values put back. The twin's
 * tree is left as it was (a builder may keep its nodes for the next twin); values other than strings,
 * positions and children (a table's `align`) are shared, as nothing changes them.
 * test/parse/line-endings.test.ts compares the copy with micromark's tree of the CR LF text.
 */
export function withCrlf<T extends Root>(tree: T): T {
  const copy = (node: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (key === 'position') {
        const p = value as { start: Point; end: Point } | undefined;
        out.position = p && { start: point(p.start), end: point(p.end) };
      } else if (key === 'children') {
        out.children = (value as Array<Record<string, unknown>>).map(copy);
      } else {
        out[key] = typeof value === 'string' && value.includes('\n') ? value.replaceAll('\n', '\r\n') : value;
      }
    }
    return out;
  };
  return copy(tree as unknown as Record<string, unknown>) as unknown as T;
}
