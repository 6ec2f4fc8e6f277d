import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/config/index.js';
import { Repo } from '../../scripts/git/index.js';
import { HeapBudget } from '../../scripts/release/heap-budget.js';
import { readReleases } from '../../scripts/release/history.js';
import { makeRepo } from '../helpers/git-repo.js';

const MiB = 1024 * 1024;
const used = () => getHeapStatistics().used_heap_size;

describe('HeapBudget', () => {
  it('brings the heap back within its slack once it has grown past it, without node started with --expose-gc', async () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
    const slack = 24 * MiB;
    const budget = new HeapBudget(slack);
    const start = used();
    // Garbage that lives long enough to reach the old generation, where only a full collection frees it.
    let keep: string[][] | undefined = [];
    for (let i = 0; i < 40; i++) {
      keep.push(Array.from({ length: 20_000 }, (_, k) => `row ${i} item ${k} of the garbage`));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(used()).toBeGreaterThan(start + slack);
    keep = undefined;
    budget.check();
    expect(used()).toBeLessThan(start + slack);
    // Within the slack, check() is cheap and leaves the heap alone: its floor is where the collection left it.
    const before = used();
    budget.check();
    expect(Math.abs(used() - before)).toBeLessThan(slack);
  }, 60_000);

  it('with a growth share, lets a large live heap grow by that share before collecting', async () => {
    const garbage = async (rows: number) => {
      let g: string[][] | undefined = [];
      for (let i = 0; i < rows; i++) {
        g.push(Array.from({ length: 20_000 }, (_, k) => `row ${i} item ${k} of the garbage`));
        await new Promise((resolve) => setImmediate(resolve));
      }
      g = undefined;
    };
    // A live set the budget starts from, then a collection so that the floor is about that set.
    const live = Array.from({ length: 30 }, (_, i) => Array.from({ length: 20_000 }, (_, k) => `live ${i} item ${k}`));
    new HeapBudget(0).check();
    const floor = used();
    const budget = new HeapBudget(8 * MiB, 1);
    // Garbage well past the slack but short of doubling the heap: left alone.
    await garbage(Math.max(4, Math.floor((floor * 0.4) / (2 * MiB))));
    const grown = used();
    expect(grown).toBeGreaterThan(floor + 8 * MiB);
    budget.check();
    expect(used()).toBeGreaterThan(floor + 8 * MiB);
    // Past twice the floor: collected, back to about the live set.
    while (used() < floor * 2 + 8 * MiB) await garbage(10);
    budget.check();
    expect(used()).toBeLessThan(floor + 8 * MiB);
    expect(live.length).toBe(30);
  }, 60_000);
});

describe('the history walk keeps its heap budget', () => {
  it('checks it after each file it reads, inside a commit that adds many ladders too', async () => {
    const ladder = (n: number, extra = '') =>
      `---\nid: team-${n}\ntitle: Team ${n}\n---\n\n# Team ${n}\n\n## Junior\n\n### Craft\n\n- Writes tests.${extra}\n\n## Senior\n\n### Craft\n\n- Designs systems.\n`;
    const t = await makeRepo();
    try {
      for (let n = 1; n <= 6; n++) await t.write(`ladders/team-${n}.md`, ladder(n));
      await t.commit('six ladders at once');
      await t.write('ladders/team-3.md', ladder(3, ' Reviews code.'));
      await t.commit('one edited');
      const repo = await Repo.open(t.root);
      try {
        let checks = 0;
        const atCommit: number[] = [];
        await readReleases(repo, loadConfig(t.root), { heap: { check: () => void checks++ }, progress: () => void atCommit.push(checks) });
        // Six files read before the first commit's diff: the budget was consulted after each of them,
        // not only once the commit was done (a first commit of 2,000 ladders was the walk's peak).
        expect(atCommit[0]).toBeGreaterThanOrEqual(6);
        // Then one file and the commit itself.
        expect(checks).toBeGreaterThanOrEqual(atCommit[0]! + 1 + 2);
      } finally {
        repo.close();
      }
    } finally {
      await t.cleanup();
    }
  });
});
