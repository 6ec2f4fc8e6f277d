import { afterEach, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { Repo, UnknownRevisionError, type CommitInfo } from '../../scripts/git/index.js';
import { AUTHOR, makeHistory, makeRepo, START_DATE, type HistoryCommit, type TempRepo } from '../helpers/git-repo.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function collect(it: AsyncIterable<CommitInfo>): Promise<CommitInfo[]> {
  const out: CommitInfo[] = [];
  for await (const c of it) out.push(c);
  return out;
}

const files = (c: CommitInfo) =>
  c.files.map((f) => (f.oldPath ? `${f.status} ${f.oldPath} -> ${f.path}` : `${f.status} ${f.path}`));

/**
 * main: init -> [PR #12 merged with --no-ff] -> [PR #13 squashed] -> edit outside ladders/ -> empty commit
 */
async function prHistory() {
  const t = await makeRepo();
  const repo = await Repo.open(t.root);
  cleanups.push(() => t.cleanup(), () => repo.close());
  const para = 'A long paragraph that keeps the file similar across the rename.\n'.repeat(10);
  await t.write('ladders/eng.md', '# Eng\n');
  await t.write('ladders/old.md', `# Old\n${para}`);
  const init = await t.commit('Initial ladders');

  await t.branch('pr-12');
  await t.checkout('pr-12');
  await t.write('ladders/eng.md', '# Eng\n\nExpect reviews.\n');
  await t.commit('Add reviews', { author: { name: 'Bo Branch', email: 'bo@example.com' } });
  await t.rename('ladders/old.md', 'ladders/new name é.md');
  await t.commit('Rename ladder', { author: { name: 'Bo Branch', email: 'bo@example.com' } });
  await t.checkout('main');
  const merge = await t.merge('pr-12', 'Merge pull request #12 from acme/pr-12\n\nReviews and a rename');

  await t.branch('pr-13');
  await t.checkout('pr-13');
  await t.write('ladders/design.md', '# Design\n');
  await t.commit('wip 1');
  await t.write('ladders/design.md', '# Design\n\nDone.\n');
  await t.commit('wip 2');
  await t.checkout('main');
  const squash = await t.squash('pr-13', 'Add design ladder (#13)\n\nCo-authored-by: Cy <cy@example.com>', {
    author: { name: 'Cy Squash', email: 'cy@example.com' },
  });

  await t.write('README.md', 'readme\n');
  const readme = await t.commit('Docs only');
  const empty = await t.commit('Empty', { allowEmpty: true });
  return { t, repo, init, merge, squash, readme, empty };
}

