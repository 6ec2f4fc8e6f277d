import { defineRule } from './define.js';
import { q } from './text.js';

export default defineRule({
  id: 'level-like-note',
  severity: 'warning',
  description: 'A section kept as a note or intro that looks like a level (a heading with a list or table under it, between or after the levels) says why it was not read as one.',
  check({ facts, report }) {
    for (const s of facts.skipped ?? []) {
      report(`Section ${q(s.title)} looks like a level but was kept as prose: ${s.reason}; expected a level that shares the ladder's categories, or prose without a list or table`, s.position);
    }
  },
});
