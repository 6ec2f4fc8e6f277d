import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RevisionReader, gitBlobId } from '../../scripts/load/revisions.js';
import { defaultConfig } from '../../scripts/config/index.js';
import { Repo, WORKTREE } from '../../scripts/git/index.js';
import { runLadder } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';
import { FIXTURES, withoutPositions } from './fixtures.js';

const fixture = (rel: string) => readFile(path.join(FIXTURES, rel), 'utf8');

// v1: platform (list shape) and support. v2: the same-edit changes to platform, and support renamed
// to customer-support (file and id), which only git's rename detection can pair.
// Working tree on top of v2: one rewording in platform and a new, untracked ladder.
let repo: TempRepo;
let platformV2: string;

beforeAll(async () => {
  repo = await makeRepo();
  await repo.write('ladders/platform.md', await fixture('same-edit-list/base.md'));
  await repo.write('ladders/support.md', await fixture('level-rename-by-content/base.md'));
  await repo.write('ladders/README.md', '# Not a ladder\n');
  await repo.commit('v1');
  await repo.tag('v1');
  platformV2 = await fixture('same-edit-list/head.md');
  await repo.write('ladders/platform.md', platformV2);
  await repo.rename('ladders/support.md', 'ladders/customer-support.md');
  const support = await repo.read('ladders/customer-support.md');
  await repo.write('ladders/customer-support.md', support.replace('id: support', 'id: customer-support'));
  await repo.commit('v2');
  await repo.tag('v2', { message: 'v2' });
  await repo.write('ladders/platform.md', platformV2.replace('- Builds agreement between teams', '- Builds lasting agreement between teams'));
  await repo.write('ladders/security.md', '---\ntitle: Security\n---\n\n# Security\n\n## S1 · Learns\n\n### Craft\n\n- Reports phishing attempts.\n');
});
afterAll(() => repo?.cleanup());

const sameEdit = async () => (JSON.parse(await fixture('same-edit-list/expected.json')) as { ladders: Array<{ changes: unknown[] }> }).ladders[0]!.changes;

