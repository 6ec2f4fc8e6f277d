import { defineRule } from './define.js';
import { fold, levelName, qList, usedCategories } from './text.js';

export default defineRule({
  id: 'missing-category',
  severity: 'warning',
  description: 'Every level has every category the ladder uses.',
  check({ ladder, report }) {
    const used = usedCategories(ladder);
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
