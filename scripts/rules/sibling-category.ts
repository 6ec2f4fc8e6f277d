import type { Related } from '../model/diagnostic.js';
import { translationPin } from '../model/translation.js';
import { defineRule } from './define.js';
import { unreadCost, type Sibling } from './sibling.js';
import { nameKey, q, usedCategories } from './text.js';

/** Where a sibling first uses a category, for the related position. */
function firstUse(sibling: Sibling, key: string): Related {
  const use = sibling.used.find((u) => nameKey(u.name) === key);
  return use
    ? { file: sibling.file, position: use.position, message: `used in ${q(sibling.id)} here` }
    : { file: sibling.file, position: sibling.position, message: `declared by ${q(sibling.id)}` };
}

/**
 * A sibling's categories by key, each with the name it first uses for it (in `used` order): kept per
 * summary, as every checked ladder reads every other one's. A deferred sibling is read here.
 */
const keyed = new WeakMap<Sibling, ReadonlyMap<string, string>>();
function keysOf(sibling: Sibling): ReadonlyMap<string, string> {
  let names = keyed.get(sibling);
  if (!names) {
    const built = new Map<string, string>();
    for (const { name } of sibling.used) {
      const key = nameKey(name);
      if (!built.has(key)) built.set(key, name);
    }
    keyed.set(sibling, (names = built));
  }
  return names;
}

/**
 * Whether some category missing here could still be used by more than half of the siblings, and by
 * two: their categories are read known ones first, then the cheapest to read (deferred siblings are
 * parsed on first read, sibling.ts), and the reading stops once the siblings left could not lift any
 * category that far. With no cache, `validate <file>` then parses about half of the other ladders
 * rather than all. True only when every sibling was read: the report below then counts them in order.
 */
function mayReport(siblings: readonly Sibling[], here: ReadonlySet<string>): boolean {
  const order = siblings.map((sibling, i) => ({ sibling, i, cost: unreadCost(sibling) })).sort((a, b) => a.cost - b.cost || a.i - b.i);
  const count = new Map<string, number>();
  let most = 0; // siblings using the most used category missing here, so far
  let left = siblings.length;
  for (const { sibling } of order) {
    if (most + left < 2 || 2 * (most + left) <= siblings.length) return false;
    for (const key of keysOf(sibling).keys()) {
      if (here.has(key)) continue;
      const n = (count.get(key) ?? 0) + 1;
      count.set(key, n);
      most = Math.max(most, n);
    }
    left--;
  }
  return true;
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
    if (!mayReport(siblings, here)) return;
    const count = new Map<string, { name: string; siblings: Sibling[] }>();
    for (const sibling of siblings) {
      for (const [key, name] of keysOf(sibling)) {
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
