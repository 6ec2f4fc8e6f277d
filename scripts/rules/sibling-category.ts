import type { Related } from '../model/diagnostic.js';
import { translationPin } from '../model/translation.js';
import { defineRule } from './define.js';
import type { Sibling } from './sibling.js';
import { nameKey, q, usedCategories } from './text.js';

/** Where a sibling first uses a category, for the related position. */
function firstUse(sibling: Sibling, key: string): Related {
  const use = sibling.used.find((u) => nameKey(u.name) === key);
  return use
    ? { file: sibling.file, position: use.position, message: `used in ${q(sibling.id)} here` }
    : { file: sibling.file, position: sibling.position, message: `declared by ${q(sibling.id)}` };
}

export default defineRule({
  id: 'sibling-category',
  severity: 'warning',
  description: 'A category used by most other ladders (at least two) is present here too.',
  check({ ladder, siblings: all, facts, report }) {
    // Translations name categories in another language: translation-structure compares them with their source.
    if (translationPin(ladder)) return;
    // A ladder derived from another in the set inherits its categories: a family counts once.
    const ids = new Set([ladder.id, ...all.map((s) => s.id)]);
    const siblings = all.filter((s) => !translationPin(s) && !s.derivedFrom?.some((id) => ids.has(id)));
    if (ladder.levels.length === 0 || siblings.length < 2) return;
    const here = new Set([...ladder.categories, ...usedCategories(ladder)].map(nameKey));
    const count = new Map<string, { name: string; siblings: Sibling[] }>();
    for (const sibling of siblings) {
      const names = new Map<string, string>();
      for (const { name } of sibling.used) if (!names.has(nameKey(name))) names.set(nameKey(name), name);
      for (const [key, name] of names) {
        const entry = count.get(key) ?? { name, siblings: [] };
        entry.siblings.push(sibling);
        count.set(key, entry);
      }
    }
    const position = facts.frontmatter?.keys.categories ?? ladder.position;
    for (const [key, { name, siblings: users }] of count) {
      if (here.has(key) || users.length < 2 || users.length * 2 <= siblings.length) continue;
      report(
        `Category ${q(name)} is used by ${users.length} of ${siblings.length} other ladders but missing here, expected it unless this ladder differs on purpose`,
        position,
        firstUse(users[0]!, key),
      );
    }
  },
});
