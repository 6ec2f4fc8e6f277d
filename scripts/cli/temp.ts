import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

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
 * A work folder in the system temp dir, made and tracked in one step (`ladder-<kind>-<pid>-<thread>-XXXXXX`).
 * A worker thread tracks in its own copy of this module, which the main thread never sees: the pid and
 * thread id in the name let the main thread find a worker's folders, on a stop (removeTrackedTemps) or
 * once it has terminated that worker (removeThreadTemps).
 */
export function makeTempDir(kind: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ladder-${kind}-${process.pid}-${threadId}-`));
  tracked.add(dir);
  return dir;
}

/** makeTempDir's names: kind, the pid and thread that made it, mkdtemp's six characters. */
const OWN_TEMP = /^ladder-[a-z]+-(\d+)-(\d+)-[A-Za-z0-9]{6}$/;

/** Removes the temp-dir folders of this process that `which` accepts (by the thread that made them); returns them. */
function sweep(which: (thread: number) => boolean): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(os.tmpdir());
  } catch {
    return []; // no temp dir to read
  }
  const out: string[] = [];
  for (const name of names) {
    const own = OWN_TEMP.exec(name);
    if (!own || Number(own[1]) !== process.pid || !which(Number(own[2]))) continue;
    const p = path.join(os.tmpdir(), name);
    rmSync(p, { recursive: true, force: true });
    out.push(p);
  }
  return out;
}

/**
 * Removes a work folder (or file) with its `.gitignore` last: a process killed midway leaves only what
 * that file still hides from git (a release's work folders sit in the repository, scripts/release/release.ts).
 */
export function removeWorkPath(p: string): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(p);
  } catch {
    // a file, or gone
  }
  for (const entry of entries) if (entry !== '.gitignore') rmSync(path.join(p, entry), { recursive: true, force: true });
  rmSync(p, { recursive: true, force: true });
}

/** Removes every tracked path, and every temp-dir folder this process's threads made; returns how many. */
export function removeTrackedTemps(): number {
  const removed = new Set(tracked);
  for (const p of tracked) removeWorkPath(p);
  tracked.clear();
  for (const p of sweep(() => true)) removed.add(p);
  return removed.size;
}

/**
 * Removes the temp-dir folders a worker thread made and could not remove: it was terminated (a build
 * that gives up cancels its history walk) between making one and its `finally`. Call once it has exited.
 */
export function removeThreadTemps(thread: number): number {
  return sweep((t) => t === thread).length;
}
