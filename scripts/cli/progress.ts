import type { Runtime } from './runtime.js';

/** Shorter walks finish before a bar would be worth reading. */
const MIN_TOTAL = 50;
const WIDTH = 24;

export interface ProgressBar {
  update(done: number, total: number): void;
  /** Clears the line (call before printing anything else to stderr). */
  done(): void;
}

/**
 * A one-line progress bar on stderr, redrawn in place with a carriage return, at most ~10 times a
 * second. Only on a terminal: piped or captured stderr (CI logs) never sees it.
 */
export function progressBar(stream: Runtime['stderr'], label: string, now: () => number = () => performance.now()): ProgressBar {
  if (!stream.isTTY) return { update() {}, done() {} };
  let shown = false;
  let last = -Infinity;
  return {
    update(done, total) {
      if (total < MIN_TOTAL) return;
      const t = now();
      if (done < total && t - last < 100) return;
      last = t;
      const filled = Math.round((done / total) * WIDTH);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
