import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FakeGitHub } from './server.js';
import { runCli, tempDir } from './helpers.js';

// Slices 1 and 5 of issue 17 through the real CLI: a real git repository (the default branch holds the
// config), the PR's head fetched as objects, and the fake GitHub answering reviews and team memberships.

const FIXTURES = fileURLToPath(new URL('../fixtures/governance', import.meta.url));
const REPO = 'acme/ladders';
const TODAY = '2026-11-29';
let gh: FakeGitHub;
let dir: ReturnType<typeof tempDir>;
let base: string;

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir.path,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x', GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z' },
  }).trim();

const LADDER = () => join(dir.path, 'ladders', 'support.md');

/** Edits the ladder on the PR branch and commits: the PR's new head, as a push makes it. */
function push(edit: (text: string) => string, message: string): string {
  git('checkout', '-q', 'pr');
  writeFileSync(LADDER(), edit(readFileSync(LADDER(), 'utf8')));
  git('commit', '-q', '-am', message);
  const head = git('rev-parse', 'HEAD');
  // The trusted job runs on the default branch; the head is there only as objects.
  git('checkout', '-q', 'main');
  gh.addPull(REPO, 7, { baseSha: base, headSha: head, author: 'pat' });
  return head;
}

const raiseBar = (effective?: string) => (text: string) =>
  text
    .replace('status: active\n', `status: active\n${effective ? `effective: ${effective}\n` : ''}`)
    .replace('Reviews a newer colleague\'s replies once a week.', 'Reviews a newer colleague\'s replies once a week. Runs the monthly review of the help centre.');

const setEffective = (day: string) => (text: string) => text.replace(/effective: .*\n/, `effective: ${day}\n`);

/** GITHUB_TOKEN is the Actions bot's; LADDER_TEAMS_TOKEN a user token with read:org, for memberships only. */
const env = () => ({ ...gh.env(), LADDER_TEAMS_TOKEN: 'org-reader-token' });
const check = (head: string, extra: string[] = []) => runCli(['check', '--head-sha', head, '--today', TODAY, ...extra], { cwd: dir.path, env: env() });

beforeEach(async () => {
  gh = await FakeGitHub.start({ users: { 'test-token': { login: 'github-actions[bot]', type: 'Bot' }, 'org-reader-token': { login: 'ladder-reader', type: 'User' } } });
  dir = tempDir('governance');
  git('init', '-q', '-b', 'main');
  mkdirSync(join(dir.path, 'ladders'));
  copyFileSync(join(FIXTURES, 'support.md'), LADDER());
  copyFileSync(join(FIXTURES, 'ladder.config.yaml'), join(dir.path, 'ladders', 'ladder.config.yaml'));
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  base = git('rev-parse', 'HEAD');
  git('branch', 'pr');
  gh.setTeam('acme/people-team', { alice: 'active', carol: 'active', dana: 'pending' });
});
afterEach(async () => {
  await gh.close();
  dir.cleanup();
});

describe('notice period', () => {
  test('a raised bar without an effective date fails with the changes and the earliest allowed date', async () => {
    const head = push(raiseBar(), 'raise the bar');
    const k = await check(head);
    expect(k.code).toBe(1);
    expect(k.stdout).toContain("ladders/support.md: has no effective date; its raises-bar changes need 90 days' notice: effective: 2027-02-27 or later");
    expect(k.stdout).toContain('  support · Owns difficult cases · Teamwork: expectation-added (raises-bar)');
    expect(k.stderr).toMatch(/^ladder check: #7 is not ready to merge: notice period: support needs effective 2027-02-27\+; missing approval: @acme\/people-team\n$/);
    expect(gh.statuses(REPO, head)['ladder/governance']).toMatchObject({ state: 'failure', creator: 'github-actions[bot]' });
    // The bump label is still set: governance says what is missing, the label what the change is.
    expect(gh.issueLabels(REPO, 7)).toEqual(['ladder:major']);
  });

  test('too soon fails; the earliest allowed date passes; LADDER_TODAY moves today', async () => {
    const soon = push(raiseBar('2027-02-26'), 'raise the bar from February');
    const k = await check(soon);
    expect(k.code).toBe(1);
    expect(k.stdout).toContain("ladders/support.md: takes effect 2027-02-26; its raises-bar changes need 90 days' notice: effective: 2027-02-27 or later");

    const later = push(setEffective('2027-02-27'), 'take effect a day later');
    gh.addReview(REPO, 7, 'alice', 'APPROVED');
    const ok = await check(later);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toBe('#7: ladder:major already set, ladder/validate success, ladder/governance success\n');
    expect(gh.statuses(REPO, later)['ladder/governance']).toMatchObject({ state: 'success', description: 'notice and approvals satisfied (1 required)' });

    // A day later the same date is one day short.
    const tomorrow = await runCli(['check', '--head-sha', later], { cwd: dir.path, env: { ...env(), LADDER_TODAY: '2026-11-30' } });
    expect(tomorrow.code).toBe(1);
    expect(tomorrow.stdout).toContain('effective: 2027-02-28 or later');
  });

  test('an editorial change needs no notice and no extra approval: no review is read', async () => {
    const head = push((t) => t.replace('Resolves routine tickets', 'Resolves routine tickets,'), 'punctuation');
    gh.resetLog();
    const k = await check(head);
    expect(k).toMatchObject({ code: 0, stderr: '' });
    expect(k.stdout).toMatch(/ladder\/governance success\n$/);
    expect(gh.requests.some((r) => r.path.endsWith('/reviews'))).toBe(false);
  });

  test('a bad date is a usage error (exit 2) before any request', async () => {
    const head = push(raiseBar('2027-03-01'), 'raise');
    gh.resetLog();
    const k = await check(head, ['--today', '2026-02-30']);
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/--today must be a real date written YYYY-MM-DD \(got "2026-02-30"\)/);
    expect(gh.requests).toEqual([]);
  });
});

