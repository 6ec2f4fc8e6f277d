/**
 * `npm run bench:action`: the Action's pull-request path (the bundled entry in check mode: validate,
 * CODEOWNERS, diff, comment body), run from a folder with no node_modules, on the sample ladders with one
 * edit and on one changed ladder among 200 (the seeded corpus); medians of --runs; and the bundle's size.
 *
 *   npm run bench:action [-- --runs 7] [--ladders 200]
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { applyEdit, generateLadders, ladderPath, Random, renderLadder, rng } from './corpus.js';
import { git } from './git-import.js';
import { measure, summarize, type Summary } from './measure.js';
import { mib, seconds } from './report.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BUNDLE = path.join(REPO, 'scripts/action/dist/index.mjs');

interface Case {
  name: string;
  root: string;
  base: string;
}

/** A repository whose main has `files`, and a PR branch (checked out) that changes one of them. */
async function prRepo(root: string, files: Map<string, string>, edit: (files: Map<string, string>) => void): Promise<string> {
  mkdirSync(root, { recursive: true });
  await git(root, ['init', '-q', '-b', 'main']);
  for (const [f, text] of files) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), text);
  }
  const bin = path.join(REPO, 'scripts/bin/ladder.js');
  await import('node:child_process').then(({ execFileSync }) => execFileSync(process.execPath, [bin, 'codeowners'], { cwd: root, stdio: 'ignore' }));
  await git(root, ['add', '-A']);
  await git(root, ['-c', 'user.name=b', '-c', 'user.email=b@e.x', 'commit', '-q', '-m', 'base']);
  const base = (await git(root, ['rev-parse', 'HEAD'])).trim();
  await git(root, ['checkout', '-q', '-b', 'pr']);
  const edited = new Map(files);
  edit(edited);
  for (const [f, text] of edited) if (files.get(f) !== text) writeFileSync(path.join(root, f), text);
  await git(root, ['-c', 'user.name=b', '-c', 'user.email=b@e.x', 'commit', '-q', '-am', 'one ladder changes']);
  return base;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, ladders: { type: 'string', default: '200' } } });
  const runs = Number(values.runs);
  const tmp = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ladder-bench-action-')));
  try {
    // The bundle alone: nothing to resolve packages from.
    const bin = path.join(tmp, 'action', 'index.mjs');
    mkdirSync(path.dirname(bin));
    copyFileSync(BUNDLE, bin);

    const cases: Case[] = [];
    const sample = new Map<string, string>();
    for (const f of ['devrel.md', 'engineering.md']) sample.set(`ladders/${f}`, readFileSync(path.join(REPO, 'test/fixtures/sample-ladders', f), 'utf8'));
    const sampleRoot = path.join(tmp, 'sample');
    cases.push({
      name: 'sample ladders (2), one reworded',
      root: sampleRoot,
      base: await prRepo(sampleRoot, sample, (m) => m.set('ladders/devrel.md', m.get('ladders/devrel.md')!.replace('Answers questions', 'Answers every question'))),
    });

    const n = Number(values.ladders);
    const ladders = generateLadders({ ladders: n });
    const corpus = new Map(ladders.map((l) => [ladderPath(l), renderLadder(l)]));
    const bigRoot = path.join(tmp, 'corpus');
    cases.push({
      name: `one changed ladder among ${n}`,
      root: bigRoot,
      base: await prRepo(bigRoot, corpus, (m) => {
        const l = ladders[Math.floor(n / 2)]!;
        applyEdit(new Random(rng(7)), l, 'add');
        m.set(ladderPath(l), renderLadder(l));
      }),
    });

    const results: Array<[Case, Summary]> = [];
    for (const c of cases) {
      const out = path.join(tmp, 'out');
      const env = { PATH: process.env.PATH, HOME: tmp, GITHUB_WORKSPACE: c.root, RUNNER_TEMP: out, INPUT_MODE: 'check', INPUT_BASE: c.base, GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md') };
      await measure({ cmd: process.execPath, args: [bin], cwd: path.dirname(bin), env }); // warm-up
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await measure({ cmd: process.execPath, args: [bin], cwd: path.dirname(bin), env }));
      results.push([c, summarize(samples)]);
    }

    const size = statSync(BUNDLE).size;
    const lines = [
      `Node ${process.version}, ${os.cpus().length} cores; the bundle run from a folder with no node_modules; median of ${runs} runs after a warm-up.`,
      '',
      '| case | median wall | median CPU | peak RSS | goal |',
      '|---|---:|---:|---:|---:|',
      ...results.map(([c, s]) => `| ${c.name} | ${seconds(s.wallMs)} | ${seconds(s.cpuMs)} | ${mib(s.rssKiB)} | ≤ 1 s ${s.wallMs <= 1000 ? '✅' : '❌'} |`),
      `| bundle size (scripts/action/dist/index.mjs) | ${(size / 1024 / 1024).toFixed(2)} MB | | | ≤ 5 MB ${size <= 5 * 1024 * 1024 ? '✅' : '❌'} |`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
