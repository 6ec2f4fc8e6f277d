import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLadder } from '../helpers/cli.js';

// Issue 19, item 7: a shallow clone gave a wrong changelog silently (v1.0.0 vanished, v1.1.0 became
// "New ladder"); every command that reads history now refuses one, with the fetch-depth hint.
const ROOT = path.join(import.meta.dirname, '..', '..');
let dir: string;
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-shallow-'));
  const full = path.join(dir, 'full');
  mkdirSync(path.join(full, 'ladders'), { recursive: true });
  const devrel = readFileSync(path.join(ROOT, 'ladders/devrel.md'), 'utf8');
  writeFileSync(path.join(full, 'ladders/devrel.md'), devrel);
  git(full, 'init', '-q', '-b', 'main');
  git(full, 'add', '.');
  git(full, 'commit', '-q', '-m', 'first');
  git(full, 'tag', 'v1.0.0');
  writeFileSync(path.join(full, 'ladders/devrel.md'), devrel.replace('Shares drafts early instead of polishing them alone.', 'Shares drafts early.'));
  git(full, 'commit', '-q', '-am', 'second');
  git(full, 'tag', 'v1.1.0');
  writeFileSync(path.join(full, 'ladders/devrel.md'), devrel.replace('Shares drafts early instead of polishing them alone.', 'Shares drafts early, often.'));
  git(full, 'commit', '-q', '-am', 'third');
  git(dir, 'clone', '-q', '--depth', '1', '--no-local', `file://${full}`, 'shallow');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HINT = 'this clone is shallow, so the release history (tags, changelog, next version) would be incomplete: fetch with fetch-depth: 0 (actions/checkout) or run "git fetch --unshallow --tags"';

it.each([
  ['changelog', ['changelog']],
  ['changelog --all', ['changelog', '--all']],
  ['version', ['version']],
  ['build', ['build', '--html-only', '--out', '../dist-shallow']],
])('%s refuses a shallow clone with the fetch-depth hint', async (name, argv) => {
  const r = await runLadder(path.join(dir, 'shallow'), argv, { env: { SOURCE_DATE_EPOCH: '0' } });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`ladder ${argv[0]}: ${HINT}\n`);
});

it('the full clone still works', async () => {
  const r = await runLadder(path.join(dir, 'full'), ['changelog', '--all']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('[v1.0.0]');
});
