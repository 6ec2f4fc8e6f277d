import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  EmptyRepoError,
  GitFailedError,
  NotARepoError,
  PathOutsideRepoError,
  Repo,
  ShallowCloneError,
  UnknownRevisionError,
  WORKTREE,
} from '../../scripts/git/index.js';
import { makeTempDir, removeThreadTemps, removeTrackedTemps } from '../../scripts/cli/temp.js';
import { UserError } from '../../scripts/model/errors.js';
import { makeRepo, START_DATE, type TempRepo } from '../helpers/git-repo.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function temp(): Promise<TempRepo> {
  const t = await makeRepo();
  cleanups.push(() => t.cleanup());
  return t;
}
async function open(dir: string): Promise<Repo> {
  const repo = await Repo.open(dir);
  cleanups.push(() => repo.close());
  return repo;
}

/** main: c1 (v1.0.0) -> c2 (v1.1.0, annotated) ; branch feature: c3 */
async function small() {
  const t = await temp();
  await t.write('ladders/eng.md', '# Eng\n');
  const c1 = await t.commit('first');
  await t.tag('v1.0.0');
  await t.write('ladders/eng.md', '# Eng\n\nMore.\n');
  const c2 = await t.commit('second');
  await t.tag('v1.1.0', { message: 'release 1.1.0' });
  await t.branch('feature');
  await t.checkout('feature');
  await t.write('ladders/design.md', '# Design\n');
  const c3 = await t.commit('feature work');
  await t.checkout('main');
  return { t, c1, c2, c3, repo: await open(t.root) };
}

describe('Repo.open', () => {
  it('finds the top level from a subdirectory', async () => {
    const { t } = await small();
    const repo = await open(path.join(t.root, 'ladders'));
    expect(repo.root).toBe(t.root);
  });

  it('throws NotARepoError outside a repository, and for a missing directory', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ladder-norepo-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const err = await Repo.open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotARepoError);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).name).toBe('NotARepoError');
    await expect(Repo.open(path.join(dir, 'missing'))).rejects.toBeInstanceOf(NotARepoError);
  });
});

describe('resolve', () => {
  it('resolves tags (lightweight and annotated, peeled), branches, full and short SHAs, expressions', async () => {
    const { c1, c2, c3, repo } = await small();
    expect(await repo.resolve('v1.0.0')).toBe(c1);
    expect(await repo.resolve('v1.1.0')).toBe(c2); // the commit, not the tag object
    expect(await repo.resolve('main')).toBe(c2);
    expect(await repo.resolve('HEAD')).toBe(c2);
    expect(await repo.resolve('feature')).toBe(c3);
    expect(await repo.resolve(c1)).toBe(c1);
    expect(await repo.resolve(c3.slice(0, 10))).toBe(c3);
    expect(await repo.resolve('feature~1')).toBe(c2);
  });

  it('throws UnknownRevisionError naming the revision', async () => {
    const { repo } = await small();
    for (const rev of ['v9.9.9', 'no-such-branch', 'deadbeef'.repeat(5), '--all', '', WORKTREE]) {
      const err = await repo.resolve(rev).catch((e: unknown) => e);
      expect(err, rev).toBeInstanceOf(UnknownRevisionError);
      expect((err as UnknownRevisionError).rev).toBe(rev);
    }
    await expect(repo.resolve('v9.9.9')).rejects.toThrow(/unknown revision "v9\.9\.9"/);
  });

  it('rejects a blob id: only commits resolve', async () => {
    const { t, repo } = await small();
    const blob = await t.git('rev-parse', 'HEAD:ladders/eng.md');
    await expect(repo.resolve(blob)).rejects.toBeInstanceOf(UnknownRevisionError);
  });

  it('says the repository has no commits yet for HEAD in an empty repo', async () => {
    const t = await temp();
    const repo = await open(t.root);
    const err = await repo.resolve('HEAD').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmptyRepoError);
    expect(err).toBeInstanceOf(UnknownRevisionError);
    expect((err as Error).message).toBe('cannot resolve "HEAD": the repository has no commits yet');
    expect(await repo.tags()).toEqual([]);
  });

  it('throws ShallowCloneError for a revision cut off by a shallow clone', async () => {
    const { t, c1, c2 } = await small();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ladder-shallow-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await t.git('clone', '-q', '--depth', '1', `file://${t.root}`, dir);
    const shallow = await open(dir);
    expect(await shallow.resolve('HEAD')).toBe(c2);
    const err = await shallow.resolve(c1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShallowCloneError);
    expect((err as Error).message).toContain('fetch with fetch-depth: 0');
    await expect(shallow.resolve('v1.0.0')).rejects.toBeInstanceOf(ShallowCloneError);
    await expect(shallow.changes(c1, 'HEAD', 'ladders')).rejects.toBeInstanceOf(ShallowCloneError);
  });
});

