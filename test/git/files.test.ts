import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GitFailedError, Repo, WORKTREE, type ChangedFile } from '../../scripts/git/index.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ t: TempRepo; repo: Repo }> {
  const t = await makeRepo();
  const repo = await Repo.open(t.root);
  cleanups.push(() => t.cleanup(), () => repo.close());
  return { t, repo };
}

const SPACED = 'ladders/staff engineer.md';
const UNICODE = 'ladders/désign — 設計.md';

describe('listFiles', () => {
  it('lists files under a directory at a revision, recursively, sorted, with blob ids and contents', async () => {
    const { t, repo } = await setup();
    await t.write('ladders/eng.md', '# Eng v1\n');
    await t.write(SPACED, '# Staff\n');
    await t.write(UNICODE, '# Désign\n');
    await t.write('ladders/sub/deep.md', '# Deep\n');
    await t.write('ladders/notes.txt', 'not markdown');
    await t.write('README.md', '# outside the directory\n');
    await t.write('ladders-extra/x.md', '# sibling with the same prefix\n');
    const v1 = await t.commit('v1');
    await t.write('ladders/eng.md', '# Eng v2\n');
    await t.commit('v2');

    const files = await repo.listFiles(v1, 'ladders');
    expect(files.map((f) => f.path)).toEqual(['ladders/désign — 設計.md', 'ladders/eng.md', SPACED, 'ladders/sub/deep.md']);
    const eng = files.find((f) => f.path === 'ladders/eng.md')!;
    expect(eng.content.toString()).toBe('# Eng v1\n');
    expect(eng.blob).toBe(await t.git('rev-parse', `${v1}:ladders/eng.md`));
    expect(files.find((f) => f.path === UNICODE)!.content.toString()).toBe('# Désign\n');

    const head = await repo.listFiles('HEAD', 'ladders');
    expect(head.find((f) => f.path === 'ladders/eng.md')!.content.toString()).toBe('# Eng v2\n');
    expect((await repo.listFiles('HEAD', 'ladders', '.txt')).map((f) => f.path)).toEqual(['ladders/notes.txt']);
    expect(await repo.listFiles('HEAD', 'no-such-dir')).toEqual([]);
  });

  it('lists the working tree: edits, untracked files, deletions; ignored files left out', async () => {
    const { t, repo } = await setup();
    await t.write('ladders/eng.md', '# Eng\n');
    await t.write('ladders/gone.md', '# Gone\n');
    await t.write('.gitignore', 'ladders/scratch.md\n');
    await t.commit('base');
    await t.write('ladders/eng.md', '# Eng edited\n');
    await t.write(UNICODE, '# Untracked\n');
    await t.write('ladders/scratch.md', '# ignored\n');
    await t.remove('ladders/gone.md');

    const files = await repo.listFiles(WORKTREE, 'ladders');
    expect(files.map((f) => [f.path, f.blob, f.content.toString()])).toEqual([
      [UNICODE, null, '# Untracked\n'],
      ['ladders/eng.md', null, '# Eng edited\n'],
    ]);
  });
});

describe('readBlobs and the shared cat-file process', () => {
  it('returns byte-exact binary content, including NUL and LF bytes and empty blobs', async () => {
    const { t, repo } = await setup();
    const binary = Buffer.concat([Buffer.from([0, 10, 0, 13, 10, 255]), randomBytes(200_000), Buffer.from('\n')]);
    await t.write('bin/data.bin', binary);
    await t.write('bin/empty.bin', '');
    await t.write('bin/lf.bin', '\n\n');
    await t.commit('binary');
    const ids = await Promise.all(['data', 'empty', 'lf'].map((n) => t.git('rev-parse', `HEAD:bin/${n}.bin`)));
    const blobs = await repo.readBlobs([...ids, ids[0]!]);
    expect(blobs.size).toBe(3);
    expect(blobs.get(ids[0]!)!.equals(binary)).toBe(true);
    expect(blobs.get(ids[1]!)!.length).toBe(0);
    expect(blobs.get(ids[2]!)!.toString()).toBe('\n\n');
  });

  it('serves many reads from one long-lived process', async () => {
    const { t, repo } = await setup();
    const files: Record<string, string | null> = {};
    for (let i = 0; i < 300; i++) files[`ladders/l${String(i).padStart(3, '0')}.md`] = `# Ladder ${i}\n${'x'.repeat(i)}\n`;
    await t.importHistory([{ message: 'many files', files }]);

    const listed = await repo.listFiles('HEAD', 'ladders');
    expect(listed).toHaveLength(300);
    expect(listed[7]!.content.toString()).toBe(files['ladders/l007.md']);
    const again = await repo.readBlobs(listed.map((f) => f.blob!));
    expect(again.get(listed[299]!.blob!)!.toString()).toBe(files['ladders/l299.md']);
    await repo.listFiles('HEAD~0', 'ladders');

    expect(repo.stats.catFile).toBe(1);
    // resolve + ls-tree per listing, plus the one cat-file: nowhere near one process per file.
    expect(repo.stats.processes).toBeLessThanOrEqual(6);
  });

  it('fails clearly for a missing object and keeps serving afterwards', async () => {
    const { t, repo } = await setup();
    await t.write('a.md', 'a');
    await t.commit('a');
    const blob = await t.git('rev-parse', 'HEAD:a.md');
    await expect(repo.readBlobs(['0123456789'.repeat(4)])).rejects.toThrow(/is missing/);
    await expect(repo.readBlobs(['HEAD:a.md'])).rejects.toBeInstanceOf(GitFailedError);
    expect((await repo.readBlobs([blob])).get(blob)!.toString()).toBe('a');
    expect(repo.stats.catFile).toBe(1);
  });

  it('close() ends the process, is safe twice, and a later read starts a fresh one', async () => {
    const { t, repo } = await setup();
    await t.write('a.md', 'a');
    await t.commit('a');
    const blob = await t.git('rev-parse', 'HEAD:a.md');
    await repo.readBlobs([blob]);
    repo.close();
    repo.close();
    expect((await repo.readBlobs([blob])).get(blob)!.toString()).toBe('a');
    expect(repo.stats.catFile).toBe(2);
  });
});

