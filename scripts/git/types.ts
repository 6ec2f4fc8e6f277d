/** Pass as a revision to mean the files on disk (tracked or not), not a commit. */
export const WORKTREE = 'WORKTREE';
export type Worktree = typeof WORKTREE;

export interface RepoFile {
  /** Repo-relative posix path. */
  path: string;
  /** Blob id at the revision; null for a file read from the working tree. */
  blob: string | null;
  content: Buffer;
  /** Set when the entry is no regular file (a symlink at a revision or on disk, a FIFO, a device): content is empty, never read. */
  special?: 'symlink' | 'other';
  /** Set when the file is over the size limit and was not read (content is then empty): its size in bytes. */
  tooLarge?: number;
  /** Set when the caller asked not to read this blob (listFiles' `read`): content is empty; `blob` names it. */
  unread?: true;
}

export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface ChangedFile {
  status: ChangeStatus;
  /** Repo-relative posix path after the change (the old path for a deletion). */
  path: string;
  /** Set for renames and copies. */
  oldPath?: string;
  /** null when the file did not exist before. */
  oldBlob: string | null;
  /** null when the file was deleted, or lives only in the working tree (read it from disk). */
  newBlob: string | null;
  /** Rename/copy similarity in percent. */
  similarity?: number;
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  author: string;
  authorEmail: string;
  /** Committer date, epoch seconds. */
  date: number;
  subject: string;
  body: string;
  /** Changes against the first parent (merges included), limited to the log's paths. */
  files: ChangedFile[];
}

export interface TagInfo {
  name: string;
  /** The commit the tag points at (annotated tags are peeled). */
  sha: string;
  /** Committer date of that commit, epoch seconds. */
  date: number;
}

export interface LogOptions {
  /** Exclusive lower bound (`from..to`); omitted = from the root commit. */
  from?: string;
  to: string;
  /** Only commits touching these repo paths, and only their changes. */
  paths?: string[];
  /** Follow only the first parent: on a main branch, one entry per merged pull request. */
  firstParent?: boolean;
}
