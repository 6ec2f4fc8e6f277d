import type { Level } from '../model/ladder.js';
import { defineRule } from './define.js';
import { nameKey, levelSets, q } from './text.js';

export default defineRule({
  id: 'duplicate-level',
  severity: 'error',
  description: 'Level titles and level keys are unique within a track.',
  check({ ladder, report }) {
    for (const set of levelSets(ladder)) {
    const byTitle = new Map<string, Level>();
    const byKey = new Map<string, Level>();
    for (const level of set) {
      const sameTitle = byTitle.get(nameKey(level.title));
      const sameKey = byKey.get(nameKey(level.key));
      if (sameTitle) {
        report(`Unexpected duplicate level title ${q(level.title)}, expected unique level titles`, level.position, {
          position: sameTitle.position,
          message: `${q(sameTitle.title)} is first defined here`,
        });
      } else if (sameKey) {
        report(
          `Unexpected duplicate level key ${q(level.key)} (level ${q(level.title)}), expected unique level keys`,
          level.position,
          { position: sameKey.position, message: `key ${q(sameKey.key)} is first used by ${q(sameKey.title)} here` },
        );
      }
      if (!sameTitle) byTitle.set(nameKey(level.title), level);
      if (!sameKey) byKey.set(nameKey(level.key), level);
    }
    }
  },
});
