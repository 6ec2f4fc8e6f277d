import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { COMMENT_MARKER } from '../../scripts/github/comment-body.js';
import { FakeGitHub } from './server.js';
import { runCli, tempDir } from './helpers.js';
import { SAMPLE_LADDERS } from '../helpers/sample-ladders.js';

const REPO = 'acme/ladders';
let gh: FakeGitHub;
let dir: ReturnType<typeof tempDir>;

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir.path,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x', GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z' },
  }).trim();

/** A real repository: the bundled ladders on main, and a PR branch that raises the bar at DR1. */
beforeEach(async () => {
  gh = await FakeGitHub.start();
  dir = tempDir('prdiff');
  git('init', '-q', '-b', 'main');
  cpSync(SAMPLE_LADDERS, join(dir.path, 'ladders'), { recursive: true });
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  const base = git('rev-parse', 'HEAD');
  git('checkout', '-q', '-b', 'raise-bar');
  const file = join(dir.path, 'ladders', 'devrel.md');
  const text = readFileSync(file, 'utf8').replace(
    'Tests every step of a tutorial on a clean machine before publishing it.',
    'Tests every step of a tutorial on a clean machine before publishing it. Records a short video walkthrough of every tutorial.',
  );
  writeFileSync(file, text);
  git('commit', '-q', '-am', 'raise the bar');
  const head = git('rev-parse', 'HEAD');
  gh.addPull(REPO, 5, { baseSha: base, headSha: head });
});
afterEach(async () => {
  await gh.close();
  dir.cleanup();
});

test('without an artifact, comment and check compute the PR diff from the clone', async () => {
  const c = await runCli(['comment', '--pr', '5'], { cwd: dir.path, env: gh.env() });
  expect(c.stderr).toBe('');
  expect(c.code).toBe(0);
  const [body] = gh.comments(REPO, 5).map((x) => x.body);
  expect(body!.startsWith(COMMENT_MARKER)).toBe(true);
  expect(body).toContain('Records a short video walkthrough of every tutorial.');

  const k = await runCli(['check', '--pr', '5'], { cwd: dir.path, env: gh.env() });
  expect(k.code).toBe(0);
  // An expectation added to an existing level raises the bar: major (DESIGN.md §3).
  expect(gh.issueLabels(REPO, 5)).toEqual(['ladder:major']);
});

