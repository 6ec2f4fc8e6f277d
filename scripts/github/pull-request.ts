import { UsageError, UserError } from '../model/errors.js';
import type { Bump } from '../diff/kinds.js';
import type { GitHub } from './client.js';

// A pull request as the trusted job sees it: its head commit, its semantic diff computed here from git
// objects with the checkout's tool and config, and its validation, reported as a commit status.

export interface PrDiff {
  base: string;
  head: string;
  markdown: string;
  json: string;
  /** Whether any ladder changes (the result said so; nothing re-reads its own JSON to learn it). */
  changed: boolean;
  /** The view model the Markdown was formatted from: a comment is cut on it, not on the text. */
  view: import('../diff/index.js').DiffView;
  bump: import('../diff/index.js').Bump;
  /** Policy files (config, workflows, tool, CODEOWNERS) the PR changes; judged here by the local (base) copy. */
  policy: string[];
}

/**
 * The PR's semantic diff computed here, for runs without an artifact: the PR's head against its merge
 * base with the base branch (what the PR itself changes), both read from the local clone (fetch-depth: 0).
 * One diff (diffRevisions, as `ladder diff` computes it), formatted as Markdown and JSON.
 */
export async function prDiff(cwd: string, gh: GitHub, pr: number, headSha?: string): Promise<PrDiff> {
  const { data } = await gh.call(`reading pull request #${pr}`, (o) => o.rest.pulls.get({ owner: gh.owner, repo: gh.repo, pull_number: pr }));
  // The commit the workflow ran on, when given: the one fetched as objects (a later push is not).
  if (headSha !== undefined && /^[0-9a-f]{40}$/i.test(headSha)) data.head.sha = headSha;
  const { Repo, UnknownRevisionError } = await import('../git/index.js');
  const { loadConfig } = await import('../config/index.js');
  const { policyChanges } = await import('./policy.js');
  const repo = await Repo.open(cwd);
  let base: string;
  let policy: string[];
  let diff: import('../load/diff-revisions.js').RevisionsDiff;
  const { diffRevisions, formatDiff } = await import('../load/diff-revisions.js');
  const config = loadConfig(cwd);
  try {
    base = await repo.mergeBase(data.base.sha, data.head.sha).catch((err: unknown) => {
      if (err instanceof UnknownRevisionError) {
        throw new UserError(`the head of #${pr} (${data.head.sha.slice(0, 12)}) is not in this clone; fetch it as objects first: git fetch --no-tags origin ${data.head.sha}`);
      }
      throw err;
    });
    // The config read here is the checkout's (the default branch in pr-comment.yml), never the PR's.
    const changed = await repo.changes(base, data.head.sha, repo.root);
    policy = policyChanges(changed.flatMap((c) => (c.oldPath ? [c.oldPath, c.path] : [c.path])), config.laddersDir);
    diff = await diffRevisions(repo, config, cwd, base, data.head.sha).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'UnreadableRevisionError') throw new UserError(`computing the diff of #${pr} failed: ${err.message}`);
      throw err;
    });
  } finally {
    repo.close();
  }
  return {
    base,
    head: data.head.sha,
    markdown: await formatDiff(diff, 'markdown'),
    json: await formatDiff(diff, 'json'),
    changed: diff.changed,
    view: diff.view(),
    bump: diff.result.bump,
    policy: [...new Set(policy)],
  };
}

/**
 * The open pull requests whose head is `sha`: how the privileged workflow finds its PR from the
 * head commit GitHub reports for the run, without reading a PR number from the PR's own artifact.
 */