describe('paths', () => {
  it('throws PathOutsideRepoError for paths leaving the repository', async () => {
    const { t, repo } = await small();
    const outside = ['../x', 'ladders/../../x', '..', path.dirname(t.root), '/etc'];
    for (const dir of outside) {
      await expect(repo.listFiles('HEAD', dir), dir).rejects.toBeInstanceOf(PathOutsideRepoError);
      await expect(repo.listFiles(WORKTREE, dir), dir).rejects.toBeInstanceOf(PathOutsideRepoError);
      await expect(repo.changes('v1.0.0', 'HEAD', dir), dir).rejects.toBeInstanceOf(PathOutsideRepoError);
    }
    const log = async () => {
      for await (const _ of repo.log({ to: 'HEAD', paths: ['../x'] })) void _;
    };
    await expect(log()).rejects.toBeInstanceOf(PathOutsideRepoError);
  });

  it('accepts equivalent spellings of a directory inside the repository', async () => {
    const { t, repo } = await small();
    const expected = ['ladders/eng.md'];
    for (const dir of ['ladders', './ladders/', 'ladders/x/..', path.join(t.root, 'ladders')]) {
      expect((await repo.listFiles('HEAD', dir)).map((f) => f.path), dir).toEqual(expected);
    }
    expect((await repo.listFiles('HEAD', '')).map((f) => f.path)).toEqual(expected);
    expect((await repo.listFiles('HEAD', '.')).map((f) => f.path)).toEqual(expected);
  });

  it('refuses a symlinked directory that leads out of the repository', async () => {
    const { t, repo } = await small();
    const out = await mkdtemp(path.join(os.tmpdir(), 'ladder-out-'));
    cleanups.push(() => rm(out, { recursive: true, force: true }));
    const { symlink, writeFile } = await import('node:fs/promises');
    await writeFile(path.join(out, 'secret.md'), 'secret');
    await symlink(out, path.join(t.root, 'linked'));
    await expect(repo.listFiles(WORKTREE, 'linked')).rejects.toBeInstanceOf(PathOutsideRepoError);
  });
});

describe('tags', () => {
  it('lists release tags in semantic-version order with peeled commits and commit dates', async () => {
    const t = await temp();
    const made: Record<string, string> = {};
    // Created out of order on purpose: v1.10.0 must sort after v1.9.0, not after v1.1.0.
    for (const name of ['v1.10.0', 'v1.9.0', 'v2.0.0', 'v1.1.0', 'v0.9.12']) {
      await t.write('f.md', name);
      made[name] = await t.commit(`for ${name}`);
      await t.tag(name, name === 'v1.9.0' ? { message: 'annotated' } : {});
    }
    await t.tag('latest');
    await t.tag('v3.0.0-rc.1');
    const repo = await open(t.root);
    const tags = await repo.tags();
    expect(tags.map((x) => x.name)).toEqual(['v0.9.12', 'v1.1.0', 'v1.9.0', 'v1.10.0', 'v2.0.0']);
    for (const tag of tags) {
      expect(tag.sha).toBe(made[tag.name]);
      expect(tag.date).toBe(await repo.commitDate(tag.sha));
    }
    const all = await repo.tags(/^v/g);
    expect(all.map((x) => x.name)).toEqual(['v0.9.12', 'v1.1.0', 'v1.9.0', 'v1.10.0', 'v2.0.0', 'v3.0.0-rc.1']);
  });
});

