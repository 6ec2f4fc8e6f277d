import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fixtureEnv } from './git-import.js';

/** One timed process: wall time from spawn to exit, CPU (user+sys, children included) and peak RSS. */
export interface Sample {
  wallMs: number;
  /** From /usr/bin/time; undefined when it is not installed. */
  cpuMs?: number;
  rssKiB?: number;
}

export interface Job {
  cmd: string;
  args: string[];
  cwd: string;
  /** Exit codes that count as success (default [0]); fmt --check and linters exit 1 on findings. */
  ok?: readonly number[];
  env?: NodeJS.ProcessEnv;
}

/** GNU time reports CPU and peak RSS of the whole process tree it waited for (chromium's helpers too). */
export const TIME_BIN = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

let counter = 0;

export async function measure(job: Job): Promise<Sample> {
  const report = path.join(os.tmpdir(), `ladder-bench-time-${process.pid}-${counter++}.txt`);
  const [file, argv] = TIME_BIN ? [TIME_BIN, ['-o', report, '-f', '%U %S %M', job.cmd, ...job.args]] : [job.cmd, job.args];
  const start = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(file, argv, { cwd: job.cwd, env: job.env ?? fixtureEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stderr: err }));
  });
  const wallMs = performance.now() - start;
  if (!(job.ok ?? [0]).includes(code ?? -1)) {
    await rm(report, { force: true });
    throw new Error(`${job.cmd} ${job.args.join(' ')} (in ${job.cwd}) exited ${code}:\n${stderr.slice(-1500)}`);
  }
  if (!TIME_BIN) return { wallMs };
  const text = await readFile(report, 'utf8').catch(() => '');
  await rm(report, { force: true });
  // The last line holds the figures; "Command exited with non-zero status" may precede it.
  const m = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(text);
  if (!m) return { wallMs };
  return { wallMs, cpuMs: (Number(m[1]) + Number(m[2])) * 1000, rssKiB: Number(m[3]) };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Medians of wall and CPU time; the peak RSS is the largest seen over all runs. */
export interface Summary {
  wallMs: number;
  cpuMs?: number;
  rssKiB?: number;
  runs: number;
  /**
   * Each run's figures in the order of the rounds (scaled), and the rounds they were measured in: two
   * cases of one set of rounds ran side by side, round after round, so their ratio is taken per round.
   */
  rounds?: { set: string; wallMs: number[]; cpuMs?: number[] };
}

export function summarize(samples: readonly Sample[], scale = 1, set?: string): Summary {
  const cpu = samples.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]));
  const rss = samples.flatMap((s) => (s.rssKiB === undefined ? [] : [s.rssKiB]));
  return {
    wallMs: median(samples.map((s) => s.wallMs)) * scale,
    ...(cpu.length ? { cpuMs: median(cpu) * scale } : {}),
    ...(rss.length ? { rssKiB: Math.max(...rss) } : {}),
    runs: samples.length,
    ...(set !== undefined
      ? { rounds: { set, wallMs: samples.map((s) => s.wallMs * scale), ...(cpu.length === samples.length ? { cpuMs: cpu.map((c) => c * scale) } : {}) } }
      : {}),
  };
}

/**
 * Ours ÷ the baseline: the median of the ratios of each round when both were measured in the same
 * rounds (the box's load drifts between rounds and cancels within one), else the ratio of the medians.
 */
export function pairedRatio(ours: Summary, base: Summary, figure: 'wallMs' | 'cpuMs'): number | undefined {
  const a = ours.rounds?.[figure];
  const b = base.rounds?.[figure];
  if (a && b && ours.rounds!.set === base.rounds!.set && a.length === b.length && a.length > 0 && b.every((x) => x > 0)) return median(a.map((x, i) => x / b[i]!));
  const x = ours[figure];
  const y = base[figure];
  return x !== undefined && y ? x / y : undefined;
}

/** Resolves a program on PATH (or an absolute path); undefined when absent. */
export function which(names: readonly string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    if (path.isAbsolute(name)) {
      if (existsSync(name)) return name;
      continue;
    }
    for (const d of dirs) if (existsSync(path.join(d, name))) return path.join(d, name);
  }
  return undefined;
}
