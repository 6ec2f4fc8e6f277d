import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { levelSteps } from '../../scripts/render/html/compare.js';
import { COMPARE_CASES, describeStep, expectedSteps, FIXTURES, parseFixture } from './helpers.js';

// One folder per case: ladder.md and expected.json, written by hand from what the answer must be.
describe('level comparison (diff engine alignment of adjacent levels)', () => {
  for (const name of COMPARE_CASES) {
    it(name, () => {
      const ladder = parseFixture(join(FIXTURES, 'compare', name, 'ladder.md'));
      expect(levelSteps(ladder).map(describeStep)).toEqual(expectedSteps(name));
    });
  }

  it('has one step per adjacent pair, junior first', () => {
    const ladder = parseFixture(join(FIXTURES, 'compare', 'platform', 'ladder.md'));
    const steps = levelSteps(ladder);
    expect(steps.map((s) => [s.lower.key, s.higher.key])).toEqual([
      [ladder.levels[0]!.key, ladder.levels[1]!.key],
      [ladder.levels[1]!.key, ladder.levels[2]!.key],
    ]);
    expect(levelSteps({ ...ladder, levels: ladder.levels.slice(0, 1) })).toEqual([]);
  });
});