test('check --validate stops before labelling when a ladder has errors', async () => {
  writeFileSync(join(dir.path, 'ladders', 'broken.md'), '---\ntitle: [unclosed\n---\n# Broken\n');
  const k = await runCli(['check', '--pr', '5', '--bump', 'minor', '--validate'], { cwd: dir.path, env: gh.env() });
  expect(k.code).toBe(1);
  expect(k.stdout).toMatch(/ladders\/broken\.md/);
  expect(k.stderr).toMatch(/#5 has validation errors; not labelling it/);
  expect(gh.writes()).toEqual([]);
});

test('the workflow pipeline: pr-comment.yml finds the PR by its head and computes comment and label itself', async () => {
  const head = git('rev-parse', 'HEAD');
  // pr-comment.yml checks out the default branch; the PR's head is only fetched as objects.
  git('checkout', '-q', 'main');
  const c = await runCli(['comment', '--head-sha', head, '--details-url', 'https://github.test/acme/ladders/actions/runs/9'], { cwd: dir.path, env: gh.env() });
  expect(c).toMatchObject({ code: 0, stderr: '' });
  expect(c.stdout).toMatch(/^#5: created the diff comment/);
  const k = await runCli(['check', '--head-sha', head], { cwd: dir.path, env: gh.env() });
  expect(k).toMatchObject({ code: 0, stderr: '', stdout: '#5: added ladder:major, ladder/validate success\n' });
  expect(gh.statuses(REPO, head)).toEqual({ 'ladder/validate': { state: 'success', description: "2 ladders valid (default branch's rules)", creator: 'github-actions[bot]' } });
  const base = git('merge-base', 'main', head);
  const expected = await runCli(['diff', base, head, '--format', 'markdown'], { cwd: dir.path, env: {} });
  expect(gh.comments(REPO, 5)).toHaveLength(1);
  expect(gh.comments(REPO, 5)[0]!.body).toBe(`${COMMENT_MARKER}\n${expected.stdout.trim()}`);
  expect(gh.issueLabels(REPO, 5)).toEqual(['ladder:major']);

  // The author reverts the change: the same pipeline now says the PR changes no ladder.
  git('checkout', '-q', 'raise-bar');
  git('revert', '--no-edit', 'HEAD');
  const reverted = git('rev-parse', 'HEAD');
  git('checkout', '-q', 'main');
  gh.addPull(REPO, 5, { baseSha: base, headSha: reverted });
  const again = await runCli(['comment', '--head-sha', reverted], { cwd: dir.path, env: gh.env() });
  expect(again.stdout).toMatch(/updated the diff comment/);
  expect(gh.comments(REPO, 5)[0]!.body).toContain('no longer changes any ladder');
  await runCli(['check', '--head-sha', reverted], { cwd: dir.path, env: gh.env() });
  expect(gh.issueLabels(REPO, 5)).toEqual(['ladder:none']);

  // A head no open PR has (pushed again since): nothing is posted.
  const stale = await runCli(['check', '--head-sha', head], { cwd: dir.path, env: gh.env() });
  expect(stale).toMatchObject({ code: 0, stderr: `ladder check: no open pull request has ${head.slice(0, 12)} as its head (pushed again, or closed); not labelling\n` });
});

test('a forged artifact and a relaxed config in the PR change neither the comment nor the label', async () => {
  // The base branch's policy: the defaults (an added expectation raises the bar: major).
  // The PR relaxes the policy in its own config and its own run writes a forged "no change" diff.
  git('checkout', '-q', 'raise-bar');
  writeFileSync(join(dir.path, 'ladders', 'ladder.config.yaml'), 'bump:\n  raises-bar: none\nrules:\n  duplicate-id: off\n');
  mkdirSync(join(dir.path, '.github', 'workflows'), { recursive: true });
  writeFileSync(join(dir.path, '.github', 'workflows', 'pr-comment.yml'), 'name: nothing to see\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'relax the policy');
  const head = git('rev-parse', 'HEAD');
  gh.addPull(REPO, 5, { baseSha: git('rev-parse', 'main'), headSha: head });
  // What the PR's own workflow run would have uploaded, run with the PR's config: bump none.
  const own = await runCli(['diff', git('merge-base', 'main', head), head, '--format', 'json'], { cwd: dir.path, env: {} });
  expect(JSON.parse(own.stdout).bump).toBe('none');
  writeFileSync(join(dir.path, 'diff.json'), JSON.stringify({ base: 'x', head: 'y', bump: 'none', ladders: [] }));
  writeFileSync(join(dir.path, 'diff.md'), '');
  writeFileSync(join(dir.path, 'pr-number'), '5\n');

  // pr-comment.yml: the default branch checked out, the PR head fetched as objects, no artifact read.
  git('checkout', '-q', 'main');
  const c = await runCli(['comment', '--head-sha', head], { cwd: dir.path, env: gh.env() });
  expect(c).toMatchObject({ code: 0, stderr: '' });
  const k = await runCli(['check', '--head-sha', head], { cwd: dir.path, env: gh.env() });
  expect(k).toMatchObject({ code: 0, stderr: '', stdout: '#5: added ladder:major, added ladder:policy-change, ladder/validate success\n' });
  expect(gh.issueLabels(REPO, 5).sort()).toEqual(['ladder:major', 'ladder:policy-change']);
  const body = gh.comments(REPO, 5)[0]!.body;
  expect(body).toContain('Records a short video walkthrough of every tutorial.');
  expect(body).not.toContain('no longer changes any ladder');
  expect(body).toContain("use the base branch's policy; the new policy applies after merge");
  expect(body).toContain('(`.github/workflows/pr-comment.yml`, `ladders/ladder.config.yaml`)');

  // A later push that reverts the policy files drops the policy label again.
  git('checkout', '-q', 'raise-bar');
  git('rm', '-q', '-r', 'ladders/ladder.config.yaml', '.github');
  git('commit', '-q', '-m', 'keep the policy');
  const clean = git('rev-parse', 'HEAD');
  git('checkout', '-q', 'main');
  gh.addPull(REPO, 5, { baseSha: git('rev-parse', 'main'), headSha: clean });
  const k2 = await runCli(['check', '--head-sha', clean], { cwd: dir.path, env: gh.env() });
  expect(k2.stdout).toBe('#5: ladder:major already set, removed ladder:policy-change, ladder/validate success\n');
  expect(gh.issueLabels(REPO, 5)).toEqual(['ladder:major']);
});

test('the required check is computed by the trusted job: a PR that turns a rule off in its config still fails', async () => {
  // The PR publishes a second ladder under devrel's id and turns duplicate-id off in its own config;
  // its own pr.yml run (its code, its config) would pass.
  git('checkout', '-q', 'raise-bar');
  writeFileSync(join(dir.path, 'ladders', 'zz.md'), readFileSync(join(dir.path, 'ladders', 'engineering.md'), 'utf8').replace('id: engineering', 'id: devrel'));
  writeFileSync(join(dir.path, 'ladders', 'ladder.config.yaml'), 'rules:\n  duplicate-id: off\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'impostor');
  const head = git('rev-parse', 'HEAD');
  const own = await runCli(['validate'], { cwd: dir.path, env: {} });
  expect(own.code).toBe(0);
  git('checkout', '-q', 'main');
  gh.addPull(REPO, 5, { baseSha: git('rev-parse', 'main'), headSha: head });
  const k = await runCli(['check', '--head-sha', head], { cwd: dir.path, env: gh.env() });
  expect(k.code).toBe(1);
  expect(k.stdout).toMatch(/ladders\/zz\.md:\d+:\d+\s+error\s+Unexpected duplicate ladder id `devrel`.*duplicate-id/);
  expect(k.stderr).toBe(`ladder check: #5 has validation errors at ${head.slice(0, 12)}; ladder/validate set to failure, not labelling it\n`);
  expect(gh.statuses(REPO, head)['ladder/validate']).toMatchObject({ state: 'failure', description: expect.stringMatching(/^2 errors; first: ladders\/devrel\.md:\d+ duplicate-id$/) });
  expect(gh.issueLabels(REPO, 5)).toEqual([]);
});

test('publish builds dist/ first when it is missing, then releases what was built', async () => {
  const r = await runCli(['publish', '--tag', 'v1.0.0'], { cwd: dir.path, env: gh.env() });
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/^dist\/ does not exist: building v1\.0\.0 first\n/);
  const [release] = gh.releases(REPO);
  const names = gh.assets(REPO, release!.id).map((a) => a.name);
  expect(names).toEqual(expect.arrayContaining(['devrel.pdf', 'devrel.html', 'engineering.pdf', 'ladders.pdf', 'index.html', 'CHANGELOG.md', 'SHA256SUMS']));
  const sums = readFileSync(join(dir.path, 'dist', 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => l.split('  ')[1]);
  expect([...names].sort()).toEqual([...sums, 'SHA256SUMS'].sort());
  expect(release!.draft).toBe(false);
  // The notes are the v1.0.0 section of the CHANGELOG.md that was built, without its heading.
  expect(release!.body).not.toBe('');
  const changelog = readFileSync(join(dir.path, 'dist', 'CHANGELOG.md'), 'utf8');
  const heading = /^## \[v1\.0\.0\] - \d{4}-\d{2}-\d{2}\n\n/m.exec(changelog);
  expect(heading).not.toBeNull();
  expect(changelog.slice(heading!.index + heading![0].length)).toMatch(new RegExp(`^${(release!.body ?? "").replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});
