import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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

/**
 * A work folder in the system temp dir, made and tracked in one step (`ladder-<kind>-<pid>-XXXXXX`).
 * A worker thread tracks in its own copy of this module, which the main thread's signal handler never
 * sees; the pid in the name lets that handler find the worker's folders too (removeTrackedTemps).
 */
export function makeTempDir(kind: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ladder-${kind}-${process.pid}-`));
  tracked.add(dir);
  return dir;
}

/** makeTempDir's names: kind, the pid that made it, mkdtemp's six characters. */
const OWN_TEMP = /^ladder-[a-z]+-(\d+)-[A-Za-z0-9]{6}$/;

/** Removes every tracked path, and every temp-dir folder this process's threads made; returns how many. */
export function removeTrackedTemps(): number {
  const removed = new Set(tracked);
  for (const p of tracked) rmSync(p, { recursive: true, force: true });
  tracked.clear();
  let names: string[] = [];
  try {
    names = readdirSync(os.tmpdir());
  } catch {
    // No temp dir to read: only the tracked paths were ours to remove.
  }
  for (const name of names) {
    const own = OWN_TEMP.exec(name);
    if (!own || Number(own[1]) !== process.pid) continue;
    const p = path.join(os.tmpdir(), name);
    rmSync(p, { recursive: true, force: true });
    removed.add(p);
  }
  return removed.size;
}