export async function pullsForHead(gh: GitHub, sha: string): Promise<number[]> {
  if (!/^[0-9a-f]{40}$/i.test(sha)) throw new UsageError(`--head-sha must be a 40-character commit SHA (got "${sha.slice(0, 50)}")`);
  const pulls = (await gh.call('listing open pull requests', (o) =>
    o.paginate(o.rest.pulls.list, { owner: gh.owner, repo: gh.repo, state: 'open', per_page: 100 }),
  )) as Array<{ number: number; head: { sha: string } }>;
  return pulls.filter((p) => p.head.sha.toLowerCase() === sha.toLowerCase()).map((p) => p.number).sort((a, b) => a - b);
}

/**
 * Whether the PR's head is still `sha`. The PR workflow's artifact names its PR number, but that file is
 * written by code from the PR: checking the head commit GitHub ran that workflow on ties the artifact to
 * its PR, and skips a diff made stale by a newer push.
 */
export async function prHeadIs(gh: GitHub, pr: number, sha: string): Promise<{ ok: boolean; actual: string }> {
  if (!/^[0-9a-f]{40}$/i.test(sha)) throw new UsageError(`--head-sha must be a 40-character commit SHA (got "${sha.slice(0, 50)}")`);
  const { data } = await gh.call(`reading pull request #${pr}`, (o) => o.rest.pulls.get({ owner: gh.owner, repo: gh.repo, pull_number: pr }));
  return { ok: data.head.sha.toLowerCase() === sha.toLowerCase(), actual: data.head.sha };
}

export interface HeadVerdict {
  diagnostics: import('../model/diagnostic.js').Diagnostic[];
  errors: number;
  files: number;
}

/**
 * The PR head's ladders validated from git objects with the checkout's tool and config (in
 * pr-comment.yml the default branch's): the check a pull request cannot forge, unlike pr.yml's,
 * which runs the PR's own code.
 */
export async function validateHead(cwd: string, sha: string): Promise<HeadVerdict> {
  const { Repo } = await import('../git/index.js');
  const { loadConfig } = await import('../config/index.js');
  const { runRules, countBySeverity } = await import('../rules/index.js');
  const { RevisionReader } = await import('../load/revisions.js');
  const config = loadConfig(cwd);
  const repo = await Repo.open(cwd);
  try {
    const parsed = await new RevisionReader(repo, config, cwd).parseAll(sha);
    const { readPinnedSources } = await import('../load/translations.js');
    const pinned = await readPinnedSources(cwd, config, parsed.flatMap((r) => r.ladder ?? []));
    const diagnostics = runRules(parsed, config, { pinned });
    return { diagnostics, errors: countBySeverity(diagnostics).errors, files: parsed.length };
  } finally {
    repo.close();
  }
}

/** The commit status a branch protection rule can require: set by the trusted job only. */
export const STATUS_CONTEXT = 'ladder/validate';

export async function setValidationStatus(gh: GitHub, sha: string, verdict: HeadVerdict): Promise<void> {
  const first = verdict.diagnostics.find((d) => d.severity === 'error');
  const description = verdict.errors === 0
    ? `${verdict.files} ladder${verdict.files === 1 ? '' : 's'} valid (default branch's rules)`
    : `${verdict.errors} error${verdict.errors === 1 ? '' : 's'}; first: ${first!.file}:${first!.position.line} ${first!.ruleId}`;
  await gh.call(`setting status ${STATUS_CONTEXT} on ${sha.slice(0, 12)}`, (o) =>
    o.rest.repos.createCommitStatus({
      owner: gh.owner,
      repo: gh.repo,
      sha,
      state: verdict.errors === 0 ? 'success' : 'failure',
      context: STATUS_CONTEXT,
      description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
    }),
  );
}

export type CheckOutcome =
  | { kind: 'stale'; pr: number; actual: string }
  | { kind: 'invalid'; pr: number; verdict: HeadVerdict }
  | { kind: 'labelled'; pr: number; changes: string[]; statusSet: boolean };

/**
 * `ladder check` for one pull request: when its head is still `headSha`, validate the head from git
 * objects with the checkout's rules and set the ladder/validate status (unless the bump is given),
 * then set its bump label (computed here with the checkout's policy unless given) and the policy label.
 */
