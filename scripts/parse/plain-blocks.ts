import type { List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { identifierOf, isPlainInline, plainPhrasing, type References } from './plain-text.js';

/**
 * A section of plain blocks built without micromark: what most of a ladder is between its tables.
 * The section may hold:
 * - YAML frontmatter between `---` lines, when `front` (the section starts the file);
 * - ATX headings in column 1 (`#` to `######`, one space, plain text, which may start with a digit);
 * - paragraphs of plain lines (plainPhrasing: plain text, links, emphasis, code, a `**label**`), the first in
 *   column 1, the others continuing it at any indentation;
 * - tight lists of bullet items (`-`, `*` or `+`, one space, then such a paragraph), its continuation
 *   lines indented or lazy, and under an item a tight list of its own (indented to the item's text, up
 *   to three spaces more); a list is ended by a blank line and not followed by another list of the
 *   same marker (which would make them one loose list);
 * - empty lines between them.
 * With `refs` (the labels the file defines), references to them are read too (plainRuns).
 * Indentation may be spaces or tabs, and a tab may follow a marker; anything else (an indented first
 * line, a line of spaces, a tab elsewhere, mixed indentation, a line Markdown could read
 * otherwise) is undefined, and micromark reads the section as before. The tree is micromark's key for
 * key, positions included (test/parse/plain-blocks.test.ts compares them on random sections).
 */
export function plainBlocks(text: string, front: boolean, refs?: References): Root | undefined {
  // Tabs only indent lines or follow a list marker (ITEM, CONTINUES): plain text takes none.
  if (text.includes('\r') || text.includes('\0')) return undefined;
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

  /** The paragraph of these lines (each from its column `s`): their phrasing joined by line endings. */
  const paragraph = (parts: ReadonlyArray<{ i: number; s: number }>): Paragraph | undefined => {
    const nodes: PhrasingContent[] = [];
    for (const [n, { i: k, s }] of parts.entries()) {
      const line = lines[k]!;
      const here = plainPhrasing(line.slice(s), at(k), s, line.length, false, refs);
      if (!here || here.length === 0) return undefined;
      if (n > 0) {
        // The line ending joins the text around it: the text before ends where this line starts, the text after starts where the last line ended.
        const last = nodes[nodes.length - 1]!;
        const first = here[0]!;
        const lineEnd = at(parts[n - 1]!.i)(lines[parts[n - 1]!.i]!.length);
        if (last.type === 'text' && first.type === 'text') {
          last.value += `\n${first.value}`;
          last.position!.end = first.position!.end;
          here.shift();
        } else if (last.type === 'text') {
          last.value += '\n';
          last.position!.end = at(k)(0);
        } else if (first.type === 'text') {
          first.value = `\n${first.value}`;
          first.position!.start = lineEnd;
        } else nodes.push({ type: 'text', value: '\n', position: { start: lineEnd, end: at(k)(0) } });
      }
      nodes.push(...here);
    }
    const first = parts[0]!;
    const last = parts[parts.length - 1]!;
    return { type: 'paragraph', children: nodes, position: { start: at(first.i)(first.s), end: at(last.i)(lines[last.i]!.length) } };
  };

  /**
   * The bullet list whose first item is line `from`, with its nested lists: where it ends is the next
   * line that is blank, past the end, or an item indented less; undefined when a line in it is one
   * this builder does not take. Depths are columns, a tab reaching the next multiple of four; an item's
   * text starts after its marker and the space or tab that follows it.
   */
  const list = (from: number): { node: List; next: number } | undefined => {
    const first = ITEM.exec(lines[from]!)!;
    const [, indent, marker] = first as unknown as [string, string, string];
    const depth = columns(indent);
    const items: ListItem[] = [];
    let k = from;
    while (k < lines.length) {
      const line = lines[k]!;
      if (line === '') break;
      const item = ITEM.exec(line);
      // An item less indented is the list around this one's; any other line is not this list's.
      if (item && columns(item[1]!) < depth && k > from) break;
      if (!item || item[1] !== indent || item[2] !== marker) return undefined;
      // The column the item's text starts at: after a space, or after a tab, at the next tab stop.
      const inner = item[3] === ' ' ? depth + 2 : (Math.floor((depth + 1) / 4) + 1) * 4;
      const parts = [{ i: k, s: indent.length + 2 }];
      let nested: List | undefined;
      let next = k + 1;
      while (next < lines.length && lines[next] !== '') {
        const l = lines[next]!;
        const sub = ITEM.exec(l);
        if (sub) {
          const subDepth = columns(sub[1]!);
          if (subDepth <= depth) break; // this list's next item, or the end of a nested one
          if (nested || subDepth < inner || subDepth > inner + 3) return undefined;
          const read = list(next);
          if (!read) return undefined;
          nested = read.node;
          next = read.next;
          continue;
        }
        // A line that is no item continues the paragraph open innermost (a nested list takes its own).
        if (nested || !CONTINUES.test(l)) return undefined;
        parts.push({ i: next, s: l.length - l.trimStart().length });
        next++;
      }
      const para = paragraph(parts);
      if (!para) return undefined;
      const end = nested ? nested.position!.end : para.position!.end;
      items.push({ type: 'listItem', spread: false, checked: null, children: nested ? [para, nested] : [para], position: { start: at(k)(indent.length), end: { ...end } } });
      k = next;
    }
    const end = items[items.length - 1]!.position!.end;
    return { node: { type: 'list', ordered: false, start: null, spread: false, children: items, position: { start: at(from)(indent.length), end: { ...end } } }, next: k };
  };

  // The marker of the list the last blank lines ended: another list with it would join the same list.
  let ended: string | undefined;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line === '') {
      i++;
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const marker = item[2]!;
      if (item[1] !== '' || ended === marker) return undefined;
      const read = list(i);
      // A list ends at a blank line or the end; another marker right after is a new list, left to micromark.
      if (!read || (read.next < lines.length && lines[read.next] !== '')) return undefined;
      children.push(read.node);
      ended = marker;
      i = read.next;
      continue;
    }
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
    // A paragraph: its first line in column 1, then lines continuing it up to a blank line; any other line after one is left to micromark.
    const parts = [{ i, s: 0 }];
    let last = i;
    while (last + 1 < lines.length && lines[last + 1] !== '') {
      const l = lines[++last]!;
      if (!CONTINUES.test(l)) return undefined;
      parts.push({ i: last, s: l.length - l.trimStart().length });
    }
    const para = paragraph(parts);
    if (!para) return undefined;
    children.push(para);
    i = last + 1;
  }
  const end = lines.length - 1;
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: at(end)(lines[end]!.length) } };
}

