import { defineRule } from './define.js';
import { levelName, q } from './text.js';

export default defineRule({
  id: 'empty-cell',
  severity: 'error',
  description: 'Every category cell holds at least one expectation (write `—` or `n/a` to leave one empty on purpose).',
  check({ ladder, facts, report }) {
    // A row short of cells is table-columns' finding; its blank cell is not a second one.
    const shortRows = new Set(facts.tables.flatMap((t) => t.rows.filter((r) => r.cells < t.columns).map((r) => r.position.line)));
    for (const level of ladder.levels) {
      for (const cell of level.cells) {
        if (cell.expectations.some((e) => e.text.trim() !== '') || shortRows.has(cell.position.line)) continue;
        report(
          `Empty cell for category ${q(cell.category)} in level ${levelName(level)}, expected at least one expectation`,
          cell.position,
        );
      }
    }
    for (const cell of ladder.shared) {
      if (cell.expectations.some((e) => e.text.trim() !== '')) continue;
      report(`Empty shared cell for category ${q(cell.category)}, expected at least one expectation`, cell.position);
    }
  },
});
