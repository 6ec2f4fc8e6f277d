import type { Related } from '../model/diagnostic.js';
import type { Ladder } from '../model/ladder.js';
import { defineRule } from './define.js';
import { nameKey, q, usedCategories } from './text.js';

/** Where a sibling first uses a category, for the related position. */
function firstUse(ladder: Ladder, key: string): Related {
  for (const level of ladder.levels) {
    for (const cell of level.cells) {
      if (nameKey(cell.category) === key) return { file: ladder.file, position: cell.position, message: `used in ${q(ladder.id)} here` };
    }
  }
  return { file: ladder.file, position: ladder.position, message: `declared by ${q(ladder.id)}` };
}

export default defineRule({
  id: 'sibling-category',
  severity: 'warning',
  description: 'A category used by most other ladders (at least two) is present here too.',
  check({ ladder, siblings: all, facts, report }) {
    // A ladder derived from another in the set inherits its categories: a family counts once.
    const ids = new Set([ladder.id, ...all.map((s) => s.id)]);
    const siblings = all.filter((s) => !s.derivedFrom?.some((id) => ids.has(id)));
    if (ladder.levels.length === 0 || siblings.length < 2) return;
    const here = new Set([...ladder.categories, ...usedCategories(ladder)].map(nameKey));
    const count = new Map<string, { name: string; ladders: Ladder[] }>();
    for (const sibling of siblings) {
      for (const name of new Set(usedCategories(sibling).map(nameKey))) {
        const entry = count.get(name) ?? { name: usedCategories(sibling).find((n) => nameKey(n) === name)!, ladders: [] };
        entry.ladders.push(sibling);
        count.set(name, entry);
      }
    }
    const position = facts.frontmatter?.keys.categories ?? ladder.position;
    for (const [key, { name, ladders }] of count) {
      if (here.has(key) || ladders.length < 2 || ladders.length * 2 <= siblings.length) continue;
      report(
        `Category ${q(name)} is used by ${ladders.length} of ${siblings.length} other ladders but missing here, expected it unless this ladder differs on purpose`,
        position,
        firstUse(ladders[0]!, key),
      );
    }
  },
});
