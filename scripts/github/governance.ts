/**
 * What a pull request needs before it may merge, beyond valid ladders: the notice period of its
 * changes (config `noticeDays` against each ladder's `effective` date) and the approvals its impacts
 * require (config `approvals`). Judged with the checkout's config (the default branch's in
 * pr-comment.yml), reported as the commit status ladder/governance and a section of the sticky comment.
 */
import type { Config } from '../config/index.js';
import { changeLine, noticeViolations, type NoticeViolation } from '../diff/notice.js';
import type { DiffResult } from '../diff/types.js';
import { safeLine } from '../model/sanitize.js';
import { approvalStatus, requiredApprovals, type ApprovalStatus } from './approvals.js';
import type { GitHub } from './client.js';

export const GOVERNANCE_CONTEXT = 'ladder/governance';

export interface Governance {
  today: string;
  head: string;
  notice: NoticeViolation[];
  approvals: ApprovalStatus;
  ok: boolean;
}

/** Whether the config asks for anything this module checks: without it, no request and no status. */
export function governs(config: Pick<Config, 'noticeDays' | 'approvals'>): boolean {
  return Object.values(config.noticeDays).some((d) => (d ?? 0) > 0) || Object.values(config.approvals).some((r) => (r?.length ?? 0) > 0);
}

export async function judgePullRequest(
  gh: GitHub,
  pr: number,
  diff: { result: DiffResult; head: string; author?: string },
  config: Pick<Config, 'noticeDays' | 'approvals'>,
  today: string,
  teams?: GitHub,
): Promise<Governance> {
  const notice = noticeViolations(diff.result, config.noticeDays, today);
  const approvals = await approvalStatus(gh, pr, diff.head, diff.author, requiredApprovals(diff.result, config.approvals), teams);
  return { today, head: diff.head, notice, approvals, ok: notice.length === 0 && approvals.missing.length === 0 };
}

const MAX_LISTED = 10;

/** One line per problem, for the terminal (check's stderr). */
export function governanceLines(g: Governance): string[] {
  const out: string[] = [];
  for (const v of g.notice) {
    const when = v.effective ? `takes effect ${v.effective}` : 'has no effective date';
    out.push(
      `${safeLine(v.file ?? v.ladder)}: ${when}; its ${v.impact} changes need ${v.days} days' notice: effective: ${v.earliest} or later`,
      ...v.changes.slice(0, MAX_LISTED).map((c) => `  ${safeLine(changeLine(v.ladder, c))}`),
      ...(v.changes.length > MAX_LISTED ? [`  and ${v.changes.length - MAX_LISTED} more`] : []),
    );
  }
  for (const m of g.approvals.missing) {
    out.push(`missing approval: ${m.reviewer} (for ${m.impacts.join(', ')} changes) on ${g.head.slice(0, 12)}`);
  }
  return out;
}

/** The commit status description (GitHub's limit: 140 characters). */
export function governanceDescription(g: Governance): string {
  const parts: string[] = [];
  if (g.notice.length) parts.push(`notice period: ${g.notice.map((v) => `${v.ladder} needs effective ${v.earliest}+`).join(', ')}`);
  if (g.approvals.missing.length) parts.push(`missing approval: ${g.approvals.missing.map((m) => m.reviewer).join(', ')}`);
  const text = parts.length ? parts.join('; ') : `notice and approvals satisfied${g.approvals.required.length ? ` (${g.approvals.required.length} required)` : ''}`;
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

export async function setGovernanceStatus(gh: GitHub, g: Governance): Promise<void> {
  await gh.call(`setting status ${GOVERNANCE_CONTEXT} on ${g.head.slice(0, 12)}`, (o) =>
    o.rest.repos.createCommitStatus({ owner: gh.owner, repo: gh.repo, sha: g.head, state: g.ok ? 'success' : 'failure', context: GOVERNANCE_CONTEXT, description: governanceDescription(g) }),
  );
}

const code = (s: string) => `\`${s.replace(/[`\r\n]/g, '')}\``;

/**
 * The comment's section: what is still missing, or that nothing is. Reviewers and the changes (ladder,
 * level and category names are untrusted) are shown in code spans, after the one sanitizer: no HTML,
 * no Markdown, no notification per update.
 */
export function governanceMarkdown(g: Governance): string {
  if (g.notice.length === 0 && g.approvals.required.length === 0) return '';
  const lines: string[] = ['### Before merging'];
  for (const v of g.notice) {
    const when = v.effective ? `takes effect on ${v.effective}` : 'has no `effective` date';
    lines.push(
      `- ❌ **Notice period:** ${code(v.file ?? v.ladder)} ${when}; its ${code(v.impact)} changes need ${v.days} days' notice. ` +
        `Set \`effective: ${v.earliest}\` (or later) in its frontmatter.`,
      ...v.changes.slice(0, MAX_LISTED).map((c) => `  - ${code(safeLine(changeLine(v.ladder, c)))}`),
      ...(v.changes.length > MAX_LISTED ? [`  - and ${v.changes.length - MAX_LISTED} more`] : []),
    );
  }
  for (const m of g.approvals.missing) {
    lines.push(`- ❌ **Approval missing:** ${code(m.reviewer)}, for ${m.impacts.map(code).join(' and ')} changes.`);
  }
  for (const r of g.approvals.required) {
    const by = g.approvals.satisfiedBy[r.reviewer];
    if (by !== undefined) lines.push(`- ✅ **Approved:** ${code(r.reviewer)}, by ${code(by)}.`);
  }
  if (g.notice.length === 0) lines.push(`- ✅ **Notice period:** every change takes effect late enough (checked on ${g.today}).`);
  if (g.approvals.required.length) {
    lines.push('', `Approvals count on the current head (${code(g.head.slice(0, 12))}) only: a push makes earlier ones stale. The author's own approval never counts.`);
  }
  return lines.join('\n');
}
