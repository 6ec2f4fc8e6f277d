import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLadder } from '../helpers/cli.js';

// Issue 19, item 1: one id, one file; every command sees the same files; nothing outside is read.
const ROOT = path.join(import.meta.dirname, '..', '..');
const DEVREL = readFileSync(path.join(ROOT, 'ladders/devrel.md'), 'utf8');
const ENGINEERING = readFileSync(path.join(ROOT, 'ladders/engineering.md'), 'utf8');

let root: string;
const put = (rel: string, content: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
};
const ladder = (argv: string[]) => runLadder(root, argv, { env: { SOURCE_DATE_EPOCH: '1700000000' } });
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' },
  }).trim();
/** A ladder that says it is devrel but is another text (what an attacker publishes in its place). */
const IMPOSTOR = ENGINEERING.replace('id: engineering', 'id: devrel');

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-files-'));
  put('ladders/devrel.md', DEVREL);
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('tag', 'v1.0.0');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('duplicate ids', () => {
  it('validate names both files (duplicate-id); build refuses and writes nothing', async () => {
    put('ladders/zz.md', IMPOSTOR);
    const v = await ladder(['validate']);
    expect(v.code).toBe(1);
    const lines = v.stdout.split('\n').filter((l) => l.includes('duplicate-id'));
    expect(lines).toHaveLength(2);
    expect(v.stdout).toMatch(/ladders\/zz\.md:\d+:\d+\s+error\s+Unexpected duplicate ladder id `devrel`, also used by `ladders\/devrel\.md`/);
    expect(v.stdout).toMatch(/also used by `ladders\/zz\.md`/);
    const b = await ladder(['build', '--out', '../dist-dup', '--html-only', '--version', 'v1.1.0']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/duplicate-id/);
    expect(existsSync(path.join(root, '../dist-dup'))).toBe(false);
  });

  it('diff refuses a revision with two files of one id, naming the rule', async () => {
    put('ladders/zz.md', IMPOSTOR);
    git('add', '.');
    git('commit', '-q', '-m', 'impostor');
    const d = await ladder(['diff', 'v1.0.0', 'HEAD']);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/^ladder diff: ladders\/zz\.md:\d+:\d+: .*"devrel" is also the id of ladders\/devrel\.md.*\(duplicate-id\)\n$/);
  });
});

describe('symlinks and special files under ladders/', () => {
  it('a symlink to a file in the repository: refused by validate, build, diff and changelog alike', async () => {
    put('docs/notes.md', IMPOSTOR);
    git('rm', '-q', 'ladders/devrel.md');
    mkdirSync(path.join(root, 'ladders'), { recursive: true });
    symlinkSync('../docs/notes.md', path.join(root, 'ladders/zz.md'));
    const v = await ladder(['validate']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/ladders\/zz\.md:1:1\s+error\s+Unexpected symbolic link under the ladders, expected a regular file.*not-regular-file/);
    const b = await ladder(['build', '--out', '../dist-link', '--html-only', '--version', 'v1.1.0']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/not-regular-file/);
    // Committed: git sees a 120000 entry; diff names it with the same rule instead of skipping it.
    git('add', '-A');
    git('commit', '-q', '-m', 'link');
    for (const argv of [['diff', 'v1.0.0', 'HEAD'], ['diff', 'v1.0.0'], ['version']]) {
      const d = await ladder(argv);
      expect(d.code, argv.join(' ')).toBe(1);
      expect(d.stderr, argv.join(' ')).toMatch(/^ladder \w+: ladders\/zz\.md:1:1: cannot read the ladders .*symbolic link.*\(not-regular-file\)\n$/);
    }
    const s = await ladder(['show', 'ladders/zz.md']);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/not-regular-file/);
  });

  it('links out of the repository, to /dev/zero and to a FIFO are refused unread, at once', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'ladder-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.md'), IMPOSTOR);
      symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'ladders/out.md'));
      symlinkSync('/dev/zero', path.join(root, 'ladders/zero.md'));
      execFileSync('mkfifo', [path.join(root, 'ladders/fifo.md')]);
      const started = Date.now();
      const v = await ladder(['validate']);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(v.code).toBe(1);
      for (const f of ['out', 'zero']) expect(v.stdout).toMatch(new RegExp(`ladders/${f}\\.md[\\s\\S]*?symbolic link`));
      expect(v.stdout).toMatch(/ladders\/fifo\.md:1:1\s+error\s+Unexpected FIFO under the ladders/);
      expect(v.stdout).not.toContain('Engineering');
      const fmt = await ladder(['fmt', '--check']);
      expect(fmt.stderr).toMatch(/fifo\.md[\s\S]*not-regular-file/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a ladders folder that resolves outside the repository is refused', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'ladder-outside-'));
    try {
      writeFileSync(path.join(outside, 'x.md'), DEVREL);
      rmSync(path.join(root, 'ladders'), { recursive: true });
      symlinkSync(outside, path.join(root, 'ladders'));
      const v = await ladder(['validate']);
      expect(v).toMatchObject({ code: 1, stdout: '' });
      expect(v.stderr).toBe('ladder validate: ladder folder "ladders" resolves outside the repository; refusing to read it\n');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a file over the size limit is refused by its size, before it is read', async () => {
    put('ladders/big.md', `# Big\n\n${'word '.repeat(150_000)}`);
    const v = await ladder(['validate']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/ladders\/big\.md:1:1\s+error\s+File is 732 KiB, expected at most 256 KiB for a ladder\s+file-too-large/);
  });
});

describe('validate refuses everything build refuses (item 4)', () => {
  it.each([
    ['ladders/index.md', DEVREL.replace('id: devrel', 'id: index'), /ladders\/index\.md:3:5\s+error\s+Unexpected ladder id `index`, expected an id that can name release files.*invalid-id/],
    ['ladders/changelog.md', DEVREL.replace('id: devrel\n', ''), /ladders\/changelog\.md:\d+:\d+\s+error\s+Unexpected ladder id `changelog` \(from the file name; set `id:` in the frontmatter\).*invalid-id/],
    ['ladders/Équipe produit.md', DEVREL.replace('id: devrel\n', ''), /ladders\/Équipe produit\.md:\d+:\d+\s+error\s+Unexpected ladder id `équipe produit` \(from the file name.*invalid-id/],
  ])('%s: validate exits 1 with invalid-id, as build does', async (file, text, expected) => {
    rmSync(path.join(root, 'ladders/devrel.md'));
    put(file, text);
    const v = await ladder(['validate']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(expected);
    const b = await ladder(['build', '--out', '../dist-id', '--html-only', '--version', 'v1.1.0']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/invalid-id/);
  });
});

describe('size limits at a revision apply before reading', () => {
  it('diff refuses a committed file over the limit by the size git reports, naming its real size', async () => {
    put('ladders/big.md', `# Big\n\n${'word '.repeat(600_000)}`);
    git('add', '.');
    git('commit', '-q', '-m', 'big');
    const d = await ladder(['diff', 'v1.0.0', 'HEAD']);
    expect(d.code).toBe(1);
    // The head is read strictly (issue 13): its diagnostics as validate prints them, then one line.
    expect(d.stderr).toMatch(/ladders\/big\.md:1:1 +error +File is 2930 KiB, expected at most 256 KiB for a ladder +file-too-large\n/);
    expect(d.stderr).toMatch(/ladder diff: cannot read the ladders at HEAD: 1 error; fix it first \(ladder validate\)\n$/);
  });
});
