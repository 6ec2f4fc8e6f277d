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
});
