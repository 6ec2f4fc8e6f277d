/**
 * Approvals by impact (config `approvals`): which reviewers a pull request's changes require, and
 * which of them have approved its current head. The judging functions are pure; the two readers at
 * the bottom are the only HTTP.
 */
import type { Impact } from '../diff/kinds.js';
import type { DiffResult } from '../diff/types.js';
import type { GitHub } from './client.js';
import { AuthError, NotFoundError } from './errors.js';

export type ApprovalPolicy = Partial<Record<Impact, string[]>>;

export interface Requirement {
  /** `@user` or `@org/team`, as configured. */
  reviewer: string;
  /** The impacts in the diff that ask for it, in IMPACTS order of first appearance. */
  impacts: Impact[];
}

/** The reviewers the diff's impacts require, each once, in config order. */
export function requiredApprovals(result: DiffResult, policy: ApprovalPolicy): Requirement[] {
  const present = new Set<Impact>(result.ladders.flatMap((l) => l.changes.map((c) => c.impact)));
  const byReviewer = new Map<string, Requirement>();
  for (const [impact, reviewers] of Object.entries(policy) as Array<[Impact, string[]]>) {
    if (!present.has(impact)) continue;
    for (const reviewer of reviewers) {
      const key = reviewer.toLowerCase();
      const req = byReviewer.get(key) ?? { reviewer, impacts: [] };
      if (!req.impacts.includes(impact)) req.impacts.push(impact);
      byReviewer.set(key, req);
    }
  }
  return [...byReviewer.values()];
}

/** A review as `GET /repos/{owner}/{repo}/pulls/{n}/reviews` returns it (the fields used here). */
export interface Review {
  id: number;
  user: { login: string } | null;
  state: string;
  commit_id: string | null;
  submitted_at?: string | null;
}

/**
 * Logins whose standing review approves `headSha`. As GitHub counts them: each reviewer's latest
 * APPROVED, CHANGES_REQUESTED or DISMISSED review decides (a COMMENTED or PENDING one changes
 * nothing); an approval of an earlier commit is stale after a push; the author's own never counts.
 */
export function approversAt(reviews: readonly Review[], headSha: string, author: string | undefined): string[] {
  const latest = new Map<string, Review>();
  // The API lists reviews oldest first; ids grow with time, so sort on them rather than trust the order.
  for (const r of [...reviews].sort((a, b) => a.id - b.id)) {
    if (!r.user || !['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(r.state)) continue;
    latest.set(r.user.login.toLowerCase(), r);
  }
  const self = author?.toLowerCase();
  return [...latest.values()]
    .filter((r) => r.state === 'APPROVED' && r.commit_id?.toLowerCase() === headSha.toLowerCase() && r.user!.login.toLowerCase() !== self)
    .map((r) => r.user!.login)
    .sort();
}

export interface ApprovalStatus {
  required: Requirement[];
  /** The requirements no current approval satisfies. */
  missing: Requirement[];
  /** Who approved the head (author and stale approvals left out). */
  approvers: string[];
  /** Per satisfied requirement, the approver that satisfied it. */
  satisfiedBy: Record<string, string>;
}

/** Every review of the PR, all pages. */
export async function listReviews(gh: GitHub, pr: number): Promise<Review[]> {
  return (await gh.call(`reading the reviews of #${pr}`, (o) =>
    o.paginate(o.rest.pulls.listReviews, { owner: gh.owner, repo: gh.repo, pull_number: pr, per_page: 100 }),
  )) as Review[];
}

/** Whether `login` is an active member of `org/team` (404: not a member, or the team is not visible to the token). */
export async function isTeamMember(gh: GitHub, org: string, team: string, login: string): Promise<boolean> {
  try {
    const { data } = await gh.call(`reading the membership of ${login} in @${org}/${team}`, (o) =>
      o.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username: login }),
    );
    return data.state === 'active';
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    // GITHUB_TOKEN in Actions cannot read team memberships: say what token can.
    if (err instanceof AuthError) throw new AuthError(`${err.message}; reading team members needs a token with read:org (or an app with Members: read): set LADDER_TEAMS_TOKEN`, err.status);
    throw err;
  }
}

/** Which required approvals the PR's current head `headSha` has, reading its reviews and team memberships. */
export async function approvalStatus(
  gh: GitHub,
  pr: number,
  headSha: string,
  author: string | undefined,
  required: Requirement[],
  /** The client for team memberships (LADDER_TEAMS_TOKEN), when not `gh`. */
  teams: GitHub = gh,
): Promise<ApprovalStatus> {
  if (required.length === 0) return { required, missing: [], approvers: [], satisfiedBy: {} };
  const approvers = approversAt(await listReviews(gh, pr), headSha, author);
  const missing: Requirement[] = [];
  const satisfiedBy: Record<string, string> = {};
  for (const req of required) {
    const [org, team] = req.reviewer.slice(1).split('/') as [string, string | undefined];
    let by: string | undefined;
    for (const login of approvers) {
      if (team === undefined ? login.toLowerCase() === org.toLowerCase() : await isTeamMember(teams, org, team, login)) {
        by = login;
        break;
      }
    }
    if (by === undefined) missing.push(req);
    else satisfiedBy[req.reviewer] = by;
  }
  return { required, missing, approvers, satisfiedBy };
}