const summary = (files: ChangedFile[]) =>
  files.map((f) => (f.oldPath ? `${f.status} ${f.oldPath} -> ${f.path}` : `${f.status} ${f.path}`));

describe('changes', () => {
  async function base(t: TempRepo): Promise<string> {
    await t.write('ladders/eng.md', '# Engineering\n\n' + 'A long stable paragraph about engineering.\n'.repeat(20));
    await t.write('ladders/old name.md', '# Product\n\n' + 'A long stable paragraph about product work.\n'.repeat(20));
    await t.write('ladders/remove.md', '# Removed later\n');
    await t.write('other/ignored-dir.md', '# outside dir\n');
    return t.commit('base');
  }

  it('detects add, modify, delete and rename between revisions, with blob ids', async () => {
    const { t, repo } = await setup();
    const v1 = await base(t);
    await t.write('ladders/eng.md', '# Engineering\n\n' + 'A long stable paragraph about engineering.\n'.repeat(20) + 'New.\n');
    await t.rename('ladders/old name.md', `ladders/${path.basename(UNICODE)}`);
    await t.remove('ladders/remove.md');
    await t.write('ladders/new.md', '# New\n');
    await t.write('other/ignored-dir.md', '# changed, but outside dir\n');
    const v2 = await t.commit('v2');

    const changes = await repo.changes(v1, v2, 'ladders');
    expect(summary(changes).sort()).toEqual([
      'A ladders/new.md',
      'D ladders/remove.md',
      'M ladders/eng.md',
      `R ladders/old name.md -> ${UNICODE}`,
    ]);
    const byPath = new Map(changes.map((c) => [c.path, c]));
    const blobAt = (rev: string, p: string) => t.git('rev-parse', `${rev}:${p}`);
    expect(byPath.get('ladders/new.md')).toEqual({
      status: 'A', path: 'ladders/new.md', oldBlob: null, newBlob: await blobAt(v2, 'ladders/new.md'),
    });
    expect(byPath.get('ladders/remove.md')).toEqual({
      status: 'D', path: 'ladders/remove.md', oldBlob: await blobAt(v1, 'ladders/remove.md'), newBlob: null,
    });
    expect(byPath.get('ladders/eng.md')!.oldBlob).toBe(await blobAt(v1, 'ladders/eng.md'));
    expect(byPath.get('ladders/eng.md')!.newBlob).toBe(await blobAt(v2, 'ladders/eng.md'));
    const renamed = byPath.get(UNICODE)!;
    expect(renamed.similarity).toBe(100);
    expect(renamed.oldBlob).toBe(renamed.newBlob);

    const blobs = await repo.readBlobs([renamed.newBlob!]);
    expect(blobs.get(renamed.newBlob!)!.toString()).toMatch(/^# Product/);
    expect(await repo.changes(v2, v2, 'ladders')).toEqual([]);
    expect(summary(await repo.changes(v1, v2, ''))).toContain('M other/ignored-dir.md');
  });

  it('compares a revision with the working tree, untracked files and renames included, index untouched', async () => {
    const { t, repo } = await setup();
    const v1 = await base(t);
    await t.write('ladders/eng.md', '# Engineering changed on disk\n');
    await t.rename('ladders/old name.md', 'ladders/renamed on disk.md'); // plain mv: untracked target
    await t.remove('ladders/remove.md');
    await t.write('ladders/untracked.md', '# Untracked\n');
    await t.write('.gitignore', 'ladders/ignored.md\n');
    await t.write('ladders/ignored.md', '# ignored\n');
    const indexBefore = await readFile(path.join(t.root, '.git', 'index'));

    const changes = await repo.changes(v1, WORKTREE, 'ladders');
    expect(summary(changes).sort()).toEqual([
      'A ladders/untracked.md',
      'D ladders/remove.md',
      'M ladders/eng.md',
      'R ladders/old name.md -> ladders/renamed on disk.md',
    ]);
    // Working-tree content is read from disk, never from made-up blob ids.
    expect(changes.every((c) => c.newBlob === null)).toBe(true);
    expect(changes.find((c) => c.status === 'M')!.oldBlob).toBe(await t.git('rev-parse', `${v1}:ladders/eng.md`));
    expect((await readFile(path.join(t.root, '.git', 'index'))).equals(indexBefore)).toBe(true);
    expect(await t.git('status', '--porcelain', '--untracked-files=all')).toContain('?? ladders/untracked.md');
    // The whole repository ('' = root) also sees the untracked .gitignore.
    expect(summary(await repo.changes(v1, WORKTREE, ''))).toContain('A .gitignore');
  });

  it('reports nothing for a clean working tree and works when the directory is absent', async () => {
    const { t, repo } = await setup();
    const v1 = await base(t);
    expect(await repo.changes(v1, WORKTREE, 'ladders')).toEqual([]);
    expect(await repo.changes(v1, WORKTREE, 'nowhere')).toEqual([]);
    await t.remove('ladders');
    expect(summary(await repo.changes(v1, WORKTREE, 'ladders')).sort()).toEqual([
      'D ladders/eng.md',
      'D ladders/old name.md',
      'D ladders/remove.md',
    ]);
  });
});
