import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { FakeGitHub } from './server.js';
import { runCli, tempDir } from './helpers.js';

const REPO = 'acme/ladders';
let gh: FakeGitHub;
let dir: ReturnType<typeof tempDir>;

beforeEach(async () => {
  gh = await FakeGitHub.start();
  dir = tempDir('check');
  gh.addPull(REPO, 12);
});
afterEach(async () => {
  await gh.close();
  dir.cleanup();
});

const check = (args: string[]) => runCli(['check', '--pr', '12', ...args], { cwd: dir.path, env: gh.env() });

test('swaps the ladder:* label, keeps other labels, creates the label once with its colour', async () => {
  gh.setIssueLabels(REPO, 12, ['documentation', 'ladder:minor', 'ladder:patch']);
  const r = await check(['--bump', 'major']);
  // Add first, then remove: the PR is never left without a ladder label.
  expect(gh.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
    'POST /repos/acme/ladders/labels',
    'POST /repos/acme/ladders/issues/12/labels',
    'DELETE /repos/acme/ladders/issues/12/labels/ladder%3Aminor',
    'DELETE /repos/acme/ladders/issues/12/labels/ladder%3Apatch',
  ]);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout).toBe('#12: added ladder:major, removed ladder:minor, removed ladder:patch\n');
  expect(gh.issueLabels(REPO, 12)).toEqual(['documentation', 'ladder:major']);
  expect(gh.repoLabels(REPO).find((l) => l.name === 'ladder:major')).toMatchObject({ color: 'b60205', description: expect.stringMatching(/major/) });

  gh.resetLog();
  const again = await check(['--bump', 'major']);
  expect(again.stdout).toBe('#12: ladder:major already set\n');
  expect(gh.writes()).toEqual([]);

  const down = await check(['--bump', 'patch']);
  expect(down.code).toBe(0);
  expect(gh.issueLabels(REPO, 12)).toEqual(['documentation', 'ladder:patch']);
  expect(gh.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
    'POST /repos/acme/ladders/issues/12/labels',
    'DELETE /repos/acme/ladders/issues/12/labels/ladder%3Amajor',
  ]);
});

test('takes the bump from the diff JSON artifact, strictly', async () => {
  writeFileSync(join(dir.path, 'diff.json'), JSON.stringify({ base: 'a', head: 'b', bump: 'minor', ladders: [{ id: 'x', status: 'modified', changes: [{}] }] }));
  const r = await check(['--from-file', 'diff.json']);
  expect(r.code).toBe(0);
  expect(gh.issueLabels(REPO, 12)).toEqual(['ladder:minor']);

  writeFileSync(join(dir.path, 'evil.json'), JSON.stringify({ bump: 'major"; echo pwned', ladders: [] }));
  const evil = await check(['--from-file', 'evil.json']);
  expect(evil.code).toBe(1);
  expect(evil.stderr).toMatch(/^ladder check: evil\.json: not a ladder diff: "bump" /);
  expect(gh.issueLabels(REPO, 12)).toEqual(['ladder:minor']);
});

test('bad input is a usage error before any request', async () => {
  expect((await check(['--bump', 'huge'])).code).toBe(2);
  expect((await runCli(['check', '--pr', '0', '--bump', 'none'], { cwd: dir.path, env: gh.env() })).code).toBe(2);
  expect((await runCli(['check', '--pr', '12abc', '--bump', 'none'], { cwd: dir.path, env: gh.env() })).code).toBe(2);
  expect((await check(['--bump', 'major', '--from-file', 'x.json'])).stderr).toMatch(/--bump or --from-file, not both/);
  expect(gh.requests).toEqual([]);
});

test('--head-sha ties the artifact to the PR: another commit is skipped without writing', async () => {
  const other = await check(['--bump', 'major', '--head-sha', 'c'.repeat(40)]);
  expect(other.code).toBe(0);
  expect(other.stderr).toBe(`ladder check: #12 is now at ${'b'.repeat(12)}, not ${'c'.repeat(12)}: this diff is stale or not this PR's; not labelling\n`);
  expect(gh.writes()).toEqual([]);
  const same = await check(['--bump', 'major', '--head-sha', 'b'.repeat(40)]);
  expect(same.code).toBe(0);
  expect(gh.issueLabels(REPO, 12)).toEqual(['ladder:major']);
  expect((await check(['--bump', 'major', '--head-sha', 'HEAD'])).code).toBe(2);
});
