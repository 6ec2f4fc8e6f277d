import type { CommitInfo } from '../git/types.js';
/** What the changelog needs of a commit: who and which pull request. A subset of git's CommitInfo. */
export type CommitMeta = Omit<CommitInfo, 'files' | 'body'> & { body?: string };

/** Who brought a change in: a pull request when the history names one, else the commit. */
export interface Ref {
  sha: string;
  pr?: number;
  /** `@login` when GitHub names the user, else the commit's author name. */
  author: string;
}

// GitHub's own messages: "Merge pull request #123 from alice/branch" and "Title (#123)" for squashes.
const MERGE_PR = /^Merge pull request #(\d+) from ([^\s/]+)\//;
const SQUASH_PR = /\(#(\d+)\)\s*$/;
// GitHub's private commit e-mail carries the login: "12345+alice@users.noreply.github.com".
const NOREPLY = /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)@users\.noreply\.github\.com$/i;

export function refOf(c: CommitMeta): Ref {
  const merge = MERGE_PR.exec(c.subject);
  if (merge) return { sha: c.sha, pr: Number(merge[1]), author: `@${merge[2]}` };
  const login = NOREPLY.exec(c.authorEmail)?.[1];
  const author = login ? `@${login}` : c.author;
  const squash = SQUASH_PR.exec(c.subject);
  if (squash) return { sha: c.sha, pr: Number(squash[1]), author };
  return { sha: c.sha, author };
}

/** One reference per pull request (or per commit outside any), in the order given. */
export function uniqueRefs(refs: readonly Ref[]): Ref[] {
  const seen = new Set<string>();
  const out: Ref[] = [];
  for (const r of refs) {
    const key = r.pr !== undefined ? `#${r.pr}` : r.sha;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** "#123, @alice" or "a1b2c3d, Ada Tester". */
export function formatRef(r: Ref): string {
  return `${r.pr !== undefined ? `#${r.pr}` : r.sha.slice(0, 7)}, ${r.author}`;
}
