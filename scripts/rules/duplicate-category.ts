import type { Position } from '../model/ladder.js';
import { defineRule } from './define.js';
import { fold, q } from './text.js';

export default defineRule({
  id: 'duplicate-category',
  severity: 'error',
  description: 'A category appears at most once in a level.',
  check({ ladder, facts, report }) {
    const levels = new Map<string, string>();
    const ambiguous = new Set<string>();
    for (const level of ladder.levels) {
      if (levels.has(level.key)) ambiguous.add(level.key);
      levels.set(level.key, level.title);
    }
    const seen = new Map<string, { category: string; position: Position }>();
    for (const occurrence of facts.occurrences) {
      // Two levels sharing a key cannot be told apart here; duplicate-level reports them.
      if (ambiguous.has(occurrence.levelKey)) continue;
      const id = `${occurrence.levelKey}\u0000${fold(occurrence.category)}`;
      const first = seen.get(id);
      if (!first) {
        seen.set(id, occurrence);
        continue;
      }
      const level = levels.get(occurrence.levelKey) ?? occurrence.levelKey;
      report(
        `Unexpected duplicate category ${q(occurrence.category)} in level ${q(level)}, expected each category once per level`,
        occurrence.position,
        { position: first.position, message: `${q(first.category)} first appears here` },
      );
    }
  },
});
