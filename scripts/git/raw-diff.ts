import { GitFailedError } from './errors.js';
import type { ChangedFile, ChangeStatus } from './types.js';

const NULL_ID = /^0+$/;
const GITLINK = '160000';

export interface RawHeader {
  oldMode: string;
  newMode: string;
  oldBlob: string | null;
  newBlob: string | null;
  status: string;
  score?: number;
}

/** Parses ":<old mode> <new mode> <old id> <new id> <status>[score]" from `--raw -z` output. */
export function parseRawHeader(token: string): RawHeader {
  const m = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])(\d*)$/.exec(token);
  if (!m) throw new GitFailedError(['diff'], null, '', `unexpected raw diff line "${token}"`);
  return {
    oldMode: m[1]!,
    newMode: m[2]!,
    oldBlob: NULL_ID.test(m[3]!) ? null : m[3]!,
    newBlob: NULL_ID.test(m[4]!) ? null : m[4]!,
    status: m[5]!,
    ...(m[6] ? { score: Number(m[6]) } : {}),
  };
}

/** How many path tokens follow a header: renames and copies name source and destination. */
export function pathCount(header: RawHeader): number {
  return header.status === 'R' || header.status === 'C' ? 2 : 1;
}

/**
 * One ChangedFile, or undefined for entries that are not files (submodules). `worktree` drops new
 * blob ids: for on-disk files git reports ids it never wrote to the object store.
 */
export function toChangedFile(header: RawHeader, paths: string[], worktree = false): ChangedFile | undefined {
  if (header.oldMode === GITLINK || header.newMode === GITLINK) return undefined;
  // An unmerged path in the working tree is, for a reader, a modified file.
  const status = (header.status === 'U' ? 'M' : header.status) as ChangeStatus;
  if (!'AMDRCT'.includes(status)) {
    throw new GitFailedError(['diff'], null, '', `unexpected change status "${header.status}" for ${paths.join(' -> ')}`);
  }
  const two = paths.length === 2;
  const file: ChangedFile = {
    status,
    path: two ? paths[1]! : paths[0]!,
    oldBlob: status === 'A' ? null : header.oldBlob,
    newBlob: status === 'D' || worktree ? null : header.newBlob,
  };
  if (two) file.oldPath = paths[0]!;
  if (two && header.score !== undefined) file.similarity = header.score;
  return file;
}

/** Parses a complete `git diff --raw -z` output. */
export function parseRawDiff(out: Buffer, worktree = false): ChangedFile[] {
  const tokens = out.toString('utf8').split('\0');
  const files: ChangedFile[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i++]!.replace(/^\n/, '');
    if (token === '') continue;
    const header = parseRawHeader(token);
    const paths = tokens.slice(i, i + pathCount(header));
    i += paths.length;
    const file = toChangedFile(header, paths, worktree);
    if (file) files.push(file);
  }
  return files;
}