describe('approvals by impact', () => {
  test('stale, author and non-member approvals do not count; a member approving the head does', async () => {
    const first = push(raiseBar('2027-06-01'), 'raise the bar from June');
    gh.addReview(REPO, 7, 'alice', 'APPROVED', first);
    // A push: alice's approval is now of an older commit.
    const head = push((t) => t.replace('Runs the monthly review', 'Leads the monthly review'), 'reword');
    gh.addReview(REPO, 7, 'pat', 'APPROVED'); // the author
    gh.addReview(REPO, 7, 'bob', 'APPROVED'); // not in the team
    gh.addReview(REPO, 7, 'dana', 'APPROVED'); // invited, not yet a member
    const k = await check(head);
    expect(k.code).toBe(1);
    expect(k.stdout).toContain(`missing approval: @acme/people-team (for raises-bar changes) on ${head.slice(0, 12)}`);
    expect(gh.statuses(REPO, head)['ladder/governance']).toMatchObject({ state: 'failure', description: 'missing approval: @acme/people-team' });

    // The sticky comment says what is missing.
    const c = await runCli(['comment', '--head-sha', head, '--today', TODAY], { cwd: dir.path, env: env() });
    expect(c).toMatchObject({ code: 0, stderr: '' });
    const body = gh.comments(REPO, 7)[0]!.body;
    expect(body).toContain('### Before merging');
    expect(body).toContain('- ❌ **Approval missing:** `@acme/people-team`, for `raises-bar` changes.');
    expect(body).toContain('- ✅ **Notice period:** every change takes effect late enough (checked on 2026-11-29).');
    expect(body.indexOf('### Before merging')).toBeLessThan(body.indexOf('Leads the monthly review'));

    // alice approves again, then comments: a comment does not take an approval back.
    gh.addReview(REPO, 7, 'alice', 'APPROVED');
    gh.addReview(REPO, 7, 'alice', 'COMMENTED');
    const ok = await check(head);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(gh.statuses(REPO, head)['ladder/governance']!.state).toBe('success');
    await runCli(['comment', '--head-sha', head, '--today', TODAY], { cwd: dir.path, env: env() });
    expect(gh.comments(REPO, 7)).toHaveLength(1);
    expect(gh.comments(REPO, 7)[0]!.body).toContain('- ✅ **Approved:** `@acme/people-team`, by `alice`.');
  });

  test('changes requested after an approval, or a dismissed approval, take it back', async () => {
    const head = push(raiseBar('2027-06-01'), 'raise');
    const approval = gh.addReview(REPO, 7, 'carol', 'APPROVED');
    expect((await check(head)).code).toBe(0);
    gh.dismissReview(REPO, approval.id);
    expect((await check(head)).code).toBe(1);
    gh.addReview(REPO, 7, 'alice', 'APPROVED');
    gh.addReview(REPO, 7, 'alice', 'CHANGES_REQUESTED');
    expect((await check(head)).code).toBe(1);
  });

  test('a breaking change needs every reviewer its impact lists; reviews are read across pages', async () => {
    const head = push((t) => t.replace('status: active\n', 'status: active\neffective: 2027-06-01\n').replace(/\n## S2 · Owns difficult cases[\s\S]*$/, '\n'), 'drop S2');
    // Many reviews: more than one page of 100.
    for (let i = 0; i < 120; i++) gh.addReview(REPO, 7, `watcher${i}`, 'COMMENTED');
    gh.addReview(REPO, 7, 'carol', 'APPROVED');
    const k = await check(head);
    expect(k.code).toBe(1);
    expect(k.stdout).toContain(`missing approval: @hr-lead (for breaking changes) on ${head.slice(0, 12)}`);
    expect(k.stdout).not.toContain('@acme/people-team (for');
    expect(gh.requests.filter((r) => r.path.endsWith('/reviews')).length).toBeGreaterThan(1);
    gh.addReview(REPO, 7, 'HR-Lead', 'APPROVED');
    expect((await check(head)).code).toBe(0);
  });

  test('faults: a 502 on the reviews is retried; a token that cannot read teams says which it needs', async () => {
    const head = push(raiseBar('2027-06-01'), 'raise');
    gh.addReview(REPO, 7, 'bob', 'APPROVED');
    gh.addReview(REPO, 7, 'alice', 'APPROVED');
    gh.inject({ kind: 'status', status: 502, path: '/reviews', times: 1 });
    expect((await check(head)).code).toBe(0);

    // Without LADDER_TEAMS_TOKEN the Actions token is refused the membership: one line says what to set.
    const k = await runCli(['check', '--head-sha', head, '--today', TODAY], { cwd: dir.path, env: gh.env() });
    expect(k.code).toBe(1);
    expect(k.stderr).toMatch(/403 Resource not accessible by integration.*reading team members needs a token with read:org .*set LADDER_TEAMS_TOKEN/);
    expect(k.stderr).not.toMatch(/\n\s+at /);
    // The memberships were read with the teams token; every write used GITHUB_TOKEN.
    expect(gh.statuses(REPO, head)['ladder/governance']).toMatchObject({ state: 'success', creator: 'github-actions[bot]' });
  });
});
