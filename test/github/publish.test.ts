import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FakeGitHub } from './server.js';
import { runCli, tempDir } from './helpers.js';

const REPO = 'acme/ladders';
let gh: FakeGitHub;
let dir: ReturnType<typeof tempDir>;

const CHANGELOG = `# Changelog

## v1.3.0 (2025-03-01)

### Engineering
- raises the bar at L3

## v1.2.0 (2025-02-01)

- older entry
`;

/** A dist/ folder as `ladder build` leaves it: artifacts, CHANGELOG.md and a SHA256SUMS listing them. */
function writeDist(files: Record<string, string | Buffer>, opts: { sums?: boolean } = {}): void {
  const dist = join(dir.path, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist);
  const all: Record<string, string | Buffer> = { 'CHANGELOG.md': CHANGELOG, ...files };
  for (const [name, data] of Object.entries(all)) writeFileSync(join(dist, name), data);
  if (opts.sums !== false) {
    const sums = Object.keys(all)
      .sort()
      .map((n) => `${createHash('sha256').update(all[n]!).digest('hex')}  ${n}\n`)
      .join('');
    writeFileSync(join(dist, 'SHA256SUMS'), sums);
  }
}

const pdf = (seed: string, size = 40_000) => Buffer.from(`%PDF-1.7 ${seed} `.padEnd(size, seed));
const FILES = () => ({ 'devrel.pdf': pdf('d'), 'devrel.html': '<!doctype html><title>DevRel</title>', 'ladders.pdf': pdf('l', 90_000), 'index.html': '<!doctype html><title>Index</title>' });

const publish = (args: string[] = []) => runCli(['publish', '--tag', 'v1.3.0', ...args], { cwd: dir.path, env: gh.env() });

function releaseState() {
  const [release, ...others] = gh.releases(REPO);
  expect(others).toEqual([]);
  const assets = gh.assets(REPO, release!.id);
  return { release: release!, assets: Object.fromEntries(assets.map((a) => [a.name, { state: a.state, sha: createHash('sha256').update(a.bytes).digest('hex') }])) };
}

function expectMatchesDist(files: Record<string, string | Buffer>) {
  const { assets } = releaseState();
  const all: Record<string, string | Buffer> = { 'CHANGELOG.md': CHANGELOG, ...files };
  const expected = Object.fromEntries(Object.entries(all).map(([n, d]) => [n, { state: 'uploaded', sha: createHash('sha256').update(d).digest('hex') }]));
  expect(Object.keys(assets).sort()).toEqual([...Object.keys(all), 'SHA256SUMS'].sort());
  for (const [n, e] of Object.entries(expected)) expect(assets[n]).toEqual(e);
}

beforeEach(async () => {
  gh = await FakeGitHub.start();
  dir = tempDir('publish');
});
afterEach(async () => {
  await gh.close();
  dir.cleanup();
});

