import { defineRule } from './define.js';
import { fold, levelName, qList, usedCategories } from './text.js';

export default defineRule({
  id: 'missing-category',
  severity: 'warning',
  description: 'Every level has every category the ladder uses (of the declared ones, when `categories` is declared).',
  check({ ladder, report }) {
    // Undeclared categories are unknown-category's finding: a typo in one level is not missing from all others.
    const declared = Array.isArray(ladder.meta.categories) ? new Set(ladder.meta.categories.map(fold)) : undefined;
    const used = usedCategories(ladder).filter((name) => !declared || declared.has(fold(name)));
    for (const level of ladder.levels) {
      const has = new Set(level.cells.map((c) => fold(c.category)));
      const missing = used.filter((name) => !has.has(fold(name)));
      if (missing.length === 0) continue;
      const noun = missing.length === 1 ? 'category' : 'categories';
      report(
        `Level ${levelName(level)} lacks ${noun} ${qList(missing)}, expected every category the ladder uses`,
        level.position,
      );
    }
  },
});
