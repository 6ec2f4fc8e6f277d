import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';

// Issue 16: the release is written file by file into its work folder as it renders (not held whole in
// memory until the end). The real bin, real signals: the work folder fills while the build runs, an
// interrupted build leaves dist/ as it was.
const ROOT = path.join(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'scripts/bin/ladder.js');
let root: string;
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x', SOURCE_DATE_EPOCH: '0' };
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, encoding: 'utf8' });
const work = () => readdirSync(root).filter((f) => f.startsWith('.dist.tmp-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children = (pid: number): number[] => {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
};
const run = (args: string[], extra: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-stream-'));
  cpSync(path.join(ROOT, 'ladders'), path.join(root, 'ladders'), { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(path.join(root, '.gitignore'), 'dist/\n');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('PDFs land in the work folder as they render; SIGTERM then leaves the previous dist/ whole', async () => {
  const args = ['build', '--pdf-only', '--version', 'v1.0.0', '--out', 'dist'];
  expect((await run(args)).code).toBe(0);
  const before = readFileSync(path.join(root, 'dist', 'SHA256SUMS'), 'utf8');
  expect(before).toMatch(/ {2}ladders\.pdf\n/);

  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env, stdio: 'ignore' });
  const closed = new Promise<[number | null, string | null]>((r) => child.on('close', (code, sig) => r([code, sig])));
  let streamed: string[] = [];
  for (let i = 0; i < 600 && streamed.length === 0; i++) {
    await sleep(50);
    // A ladder's PDF is in the work folder while the build still runs: written when rendered, not at the end.
    for (const dir of work()) streamed = readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.pdf'));
  }
  expect(streamed.length).toBeGreaterThan(0);
  child.kill('SIGTERM');
  const [code, sig] = await closed;
  expect(code === 0 || sig === 'SIGTERM', `${code} ${sig}`).toBe(true);
  if (sig === 'SIGTERM') expect(readFileSync(path.join(root, 'dist', 'SHA256SUMS'), 'utf8')).toBe(before);
  expect(work()).toEqual([]);
  expect(children(child.pid!)).toEqual([]);
  expect(execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: path.join(root, 'dist'), encoding: 'utf8' })).toBe('');
});
