import type { GitHub } from './client.js';
import { COMMENT_MARKER } from './comment-body.js';
import { AuthError, NotFoundError } from './errors.js';

export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  /** The comment that now carries the body (absent when skipped). */
  id?: number;
  url?: string;
  /** Duplicates removed (left by a concurrent run or an earlier race). */
  deleted: number[];
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url: string;
  created_at: string;
  user: { login: string; type?: string } | null;
}

/** The Actions token's user: GET /user is refused to installation tokens, and this is who they post as. */
export const ACTIONS_BOT = 'github-actions[bot]';

/**
 * Whose comments the sticky one may be: the token's own user. Anyone can write the marker in a
 * comment; only ours may be edited (someone else's PATCH is a 403 and would block the bot for good).
 */
export async function tokenLogin(gh: GitHub): Promise<string> {
  try {
    const { data } = await gh.call('reading the token\'s user', (o) => o.rest.users.getAuthenticated());
    return (data as { login: string }).login;
  } catch (err) {
    if (err instanceof AuthError || err instanceof NotFoundError) return ACTIONS_BOT;
    throw err;
  }
}

const same = (a: string | null | undefined, b: string) => (a ?? '').replace(/\r\n/g, '\n').trimEnd() === b.replace(/\r\n/g, '\n').trimEnd();
const isOurs = (c: IssueComment) => (c.body ?? '').startsWith(COMMENT_MARKER);
const oldestFirst = (a: IssueComment, b: IssueComment) => a.created_at.localeCompare(b.created_at) || a.id - b.id;

async function listOurs(gh: GitHub, issue: number): Promise<IssueComment[]> {
  const all = await gh.call(`listing comments of #${issue}`, (o) =>
    o.paginate(o.rest.issues.listComments, { owner: gh.owner, repo: gh.repo, issue_number: issue, per_page: 100 }),
  );
  return (all as IssueComment[]).filter(isOurs).sort(oldestFirst);
}

async function remove(gh: GitHub, id: number): Promise<boolean> {
  try {
    await gh.call(`deleting duplicate comment ${id}`, (o) => o.rest.issues.deleteComment({ owner: gh.owner, repo: gh.repo, comment_id: id }));
    return true;
  } catch (err) {
    // A concurrent run removed it first: the outcome we wanted.
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

/** Keeps the oldest of `author`'s marked comments and deletes the rest. */
async function dedupe(gh: GitHub, issue: number, author: string): Promise<{ keep: IssueComment | undefined; deleted: number[] }> {
  const ours = (await listOurs(gh, issue)).filter((c) => c.user?.login === author);
  const [keep, ...extra] = ours;
  const deleted: number[] = [];
  for (const c of extra) if (await remove(gh, c.id)) deleted.push(c.id);
  return { keep, deleted };
}

async function update(gh: GitHub, id: number, body: string) {
  const { data } = await gh.call(`updating comment ${id}`, (o) => o.rest.issues.updateComment({ owner: gh.owner, repo: gh.repo, comment_id: id, body }));
  return data as IssueComment;
}

/**
 * One comment per PR, found by its marker and updated in place; writes nothing when the body is unchanged.
 * Race-safe: after creating, re-list and converge on the oldest marked comment of the same author,
 * so two concurrent runs leave exactly one.
 * `createIfMissing: false` (used when the PR changes no ladder) updates an existing comment but never adds one.
 */
export async function upsertStickyComment(
  gh: GitHub,
  issue: number,
  body: string,
  opts: { createIfMissing?: boolean; author?: string } = {},
): Promise<StickyResult> {
  if (!body.startsWith(COMMENT_MARKER)) throw new Error('sticky comment body must start with the marker');
  const author = (opts.author ?? (await tokenLogin(gh))).toLowerCase();
  // Marker and author: a comment someone else wrote with the marker is not ours, whatever it says.
  const existing = (await listOurs(gh, issue)).filter((c) => c.user?.login.toLowerCase() === author);
  const first = existing[0];
  if (first) {
    const deleted: number[] = [];
    for (const c of existing.slice(1)) if (await remove(gh, c.id)) deleted.push(c.id);
    if (same(first.body, body)) return { action: 'unchanged', id: first.id, url: first.html_url, deleted };
    const updated = await update(gh, first.id, body);
    return { action: 'updated', id: updated.id, url: updated.html_url, deleted };
  }
  if (opts.createIfMissing === false) return { action: 'skipped', deleted: [] };

  const { data } = await gh.call(`commenting on #${issue}`, (o) => o.rest.issues.createComment({ owner: gh.owner, repo: gh.repo, issue_number: issue, body }));
  const created = data as IssueComment;
  const { keep, deleted } = await dedupe(gh, issue, created.user?.login ?? '');
  if (!keep || keep.id === created.id) return { action: 'created', id: created.id, url: created.html_url, deleted };
  // Another run got there first; its comment stays, with our body if it differs.
  if (same(keep.body, body)) return { action: 'unchanged', id: keep.id, url: keep.html_url, deleted };
  const updated = await update(gh, keep.id, body);
  return { action: 'updated', id: updated.id, url: updated.html_url, deleted };
}