describe('ladder publish', () => {
  test('from scratch: draft, every asset to the uploads host, verified, then published with the changelog section', async () => {
    writeDist(FILES());
    const r = await publish();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('create release v1.3.0');
    expect(r.stdout).toContain('verified 6 assets against SHA256SUMS');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('https://github.test/acme/ladders/releases/tag/v1.3.0');
    const { release } = releaseState();
    expect(release).toMatchObject({ tag_name: 'v1.3.0', name: 'v1.3.0', draft: false, prerelease: false });
    expect(release.body).toBe('### Engineering\n- raises the bar at L3');
    expectMatchesDist(FILES());
    const uploads = gh.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/assets'));
    expect(uploads).toHaveLength(6);
    expect(uploads.every((q) => q.host === 'uploads')).toBe(true);
    // SHA256SUMS goes last: once it is there, the set is complete.
    expect(uploads.at(-1)!.query.name).toBe('SHA256SUMS');
    // Published only after the uploads.
    const order = gh.writes().map((w) => `${w.method} ${w.host}`);
    expect(order[0]).toBe('POST api');
    expect(order.at(-1)).toBe('PATCH api');
  });

  test('re-running after success writes nothing', async () => {
    writeDist(FILES());
    expect((await publish()).code).toBe(0);
    gh.resetLog();
    const again = await publish();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to do: the release is up to date');
    expect(gh.writes()).toEqual([]);
  });

  test('without the digest field (older Enterprise Server) equal assets are downloaded, compared and kept', async () => {
    await gh.close();
    gh = await FakeGitHub.start({ digests: false });
    writeDist(FILES());
    expect((await publish()).code).toBe(0);
    gh.resetLog();
    const again = await publish();
    expect(again.code).toBe(0);
    expect(gh.writes()).toEqual([]);
    expect(gh.requests.filter((q) => q.host === 'uploads' && q.path.startsWith('/download/'))).toHaveLength(6);
  });

  test('a crash half-way (upload connection dropped, retries exhausted) is completed by the next run', async () => {
    writeDist(FILES());
    // The first two uploads get through, then every attempt's connection drops: the crash lands mid-set.
    gh.inject({ kind: 'drop', host: 'uploads', method: 'POST', path: /\/assets$/, after: 2, times: 100 });
    const crashed = await publish();
    expect(crashed.code).toBe(1);
    expect(crashed.stderr).toMatch(/^ladder publish: GitHub: uploading \S+ failed \(POST \/repos\/acme\/ladders\/releases\/\d+\/assets\): no response from the server \(.+\) after retrying\n$/);
    const half = releaseState();
    expect(half.release.draft).toBe(true);
    expect(Object.values(half.assets).filter((a) => a.state === 'uploaded')).toHaveLength(2);
    expect(Object.values(half.assets).some((a) => a.state === 'starter')).toBe(true);

    gh.clearFaults();
    const resumed = await publish();
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/replace +\S+ \(unfinished upload \(state "starter"\)\)/);
    expect(resumed.stdout).toMatch(/keep +devrel.html/);
    expect(releaseState().release.draft).toBe(false);
    expectMatchesDist(FILES());
  });

  test('a changed artifact is replaced, a stray asset deleted, equal ones kept', async () => {
    writeDist(FILES());
    expect((await publish()).code).toBe(0);
    const next = { ...FILES(), 'devrel.pdf': pdf('D') };
    delete (next as Record<string, unknown>)['index.html'];
    writeDist(next);
    gh.resetLog();
    const r = await publish();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/replace +devrel\.pdf \(content differs\)/);
    expect(r.stdout).toMatch(/delete +index\.html \(not in SHA256SUMS\)/);
    expect(r.stdout).toMatch(/replace +SHA256SUMS/);
    expect(r.stdout).toMatch(/keep +ladders\.pdf/);
    expectMatchesDist(next);
    const uploaded = gh.writes().filter((w) => w.method === 'POST').map((w) => w.query.name);
    expect(uploaded).toEqual(['devrel.pdf', 'SHA256SUMS']);
  });

  test('--dry-run prints the plan and touches nothing', async () => {
    writeDist(FILES());
    const r = await publish(['--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('create release v1.3.0');
    expect(r.stdout).toMatch(/upload +devrel\.pdf/);
    expect(r.stdout).toContain('publish release v1.3.0');
    expect(r.stdout).toContain('dry run: nothing was changed');
    expect(gh.writes()).toEqual([]);
    expect(gh.releases(REPO)).toEqual([]);
  });

  test('--draft leaves a draft; a later run without it publishes; notes file and prerelease tags', async () => {
    writeDist(FILES());
    writeFileSync(join(dir.path, 'notes.md'), 'Hand-written notes\n');
    const r = await runCli(['publish', '--tag', 'v2.0.0-rc.1', '--draft', '--notes-file', 'notes.md'], { cwd: dir.path, env: gh.env() });
    expect(r.code).toBe(0);
    expect(releaseState().release).toMatchObject({ draft: true, prerelease: true, body: 'Hand-written notes' });
    const again = await runCli(['publish', '--tag', 'v2.0.0-rc.1', '--notes-file', 'notes.md'], { cwd: dir.path, env: gh.env() });
    expect(again.code).toBe(0);
    expect(releaseState().release.draft).toBe(false);
  });

  test('a dist/ that disagrees with its SHA256SUMS is refused before any request', async () => {
    writeDist(FILES());
    writeFileSync(join(dir.path, 'dist', 'devrel.pdf'), 'tampered');
    const r = await publish();
    expect(r).toMatchObject({ code: 1, stderr: 'ladder publish: dist/devrel.pdf: devrel.pdf does not match its SHA256SUMS entry; rebuild with "ladder build"\n' });
    writeDist({ ...FILES(), 'bad name.pdf': 'x' }, { sums: false });
    expect((await publish()).stderr).toMatch(/"bad name\.pdf" cannot be a release asset name/);
    expect((await runCli(['publish', '--tag', '1.3'], { cwd: dir.path, env: gh.env() })).code).toBe(2);
    expect(gh.requests).toEqual([]);
  });

  test('without SHA256SUMS in dist/ one is made and uploaded', async () => {
    writeDist(FILES(), { sums: false });
    const r = await publish();
    expect(r.code).toBe(0);
    expectMatchesDist(FILES());
  });
});
