import { defineRule } from './define.js';

export default defineRule({
  id: 'terse-table',
  severity: 'warning',
  description: 'A table of a few words per cell was read as the ladder, as no other reading of the file finds as many levels; says so, since such a table is often a summary.',
  check({ facts, report }) {
    for (const t of facts.terse ?? []) {
      report(`Table read as the ladder's levels though its cells hold ${t.words} words on average: no other reading of the file finds as many levels; expected a sentence or more per cell, or this warning turned off if the short cells are the ladder`, t.position);
    }
  },
});
