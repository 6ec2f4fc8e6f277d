/**
 * Benchmark: `ladder changelog --all` over a generated history, next to what it cannot beat by much:
 *   - `git log -p` over the same history (git's own walk and text diffs), and
 *   - the parse floor: every ladder blob version the history holds, read through one cat-file and
 *     parsed once with parseLadder (no section cache) — what "parse each blob once" costs.
 * Each is a separate process, timed from spawn to exit: median of N runs after a warm-up, interleaved
 * so that load on the machine hits all three alike.
 *
 *   node .build/scripts/bench/changelog.js [--commits 500] [--ladders 8] [--seed 1] [--runs 5] [--keep]
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Repo } from '../git/index.js';
import { parseLadder } from '../parse/index.js';
import { generateHistory } from './corpus.js';
import { fixtureEnv, git, writeHistory } from './git-import.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(HERE, '../../../scripts/bin/ladder.js');
const SELF = fileURLToPath(import.meta.url);

interface Timed {
  ms: number;
  /** Peak resident memory of the child, KiB (from /usr/bin/time when present). */
  rssKiB?: number;
}

function run(cmd: string, args: string[], cwd: string, timeBin: boolean): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const [file, argv] = timeBin ? ['/usr/bin/time', ['-f', '%M', cmd, ...args]] : [cmd, args];
    const start = performance.now();
    const child = spawn(file, argv, { cwd, env: fixtureEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-500)}`));
      const rss = timeBin ? Number(/(\d+)\s*$/.exec(err)?.[1]) : NaN;
      resolve({ ms, ...(Number.isFinite(rss) ? { rssKiB: rss } : {}) });
    });
  });
}

/** The parse floor, run in its own process: list every ladder blob in history, read each once, parse each once. */
async function floor(root: string): Promise<void> {
  const listing = await git(root, ['rev-list', '--objects', '--all', '--', 'ladders']);
  const blobs = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const m = /^([0-9a-f]{40}) (ladders\/.+\.md)$/.exec(line);
    if (m) blobs.set(m[1]!, m[2]!);
  }
  const repo = await Repo.open(root);
  try {
    const contents = await repo.readBlobs([...blobs.keys()]);
    let levels = 0;
    for (const [sha, file] of blobs) levels += parseLadder(contents.get(sha)!, file).ladder?.levels.length ?? 0;
    if (levels === 0) throw new Error('the floor parsed no levels');
    process.stderr.write(`floor: ${blobs.size} blob versions\n`);
  } finally {
    repo.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      commits: { type: 'string', default: '500' },
      ladders: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string', default: '5' },
      'tag-every': { type: 'string', default: '50' },
      keep: { type: 'boolean', default: false },
      floor: { type: 'string' },
    },
  });
  if (values.floor) return floor(values.floor);

  const opts = { seed: Number(values.seed), ladders: Number(values.ladders), commits: Number(values.commits), tagEvery: Number(values['tag-every']) };
  const t0 = performance.now();
  const { commits } = generateHistory(opts);
  const root = await writeHistory(commits);
  const built = performance.now() - t0;
  const blobs = (await git(root, ['rev-list', '--objects', '--all', '--', 'ladders'])).split('\n').filter((l) => / ladders\/.+\.md$/.test(l)).length;
  const tags = (await git(root, ['tag'])).split('\n').filter(Boolean).length;
  const timeBin = await run('/usr/bin/time', ['-f', '%M', 'true'], root, false).then(() => true, () => false);
  const out = path.join(root, '..', `${path.basename(root)}-CHANGELOG.md`);

  const cases: Array<{ name: string; cmd: string; args: string[] }> = [
    { name: 'git log -p', cmd: 'git', args: ['log', '-p', '--no-color'] },
    { name: 'parse floor', cmd: process.execPath, args: [SELF, '--floor', root] },
    { name: 'ladder changelog --all', cmd: process.execPath, args: [BIN, 'changelog', '--all', '--output', out] },
  ];
  const runs = Math.max(1, Number(values.runs));
  const times = new Map<string, Timed[]>(cases.map((c) => [c.name, []]));
  const outputs = new Set<string>();
  for (let i = 0; i <= runs; i++) {
    for (const c of cases) {
      const t = await run(c.cmd, c.args, root, timeBin);
      if (i > 0) times.get(c.name)!.push(t); // run 0 is the warm-up (page cache, JIT-free but disk-warm)
      if (c.name.startsWith('ladder')) outputs.add(await readFile(out, 'utf8'));
    }
  }

  const med = (name: string) => median(times.get(name)!.map((t) => t.ms));
  const rss = (name: string) => {
    const r = times.get(name)!.map((t) => t.rssKiB ?? NaN).filter(Number.isFinite);
    return r.length ? `${Math.round(Math.max(...r) / 1024)} MiB` : 'n/a';
  };
  const gitLog = med('git log -p');
  const parseFloor = med('parse floor');
  const lines = [
    `changelog --all over a generated history: ${commits.length} commits, ${opts.ladders} ladders, ${tags} tags, ${blobs} ladder blob versions`,
    `(seed ${opts.seed}; built in ${(built / 1000).toFixed(1)} s; ${os.cpus().length} cores, node ${process.version}; median of ${runs} runs after a warm-up)`,
    '',
    `| case | median | peak RSS | × git log -p | × parse floor |`,
    `|---|---:|---:|---:|---:|`,
    ...cases.map((c) => {
      const m = med(c.name);
      return `| ${c.name} | ${(m / 1000).toFixed(2)} s | ${rss(c.name)} | ${(m / gitLog).toFixed(1)} | ${(m / parseFloor).toFixed(2)} |`;
    }),
    '',
    `changelog output identical across runs: ${outputs.size === 1 ? 'yes' : `NO (${outputs.size} variants)`}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (values.keep) process.stdout.write(`repository kept at ${root}\n`);
  else await rm(root, { recursive: true, force: true });
  await rm(out, { force: true });
}

await main();
