import { defineRule } from './define.js';
import { nameKey, levelName, q, qList, suggest } from './text.js';

export default defineRule({
  id: 'unknown-category',
  severity: 'error',
  description: 'When the frontmatter declares `categories`, levels use only those.',
  check({ ladder, report }) {
    const declared = ladder.meta.categories;
    if (!Array.isArray(declared) || declared.length === 0) return;
    const known = new Set(declared.map(nameKey));
    for (const level of ladder.levels) {
      for (const cell of level.cells) {
        if (known.has(nameKey(cell.category))) continue;
        const guess = suggest(cell.category, declared);
        const expected = guess ? `expected ${q(guess)}` : `expected one of the declared categories ${qList(declared, 6, 'or')}`;
        report(`Unexpected category ${q(cell.category)} in level ${levelName(level)}, ${expected}`, cell.position);
      }
    }
  },
});
