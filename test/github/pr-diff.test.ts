import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { COMMENT_MARKER } from '../../scripts/github/comment-body.js';
import { FakeGitHub } from './server.js';
import { runCli, tempDir } from './helpers.js';

const REPO = 'acme/ladders';
const ROOT = new URL('../..', import.meta.url).pathname;
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
  cpSync(join(ROOT, 'ladders'), join(dir.path, 'ladders'), { recursive: true });
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