describe('commitDate and mergeBase', () => {
  it('returns the committer date in epoch seconds', async () => {
    const t = await temp();
    await t.write('a.md', 'a');
    await t.commit('one', { date: START_DATE + 42 });
    const repo = await open(t.root);
    expect(await repo.commitDate('HEAD')).toBe(START_DATE + 42);
    await expect(repo.commitDate('nope')).rejects.toBeInstanceOf(UnknownRevisionError);
  });

  it('finds the fork point of two branches and reports unrelated histories', async () => {
    const { t, c2, c3, repo } = await small();
    await t.write('ladders/eng.md', 'main moves on\n');
    const c4 = await t.commit('main moves');
    expect(await repo.mergeBase(c4, c3)).toBe(c2);
    expect(await repo.mergeBase('main', 'feature')).toBe(c2);
    await t.git('checkout', '-q', '--orphan', 'island');
    await t.write('other.md', 'x');
    await t.commit('unrelated root');
    const err = await repo.mergeBase('island', 'main').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitFailedError);
    expect((err as Error).message).toMatch(/no common ancestor/);
  });
});

/**
 * A temp dir of the test's own, made the system temp dir (os.tmpdir() reads TMPDIR on each call, and a
 * worker started later copies it) until the test ends.
 */
async function ownTmpdir(): Promise<string> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ladder-tmpdir-'));
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  cleanups.push(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  });
  return tmp;
}

/**
 * A temp folder made by makeTempDir in a real worker thread (the compiled module: the history walk's
 * worker has its own copy of it), then the worker terminated, as a build's cancelled walk is.
 */
async function folderFromWorker(): Promise<{ made: string; thread: number }> {
  const temp = pathToFileURL(path.join(import.meta.dirname, '../../.build/scripts/cli/temp.js')).href;
  // It never ends on its own: setInterval keeps it until terminate().
  const worker = new Worker(`import('${temp}').then((m) => { require('node:worker_threads').parentPort.postMessage(m.makeTempDir('index')); setInterval(() => {}, 1000); });`, { eval: true });
  const thread = worker.threadId;
  const made = await new Promise<string>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  await worker.terminate();
  return { made, thread };
}

describe('changes against the working tree', () => {
  it('its throwaway index is a tracked work folder: a run told to stop removes it, a finished one leaves none', async () => {
    const { t, repo } = await small();
    await t.write('ladders/new.md', '# New\n');
    const tmp = await ownTmpdir();
    // Finished: the untracked file is in the diff, and nothing is left behind.
    const done = await repo.changes('HEAD', WORKTREE, 'ladders');
    expect(done.map((c) => c.path)).toContain('ladders/new.md');
    expect(await readdir(tmp)).toEqual([]);
    expect(removeTrackedTemps()).toBe(0);
    // Stopped half-way (what the bin's SIGINT/SIGTERM handler runs): the folder goes at once.
    const pending = repo.changes('HEAD', WORKTREE, 'ladders').catch(() => undefined);
    while ((await readdir(tmp)).length === 0) await new Promise((r) => setImmediate(r));
    expect(removeTrackedTemps()).toBe(1);
    expect(await readdir(tmp)).toEqual([]);
    await pending;
    expect(await readdir(tmp)).toEqual([]);
  });

  it('a folder a worker thread made is removed by the main thread\'s stop too (the pid in its name)', async () => {
    const tmp = await ownTmpdir();
    const { made, thread } = await folderFromWorker();
    expect(path.basename(made)).toMatch(new RegExp(`^ladder-index-${process.pid}-${thread}-`));
    // Another process's folder, and a name that is not ours: left alone.
    const other = path.join(tmp, `ladder-index-${process.pid + 1}-1-AbC123`);
    const stranger = path.join(tmp, 'ladder-notes-kept');
    await mkdir(other);
    await mkdir(stranger);
    expect(removeTrackedTemps()).toBe(1);
    expect((await readdir(tmp)).sort()).toEqual([path.basename(other), path.basename(stranger)].sort());
  });

  it('a terminated worker\'s folders go when its thread is swept; the main thread\'s stay', async () => {
    const tmp = await ownTmpdir();
    const { made, thread } = await folderFromWorker();
    expect(await readdir(tmp)).toEqual([path.basename(made)]);
    const mine = makeTempDir('index');
    expect(removeThreadTemps(thread)).toBe(1);
    expect(await readdir(tmp)).toEqual([path.basename(mine)]);
    expect(removeTrackedTemps()).toBe(1);
    expect(await readdir(tmp)).toEqual([]);
  });
});
