import type { List, ListItem, Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { isPlainInline, isPlainText, plainPhrasing } from './plain-text.js';

/**
 * A section of plain blocks built without micromark: what most of a ladder is between its tables.
 * The section may hold, each line in column 1:
 * - YAML frontmatter between `---` lines, when `front` (the section starts the file);
 * - ATX headings (`#` to `######`, one space, plain text, which may start with a digit);
 * - paragraphs of plain lines (isPlainText);
 * - tight lists of one-line items (`-`, `*` or `+`, one space, plainPhrasing content), ended by a
 *   blank line and not followed by another list of the same marker (which would make them one loose list);
 * - empty lines between them.
 * Anything else (indentation, a line of spaces, a line Markdown could read otherwise) is undefined,
 * and micromark reads the section as before. The tree is micromark's key for key, positions included
 * (test/parse/plain-blocks.test.ts compares them on random sections).
 */
export function plainBlocks(text: string, front: boolean): Root | undefined {
  if (text.includes('\r') || text.includes('\t') || text.includes('\0')) return undefined;
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let i = 0, o = 0; i < lines.length; o += lines[i]!.length + 1, i++) starts.push(o);
  const at = (i: number) => (x: number): Point => ({ line: i + 1, column: x + 1, offset: starts[i]! + x });
  const children: RootContent[] = [];
  let i = 0;
  if (front && lines[0] === '---') {
    const close = lines.indexOf('---', 1);
    if (close < 0) return undefined;
    children.push({ type: 'yaml', value: lines.slice(1, close).join('\n'), position: { start: at(0)(0), end: at(close)(3) } });
    i = close + 1;
  }
  let list: { marker: string; node: List } | undefined;
  // The marker of the list the last blank lines ended: another list with it would join the same list.
  let ended: string | undefined;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line === '') {
      if (list) ended = list.marker;
      list = undefined;
      i++;
      continue;
    }
    const item = /^([-*+]) /.exec(line);
    if (item) {
      const marker = item[1]!;
      if (ended === marker && !list) return undefined;
      const inline = plainPhrasing(line.slice(2), at(i), 2, line.length);
      if (!inline || inline.length === 0) return undefined;
      const end = at(i)(line.length);
      const node: ListItem = {
        type: 'listItem',
        spread: false,
        checked: null,
        children: [{ type: 'paragraph', children: inline, position: { start: at(i)(2), end } }],
        position: { start: at(i)(0), end },
      };
      if (list && list.marker === marker) {
        list.node.children.push(node);
        list.node.position!.end = { ...end };
      } else {
        if (list) return undefined; // another marker right after: a new list, left to micromark
        list = { marker, node: { type: 'list', ordered: false, start: null, spread: false, children: [node], position: { start: at(i)(0), end: { ...end } } } };
        children.push(list.node);
      }
      ended = undefined;
      i++;
      continue;
    }
    // A list goes on with lazy lines and ends only at a blank line (or another item).
    if (list) return undefined;
    ended = undefined;
    const heading = /^(#{1,6}) /.exec(line);
    if (heading) {
      const depth = heading[1]!.length;
      const content = line.slice(depth + 1);
      if (!isPlainInline(content)) return undefined;
      const start = at(i)(depth + 1);
      const end = at(i)(line.length);
      children.push({ type: 'heading', depth: depth as 1, children: [{ type: 'text', value: content, position: { start, end } }], position: { start: at(i)(0), end: { ...end } } });
      i++;
      continue;
    }
    // A paragraph: plain lines up to a blank line; any other line after one is left to micromark.
    let last = i;
    while (last + 1 < lines.length && lines[last + 1] !== '') last++;
    for (let k = i; k <= last; k++) if (!isPlainText(lines[k]!)) return undefined;
    const start = at(i)(0);
    const end = at(last)(lines[last]!.length);
    children.push({ type: 'paragraph', children: [{ type: 'text', value: lines.slice(i, last + 1).join('\n'), position: { start, end } }], position: { start: { ...start }, end: { ...end } } });
    i = last + 1;
  }
  const end = lines.length - 1;
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: at(end)(lines[end]!.length) } };
}
