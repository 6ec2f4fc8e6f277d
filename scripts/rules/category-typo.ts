import { defineRule } from './define.js';
import { categoryTypos, levelName, q } from './text.js';

export default defineRule({
  id: 'category-typo',
  severity: 'error',
  description: 'A category only one level uses is not a misspelling of one the other levels of its track use.',
  check({ ladder, report }) {
    const typos = categoryTypos(ladder);
    for (const level of ladder.levels) {
      for (const cell of level.cells) {
        const intended = typos.get(cell);
        if (intended) report(`Unexpected category ${q(cell.category)} in level ${levelName(level)}, did you mean ${q(intended)}? Every other level uses it`, cell.position);
      }
    }
  },
});
