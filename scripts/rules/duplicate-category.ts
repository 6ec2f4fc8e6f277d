import type { Position } from '../model/ladder.js';
import { defineRule } from './define.js';
import { nameKey, q } from './text.js';

export default defineRule({
  id: 'duplicate-category',
  severity: 'error',
  description: 'A category appears at most once in a level.',
  check({ ladder, facts, report }) {
    // Levels are told apart by track and key (keys are unique within a track).
    const ref = (track: string | undefined, key: string) => `${track ?? ''}\u0000${key}`;
    const levels = new Map<string, string>();
    const ambiguous = new Set<string>();
    for (const level of ladder.levels) {
      for (const r of [ref(level.track, level.key), ref(undefined, level.key)]) {
        if (levels.has(r)) ambiguous.add(r);
        levels.set(r, level.title);
      }
    }
    const seen = new Map<string, { category: string; position: Position }>();
    for (const occurrence of facts.occurrences) {
      const levelRef = ref(occurrence.track, occurrence.levelKey);
      // Two levels sharing a key cannot be told apart here; duplicate-level reports them.
      if (ambiguous.has(levelRef)) continue;
      const id = `${levelRef}\u0000${nameKey(occurrence.category)}`;
      const first = seen.get(id);
      if (!first) {
        seen.set(id, occurrence);
        continue;
      }
      const level = levels.get(levelRef) ?? occurrence.levelKey;
      report(
        `Unexpected duplicate category ${q(occurrence.category)} in level ${q(level)}, expected each category once per level`,
        occurrence.position,
        { position: first.position, message: `${q(first.category)} first appears here` },
      );
    }
  },
});
