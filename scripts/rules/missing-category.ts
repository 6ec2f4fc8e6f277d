import { defineRule } from './define.js';
import { categoryTypos, nameKey, levelName, levelSets, qList, usedCategories } from './text.js';

export default defineRule({
  id: 'missing-category',
  severity: 'warning',
  description: 'Every level has every category the ladder uses (of the declared ones, when `categories` is declared).',
  check({ ladder, report }) {
    // Undeclared categories are unknown-category's finding: a typo in one level is not missing from all others.
    const declared = Array.isArray(ladder.meta.categories) ? new Set(ladder.meta.categories.map(nameKey)) : undefined;
    // A misspelt category is category-typo's error, once, not a warning on every other level.
    const typos = categoryTypos(ladder);
    const used = usedCategories(ladder).filter((name) => !declared || declared.has(nameKey(name)));
    for (const set of levelSets(ladder)) {
      // Each track has its own categories: a manager track need not share the IC track's.
      const inSet = new Set(set.flatMap((l) => l.cells.filter((c) => !typos.has(c)).map((c) => nameKey(c.category))));
      for (const level of set) {
      const has = new Set(level.cells.map((c) => (typos.has(c) ? nameKey(typos.get(c)!) : nameKey(c.category))));
      const missing = used.filter((name) => inSet.has(nameKey(name)) && !has.has(nameKey(name)));
      if (missing.length === 0) continue;
      const noun = missing.length === 1 ? 'category' : 'categories';
      report(
        `Level ${levelName(level)} lacks ${noun} ${qList(missing)}, expected every category the ladder uses`,
        level.position,
      );
      }
    }
  },
});
