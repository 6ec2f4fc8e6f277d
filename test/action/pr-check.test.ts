import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateHistory } from '../../scripts/bench/corpus.js';
import { writeHistory } from '../../scripts/bench/git-import.js';
import { lightFacts, scopedDiff } from '../../scripts/load/pr-check.js';
import { RevisionReader } from '../../scripts/load/revisions.js';
import { loadConfig } from '../../scripts/config/index.js';
import { compareLadders } from '../../scripts/diff/index.js';
import { formatJson } from '../../scripts/diff/format/json.js';
import { Repo } from '../../scripts/git/index.js';
import { SAMPLE_LADDERS } from '../helpers/sample-ladders.js';

/** `ladder diff base head --format json`, the full way: every ladder of both sides parsed. */
async function fullJson(root: string, base: string, head: string): Promise<string> {
  const config = loadConfig(root);
  const repo = await Repo.open(root);
  try {
    const reader = new RevisionReader(repo, config, root);
    const before = await reader.read(base);
    const after = await reader.read(head);
    const renames = await reader.renames(base, head);
    return formatJson(compareLadders(before.ladders, after.ladders, { policy: config.bump, renames, base, head }).result);
  } finally {
    repo.close();
  }
}

async function scoped(root: string, base: string, head: string) {
  const repo = await Repo.open(root);
  try {
    const s = await scopedDiff(repo, loadConfig(root), root, base, head);
    return { ...s, json: formatJson(s.result) };
  } finally {
    repo.close();
  }
}

describe('the scoped PR diff equals the full diff', () => {
  let root: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' } }).trim();
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'ladder-scoped-'));
    cpSync(SAMPLE_LADDERS, path.join(root, 'ladders'), { recursive: true });
    writeFileSync(path.join(root, 'ladders', 'extra.md'), readFileSync(path.join(SAMPLE_LADDERS, 'devrel.md'), 'utf8').replace('id: devrel', 'id: extra').replace('title: Developer Relations', 'title: Extra'));
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('edit, rename, removal, addition and formatting-only, on the sample ladders', async () => {
    const base = git('rev-parse', 'HEAD');
    const devrel = path.join(root, 'ladders', 'devrel.md');
    writeFileSync(devrel, readFileSync(devrel, 'utf8').replace('Answers questions', 'Answers every question'));
    renameSync(path.join(root, 'ladders', 'engineering.md'), path.join(root, 'ladders', 'software.md'));
    rmSync(path.join(root, 'ladders', 'extra.md'));
    writeFileSync(path.join(root, 'ladders', 'sales.md'), readFileSync(path.join(SAMPLE_LADDERS, 'devrel.md'), 'utf8').replace('id: devrel', 'id: sales'));
    git('add', '-A');
    git('commit', '-q', '-m', 'many');
    const head = git('rev-parse', 'HEAD');
    const s = await scoped(root, base, head);
    expect(s.json).toBe(await fullJson(root, base, head));
    expect(s.changed).toEqual(['ladders/devrel.md', 'ladders/sales.md', 'ladders/software.md']);
    expect(s.configChanged).toBe(false);

    writeFileSync(path.join(root, 'ladders', 'ladder.config.yaml'), 'organization: Acme\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'config');
    expect((await scoped(root, head, 'HEAD')).configChanged).toBe(true);
  });

  test('an unchanged ladder is listed with the title the parser gives it (quoted, with spaces)', async () => {
    const extra = path.join(root, 'ladders', 'quoted.md');
    writeFileSync(extra, readFileSync(path.join(SAMPLE_LADDERS, 'devrel.md'), 'utf8').replace('id: devrel', 'id: quoted').replace('title: Developer Relations', 'title: "  Quoted  Title "'));
    git('add', '-A');
    git('commit', '-q', '-m', 'quoted');
    const base = git('rev-parse', 'HEAD');
    const devrel = path.join(root, 'ladders', 'devrel.md');
    writeFileSync(devrel, readFileSync(devrel, 'utf8').replace('Answers', 'Answers quickly'));
    git('add', '-A');
    git('commit', '-q', '-m', 'edit');
    const s = await scoped(root, base, 'HEAD');
    expect(JSON.parse(s.json).ladders.find((l: { id: string }) => l.id === 'quoted').title).toBe('Quoted  Title');
    expect(s.json).toBe(await fullJson(root, base, 'HEAD'));
  });

  test('every pair of tags of a generated history (all edit kinds, four shapes)', async () => {
    const { commits } = generateHistory({ ladders: 12, commits: 60, tagEvery: 10, seed: 3 });
    const corpus = await writeHistory(commits);
    try {
      const tags = execFileSync('git', ['tag', '--sort=creatordate'], { cwd: corpus, encoding: 'utf8' }).split('\n').filter(Boolean);
      expect(tags.length).toBeGreaterThan(3);
      for (let i = 0; i + 1 < tags.length; i++) {
        const s = await scoped(corpus, tags[i]!, tags[i + 1]!);
        expect(s.json, `${tags[i]}..${tags[i + 1]}`).toBe(await fullJson(corpus, tags[i]!, tags[i + 1]!));
      }
      const s = await scoped(corpus, tags[0]!, 'main');
      expect(s.json).toBe(await fullJson(corpus, tags[0]!, 'main'));
    } finally {
      rmSync(corpus, { recursive: true, force: true });
    }
  });
});

test('lightFacts reads id, title and owners from the frontmatter, else the file name and first heading', () => {
  expect(lightFacts('---\nid: eng\ntitle: Engineering\nowners: ["@a/b", 3]\n---\n# Other\n', 'ladders/x.md')).toEqual({ id: 'eng', title: 'Engineering', owners: ['@a/b'] });
  expect(lightFacts('# Sales team\n\n## L1\n', 'ladders/sales.md')).toEqual({ id: 'sales', title: 'Sales team' });
  expect(lightFacts('---\ntitle: [unclosed\n---\n# Broken\n', 'ladders/broken.md')).toEqual({ id: 'broken', title: 'Broken' });
});
