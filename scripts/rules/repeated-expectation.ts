import type { Position } from '../model/ladder.js';
import { defineRule } from './define.js';
import { identicalToPrevious } from './progression.js';
import { expectationKey, hasWords, levelName, levelSets, q } from './text.js';

export default defineRule({
  id: 'repeated-expectation',
  severity: 'warning',
  description: 'The same expectation at two levels shows no progression; say how it grows.',
  check({ ladder, report }) {
    // Within one track: a manager level may restate an IC level on purpose.
    for (const set of levelSets(ladder)) {
    // A wholly identical level is one identical-levels finding, not one finding per expectation.
    const skip = identicalToPrevious(set);
    const first = new Map<string, { level: number; title: string; position: Position }>();
    set.forEach((level, index) => {
      const title = levelName(level);
      for (const cell of level.cells) {
        for (const expectation of cell.expectations) {
          if (!hasWords(expectation.text)) continue;
          const key = expectationKey(expectation.text);
          const earlier = first.get(key);
          if (!earlier) {
            first.set(key, { level: index, title, position: expectation.position });
          } else if (earlier.level !== index && !skip.has(index)) {
            report(
              `Expectation ${q(expectation.text)} in level ${title} repeats level ${earlier.title} unchanged, expected it to grow between levels`,
              expectation.position,
              { position: earlier.position, message: `first stated in level ${earlier.title}` },
            );
          }
        }
      }
    });
    }
  },
});
