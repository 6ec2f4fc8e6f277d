// A history walk compares the same two ladder objects twice (a commit's pair again in its release's
// diff) and keeps the first comparison (DiffOptions.memo). What comes back must be what a fresh
// comparison gives, and no caller may see another's `inheritedBy` (markInherited sets it in place).
import { describe, expect, test } from 'vitest';
import { comparisonMemo, diffLadders } from '../../scripts/diff/index.js';
import { resolveLadders } from '../../scripts/derive/index.js';
import { parseLadder } from '../../scripts/parse/index.js';
import type { Ladder } from '../../scripts/model/ladder.js';

const read = (file: string, text: string): Ladder => {
  const { ladder } = parseLadder(text, file);
  if (!ladder) throw new Error(`${file} did not parse`);
  return ladder;
};

const parent = (craft: string) =>
  `---\ntitle: Base\nid: base\n---\n\n# Base\n\n## B1 · Starter\n\n- **Craft:** ${craft}\n- **Care:** Asks for help early.\n\n## B2 · Grown\n\n- **Craft:** Designs small systems.\n- **Care:** Coaches newer people.\n`;
const CHILD = `---\ntitle: Ops\nid: ops\nextends: base\n---\n\n# Ops\n\nKeeps the lights on.\n`;

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('the comparison memo', () => {
  const before = read('ladders/base.md', parent('Writes tested code.'));
  const after = read('ladders/base.md', parent('Writes tested code and documents it.'));
  const child = read('ladders/ops.md', CHILD);

  test('a pair compared again gives what a fresh comparison gives', () => {
    const memo = comparisonMemo();
    const fresh = diffLadders([before], [after]);
    const first = diffLadders([before], [after], { memo });
    const again = diffLadders([before], [after], { memo });
    expect(fresh.ladders[0]!.changes.length).toBeGreaterThan(0);
    expect(plain(first)).toEqual(plain(fresh));
    expect(plain(again)).toEqual(plain(fresh));
    // Added and removed ladders (one side absent) are remembered too.
    expect(plain(diffLadders([], [after], { memo }))).toEqual(plain(diffLadders([], [after])));
    expect(plain(diffLadders([], [after], { memo }))).toEqual(plain(diffLadders([], [after])));
  });

  test("one caller's inheritedBy does not reach another's changes", () => {
    const memo = comparisonMemo();
    // With the derived child beside it, the parent's change is inherited by ops; alone, by nobody.
    const withChild = diffLadders(resolveLadders([before, child]), resolveLadders([after, child]), { memo });
    const alone = diffLadders([before], [after], { memo });
    const changeOf = (d: typeof alone) => d.ladders.find((l) => l.id === 'base')!.changes[0]!;
    expect(changeOf(withChild).inheritedBy).toEqual(['ops B1']);
    expect(changeOf(alone).inheritedBy).toBeUndefined();
    expect(plain(alone)).toEqual(plain(diffLadders([before], [after])));
  });
});

// The diff also keeps pure results by text for the whole process (slot words, verdicts, highlights:
// scripts/diff/reuse.ts). Met again, in another pair and another order, they must read the same, and a
// caller changing what it got must not change what the next caller gets.
describe('the text caches of the diff', () => {
  const versions = ['Writes tested code.', 'Writes tested code and documents it.', 'Always writes tested code and documents it.', 'Writes tested code.'];
  const ladders = versions.map((v) => read('ladders/base.md', parent(v)));

  test('a rewording met again, in any order, is judged and highlighted as the first time', () => {
    const pairs = ladders.slice(1).map((l, i) => [ladders[i]!, l] as const);
    const first = pairs.map(([a, b]) => plain(diffLadders([a], [b])));
    const reworded = (d: unknown) => JSON.stringify(d).includes('expectation-reworded');
    expect(first.every(reworded)).toBe(true);
    // Every later comparison hits the caches: reversed order, and each pair swapped.
    expect([...pairs].reverse().map(([a, b]) => plain(diffLadders([a], [b])))).toEqual([...first].reverse());
    const swapped = pairs.map(([a, b]) => plain(diffLadders([b], [a])));
    expect(pairs.map(([a, b]) => plain(diffLadders([b], [a])))).toEqual(swapped);
  });

  test('what one caller does to its changes does not reach the next caller', () => {
    const [a, b] = [ladders[0]!, ladders[1]!];
    const mine = diffLadders([a], [b]).ladders[0]!.changes[0]!;
    const clean = plain(diffLadders([a], [b]));
    mine.reasons?.push('scribbled on');
    mine.highlight?.push({ type: 'same', text: 'scribbled on' });
    expect(plain(diffLadders([a], [b]))).toEqual(clean);
  });
});
