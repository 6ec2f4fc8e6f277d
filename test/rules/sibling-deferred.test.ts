// `validate <file>` with no cache knows the other ladders by their heads and parses one only when a
// rule reads its categories (deferredSibling). sibling-category reads as few as it can decide from:
// its findings must be those it makes with every sibling read, and it must read fewer when it can.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../scripts/config/index.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { rulesById } from '../../scripts/rules/index.js';
import { deferredSibling, unreadCost, type Sibling } from '../../scripts/rules/sibling.js';

const config = defaultConfig();
const rule = rulesById.get('sibling-category')!;

function ladderUsing(categories: readonly string[]) {
  const levels = ['Level 1', 'Level 2'].map((l) => `## ${l}\n\n${categories.map((c) => `### ${c}\n\n- Does the work of ${c.toLowerCase()}.\n`).join('\n')}`);
  return parseLadder(`# Here\n\n${levels.join('\n')}`, 'ladders/here.md');
}

function eager(i: number, categories: readonly string[]): Sibling {
  return { id: `s-${i}`, file: `ladders/s-${i}.md`, position: { line: 1, column: 1 }, used: categories.map((name, k) => ({ name, position: { line: 3 + k, column: 1 } })), meta: {} };
}

/** Deferred copies of `siblings`, and how many of them were read. */
function deferred(siblings: readonly Sibling[], cost: (i: number) => number = () => 100) {
  const read = new Set<number>();
  const out = siblings.map((s, i) =>
    deferredSibling({ id: s.id, file: s.file, meta: s.meta }, cost(i), () => {
      read.add(i);
      return s;
    }),
  );
  return { out, read };
}

function findings(categories: readonly string[], siblings: readonly Sibling[]) {
  const parsed = ladderUsing(categories);
  return rule.run({ ladder: parsed.ladder, facts: parsed.facts, file: 'ladders/here.md', siblings, config }, 'warning');
}

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sibling-category on deferred siblings', () => {
  const common = ['Craft', 'Impact', 'Collaboration', 'Leadership'];

  it('reads about half of the siblings when they all use the categories this ladder has', () => {
    const siblings = Array.from({ length: 40 }, (_, i) => eager(i, common));
    const { out, read } = deferred(siblings);
    expect(findings(common, out)).toEqual([]);
    expect(read.size).toBe(20);
    expect(out.filter((s) => unreadCost(s) > 0)).toHaveLength(20);
  });

  it('reads them all when a category is missing here, and reports as with all of them read', () => {
    const siblings = Array.from({ length: 40 }, (_, i) => eager(i, i % 3 === 0 ? common.slice(1) : common));
    const { out, read } = deferred(siblings);
    const here = common.slice(0, 3);
    const found = findings(here, out);
    expect(found.map((d) => d.message)).toEqual(['Category `Leadership` is used by 40 of 40 other ladders but missing here, expected it unless this ladder differs on purpose']);
    expect(found).toEqual(findings(here, siblings));
    expect(read.size).toBe(40);
  });

  it('reads the cheapest first, and the ones already known before any', () => {
    const siblings = Array.from({ length: 11 }, (_, i) => eager(i, common));
    const { out, read } = deferred(siblings, (i) => 1000 - i);
    const mixed = [...out.slice(0, 6), ...siblings.slice(6)];
    expect(findings(common, mixed)).toEqual([]);
    // Five known, then the cheapest read makes six of eleven: the five left cannot lift a category past half.
    expect([...read]).toEqual([5]);
  });

  it('finds what reading every sibling finds, on random sets of categories', () => {
    const next = random(7);
    const pool = ['Craft', 'Impact', 'Collaboration', 'Leadership', 'Delivery', 'Mentoring', 'Strategy'];
    let partial = 0;
    for (let round = 0; round < 300; round++) {
      const n = Math.floor(next() * 12);
      const weights = pool.map(() => next());
      const siblings = Array.from({ length: n }, (_, i) => eager(i, pool.filter((_, k) => next() < weights[k]!)));
      const here = pool.filter(() => next() < 0.6);
      const { out, read } = deferred(siblings, () => Math.floor(next() * 5));
      const expected = findings(here, siblings);
      expect({ round, found: findings(here, out) }).toEqual({ round, found: expected });
      if (read.size < n) partial++;
    }
    // The shortcut was taken often enough to have been tested.
    expect(partial).toBeGreaterThan(50);
  });

  it('reads a deferred sibling once, and one that is no ladder after all as using nothing', () => {
    let reads = 0;
    const s = deferredSibling({ id: 'x', file: 'ladders/x.md', meta: {} }, 5, () => {
      reads++;
      return undefined;
    });
    expect(unreadCost(s)).toBe(5);
    expect([s.used, s.used, s.position]).toEqual([[], [], { line: 1, column: 1 }]);
    expect([reads, unreadCost(s)]).toEqual([1, 0]);
  });
});
