import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffLadders } from '../../scripts/diff/index.js';
import { FIXTURES, fixtureCases, likeExpected, readCase, withoutPositions } from './fixtures.js';

describe('diff fixtures', () => {
  for (const name of fixtureCases()) {
    test(name, () => {
      const { base, head, renames } = readCase(name);
      const expected: unknown = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8'));
      const result = diffLadders(base ? [base] : [], head ? [head] : [], { base: 'base', head: 'head', renames });
      expect(likeExpected(withoutPositions(result), expected)).toEqual(expected);
    });
  }

  test('the same edit in table shape and in list shape gives the same changes', () => {
    const list = readCase('same-edit-list');
    const table = readCase('same-edit-table');
    expect(list.base!.shape).toBe('headings');
    expect(table.base!.shape).toBe('table');
    const a = diffLadders([list.base!], [list.head!]);
    const b = diffLadders([table.base!], [table.head!]);
    expect(a.ladders[0]!.changes.length).toBeGreaterThan(0);
    expect(withoutPositions(a)).toEqual(withoutPositions(b));
  });
});
