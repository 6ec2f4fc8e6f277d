// The benchmark's inputs and bookkeeping, at a tiny size; `npm run bench -- --quick` is the timed smoke run.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historyBlobs, readBlobs, treeBlobs } from '../../scripts/bench/blobs.js';
import { CORPUS_SHAPES, generateHistory, renderLadder } from '../../scripts/bench/corpus.js';
import { fastImportStream, git, writeHistory } from '../../scripts/bench/git-import.js';
import { median, pairedRatio, summarize } from '../../scripts/bench/measure.js';
import { comparisonTable, END_MARKER, growth, replaceSection, START_MARKER, verdict, type Measured } from '../../scripts/bench/report.js';
import { parseLadder } from '../../scripts/parse/index.js';

const TINY = { seed: 11, ladders: 8, commits: 40, tagEvery: 10 };
const dirs: string[] = [];

async function repo(opts = TINY): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ladder-perf-test-'));
  dirs.push(dir);
  return writeHistory(generateHistory(opts).commits, dir);
}

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('bench corpus as a git repository', () => {
  it('is the same bytes for the same seed: same fast-import stream, same commit ids, same tags', async () => {
    const a = fastImportStream(generateHistory(TINY).commits);
    expect(a.equals(fastImportStream(generateHistory(TINY).commits))).toBe(true);
    expect(a.equals(fastImportStream(generateHistory({ ...TINY, seed: 12 }).commits))).toBe(false);

    const [r1, r2] = [await repo(), await repo()];
    const heads = await Promise.all([r1, r2].map((r) => git(r, ['rev-parse', 'HEAD'])));
    expect(heads[0]).toBe(heads[1]);
    const tags = await Promise.all([r1, r2].map((r) => git(r, ['show-ref', '--tags'])));
    expect(tags[0]).toBe(tags[1]);
    expect(tags[0]!.trim().split('\n')).toHaveLength(4);
    // The working tree is the last commit's files.
    const { ladders } = generateHistory(TINY);
    for (const l of ladders) expect(readFileSync(path.join(r1, 'ladders', `${l.id}.md`), 'utf8')).toBe(renderLadder(l));
  });

  it('parses in every shape, at every version the history holds', async () => {
    const root = await repo();
    const { ladders } = generateHistory(TINY);
    const shapeOf = new Map(ladders.map((l) => [`ladders/${l.id}.md`, l.shape]));
    expect(new Set(shapeOf.values())).toEqual(new Set(CORPUS_SHAPES));

    const blobs = await historyBlobs(root);
    expect(blobs.size).toBeGreaterThan(ladders.length); // edits made new versions
    const contents = await readBlobs(root, [...blobs.keys()]);
    const seen = new Set<string>();
    for (const [sha, file] of blobs) {
      const result = parseLadder(contents.get(sha)!, file);
      expect(result.ladder, `${file} @ ${sha}`).toBeDefined();
      expect(result.ladder!.shape, `${file} @ ${sha}`).toBe(shapeOf.get(file));
      expect(result.ladder!.levels).toHaveLength(6);
      for (const level of result.ladder!.levels) {
        expect(level.cells).toHaveLength(5);
        for (const cell of level.cells) expect(cell.expectations.length).toBeGreaterThan(0);
      }
      seen.add(result.ladder!.shape);
    }
    expect(seen).toEqual(new Set(CORPUS_SHAPES));

    // What `ladder diff main~10 main` must read: the union of both trees, each blob once.
    const trees = new Map<string, string>();
    await treeBlobs(root, 'main~10', trees);
    await treeBlobs(root, 'main', trees);
    expect(trees.size).toBeGreaterThanOrEqual(ladders.length);
    for (const sha of trees.keys()) expect(blobs.has(sha)).toBe(true);
  });
});

describe('bench bookkeeping', () => {
  const m = (name: string, wallMs: number, cpuMs?: number): Measured => ({ name, command: name, summary: { wallMs, ...(cpuMs !== undefined ? { cpuMs } : {}), runs: 5 } });

  it('takes medians, scales per-ladder figures and keeps the peak memory', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const s = summarize([{ wallMs: 100, cpuMs: 80, rssKiB: 10 }, { wallMs: 300, cpuMs: 90, rssKiB: 30 }, { wallMs: 200, cpuMs: 70, rssKiB: 20 }], 0.5);
    expect(s).toEqual({ wallMs: 100, cpuMs: 40, rssKiB: 30, runs: 3 });
  });

  it('judges ratios against targets, and says when a baseline is missing', () => {
    expect(verdict({ stage: 'v', ours: m('ours', 90), baseline: m('peer', 100), target: 1 }).verdict).toBe('met');
    expect(verdict({ stage: 'v', ours: m('ours', 110), baseline: m('peer', 100), target: 1 }).verdict).toBe('missed');
    expect(verdict({ stage: 'c', ours: m('ours', 250), target: 300, absoluteMs: true }).verdict).toBe('met');
    const missing = { stage: 'h', ours: m('ours', 1), baseline: { name: 'pandoc', command: 'pandoc', missing: 'pandoc not found' }, target: 0.5 };
    expect(verdict(missing).verdict).toBe('not measured');
    expect(comparisonTable([missing])).toContain('pandoc (**missing**)');
    expect(growth({ stage: 'x', small: { wallMs: 10, cpuMs: 8, runs: 5 }, large: { wallMs: 100, cpuMs: 96, runs: 1 } })).toEqual({ wall: 10, cpu: 12 });
  });

  it('takes the ratio round by round when both were measured in the same rounds', () => {
    // The box slowed down in the last round: the medians alone would make ours look three times the peer.
    const ours = summarize([{ wallMs: 100, cpuMs: 100 }, { wallMs: 300, cpuMs: 300 }, { wallMs: 300, cpuMs: 300 }], 1, '1×');
    const peer = summarize([{ wallMs: 200, cpuMs: 400 }, { wallMs: 200, cpuMs: 400 }, { wallMs: 600, cpuMs: 1200 }], 1, '1×');
    expect(ours.wallMs / peer.wallMs).toBe(1.5);
    const v = verdict({ stage: 'v', ours: { name: 'ours', command: 'ours', summary: ours }, baseline: { name: 'peer', command: 'peer', summary: peer }, target: 1 });
    expect(v).toEqual({ ratio: 0.5, cpuRatio: 0.25, verdict: 'met' });
    // Other rounds, or a different number of runs: nothing to pair, the ratio of the medians.
    const apart = summarize([{ wallMs: 200 }, { wallMs: 600 }, { wallMs: 200 }], 1, 'release');
    expect(pairedRatio(ours, apart, 'wallMs')).toBe(1.5);
    expect(pairedRatio(ours, summarize([{ wallMs: 200 }, { wallMs: 200 }], 1, '1×'), 'wallMs')).toBe(1.5);
  });

  it('replaces only the README section between the markers, and refuses without them', () => {
    const readme = `# ladder\n\nIntro.\n\n${START_MARKER}\nold table\n${END_MARKER}\n\nMore.\n`;
    const next = replaceSection(readme, '| new | table |\n');
    expect(next).toBe(`# ladder\n\nIntro.\n\n${START_MARKER}\n| new | table |\n${END_MARKER}\n\nMore.\n`);
    expect(replaceSection(next, '| new | table |')).toBe(next);
    expect(() => replaceSection('# ladder\n', 'x')).toThrow(/bench:start/);
    expect(() => replaceSection(`${END_MARKER}\n${START_MARKER}\n`, 'x')).toThrow(/section/);
  });
});
