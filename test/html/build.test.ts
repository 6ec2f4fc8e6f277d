import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReleaseDir } from '../../scripts/release/release.js';
import { runLadder } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { siteFiles, siteRepo } from './helpers.js';

const exec = promisify(execFile);

function tree(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n))]));
}

/** Siblings of the output folder other than the ones the test made: leftovers of a build. */
function leftovers(parent: string, keep: string[]): string[] {
  return readdirSync(parent).filter((n) => !keep.includes(n));
}

const IDS = Object.keys(siteFiles()).map((f) => f.replace(/^ladders\/|\.md$/g, '')).sort();

let repo: TempRepo;
let first: Map<string, Buffer>;
beforeAll(async () => {
  repo = await siteRepo();
  const r = await runLadder(repo.root, ['build', '--out', 'dist', '--version', 'v1.2.0']);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  first = tree(join(repo.root, 'dist'));
}, 120_000);
afterAll(async () => {
  await repo?.cleanup();
});

describe('ladder build', () => {
  it('writes every release file: per ladder html + pdf + its changes page, ladders.pdf, index, changelog, verify, CHANGELOG.md, SHA256SUMS', () => {
    const expected = [
      'CHANGELOG.md',
      'SHA256SUMS',
      'changelog.html',
      'index.html',
      'ladders.pdf',
      'verify.html',
      ...IDS.flatMap((id) => [`${id}.html`, `${id}.pdf`, `${id}.changes.html`]),
    ].sort();
    expect([...first.keys()]).toEqual(expected);
    for (const [name, bytes] of first) {
      if (name.endsWith('.pdf')) expect(bytes.subarray(0, 5).toString(), name).toBe('%PDF-');
      if (name.endsWith('.html')) expect(bytes.toString().startsWith('<!doctype html>'), name).toBe(true);
    }
  });

  it('SHA256SUMS lists every other file, sorted, and sha256sum -c accepts it', async () => {
    const sums = first.get('SHA256SUMS')!.toString();
    const names = sums.trimEnd().split('\n').map((l) => l.split('  ')[1]);
    expect(names).toEqual([...first.keys()].filter((n) => n !== 'SHA256SUMS'));
    const { stdout } = await exec('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(repo.root, 'dist') });
    expect(stdout.trim().split('\n')).toHaveLength(first.size - 1);
    expect(stdout).not.toMatch(/FAILED/);
  });

  it('dates the release from the HEAD commit', () => {
    expect(first.get('index.html')!.toString()).toContain('<time datetime="2024-01-01">2024-01-01</time>');
  });

  it('gives byte-identical files when built twice from the same commit', async () => {
    const r = await runLadder(repo.root, ['build', '--out', 'again', '--version', 'v1.2.0']);
    expect(r.code).toBe(0);
    const second = tree(join(repo.root, 'again'));
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, bytes] of first) expect(second.get(name)!.equals(bytes), name).toBe(true);
  });

  it('writes the whole changelog with this build as its newest release, and renders it', () => {
    const md = first.get('CHANGELOG.md')!.toString();
    expect(md).toMatch(/^# Changelog\n/);
    expect(md.match(/^## .*$/gm)).toEqual(['## [v1.2.0] - 2024-01-01']);
    for (const title of ['Platform Engineering', 'Product Design', 'Moves']) expect(md).toContain(`### ${title}`);
    expect(md).toContain('edits by hand are overwritten');
    // The page is for readers: each release opens with a summary per ladder, then the details; the
    // maintainers' note about hand edits stays in CHANGELOG.md.
    const html = first.get('changelog.html')!.toString();
    expect(html).toContain('<h2 id="release-v1-2-0-title">v1.2.0 · <time datetime="2024-01-01">2024-01-01</time></h2><ul class="release-summary"><li><strong>Product Design:</strong> New ladder.</li>');
    expect(html).toContain('<h3>Details: ');
    expect(html).not.toContain('by hand');
    expect(html.match(/<h1>/g)).toHaveLength(1);
  });

  it('without --version names the release after the tags (first release v1.0.0); a built tag keeps one section', async () => {
    const r = await runLadder(repo.root, ['build', '--out', 'untagged', '--html-only']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(repo.root, 'untagged', 'index.html'), 'utf8')).toContain('Release v1.0.0, published');
    await repo.tag('v1.0.0');
    try {
      const t = await runLadder(repo.root, ['build', '--out', 'tagged', '--html-only', '--version', 'v1.0.0']);
      expect(t.code).toBe(0);
      const md = readFileSync(join(repo.root, 'tagged', 'CHANGELOG.md'), 'utf8');
      expect(md.match(/^## .*$/gm)).toEqual(['## [v1.0.0] - 2024-01-01']);
    } finally {
      await repo.git('tag', '-d', 'v1.0.0');
    }
  });

  it('takes SOURCE_DATE_EPOCH over the commit time', async () => {
    const r = await runLadder(repo.root, ['build', '--out', 'sde', '--html-only', '--version', 'v1.2.0'], { env: { SOURCE_DATE_EPOCH: '1718000000' } });
    expect(r.code).toBe(0);
    expect(readFileSync(join(repo.root, 'sde', 'index.html'), 'utf8')).toContain('<time datetime="2024-06-10">2024-06-10</time>');
  });

  it('outside any git repository dates the build 1970-01-01 and, without --version, names it v0.0.0-dev', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'ladder-nogit-'));
    try {
      mkdirSync(join(dir, 'ladders'));
      for (const [file, text] of Object.entries(siteFiles())) writeFileSync(join(dir, file), text);
      const r = await runLadder(dir, ['build', '--out', 'dist', '--html-only']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/no git history here.*v0\.0\.0-dev/);
      const index = readFileSync(join(dir, 'dist', 'index.html'), 'utf8');
      expect(index).toContain('<time datetime="1970-01-01">1970-01-01</time>');
      expect(index).toContain('Release v0.0.0-dev, published');
      expect(readFileSync(join(dir, 'dist', 'CHANGELOG.md'), 'utf8')).toMatch(/outside a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--html-only writes no PDF and links none; --pdf-only writes no HTML', async () => {
    const html = await runLadder(repo.root, ['build', '--out', 'html', '--html-only', '--version', 'v1.2.0']);
    expect(html.code).toBe(0);
    const h = tree(join(repo.root, 'html'));
    expect([...h.keys()].filter((n) => n.endsWith('.pdf'))).toEqual([]);
    expect([...h.keys()]).toEqual(expect.arrayContaining(['index.html', 'CHANGELOG.md', 'SHA256SUMS']));
    for (const [name, bytes] of h) if (name.endsWith('.html')) expect(bytes.toString(), name).not.toMatch(/href="[^"]*\.pdf"/);
    const pdf = await runLadder(repo.root, ['build', '--out', 'pdf', '--pdf-only', '--version', 'v1.2.0']);
    expect(pdf.code).toBe(0);
    const p = tree(join(repo.root, 'pdf'));
    expect([...p.keys()].filter((n) => n.endsWith('.html'))).toEqual([]);
    expect([...p.keys()]).toEqual(expect.arrayContaining(['ladders.pdf', 'CHANGELOG.md', 'SHA256SUMS']));
    // The same commit gives the same PDFs whatever else is built alongside.
    for (const [name, bytes] of p) if (name.endsWith('.pdf')) expect(bytes.equals(first.get(name)!), name).toBe(true);
  });

  it('on invalid ladders prints file:line:col diagnostics, exits 1 and leaves the previous build untouched', async () => {
    const before = tree(join(repo.root, 'dist'));
    const mtime = statSync(join(repo.root, 'dist', 'index.html')).mtimeMs;
    await repo.write('ladders/broken.md', '---\ntitle: Broken\nstatus: nonsense\n---\n\n# Broken\n\nNo levels here.\n');
    try {
      const r = await runLadder(repo.root, ['build', '--out', 'dist', '--version', 'v9.9.9']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/ladders\/broken\.md:\d+:\d+/);
      expect(r.stderr).toMatch(/nothing was written/);
      expect(r.stdout).toBe('');
      const after = tree(join(repo.root, 'dist'));
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);
      expect(statSync(join(repo.root, 'dist', 'index.html')).mtimeMs).toBe(mtime);
      expect(readdirSync(repo.root).filter((n) => n.startsWith('.dist'))).toEqual([]);
    } finally {
      await repo.remove('ladders/broken.md');
    }
  });

  it('rejects bad usage with exit 2', async () => {
    for (const args of [
      ['--html-only', '--pdf-only'],
      ['--version', '1.2.0'],
      ['--version', 'v1.2'],
      ['--jobs', '0'],
      ['--nope'],
      ['extra'],
    ]) {
      const r = await runLadder(repo.root, ['build', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('refuses to replace the repository or a folder that is not a previous build', async () => {
    const dot = await runLadder(repo.root, ['build', '--out', '.', '--html-only', '--version', 'v1.0.0']);
    expect(dot.code).toBe(1);
    expect(dot.stderr).toMatch(/contains the repository/);
    const parent = await runLadder(repo.root, ['build', '--out', '..', '--html-only', '--version', 'v1.0.0']);
    expect(parent.code).toBe(1);
    const r = await runLadder(repo.root, ['build', '--out', 'ladders', '--html-only', '--version', 'v1.0.0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no SHA256SUMS/);
    expect(existsSync(join(repo.root, 'ladders', 'platform.md'))).toBe(true);
  });
});

describe('writeReleaseDir', () => {
  it('replaces the folder as a whole, and a failed write leaves the previous one and no temp folder', () => {
    const parent = mkdtempSync(join(os.tmpdir(), 'ladder-atomic-'));
    try {
      writeReleaseDir('out', new Map([['SHA256SUMS', Buffer.from('old\n')], ['stale.html', Buffer.from('x')]]), parent);
      expect(readdirSync(join(parent, 'out')).sort()).toEqual(['SHA256SUMS', 'stale.html']);
      writeReleaseDir('out', new Map([['SHA256SUMS', Buffer.from('new\n')]]), parent);
      expect(readdirSync(join(parent, 'out'))).toEqual(['SHA256SUMS']);
      expect(leftovers(parent, ['out'])).toEqual([]);
      // A name the file system refuses (a NUL byte) fails half-way through the writes.
      expect(() => writeReleaseDir('out', new Map([['a.html', Buffer.from('a')], ['bad\u0000name.html', Buffer.from('b')]]), parent)).toThrow();
      // Sub-folders (a site of every version) are made as needed; nothing may leave the folder.
      writeReleaseDir('out', new Map([['SHA256SUMS', Buffer.from('new\n')], ['versions/v1.0.0/index.html', Buffer.from('old')]]), parent);
      expect(readFileSync(join(parent, 'out', 'versions', 'v1.0.0', 'index.html'), 'utf8')).toBe('old');
      expect(() => writeReleaseDir('out', new Map([['../escape.html', Buffer.from('x')]]), parent)).toThrow(/outside/);
      writeReleaseDir('out', new Map([['SHA256SUMS', Buffer.from('new\n')]]), parent);
      expect(readFileSync(join(parent, 'out', 'SHA256SUMS'), 'utf8')).toBe('new\n');
      expect(readdirSync(join(parent, 'out'))).toEqual(['SHA256SUMS']);
      expect(leftovers(parent, ['out'])).toEqual([]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
