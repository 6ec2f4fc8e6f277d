import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';

// Issue 19, item 8: killed builds left `.dist.tmp-*` (and `.old`, the whole previous build) in the
// repository root, visible to git; concurrent builds leaked `.old` folders. The real CLI, real signals.
const ROOT = path.join(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'scripts/bin/ladder.js');
let root: string;
// The builds' own temp folders (git's throwaway index) go to one of this test's: a SIGKILL leaves
// them, as nothing runs on SIGKILL, and they must not pile up in the machine's temp dir.
let tmp: string;
const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x', SOURCE_DATE_EPOCH: '0' };
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, encoding: 'utf8' });
const leftovers = () => readdirSync(root).filter((f) => f.startsWith('.dist.tmp-'));
const build = (): Promise<number | null> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'build', '--html-only', '--version', 'v1.0.0', '--out', 'dist'], { cwd: root, env, stdio: 'ignore' });
    child.on('close', (code) => resolve(code));
  });

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-leftovers-'));
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ladder-leftovers-tmp-'));
  env.TMPDIR = tmp;
  cpSync(path.join(ROOT, 'ladders'), path.join(root, 'ladders'), { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(path.join(root, '.gitignore'), 'dist/\n');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

it('work folders of a killed build are invisible to git and swept by the next build', async () => {
  expect(await build()).toBe(0);
  // A build killed during its final write leaves what this mimics: its pid is gone.
  const dead = spawnSync('true').pid!;
  for (const suffix of ['', '.old']) {
    const dir = path.join(root, `.dist.tmp-${dead}-AbC123${suffix}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, '.gitignore'), '*\n');
    writeFileSync(path.join(dir, 'devrel.html'), 'half');
  }
  expect(git('status', '--porcelain')).toBe('');
  // Real kills at several moments of a build: git never sees a work folder.
  for (const ms of [150, 400, 700, 1000]) {
    const child = spawn(process.execPath, [BIN, 'build', '--html-only', '--version', 'v1.0.0', '--out', 'dist'], { cwd: root, env, stdio: 'ignore' });
    const closed = new Promise((r) => child.on('close', r));
    await new Promise((r) => setTimeout(r, ms));
    child.kill('SIGKILL');
    await closed;
    expect(git('status', '--porcelain', '--untracked-files=all'), `killed after ${ms} ms`).toBe('');
  }
  expect(await build()).toBe(0);
  expect(leftovers()).toEqual([]);
  expect(existsSync(path.join(root, 'dist', 'SHA256SUMS'))).toBe(true);
  expect(existsSync(path.join(root, 'dist', '.gitignore'))).toBe(false);
});

/**
 * The release folder's writer in a child process that kills itself (SIGKILL) right after its n-th
 * file-system call, for every n: the moments a timed kill almost never meets. (writeFileSync is one
 * call here; a kill inside it, between creating a file and writing it, is what release.ts's
 * ignoreAll guards by renaming a whole file into place.)
 */
const CHILD = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const stopAt = Number(process.env.STOP_AT);
let n = 0;
for (const name of ['mkdirSync', 'mkdtempSync', 'openSync', 'writeSync', 'closeSync', 'writeFileSync', 'renameSync', 'rmSync', 'rmdirSync', 'unlinkSync', 'chmodSync']) {
  const real = fs[name];
  fs[name] = function (...args) {
    const out = real.apply(this, args);
    if (++n === stopAt) process.kill(process.pid, 'SIGKILL');
    return out;
  };
}
syncBuiltinESMExports();
const { writeReleaseDir } = await import(process.env.RELEASE_JS);
const files = new Map(Object.entries(JSON.parse(process.env.FILES)).map(([k, v]) => [k, Buffer.from(v)]));
writeReleaseDir('dist', files, process.cwd());
process.stdout.write('done ' + n);
`;

it('killed right after any file-system call of its final write, a build leaves nothing git sees, and dist/ whole', () => {
  const script = path.join(tmp, 'child.mjs');
  writeFileSync(script, CHILD);
  const release = (name: string) => ({ 'index.html': `<p>${name}</p>`, 'a.html': `a ${name}`, 'b.pdf': `b ${name}`, 'versions/v1/index.html': `old ${name}`, SHA256SUMS: `sums ${name}` });
  const run = (files: Record<string, string>, stopAt: number) =>
    spawnSync(process.execPath, [script], { cwd: root, env: { ...env, STOP_AT: String(stopAt), RELEASE_JS: path.join(ROOT, '.build/scripts/release/release.js'), FILES: JSON.stringify(files) }, encoding: 'utf8' });
  const listing = (dir: string, at = ''): Record<string, string> =>
    Object.fromEntries(
      readdirSync(path.join(dir, at), { withFileTypes: true })
        .filter((e) => e.name !== '.gitignore')
        .flatMap((e) => (e.isDirectory() ? Object.entries(listing(dir, path.join(at, e.name))) : [[path.join(at, e.name), readFileSync(path.join(dir, at, e.name), 'utf8')]])),
    );
  const before = release('before');
  const after = release('after');
  expect(run(before, 0).stdout).toMatch(/^done/);
  let finished = false;
  let kills = 0;
  for (let n = 1; n < 400 && !finished; n++) {
    const r = run(after, n);
    finished = r.status === 0;
    if (!finished) {
      expect(r.signal, `call ${n}`).toBe('SIGKILL');
      kills++;
    }
    expect(git('status', '--porcelain', '--untracked-files=all'), `killed after call ${n}`).toBe('');
    const dist = listing(path.join(root, 'dist'));
    expect([before, after], `dist/ after call ${n}`).toContainEqual(dist);
  }
  expect(finished).toBe(true);
  // The writes of five files, the folders and the swap: every one of them was a moment to die at.
  expect(kills).toBeGreaterThan(20);
  expect(listing(path.join(root, 'dist'))).toEqual(after);
  expect(existsSync(path.join(root, 'dist', '.gitignore'))).toBe(false);
  // The next write sweeps what the killed ones left.
  expect(run(before, 0).stdout).toMatch(/^done/);
  expect(leftovers()).toEqual([]);
});

it('SIGTERM or SIGINT at any moment of a build leaves no work folder, and dist/ whole', async () => {
  expect(await build()).toBe(0);
  for (const [signal, ms] of [['SIGTERM', 200], ['SIGINT', 500], ['SIGTERM', 800], ['SIGINT', 1100], ['SIGTERM', 1400]] as const) {
    const child = spawn(process.execPath, [BIN, 'build', '--html-only', '--version', 'v1.0.0', '--out', 'dist'], { cwd: root, env, stdio: 'ignore' });
    const closed = new Promise<[number | null, string | null]>((r) => child.on('close', (code, sig) => r([code, sig])));
    await new Promise((r) => setTimeout(r, ms));
    child.kill(signal);
    const [code, sig] = await closed;
    expect(code === 0 || sig === signal, `${signal} after ${ms} ms: ${code} ${sig}`).toBe(true);
    expect(leftovers(), `${signal} after ${ms} ms`).toEqual([]);
    expect(execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: path.join(root, 'dist'), encoding: 'utf8' })).toBe('');
  }
});

it('concurrent builds leave one complete dist/ and no work folders', async () => {
  expect(await build()).toBe(0);
  const codes = await Promise.all([build(), build(), build()]);
  expect(codes.filter((c) => c === 0).length).toBeGreaterThanOrEqual(1);
  expect(leftovers()).toEqual([]);
  const sums = execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: path.join(root, 'dist'), encoding: 'utf8' });
  expect(sums).toBe('');
  expect(readdirSync(path.join(root, 'dist')).sort()).toEqual(['CHANGELOG.md', 'SHA256SUMS', 'changelog.html', 'devrel.changes.html', 'devrel.de.changes.html', 'devrel.de.html', 'devrel.html', 'engineering.changes.html', 'engineering.html', 'index.html', 'sre.changes.html', 'sre.html']);
});