export async function checkPullRequest(gh: GitHub, cwd: string, pr: number, opts: { headSha?: string; bump?: Bump }): Promise<CheckOutcome> {
  const { headSha } = opts;
  if (headSha !== undefined) {
    const head = await prHeadIs(gh, pr, headSha);
    if (!head.ok) return { kind: 'stale', pr, actual: head.actual };
  }
  let bump = opts.bump;
  let policy: string[] = [];
  const validated = headSha !== undefined && bump === undefined;
  if (validated) {
    // The required check: the head's ladders, validated here from git objects with the base's rules.
    const verdict = await validateHead(cwd, headSha);
    await setValidationStatus(gh, headSha, verdict);
    if (verdict.errors > 0) return { kind: 'invalid', pr, verdict };
  }
  if (bump === undefined) {
    // Computed here, with the checkout's (base) policy: never a bump the PR's own run reported.
    const diff = await prDiff(cwd, gh, pr, headSha);
    bump = diff.bump;
    policy = diff.policy;
  }
  const { setBumpLabel } = await import('./labels.js');
  const result = await setBumpLabel(gh, pr, bump, { policyChange: policy.length > 0 });
  const changes = [
    result.added ? `added ${result.label}` : `${result.label} already set`,
    ...(result.policyAdded ? ['added ladder:policy-change'] : []),
    ...result.removed.map((r) => `removed ${r}`),
  ];
  return { kind: 'labelled', pr, changes, statusSet: validated };
}

export type CommentOutcome =
  | { kind: 'stale'; pr: number; actual: string; summary: string }
  | { kind: 'posted'; pr: number; action: 'created' | 'updated' | 'unchanged' | 'skipped'; url?: string; deleted: number; policy: string[]; summary: string };

/**
 * `ladder comment` for one pull request: its diff (given, or computed here from git objects with the
 * checkout's policy), the sticky comment body, and the comment kept in place when the PR's head is
 * still `headSha`. `summary` is the job-summary copy, for the caller to append.
 */
export async function commentPullRequest(
  gh: GitHub,
  cwd: string,
  pr: number,
  opts: { headSha?: string; detailsUrl?: string; given?: { markdown: string; changed: boolean } },
): Promise<CommentOutcome> {
  const { commentBody, commentBudget, cutNote, summaryText, NO_CHANGES } = await import('./comment-body.js');
  let markdown: string;
  let changed: boolean;
  let policy: string[] = [];
  let fitted: string | undefined;
  if (opts.given) ({ markdown, changed } = opts.given);
  else {
    const diff = await prDiff(cwd, gh, pr, opts.headSha);
    ({ markdown, changed, policy } = diff);
    // Cut on the view: whole level groups left out, the note naming them; the text is never re-read.
    const { formatMarkdown } = await import('../diff/format/markdown.js');
    fitted = formatMarkdown(diff.view, { limit: commentBudget({ policyChange: policy }), note: (cut) => cutNote(cut, opts.detailsUrl) });
  }
  const body = commentBody(changed ? (fitted ?? markdown) : null, { ...(opts.detailsUrl ? { detailsUrl: opts.detailsUrl } : {}), policyChange: policy });
  const summary = summaryText(changed ? markdown : NO_CHANGES, opts.detailsUrl);
  if (opts.headSha !== undefined) {
    const head = await prHeadIs(gh, pr, opts.headSha);
    if (!head.ok) return { kind: 'stale', pr, actual: head.actual, summary };
  }
  const { upsertStickyComment } = await import('./comments.js');
  // No comment yet and nothing to say: stay quiet rather than add noise to an unrelated PR.
  const result = await upsertStickyComment(gh, pr, body, { createIfMissing: changed || policy.length > 0 });
  return { kind: 'posted', pr, action: result.action, ...(result.url ? { url: result.url } : {}), deleted: result.deleted.length, policy, summary };
}