describe('log', () => {
  it('walks the first parent oldest first; merges and squashes show their changes against the first parent', async () => {
    const { t, repo, init, merge, squash, readme, empty } = await prHistory();
    const log = await collect(repo.log({ to: 'HEAD', firstParent: true }));
    expect(log.map((c) => c.sha)).toEqual([init, merge, squash, readme, empty]);

    const m = log[1]!;
    expect(m.subject).toBe('Merge pull request #12 from acme/pr-12');
    expect(m.body).toBe('Reviews and a rename');
    expect(m.parents).toHaveLength(2);
    expect(m.parents[0]).toBe(init);
    expect(files(m).sort()).toEqual(['M ladders/eng.md', 'R ladders/old.md -> ladders/new name é.md']);
    const eng = m.files.find((f) => f.path === 'ladders/eng.md')!;
    const blobs = await repo.readBlobs([eng.oldBlob!, eng.newBlob!]);
    expect(blobs.get(eng.oldBlob!)!.toString()).toBe('# Eng\n');
    expect(blobs.get(eng.newBlob!)!.toString()).toBe('# Eng\n\nExpect reviews.\n');

    const s = log[2]!;
    expect(s).toMatchObject({
      subject: 'Add design ladder (#13)',
      body: 'Co-authored-by: Cy <cy@example.com>',
      author: 'Cy Squash',
      authorEmail: 'cy@example.com',
      parents: [merge],
    });
    expect(files(s)).toEqual(['A ladders/design.md']);
    expect(s.files[0]!.newBlob).toBe(await t.git('rev-parse', `${squash}:ladders/design.md`));
    expect(s.date).toBe(await repo.commitDate(squash));

    expect(log[0]).toMatchObject({ parents: [], author: AUTHOR.name, authorEmail: AUTHOR.email, date: START_DATE });
    expect(files(log[0]!).sort()).toEqual(['A ladders/eng.md', 'A ladders/old.md']);
    expect(log[4]).toMatchObject({ subject: 'Empty', files: [] });
  });

  it('without firstParent includes branch commits, parents before children', async () => {
    const { repo, merge } = await prHistory();
    const log = await collect(repo.log({ to: 'HEAD' }));
    const subjects = log.map((c) => c.subject);
    expect(subjects).toEqual([
      'Initial ladders',
      'Add reviews',
      'Rename ladder',
      'Merge pull request #12 from acme/pr-12',
      'Add design ladder (#13)',
      'Docs only',
      'Empty',
    ]);
    expect(log.find((c) => c.sha === merge)!.files).toHaveLength(2);
    const seen = new Set<string>();
    for (const c of log) {
      for (const p of c.parents) expect(seen.has(p)).toBe(true);
      seen.add(c.sha);
    }
  });

  it('limits commits and their files to paths, and the range to from..to', async () => {
    const { repo, init, merge, squash, readme } = await prHistory();
    const ladders = await collect(repo.log({ to: 'HEAD', paths: ['ladders'], firstParent: true }));
    expect(ladders.map((c) => c.sha)).toEqual([init, merge, squash]);
    const design = await collect(repo.log({ to: 'HEAD', paths: ['ladders/design.md', 'README.md'], firstParent: true }));
    expect(design.map((c) => [c.sha, files(c)])).toEqual([
      [squash, ['A ladders/design.md']],
      [readme, ['A README.md']],
    ]);
    const range = await collect(repo.log({ from: merge, to: readme, firstParent: true }));
    expect(range.map((c) => c.sha)).toEqual([squash, readme]);
    expect(await collect(repo.log({ from: 'HEAD', to: 'HEAD' }))).toEqual([]);
  });

  it('throws UnknownRevisionError for an unknown bound', async () => {
    const { repo } = await prHistory();
    await expect(collect(repo.log({ to: 'nope' }))).rejects.toBeInstanceOf(UnknownRevisionError);
    await expect(collect(repo.log({ from: 'v0.0.1', to: 'HEAD' }))).rejects.toBeInstanceOf(UnknownRevisionError);
  });

  it('streams a 5,000-commit history built by fast-import, with exact files per commit', async () => {
    const N = 5000;
    const commits: HistoryCommit[] = [];
    for (let i = 0; i < N; i++) {
      const f: Record<string, string | null> = { [`ladders/l${i % 7} ü.md`]: `# Ladder ${i % 7}\n\nrev ${i}\n` };
      if (i % 100 === 99) f[`ladders/l${(i + 1) % 7} ü.md`] = null;
      commits.push({ message: `Change ${i}\n\nBody of ${i}.`, files: f, ...(i % 1000 === 999 ? { tag: `v1.${i}.0` } : {}) });
    }
    const t = await makeHistory(commits);
    const repo = await Repo.open(t.root);
    cleanups.push(() => t.cleanup(), () => repo.close());
    expect(t.shas).toHaveLength(N);
    expect((await repo.tags()).map((x) => x.sha)).toEqual([999, 1999, 2999, 3999, 4999].map((i) => t.shas[i]));

    let i = 0;
    const present = new Set<string>(); // model of the tree, to know add from modify
    const processes = repo.stats.processes;
    for await (const c of repo.log({ to: 'main' })) {
      expect(c.sha).toBe(t.shas[i]);
      expect(c.subject).toBe(`Change ${i}`);
      expect(c.body).toBe(`Body of ${i}.`);
      const expected = Object.entries(commits[i]!.files).map(([p, v]) => {
        const status = v === null ? 'D' : present.has(p) ? 'M' : 'A';
        if (v === null) present.delete(p);
        else present.add(p);
        return `${status} ${p}`;
      });
      expect(files(c).sort()).toEqual(expected.sort());
      i++;
    }
    expect(i).toBe(N);
    expect(repo.stats.processes - processes).toBeLessThanOrEqual(3); // two resolves + one git log
  });

  it('stops the git process when the reader stops early', async () => {
    const commits = Array.from({ length: 2000 }, (_, i) => ({ message: `c${i}`, files: { 'a.md': `${i}\n` } }));
    const t = await makeHistory(commits);
    const repo = await Repo.open(t.root);
    cleanups.push(() => t.cleanup(), () => repo.close());
    for await (const c of repo.log({ to: 'HEAD' })) {
      expect(c.subject).toBe('c0');
      break;
    }
    // Give the kill a moment to be reaped, then look for a leftover `git log` child.
    await new Promise((r) => setTimeout(r, 200));
    expect(await childGitLogs()).toEqual([]);
  });
});

async function childGitLogs(): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid !== process.pid) continue;
    const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (cmd[0] === 'git' && cmd.includes('log')) found.push(cmd.join(' '));
  }
  return found;
}
