import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | null | undefined;

/** V8's full collection, made callable without starting node with --expose-gc; null where refused. */
function fullGc(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  } catch {
    collector = null;
  }
  return collector;
}

/**
 * Keeps the PDF stage's heap near what it really holds. V8 lets the old generation grow to a multiple
 * of what survived its last full collection before it collects again: at 2,000 ladders, 330 MB live let
 * the heap reach 888 MB (--trace-gc), and the process tree went past 1 GiB. Checked between files (and
 * every MiB of ladders.pdf), a full collection runs once the heap has grown `slack` bytes past what the
 * last one left: a few at 2,000 ladders, none on a small repository.
 */
export class HeapBudget {
  private floor = getHeapStatistics().used_heap_size;

  /**
   * @param slack bytes the heap may grow past what the last full collection left
   * @param growth with a large live set, the heap may also grow by this share of it (0: never more than `slack`)
   */
  constructor(
    private readonly slack = 192 * 1024 * 1024,
    private readonly growth = 0,
  ) {}

  check(): void {
    if (getHeapStatistics().used_heap_size < this.floor + Math.max(this.slack, this.floor * this.growth)) return;
    const gc = fullGc();
    if (!gc) return;
    gc();
    this.floor = getHeapStatistics().used_heap_size;
  }
}
