import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The bin runs .build/bundle/ (scripts/cli/bundle.ts) when it is newer than tsc's output, else the
// compiled tree. Both must be the same program: same diagnostics, same release bytes, with the worker
// threads (parse guard, PDF pool, history) started from the bundle's folder.
const ROOT = path.join(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'scripts/bin/ladder.js');
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x', SOURCE_DATE_EPOCH: '0' };
let root: string;

function ladder(args: string[], bundle: 'on' | 'off', extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: root, env: { ...env, LADDER_BUNDLE: bundle, ...extra }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-bundle-'));
  cpSync(path.join(ROOT, 'ladders'), path.join(root, 'ladders'), { recursive: true });
  // Above the parse guard's 64 KiB, so this file is parsed on the guard's worker thread.
  const [first] = readdirSync(path.join(root, 'ladders')).filter((f) => f.endsWith('.md'));
  const big = readFileSync(path.join(root, 'ladders', first!), 'utf8').replace(/^(id|title): .*$/gm, (line, key: string) => (key === 'id' ? 'id: big' : 'title: Big'));
  writeFileSync(path.join(root, 'ladders', 'big.md'), `${big}\n${`<!-- ${'padding '.repeat(2_000)}-->\n\n`.repeat(5)}`);
  writeFileSync(path.join(root, '.gitignore'), 'dist*/\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('tag', 'v1.0.0');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the bundled CLI', () => {
  it('is built by npm test (build:ts) and newer than the compiled tree', () => {
    expect(existsSync(path.join(ROOT, '.build/bundle/entry.cjs'))).toBe(true);
    expect(statSync(path.join(ROOT, '.build/bundle/entry.cjs')).mtimeMs).toBeGreaterThanOrEqual(statSync(path.join(ROOT, '.build/scripts/cli/main.js')).mtimeMs);
    for (const worker of ['parse-worker.js', 'pdf-worker.js', 'history-worker.js']) expect(existsSync(path.join(ROOT, '.build/bundle', worker)), worker).toBe(true);
  });

  it('gives the same diagnostics as the compiled tree, the guard worker included', () => {
    const on = ladder(['validate', '--format', 'json'], 'on');
    const off = ladder(['validate', '--format', 'json'], 'off');
    expect(on.stderr).toBe(off.stderr);
    expect(on.code).toBe(off.code);
    expect(on.stdout).toBe(off.stdout);
    expect(JSON.parse(on.stdout)).toBeTruthy();
    expect(on.stdout).toContain('ladders/big.md');
  });

  it('is other code than the compiled tree: each keeps its own summary cache entries', () => {
    const dir = path.join(root, '.cache-test');
    const file = `ladders/${readdirSync(path.join(root, 'ladders')).find((f) => f !== 'big.md' && f.endsWith('.md'))}`;
    ladder(['validate', file], 'on', { LADDER_CACHE_DIR: dir });
    const afterOn = readdirSync(dir, { recursive: true }).length;
    expect(afterOn).toBeGreaterThan(0);
    ladder(['validate', file], 'on', { LADDER_CACHE_DIR: dir });
    expect(readdirSync(dir, { recursive: true }).length).toBe(afterOn);
    ladder(['validate', file], 'off', { LADDER_CACHE_DIR: dir });
    // The cache salts its keys with a hash of the running code: the compiled tree's entries are new ones.
    expect(readdirSync(dir, { recursive: true }).length).toBeGreaterThan(afterOn);
  });

  it('builds a byte-identical release, with PDF workers and the history worker', () => {
    const built = (bundle: 'on' | 'off') => {
      const out = `dist-${bundle}`;
      const r = ladder(['build', '--jobs', '2', '--out', out], bundle);
      expect(r.code, r.stderr).toBe(0);
      const files = readdirSync(path.join(root, out)).sort();
      return Object.fromEntries(files.map((f) => [f, readFileSync(path.join(root, out, f)).toString('base64')]));
    };
    const on = built('on');
    const off = built('off');
    expect(Object.keys(on)).toContain('ladders.pdf');
    expect(Object.keys(on)).toContain('CHANGELOG.md');
    expect(on).toEqual(off);
  });
});

describe('which tree the bin runs', () => {
  // A copy of the bin over a fake .build/ whose two entries say which one ran.
  let fake: string;
  const tree = (which: string) => `export async function main() { process.stdout.write(${JSON.stringify(which)}); return 0; }\nexport const processRuntime = () => ({});\nexport const removeTrackedTemps = () => {};\n`;
  // The bundle is CommonJS; it also says whether it sees itself as CommonJS (its require, __filename).
  const bundle = `module.exports = { main: async () => { process.stdout.write('bundle' + (typeof require === 'function' && __filename.endsWith('entry.cjs') ? '' : ' (not CommonJS)')); return 0; }, processRuntime: () => ({}), removeTrackedTemps: () => {} };\n`;
  const ran = (extra: Record<string, string> = {}, args: string[] = []) => execFileSync(process.execPath, [path.join(fake, 'scripts/bin/ladder.js'), ...args], { env: { ...process.env, LADDER_BUNDLE: '', ...extra }, encoding: 'utf8' });
  const codeCache = () => path.join(fake, '.build/bundle/entry.cjs.v8cache');
  const at = (file: string, seconds: number) => utimesSync(path.join(fake, '.build', file), seconds, seconds);

  beforeAll(() => {
    fake = mkdtempSync(path.join(os.tmpdir(), 'ladder-bin-'));
    for (const dir of ['scripts/bin', '.build/bundle', '.build/scripts/cli']) mkdirSync(path.join(fake, dir), { recursive: true });
    cpSync(BIN, path.join(fake, 'scripts/bin/ladder.js'));
    writeFileSync(path.join(fake, 'package.json'), '{"type":"module"}');
    writeFileSync(path.join(fake, '.build/bundle/entry.cjs'), bundle);
    writeFileSync(path.join(fake, '.build/scripts/cli/entry.js'), tree('compiled'));
    writeFileSync(path.join(fake, '.build/scripts/cli/main.js'), '');
  });
  afterAll(() => rmSync(fake, { recursive: true, force: true }));

  it('runs the bundle when it was made after tsc last wrote main.js', () => {
    at('scripts/cli/main.js', 1_000);
    at('bundle/entry.cjs', 2_000);
    expect(ran()).toBe('bundle');
    expect(ran({ LADDER_BUNDLE: 'off' })).toBe('compiled');
  });

  it('runs the compiled tree when tsc ran after the bundle (a stale bundle never runs)', () => {
    at('scripts/cli/main.js', 3_000);
    at('bundle/entry.cjs', 2_000);
    expect(ran()).toBe('compiled');
  });

  it("keeps V8's compiled code of the bundle after a command, uses it, and replaces one it cannot use", () => {
    at('scripts/cli/main.js', 1_000);
    at('bundle/entry.cjs', 2_000);
    rmSync(codeCache(), { force: true });
    // The help compiles next to nothing: no cache from it.
    expect(ran({}, ['--help'])).toBe('bundle');
    expect(existsSync(codeCache())).toBe(false);
    expect(ran({}, ['validate'])).toBe('bundle');
    const made = readFileSync(codeCache());
    expect(made.length).toBeGreaterThan(0);
    // Accepted on the next run: left as it is.
    expect(ran({}, ['validate'])).toBe('bundle');
    expect(readFileSync(codeCache()).equals(made)).toBe(true);
    // One V8 cannot use (another version, a torn write) is ignored, then replaced by a good one.
    writeFileSync(codeCache(), 'not compiled code');
    expect(ran({}, ['validate'])).toBe('bundle');
    const remade = readFileSync(codeCache());
    expect(remade.toString('latin1')).not.toBe('not compiled code');
    expect(remade.length).toBeGreaterThan(0);
    expect(ran({}, ['validate'])).toBe('bundle');
    expect(readFileSync(codeCache()).equals(remade)).toBe(true);
    // The compiled tree neither reads nor writes it.
    rmSync(codeCache());
    expect(ran({ LADDER_BUNDLE: 'off' }, ['validate'])).toBe('compiled');
    expect(existsSync(codeCache())).toBe(false);
  });

  it('runs the compiled tree when there is no bundle', () => {
    rmSync(path.join(fake, '.build/bundle'), { recursive: true });
    expect(ran()).toBe('compiled');
  });
});
