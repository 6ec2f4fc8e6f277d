import path from 'node:path';
import { realpath } from 'node:fs/promises';
import { PathOutsideRepoError } from './errors.js';

/**
 * A user-given path (relative to the repo root, or absolute) as a repo-relative posix path
 * without trailing slash; '' is the root itself.
 */
export function toRepoPath(root: string, input: string): string {
  const rel = path.isAbsolute(input) ? path.relative(root, input).split(path.sep).join('/') : input;
  const norm = path.posix.normalize(rel === '' ? '.' : rel).replace(/\/+$/, '');
  if (norm === '..' || norm.startsWith('../') || path.posix.isAbsolute(norm)) {
    throw new PathOutsideRepoError(input, root);
  }
  return norm === '.' ? '' : norm;
}

/** Guards the working tree against a symlinked directory that leads out of the repository. */
export async function assertRealPathInside(root: string, repoPath: string, input: string): Promise<void> {
  let real: string;
  try {
    real = await realpath(path.join(root, repoPath));
  } catch {
    return; // a missing path holds no files; nothing can leak
  }
  const realRoot = await realpath(root);
  const rel = path.relative(realRoot, real);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new PathOutsideRepoError(input, root);
  }
}

/** True when `file` is `dir` itself or lies below it (both repo-relative posix). */
export function isUnder(file: string, dir: string): boolean {
  return dir === '' || file === dir || file.startsWith(`${dir}/`);
}

/** Byte-order comparison, as git sorts paths, so orders agree across listFiles sources. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
