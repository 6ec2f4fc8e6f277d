import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { trackTemp, untrackTemp } from './temp.js';

function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

/** Write a whole file or nothing: a crash mid-write leaves the old file (or none), never half of one. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = tempPath(file);
  trackTemp(temp);
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  } finally {
    untrackTemp(temp);
  }
}

/**
 * Like writeFileAtomic, but fails with EEXIST instead of replacing an existing file. A hard link
 * is atomic and refuses to clobber, so two concurrent runs cannot both "create" the file.
 */
export function createFileAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = tempPath(file);
  try {
    writeFileSync(temp, content);
    linkSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}
