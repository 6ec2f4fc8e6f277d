import { defineRule } from './define.js';
import { q } from './text.js';

export default defineRule({
  id: 'table-columns',
  severity: 'error',
  description: 'Every table row has as many cells as the header row (GFM drops extra cells silently).',
  runsWithoutLadder: true,
  check({ facts, report }) {
    for (const table of facts.tables) {
      for (const row of table.rows) {
        if (row.cells === table.columns) continue;
        const effect = row.cells > table.columns ? 'the extra cells are dropped' : 'the missing cells read as empty';
        report(
          `Unexpected ${q(row.cells)} cells in table row, expected ${q(table.columns)} as in the header row (${effect})`,
          row.position,
          { position: table.position, message: `the header row has ${table.columns} cells` },
        );
      }
    }
  },
});
