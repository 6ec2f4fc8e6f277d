import { defineRule } from './define.js';
import { identicalToPrevious } from './progression.js';
import { levelName, levelSets } from './text.js';

export default defineRule({
  id: 'identical-levels',
  severity: 'error',
  description: 'Adjacent levels differ: a level identical to the one before it is no step up.',
  check({ ladder, report }) {
    for (const set of levelSets(ladder)) for (const i of identicalToPrevious(set)) {
      const level = set[i]!;
      const previous = set[i - 1]!;
      report(
        `Level ${levelName(level)} has the same expectations as ${levelName(previous)} before it, expected a progression`,
        level.position,
        { position: previous.position, message: `${levelName(previous)} is defined here` },
      );
    }
  },
});
