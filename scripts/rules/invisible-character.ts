import { invisibleIn } from '../model/sanitize.js';
import type { Position } from '../model/ladder.js';
import { defineRule } from './define.js';
import { q } from './text.js';

/**
 * Names are what reviews, titles and the diff match on: `Craft` and `Cr\u200baft` look alike and are
 * two categories. Invisible characters, bidi overrides and controls in a name are an error.
 */
export default defineRule({
  id: 'invisible-character',
  severity: 'error',
  description: 'Ladder, level and category names hold no invisible characters, bidi overrides or control characters.',
  check({ ladder, report }) {
    const seen = new Set<string>();
    const check = (what: string, name: string, position: Position) => {
      const found = invisibleIn(name);
      const key = `${what}\u0000${name}`;
      if (found.length === 0 || seen.has(key)) return;
      seen.add(key);
      const shown = name.replace(/[^\x20-\x7e\u00a0-\u00ac\u00ae-\u200a\u2010-\u2029\u2030-\u205f\u2070-\ufefe]/g, '');
      report(`Unexpected invisible character ${found.join(', ')} in the ${what} name ${q(shown)}, expected only visible characters (it would look like another name)`, position);
    };
    check('ladder', ladder.title, ladder.position);
    for (const level of ladder.levels) {
      check('level', level.title, level.position);
      for (const cell of level.cells) check('category', cell.category, cell.position);
    }
    for (const cell of ladder.shared) check('category', cell.category, cell.position);
  },
});
