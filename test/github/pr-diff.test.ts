import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
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

test('the workflow pipeline: pr.yml writes diff.md/json/html, pr-comment.yml posts and labels from them', async () => {
  const base = git('merge-base', 'main', 'HEAD');
  for (const format of ['markdown', 'json', 'html']) {
    const r = await runCli(['diff', base, 'HEAD', '--format', format, '--output', `diff.${format === 'markdown' ? 'md' : format}`], { cwd: dir.path, env: {} });
    expect(r.code).toBe(0);
  }
  const head = git('rev-parse', 'HEAD');
  const artifact = ['--from-file', 'diff.md', '--diff-json', 'diff.json'];
  const c = await runCli(['comment', '--pr', '5', '--head-sha', head, ...artifact, '--details-url', 'https://github.test/acme/ladders/actions/runs/9'], { cwd: dir.path, env: gh.env() });
  expect(c).toMatchObject({ code: 0, stderr: '' });
  const k = await runCli(['check', '--pr', '5', '--head-sha', head, '--from-file', 'diff.json'], { cwd: dir.path, env: gh.env() });
  expect(k).toMatchObject({ code: 0, stderr: '' });
  expect(gh.comments(REPO, 5)).toHaveLength(1);
  expect(gh.comments(REPO, 5)[0]!.body).toBe(`${COMMENT_MARKER}\n${readFileSync(join(dir.path, 'diff.md'), 'utf8').trim()}`);
  expect(gh.issueLabels(REPO, 5)).toEqual(['ladder:major']);

  // The author reverts the change: the same pipeline now says the PR changes no ladder.
  git('revert', '--no-edit', 'HEAD');
  for (const format of ['markdown', 'json']) {
    await runCli(['diff', base, 'HEAD', '--format', format, '--output', `diff.${format === 'markdown' ? 'md' : format}`], { cwd: dir.path, env: {} });
  }
  const reverted = await runCli(['comment', '--pr', '5', ...artifact], { cwd: dir.path, env: gh.env() });
  expect(reverted.stdout).toMatch(/updated the diff comment/);
  expect(gh.comments(REPO, 5)[0]!.body).toContain('no longer changes any ladder');
  await runCli(['check', '--pr', '5', '--from-file', 'diff.json'], { cwd: dir.path, env: gh.env() });
  expect(gh.issueLabels(REPO, 5)).toEqual(['ladder:none']);
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
