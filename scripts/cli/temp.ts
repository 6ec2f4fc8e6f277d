import { rmSync } from 'node:fs';

/**
 * Work folders and files the CLI creates beside its outputs, removed if the process is told to stop.
 * The bin installs the signal handlers (it is the only place that exits); a handler runs between two
 * JavaScript tasks, so a release folder swap, which is synchronous, always finishes or never starts.
 */
const tracked = new Set<string>();

export function trackTemp(path: string): void {
  tracked.add(path);
}

export function untrackTemp(path: string): void {
  tracked.delete(path);
}

/** Removes every tracked path; returns how many there were. */
export function removeTrackedTemps(): number {
  const n = tracked.size;
  for (const p of tracked) rmSync(p, { recursive: true, force: true });
  tracked.clear();
  return n;
}
