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
 * The tree of the CR LF text, from its LF twin's tree (lfTwin): offsets moved past the carriage returns
 * before them and line endings in string values put back. New position objects throughout (a builder
 * may share one between nodes); the nodes themselves are changed in place, so the tree must be the
 * caller's own. test/parse/line-endings.test.ts compares it with micromark's tree of the CR LF text.
 */
export function withCrlf<T extends Root>(tree: T): T {
  const visit = (node: Record<string, unknown>) => {
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (key === 'position') {
        const p = value as { start: Point; end: Point } | undefined;
        if (p) node.position = { start: point(p.start), end: point(p.end) };
      } else if (key === 'children') {
        for (const child of value as Array<Record<string, unknown>>) visit(child);
      } else if (typeof value === 'string' && value.includes('\n')) {
        node[key] = value.replaceAll('\n', '\r\n');
      }
    }
  };
  visit(tree as unknown as Record<string, unknown>);
  return tree;
}
