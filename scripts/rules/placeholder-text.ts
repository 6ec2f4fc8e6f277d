import type { Position } from '../model/ladder.js';
import { defineRule } from './define.js';
import { q } from './text.js';

// Lookarounds instead of \b so "TODO" inside "TODOS" or "tbd_x" is no hit, in any script.
const B = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';

/** Marks a writer leaves for later. Acronyms match in capitals only ("todo list" is prose). */
export const PLACEHOLDERS: readonly RegExp[] = [
  new RegExp(`${B}(?:TBD|TBC|TBA|TODO|FIXME|XXX)${E}`, 'u'),
  new RegExp(`${B}lorem ipsum${E}`, 'iu'),
  new RegExp(
    `${B}(?:add|insert|write|describe|fill in|put)(?: (?:the|your|some|more))? (?:criteria|expectations?|text|description|details|content|examples?)(?: goes)? here${E}`,
    'iu',
  ),
  /\?{3,}/u,
  /^\s*(?:\.{3,}|…)\s*$/u,
];

export function findPlaceholder(text: string): { found: string; index: number } | undefined {
  for (const pattern of PLACEHOLDERS) {
    const match = pattern.exec(text);
    if (match) return { found: match[0].trim(), index: match.index + (match[0].length - match[0].trimStart().length) };
  }
  return undefined;
}

/** Points at the placeholder itself when the source is one line, else at the start of the text. */
function narrow(position: Position, source: string | undefined, found: string): Position {
  if (source === undefined) return position;
  const hit = findPlaceholder(source);
  if (!hit || hit.found !== found || source.lastIndexOf('\n', hit.index) >= 0) return position;
  const column = position.column + hit.index;
  return { line: position.line, column, endLine: position.line, endColumn: column + found.length };
}

export default defineRule({
  id: 'placeholder-text',
  severity: 'error',
  description: 'No placeholder text ("TBD", "TODO", "add criteria here", "lorem ipsum", "???") in titles or expectations.',
  check({ ladder, report }) {
    const check = (text: string | undefined, what: string, position: Position, source?: string) => {
      const hit = text === undefined ? undefined : findPlaceholder(text);
      if (hit === undefined) return;
      report(`Unexpected placeholder ${q(hit.found)} in ${what}, expected final text`, narrow(position, source, hit.found));
    };
    check(ladder.title, 'the ladder title', ladder.position);
    for (const level of ladder.levels) {
      check(level.title, 'a level title', level.position);
      check(level.description, `the description of level ${q(level.title)}`, level.position);
      for (const cell of level.cells) {
        check(cell.category, 'a category name', cell.position);
        for (const e of cell.expectations) check(e.text, `an expectation of level ${q(level.title)}`, e.position, e.markdown);
      }
    }
    for (const cell of ladder.shared) {
      check(cell.category, 'a category name', cell.position);
      for (const e of cell.expectations) check(e.text, 'a shared expectation', e.position, e.markdown);
    }
  },
});
