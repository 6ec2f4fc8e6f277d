import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { HeapBudget } from '../../scripts/release/heap-budget.js';

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
});