describe('ladder diff on a real repository', () => {
  test('v1 v2: modified and renamed ladders, README skipped', async () => {
    const run = await runLadder(repo.root, ['diff', 'v1', 'v2', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(withoutPositions(JSON.parse(run.stdout))).toEqual({
      base: 'v1',
      head: 'v2',
      bump: 'major',
      ladders: [
        {
          id: 'customer-support',
          fromId: 'support',
          title: 'Support Engineering',
          status: 'renamed',
          bump: 'major',
          file: 'ladders/customer-support.md',
          fromFile: 'ladders/support.md',
          changes: [{ kind: 'ladder-renamed', impact: 'breaking', bump: 'major', before: 'support', after: 'customer-support' }],
        },
        { id: 'platform', title: 'Platform Engineering', status: 'modified', bump: 'major', file: 'ladders/platform.md', changes: await sameEdit() },
      ],
    });
  });

  test('v2 against the working tree, untracked files included', async () => {
    const run = await runLadder(repo.root, ['diff', 'v2', '--format', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    const before = 'Builds agreement between teams on shared technical direction.';
    const after = 'Builds lasting agreement between teams on shared technical direction.';
    expect(withoutPositions(result)).toEqual({
      base: 'v2',
      head: 'WORKTREE',
      // "lasting agreement" asks more than agreement: the bar is raised.
      bump: 'major',
      ladders: [
        { id: 'customer-support', title: 'Support Engineering', status: 'unchanged', bump: 'none', file: 'ladders/customer-support.md', changes: [] },
        {
          id: 'platform', title: 'Platform Engineering', status: 'modified', bump: 'major', file: 'ladders/platform.md',
          changes: [{
            kind: 'expectation-reworded', impact: 'raises-bar', bump: 'major', class: 'raised', level: 'Shapes the platform', levelKey: 'P3', category: 'Collaboration', before, after,
            reasons: ["'lasting' added: more is asked"],
            highlight: [{ type: 'same', text: 'Builds ' }, { type: 'added', text: 'lasting ' }, { type: 'same', text: 'agreement between teams on shared technical direction.' }],
          }],
        },
        {
          id: 'security', title: 'Security', status: 'added', bump: 'minor', file: 'ladders/security.md',
          changes: [{ kind: 'ladder-added', impact: 'editorial', bump: 'minor', after: 'Security', expectations: 1 }],
        },
      ],
    });
    // The position points at the bullet in the working-tree file.
    const lines = (await repo.read('ladders/platform.md')).split('\n');
    const pos = result.ladders[1].changes[0].position;
    expect(lines[pos.line - 1]!.slice(pos.column - 1)).toBe(`${after}`);
  });

  test('same output whether the head is the default or named', async () => {
    const a = await runLadder(repo.root, ['diff', 'v1', '--format', 'json']);
    const b = await runLadder(repo.root, ['diff', 'v1', 'WORKTREE', '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).head).toBe('WORKTREE');
  });

  test('a ladder project in a subfolder of the repository (cwd is the project root)', async () => {
    const t = await makeRepo();
    try {
      await t.write('careers/ladders/platform.md', await fixture('move-down/base.md'));
      await t.write('ladders/decoy.md', await fixture('ladder-add/head.md'));
      await t.commit('one');
      await t.write('careers/ladders/platform.md', await fixture('move-down/head.md'));
      const run = await runLadder(path.join(t.root, 'careers'), ['diff', 'HEAD', '--format', 'json']);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result.ladders.map((l: { file: string; status: string }) => [l.file, l.status])).toEqual([['careers/ladders/platform.md', 'modified']]);
      expect(result.ladders[0].changes.map((c: { kind: string; impact: string }) => [c.kind, c.impact])).toEqual([['expectation-moved', 'raises-bar']]);
    } finally {
      await t.cleanup();
    }
  });

  test('text, markdown and html formats', async () => {
    const text = await runLadder(repo.root, ['diff', 'v1', 'v2']);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(/\u001b\[/);
    expect(text.stdout).toContain('ladder diff v1 → v2');
    expect(text.stdout).toContain('support → customer-support');
    const tty = await runLadder(repo.root, ['diff', 'v1', 'v2'], { tty: true });
    expect(tty.stdout).toMatch(/\u001b\[/);
    const noColor = await runLadder(repo.root, ['diff', 'v1', 'v2'], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).toBe(text.stdout);
    const md = await runLadder(repo.root, ['diff', 'v1', 'v2', '--format', 'markdown']);
    expect(md.stdout).toContain('<details>');
    const html = await runLadder(repo.root, ['diff', 'v1', 'v2', '-f', 'html']);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
  });

  test('--output writes the file atomically and nothing to stdout', async () => {
    const out = path.join(repo.root, 'out', 'diff.json');
    const run = await runLadder(repo.root, ['diff', 'v1', 'v2', '--format', 'json', '--output', 'out/diff.json']);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const direct = await runLadder(repo.root, ['diff', 'v1', 'v2', '--format', 'json']);
    expect(await readFile(out, 'utf8')).toBe(direct.stdout);
    expect((await readdir(path.dirname(out))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await rm(path.dirname(out), { recursive: true });
  });

  test('--output-dir writes every format from one diff, each what --format prints', async () => {
    const run = await runLadder(repo.root, ['diff', 'v1', 'v2', '--output-dir', 'all']);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const dir = path.join(repo.root, 'all');
    expect((await readdir(dir)).sort()).toEqual(['diff.html', 'diff.json', 'diff.md', 'diff.txt']);
    for (const [file, format] of [['diff.txt', 'text'], ['diff.md', 'markdown'], ['diff.json', 'json'], ['diff.html', 'html']] as const) {
      const direct = await runLadder(repo.root, ['diff', 'v1', 'v2', '--format', format]);
      expect(await readFile(path.join(dir, file), 'utf8'), file).toBe(direct.stdout);
    }
    expect(await runLadder(repo.root, ['diff', 'v1', 'v2', '--output-dir', 'all', '--format', 'json'])).toMatchObject({ code: 2 });
    await rm(dir, { recursive: true });
  });
});

describe('reading revisions', () => {
  test('parses are cached by blob id: a file unchanged in the working tree is parsed once', async () => {
    const git = await Repo.open(repo.root);
    try {
      const reader = new RevisionReader(git, defaultConfig(), repo.root);
      const v2 = await reader.read('v2');
      const work = await reader.read(WORKTREE);
      expect(v2.ladders.map((l) => l.id)).toEqual(['customer-support', 'platform']);
      expect(work.ladders.map((l) => l.id)).toEqual(['customer-support', 'platform', 'security']);
      expect(reader.stats).toEqual({ parsed: 4, cached: 1 });
      expect(work.ladders[0]).toBe(v2.ladders[0]);
      expect(await reader.renames('v1', 'v2')).toEqual([{ from: 'ladders/support.md', to: 'ladders/customer-support.md' }]);
    } finally {
      git.close();
    }
  });

  test('the blob id of working-tree bytes is the one git computes', async () => {
    const bytes = Buffer.from('# Ünïcode ladder\r\n\n- One.\n');
    await repo.write('scratch.bin', bytes);
    try {
      expect(gitBlobId(bytes)).toBe(await repo.git('hash-object', 'scratch.bin'));
    } finally {
      await repo.remove('scratch.bin');
    }
  });
});

describe('ladder diff errors', () => {
  test('unknown revision: one line, exit 1', async () => {
    const run = await runLadder(repo.root, ['diff', 'no-such-tag', '--format', 'json']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'ladder diff: unknown revision "no-such-tag": no commit, branch or tag by that name\n' });
    const head = await runLadder(repo.root, ['diff', 'v1', 'nope']);
    expect(head.code).toBe(1);
    expect(head.stderr).toContain('unknown revision "nope"');
  });

  test('a shallow clone missing the base says how to fetch it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ladder-shallow-'));
    try {
      await repo.git('clone', '-q', '--depth', '1', `file://${repo.root}`, dir);
      const run = await runLadder(dir, ['diff', 'v1']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^ladder diff: revision "v1" is not in this shallow clone: fetch with fetch-depth: 0/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a ladder folder outside the repository is refused', async () => {
    await writeFile(path.join(repo.root, 'package.json'), JSON.stringify({ ladder: { laddersDir: '../elsewhere' } }));
    try {
      const run = await runLadder(repo.root, ['diff', 'v1', 'v2']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^ladder diff: path ".*elsewhere" is outside the repository /);
    } finally {
      await rm(path.join(repo.root, 'package.json'));
    }
  });

  test('outside any repository', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ladder-norepo-'));
    try {
      const run = await runLadder(dir, ['diff', 'v1']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^ladder diff: not a git repository: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('an unreadable ladder at a revision names the file', async () => {
    const t = await makeRepo();
    try {
      await t.write('ladders/empty.md', '');
      await t.commit('empty ladder');
      const run = await runLadder(t.root, ['diff', 'HEAD']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^ladder diff: ladders\/empty\.md:\d+:\d+: cannot read the ladder at HEAD: /);
    } finally {
      await t.cleanup();
    }
  });

  test('usage errors exit 2', async () => {
    for (const argv of [['diff'], ['diff', 'a', 'b', 'c'], ['diff', 'v1', '--format', 'xml'], ['diff', 'v1', '--bogus']]) {
      const run = await runLadder(repo.root, argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    const help = await runLadder(repo.root, ['diff', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('ladder diff <base> [<head>]');
  });
});