/** A bullet item: its indentation (spaces, or tabs), its marker, one space or tab, then text. */
const ITEM = /^( *|\t*)([-*+])([ \t])(?=\S)/;

/** The columns an indentation of spaces, or of tabs (four columns each), reaches. */
function columns(indent: string): number {
  return indent.startsWith('\t') ? indent.length * 4 : indent.length;
}

/**
 * A line that may continue a paragraph, at any indentation: it starts as plain text does (a letter), or
 * with a link, emphasis or a code span, never with what could start another block (a marker, `#`, `>`,
 * a digit, a fence).
 */
const CONTINUES = /^[ \t]*(?:\p{L}|\[|\*{1,2}\p{L}|_\p{L}|`[^`])/u;

/**
 * A section of link reference definitions alone, built without micromark: lines `[label]: url` (one
 * space, no title; the label plain, isPlainInline; the URL a run of URL characters with no space,
 * parenthesis, quote, backslash, `&` or `<`) and empty lines, as a ladder's list of links is written
 * at its end. Undefined for anything else (a footnote, a title, an angle-bracketed URL), which
 * micromark then reads. The tree is micromark's key for key (test/parse/plain-blocks.test.ts).
 */
export function plainDefinitions(text: string): Root | undefined {
  // A carriage return or NUL in a line fails the expression, or the label's isPlainInline.
  const lines = text.split('\n');
  const children: RootContent[] = [];
  let offset = 0;
  for (const [i, line] of lines.entries()) {
    if (line !== '') {
      const m = DEFINITION_LINE.exec(line);
      if (!m || !isPlainInline(m[1]!)) return undefined;
      const label = m[1]!;
      children.push({
        type: 'definition',
        identifier: identifierOf(label),
        label,
        title: null,
        url: m[2]!,
        position: { start: { line: i + 1, column: 1, offset }, end: { line: i + 1, column: line.length + 1, offset: offset + line.length } },
      });
    }
    offset += line.length + 1;
  }
  if (children.length === 0) return undefined;
  const end = lines.length - 1;
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: end + 1, column: lines[end]!.length + 1, offset: text.length } } };
}

/** `[label]: url`, as plainDefinitions takes it. */
const DEFINITION_LINE = /^\[([^[\]\\]{1,999})\]: ([A-Za-z0-9\-._~:/?#@!$+,;=%]{1,2000})$/;
