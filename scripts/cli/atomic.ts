import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../model/errors.js';

/**
 * An output the user asked for could not be written: a read-only, missing or wrong-kind path is the
 * user's to fix, so it prints as "cannot write <path>: <reason>" and exits 1, never as an internal error.
 */
export class WriteError extends UserError {
  override name = 'WriteError';
  constructor(
    readonly target: string,
    reason: string,
    readonly code?: string,
  ) {
    super(`cannot write ${target}: ${reason}`);
  }
}

/** The reason in words: the system's own ("read-only file system"), without the syscall and temp path. */
export function writeReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder',
  };
  // mkdir -p through a file fails with EEXIST, which reads as nonsense to the user.
  if (e?.code === 'EEXIST' && e.syscall === 'mkdir') return words.ENOTDIR!;
  if (e?.code && words[e.code]) return words[e.code]!;
  const m = /^[A-Z0-9_]+: ([^,]+)/.exec(e?.message ?? '');
  return m ? m[1]!.trim() : (e?.code ?? String(err));
}

/** Runs one write of `target`; a file-system error becomes a WriteError naming it. */
export function writing<T>(target: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException)?.code;
    if (typeof code !== 'string') throw err;
    throw new WriteError(target, writeReason(err), code);
  }
}
import { trackTemp, untrackTemp } from './temp.js';

function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

/**
 * Write a whole file or nothing: a crash mid-write leaves the old file (or none), never half of one.
 * `shown` is the path as the user gave it, for the error message.
 */
export function writeFileAtomic(file: string, content: string, shown = file): void {
  writing(shown, () => {
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
  });
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
