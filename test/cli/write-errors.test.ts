import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WriteError, writeReason } from '../../scripts/cli/atomic.js';
import { runLadder } from '../helpers/cli.js';
import { SAMPLE_LADDERS } from '../helpers/sample-ladders.js';

// Outputs the user names are the user's to fix: one line "cannot write <path>: <reason>", exit 1.
let root: string;
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' } });

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-write-'));
  cpSync(SAMPLE_LADDERS, path.join(root, 'ladders'), { recursive: true });
  writeFileSync(path.join(root, 'a-file'), 'not a folder\n');
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'ladders');
  git('tag', 'v1.0.0');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.each([
  ['build --out', ['build', '--html-only', '--out', 'a-file'], 'a-file', 'it is a file, not a folder'],
  ['build --out under a file', ['build', '--html-only', '--out', 'a-file/dist'], 'a-file/dist', 'a part of the path is a file, not a folder'],
  ['diff -o', ['diff', 'v1.0.0', '-o', 'a-file/diff.md'], 'a-file/diff.md', 'a part of the path is a file, not a folder'],
  ['changelog -o', ['changelog', '-o', 'a-file/CHANGELOG.md'], 'a-file/CHANGELOG.md', 'a part of the path is a file, not a folder'],
  ['schema --out', ['schema', '--out', 'a-file/x/schema.json'], 'a-file/x/schema.json', 'a part of the path is a file, not a folder'],
])('%s', (_name, argv, shown, reason) => {
  test('one line naming the path and the reason, exit 1', async () => {
    const run = await runLadder(root, argv);
    expect(run.stderr).toBe(`ladder ${argv[0]}: cannot write ${shown}: ${reason}\n`);
    expect(run.code).toBe(1);
  });
});

test('the reason is the system\'s words, without syscall or temp path', () => {
  const erofs = Object.assign(new Error("EROFS: read-only file system, mkdtemp '/x/.dist.tmp-XXXXXX'"), { code: 'EROFS', syscall: 'mkdtemp' });
  expect(writeReason(erofs)).toBe('read-only file system');
  expect(new WriteError('dist', writeReason(erofs)).message).toBe('cannot write dist: read-only file system');
});

// A real read-only mount, as CI's shared/ or a locked-down runner has: needs user namespaces (unshare -rm).
const canUnshare = spawnSync('unshare', ['-rm', 'true']).status === 0;
describe.skipIf(!canUnshare)('on a read-only file system (unshare -rm, tmpfs mounted ro)', () => {
  const bin = path.resolve(import.meta.dirname, '../../scripts/bin/ladder.js');
  test.each([
    [['build', '--html-only', '--out', '/mnt/ro/dist'], 'build', '/mnt/ro/dist'],
    [['diff', 'v1.0.0', '-o', '/mnt/ro/diff.md'], 'diff', '/mnt/ro/diff.md'],
    [['changelog', '-o', '/mnt/ro/CHANGELOG.md'], 'changelog', '/mnt/ro/CHANGELOG.md'],
  ])('%j', (argv, name, shown) => {
    const mnt = path.join(root, 'mnt');
    mkdirSync(mnt, { recursive: true });
    const script = `mount -t tmpfs -o ro tmpfs "$1" && shift && exec "$@"`;
    const args = argv.map((a) => a.replace('/mnt/ro', mnt));
    const r = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', mnt, process.execPath, bin, ...args], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe(`ladder ${name}: cannot write ${shown.replace('/mnt/ro', mnt)}: read-only file system\n`);
    expect(r.status).toBe(1);
  });
});
if (!canUnshare) console.warn('SKIPPED: read-only file system cases (unshare -rm is not available here)');

test('a reader that closes the pipe early (`| head`) stops the command quietly, with the status of SIGPIPE', async () => {
  const bin = path.resolve(import.meta.dirname, '../../scripts/bin/ladder.js');
  // Far more JSON than a pipe holds: the command is still writing when the reader goes.
  const big = path.join(root, 'big.md');
  const level = (n: number) => `## L${n} · Step ${n}\n\n${Array.from({ length: 400 }, (_, i) => `- **Craft:** Writes tested code, item ${n}.${i}.`).join('\n')}\n`;
  writeFileSync(big, `# Big\n\n${[1, 2, 3, 4].map(level).join('\n')}`);
  const child = spawn(process.execPath, [bin, 'show', big, '--format', 'json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Read the first chunk, as `head -c` would, then close the pipe.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect(stderr).toBe('');
  expect(code).toBe(141);
});
