// `ladder build` reads the history on a worker thread (found by `npm run bench`): it must answer what
// the same work gives on this thread, and its user errors must stay user errors.
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../../scripts/bench/corpus.js';
import { git, writeHistory } from '../../scripts/bench/git-import.js';
import { defaultConfig } from '../../scripts/config/index.js';
import { releaseHistory } from '../../scripts/release/release-history.js';
import { claimPages, pagesJob } from '../../scripts/release/page-share.js';
import { loadTheme } from '../../scripts/release/release.js';
import { loadWorkspace } from '../../scripts/load/workspace.js';
import type { Ladder } from '../../scripts/model/ladder.js';
import type { SiteInfo } from '../../scripts/render/html/index.js';
import { UserError } from '../../scripts/model/errors.js';

const compiled = new URL('../../.build/scripts/release/release-history.js', import.meta.url);
const built = existsSync(compiled);
if (!built && process.env.CI) throw new Error('.build/ is missing: run tsc before the tests (npm test does)');
if (!built) console.warn('\n*** SKIPPING the history worker test: no compiled .build/ (run npx tsc -p tsconfig.json) ***\n');

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function corpus(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ladder-perf-test-'));
  dirs.push(dir);
  return writeHistory(generateHistory({ seed: 5, ladders: 4, commits: 30, tagEvery: 10 }).commits, dir);
}

describe.skipIf(!built)('history on a worker thread', () => {
  it('gives the version and CHANGELOG.md this thread gives, with and without --version', async () => {
    const { historyInBackground } = (await import(compiled.href)) as typeof import('../../scripts/release/release-history.js');
    const root = await corpus();
    const config = defaultConfig();
    const date = new Date('2024-05-01T00:00:00Z');
    for (const flag of [undefined, 'v7.0.0']) {
      const here = await releaseHistory(root, config, flag, date);
      const there = historyInBackground({ cwd: root, config, flag, date: date.getTime() });
      expect(await there.version()).toBe(here.version);
      expect(await there.result()).toEqual(here);
      expect(here.changelog).toContain('## [v1.2.0]');
    }
    expect((await releaseHistory(root, config, undefined, date)).version).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('reports what cannot be read as a user error with its file, and can be cancelled', async () => {
    const { historyInBackground } = (await import(compiled.href)) as typeof import('../../scripts/release/release-history.js');
    const root = await corpus();
    // The last release tag now holds a binary file: the next version cannot be computed.
    writeFileSync(path.join(root, 'ladders', 'notes.md'), Buffer.from([0x23, 0x20, 0xff, 0x00, 0x41, 0x0a]));
    await git(root, ['add', '-A']);
    await git(root, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'notes']);
    await git(root, ['tag', 'v9.0.0']);
    const there = historyInBackground({ cwd: root, config: defaultConfig(), flag: undefined, date: 0 });
    const err = await there.version().catch((e: unknown) => e);
    // Rebuilt on this side of the thread (from the compiled module, so compared by name).
    expect((err as Error).name).toBe('UserError');
    expect((err as UserError).exitCode).toBe(1);
    expect((err as UserError).file).toBe('ladders/notes.md');
    expect((err as UserError).message).toMatch(/^cannot read the ladder at v9\.0\.0: .*binary/);
    await there.cancel();

    const cancelled = historyInBackground({ cwd: root, config: defaultConfig(), flag: 'v9.1.0', date: 0 });
    await cancelled.cancel();
    await expect(cancelled.result()).rejects.toThrow(/stopped/);
  });

  it('takes a share of the ladder pages once the history is read: each page once, the bytes this thread renders', async () => {
    const { historyInBackground } = (await import(compiled.href)) as typeof import('../../scripts/release/release-history.js');
    const root = await corpus();
    const config = defaultConfig();
    const ladders = loadWorkspace({ cwd: root }, [], config).flatMap((r) => (r.ladder ? [r.ladder] : []));
    expect(ladders.length).toBe(4);
    const site: SiteInfo = { version: 'v7.0.0', date: '2024-05-01', organization: 'Acme', pdf: true, verify: true, ladders: ladders.map((l) => ({ id: l.id, file: l.file })) };
    const theme = loadTheme();
    const here = new Map<string, string>();
    const view = (await releaseHistory(root, config, 'v7.0.0', new Date(0))).view;
    expect(view).toBeDefined();
    expect(claimPages(pagesJob(ladders, site, theme), view, (name, html) => here.set(name, html))).toBe(4);
    expect([...here.keys()].sort()).toEqual(ladders.flatMap((l) => [`${l.id}.changes.html`, `${l.id}.html`]).sort());

    // The worker alone (this thread takes nothing), then both at once: every page once, the same bytes.
    for (const share of [false, true]) {
      const there = historyInBackground({ cwd: root, config, flag: 'v7.0.0', date: 0, pages: true });
      const job = pagesJob(ladders, site, theme);
      const got = new Map<string, string>();
      const put = (name: string, html: string) => {
        expect(got.has(name), `${name} rendered twice`).toBe(false);
        got.set(name, html);
      };
      const helped = there.renderPages(job, (name, bytes) => put(name, Buffer.from(bytes).toString('utf8')));
      const mine = share ? claimPages(job, (await there.result()).view, put) : 0;
      await helped;
      expect(new Map([...got].sort())).toEqual(new Map([...here].sort()));
      expect(new Int32Array(job.claims)[0]).toBeGreaterThanOrEqual(4);
      if (!share) expect(mine).toBe(0);
      await there.cancel();
    }

    // Without `pages` the worker takes none, and this thread renders them all.
    const plain = historyInBackground({ cwd: root, config, flag: 'v7.0.0', date: 0 });
    const job = pagesJob(ladders, site, theme);
    await plain.renderPages(job, () => expect.unreachable('the worker rendered a page it was not asked for'));
    expect(new Int32Array(job.claims)[0]).toBe(0);
    await plain.cancel();
  });

  it('reports a page that fails to render on the worker as the build failing', async () => {
    const { historyInBackground } = (await import(compiled.href)) as typeof import('../../scripts/release/release-history.js');
    const root = await corpus();
    const there = historyInBackground({ cwd: root, config: defaultConfig(), flag: 'v7.0.0', date: 0, pages: true });
    const broken = { id: 'broken', file: 'ladders/broken.md' } as unknown as Ladder;
    await expect(there.renderPages(pagesJob([broken], { version: 'v7.0.0', date: '2024-05-01', organization: '', pdf: false }, loadTheme()), () => {})).rejects.toThrow(/^rendering ladder pages failed: /);
    await there.cancel();
  });
});
