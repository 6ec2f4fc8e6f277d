import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forTerminal } from '../../scripts/cli/main.js';
import { runLadder } from '../helpers/cli.js';
import { FakeGitHub } from '../github/server.js';

// Issue 19, item 5: secrets are never printed; one sanitizer for every human output.
const ROOT = path.join(import.meta.dirname, '..', '..');
const DEVREL = readFileSync(path.join(ROOT, 'ladders/devrel.md'), 'utf8');
const ESC = '\u001b';
const OSC = `${ESC}]8;;https://evil.example${ESC}\\`;
let root: string;
const put = (rel: string, content: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
};
const git = (env: Record<string, string>, ...args: string[]) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x', ...env } });

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-output-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('secrets', () => {
  it('a malformed token is refused without being printed', async () => {
    const gh = await FakeGitHub.start();
    try {
      put('diff.md', 'x');
      const token = 'ghp_0123456789abcdefSECRET';
      const r = await runLadder(root, ['comment', '--pr', '1', '--from-file', 'diff.md'], { env: { ...gh.env(), GITHUB_TOKEN: `${token}\rX` } });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('ladder comment: GITHUB_TOKEN holds a character no token has (a space, a control character or non-ASCII); check how it is set (the value is not shown)\n');
      expect(r.stderr + r.stdout).not.toContain('SECRET');
    } finally {
      await gh.close();
    }
  });

  it('a GITHUB_API_URL with credentials is refused without echoing them', async () => {
    put('diff.md', 'x');
    const r = await runLadder(root, ['comment', '--pr', '1', '--from-file', 'diff.md'], {
      env: { GITHUB_TOKEN: 'ghp_fine', GITHUB_REPOSITORY: 'acme/ladders', GITHUB_API_URL: 'https://bot:hunter2secret@ghes.example/api/v3' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ladder comment: GITHUB_API_URL must not carry credentials (https://***@ghes.example); put the token in GITHUB_TOKEN\n');
    const bad = await runLadder(root, ['comment', '--pr', '1', '--from-file', 'diff.md'], { env: { GITHUB_TOKEN: 'ghp_fine', GITHUB_REPOSITORY: 'a/b', GITHUB_API_URL: 'bot:hunter2secret' } });
    expect(bad.stderr).not.toContain('hunter2');
  });

  it('any error line has the token, and its head before a control character, masked', () => {
    const env = { GITHUB_TOKEN: 'ghp_0123456789abcdef\rX' };
    expect(forTerminal('invalid header value "token ghp_0123456789abcdef"', env)).toBe('invalid header value "token ***"');
  });
});

describe('ladder text reaches terminals and release notes filtered', () => {
  const hostile = DEVREL.replace('| **Technical quality** |', `| **Technical${ESC}[31m quality** |`)
    .replace('# Developer Relations', `# Developer Relations${OSC}`)
    .replace('Shares drafts early instead of polishing them alone.', 'Shares drafts early instead of polishing them alone. Asks \u202eevil\u202c and @acme/everyone for help.');

  it('validate, show --format text: no ESC, OSC or bidi override reaches the terminal', async () => {
    put('ladders/devrel.md', hostile);
    const v = await runLadder(root, ['validate'], { tty: true });
    const s = await runLadder(root, ['show', 'ladders/devrel.md', '--format', 'text']);
    for (const out of [v.stdout + v.stderr, s.stdout + s.stderr]) {
      expect(out).not.toContain(']8;;');
      expect(out).not.toContain('\u202e');
      expect(out).not.toContain(`${ESC}[31m quality`);
    }
    expect(s.stdout).toContain('Technical[31m quality');
  });

  it('CHANGELOG.md and the release notes: no bidi override, no live team mention from text or author', async () => {
    put('ladders/devrel.md', DEVREL);
    git({}, 'init', '-q', '-b', 'main');
    git({}, 'add', '.');
    git({}, 'commit', '-q', '-m', 'base');
    git({}, 'tag', 'v1.0.0');
    put('ladders/devrel.md', hostile);
    git({}, 'add', '.');
    git({ GIT_AUTHOR_NAME: '@acme/everyone \u202eeno' }, 'commit', '-q', '-m', 'edit');
    const c = await runLadder(root, ['changelog']);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('@acme/everyone'.replace('@', '@\u2060'));
    expect(c.stdout).not.toMatch(/(^|[^\u2060])@acme\/everyone/);
    expect(c.stdout).not.toContain('\u202e');
    expect(c.stdout).not.toContain(ESC);
  });

  it('zero-width characters in a category name are an error, not two categories with a warning', async () => {
    put('ladders/devrel.md', DEVREL.replace('| **Collaboration**', '| **Collabo\u200bration**'));
    const v = await runLadder(root, ['validate']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/ladders\/devrel\.md:\d+:\d+\s+error\s+Unexpected invisible character U\+200B in the category name `Collaboration`.*invisible-character/);
  });
});
