import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runLadder } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';
import { FIXTURES } from './fixtures.js';

const fixture = (rel: string) => readFile(path.join(FIXTURES, rel), 'utf8');

// v1.0.0 is the raised-autonomy base; the working tree raises the bar without committing it.
let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRepo();
  await repo.write('ladders/service.md', await fixture('raised-autonomy/base.md'));
  await repo.commit('first release');
  await repo.tag('v1.0.0');
  await repo.write('ladders/service.md', await fixture('raised-autonomy/head.md'));
});
afterAll(() => repo?.cleanup());

describe('uncommitted edits count the same way in diff, version and changelog', () => {
  test('diff: the working tree by default', async () => {
    const run = await runLadder(repo.root, ['diff', 'v1.0.0', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ head: 'WORKTREE', bump: 'major' });
  });

  test('version: the working tree by default, and says so; --to HEAD leaves it out', async () => {
    const run = await runLadder(repo.root, ['version']);
    expect(run).toMatchObject({ code: 0, stdout: 'v2.0.0\n' });
    expect(run.stderr).toContain('Counting uncommitted edits to ladder files');
    expect(run.stderr).toContain("L2 · Owns a system · Delivery — bar raised: “Solves scoped problems independently.” ('with some guidance' → 'independently': more autonomy expected)");
    const json = JSON.parse((await runLadder(repo.root, ['version', '--json'])).stdout);
    expect(json.reasons.map((r: { class?: string; levelKey?: string }) => [r.class, r.levelKey])).toEqual([['raised', 'L2']]);
    const committed = await runLadder(repo.root, ['version', '--to', 'HEAD']);
    expect(committed).toMatchObject({ code: 0, stdout: 'v1.0.0\n' });
    expect(committed.stderr).not.toContain('uncommitted');
  });

  test('changelog: the working tree by default, the raised bar in its own group; --to HEAD leaves it out', async () => {
    const run = await runLadder(repo.root, ['changelog']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('## [Unreleased]');
    expect(run.stdout).toContain('#### Raises the bar');
    expect(run.stdout).toContain('**L2 · Owns a system · Delivery** — bar raised: “Solves scoped problems independently.”');
    expect(run.stderr).toContain('Counting uncommitted edits to ladder files');
    const committed = await runLadder(repo.root, ['changelog', '--to', 'HEAD']);
    expect(committed.stdout).not.toContain('Raises the bar');
  });

  test('a head that cannot be parsed is an error with its diagnostics, never a diff of what was read', async () => {
    const good = await repo.read('ladders/service.md');
    await repo.write('ladders/service.md', good.replace('owners: ["@acme/service-leads"]', 'owners: ["@acme/service-leads"'));
    try {
      const run = await runLadder(repo.root, ['diff', 'v1.0.0']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/ladders\/service\.md:\d+:\d+ +error +.*frontmatter-yaml/);
      expect(run.stderr).toContain('ladder diff: cannot read the ladders in the working tree: 1 error');
      expect(run.stderr).not.toContain('Owners changed');
    } finally {
      await repo.write('ladders/service.md', good);
    }
  });

  test('frontmatter the model would drop (owners: 42) is an error too, not "owners removed"', async () => {
    const good = await repo.read('ladders/service.md');
    await repo.write('ladders/service.md', good.replace('owners: ["@acme/service-leads"]', 'owners: 42'));
    try {
      const run = await runLadder(repo.root, ['diff', 'v1.0.0', '--format', 'json']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/ladders\/service\.md:\d+:\d+ +error +Unexpected `owners` value `42`, expected a list +frontmatter-schema/);
    } finally {
      await repo.write('ladders/service.md', good);
    }
  });
});
