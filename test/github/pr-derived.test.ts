import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { COMMENT_MARKER } from '../../scripts/github/comment-body.js';
import { FakeGitHub } from './server.js';
import { runCli, tempDir } from './helpers.js';

// A pull request that edits only engineering.md, in a repository of the bundled ladders (sre.md
// extends engineering.md): the sticky comment names the derived ladder the change reaches.

const REPO = 'acme/ladders';
const ROOT = new URL('../../', import.meta.url).pathname;
let gh: FakeGitHub;
let dir: ReturnType<typeof tempDir>;

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir.path,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x', GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z' },
  }).trim();

beforeEach(async () => {
  gh = await FakeGitHub.start();
  dir = tempDir('prderived');
  git('init', '-q', '-b', 'main');
  cpSync(join(ROOT, 'ladders'), join(dir.path, 'ladders'), { recursive: true });
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  const base = git('rev-parse', 'HEAD');
  git('checkout', '-q', '-b', 'blockers');
  const file = join(dir.path, 'ladders', 'engineering.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Raises a blocker in stand-up on the day it appears.', 'Raises a blocker in stand-up on the day it appears, with a first idea for removing it.'));
  git('commit', '-q', '-am', 'engineering: L1 blockers');
  gh.addPull(REPO, 9, { baseSha: base, headSha: git('rev-parse', 'HEAD') });
});
afterEach(async () => {
  await gh.close();
  dir.cleanup();
});

test("the PR comment on a parent's change names the derived ladders it reaches, and shows their resolved diff", async () => {
  const c = await runCli(['comment', '--pr', '9'], { cwd: dir.path, env: gh.env() });
  expect(c).toMatchObject({ code: 0, stderr: '' });
  const [body] = gh.comments(REPO, 9).map((x) => x.body);
  expect(body!.startsWith(COMMENT_MARKER)).toBe(true);
  expect(body).toContain('(inherited by sre SRE1)');
  // The child's own section: its resolved ladder changed, though its file did not.
  expect(body).toMatch(/Site Reliability Engineering/);
  expect(body!.match(/with a first idea for removing it/g)).toHaveLength(2);
});
