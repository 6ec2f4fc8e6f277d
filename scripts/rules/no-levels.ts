import { defineRule } from './define.js';

export default defineRule({
  id: 'no-levels',
  severity: 'error',
  description: 'A ladder has at least one level.',
  check({ ladder, report }) {
    if (ladder.levels.length > 0) return;
    report(
      'No levels found, expected a heading per level (`## Level title`) or a matrix table whose columns are levels',
      ladder.position,
    );
  },
});
