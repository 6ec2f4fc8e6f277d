import { spawn, type ChildProcess } from 'node:child_process';
import { GitFailedError } from './errors.js';

/** How many git processes a Repo started; tests use it to prove reads share one process. */
export interface GitCounters {
  processes: number;
  catFile: number;
}

// A Repo is located by its directory alone: variables a git hook may export would point git elsewhere.
const LOCATION_VARS = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_PREFIX',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
];

// Settings that would change the machine-read output if the user's config set them.
const GLOBAL_ARGS = [
  '--no-pager',
  '--literal-pathspecs',
  '-c', 'core.quotePath=false',
  '-c', 'color.ui=false',
  '-c', 'log.showSignature=false',
  '-c', 'log.follow=false',
];

export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of LOCATION_VARS) delete env[name];
  return { ...env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', ...extra };
}

export interface SpawnOptions {
  env?: Record<string, string>;
  counters?: GitCounters;
}

/** Starts git without a shell; the caller owns the streams. */
export function spawnGit(cwd: string, args: readonly string[], opts: SpawnOptions = {}): ChildProcess {
  if (opts.counters) opts.counters.processes++;
  return spawn('git', [...GLOBAL_ARGS, ...args], {
    cwd,
    env: gitEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
}

export interface RunOptions extends SpawnOptions {
  input?: string | Buffer;
  /** Exit codes that are answers rather than failures (e.g. 1 from `merge-base`). */
  okCodes?: readonly number[];
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** Runs git to completion; a non-accepted exit code becomes GitFailedError carrying stderr. */
export function runGit(cwd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args, opts);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.stdin!.on('error', () => {}); // git may exit before reading all input; the exit code tells
    child.on('error', (e) => reject(spawnError(args, e)));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== null && (opts.okCodes ?? [0]).includes(code)) {
        resolve({ stdout: Buffer.concat(out), stderr, code });
      } else {
        reject(new GitFailedError(args, code, stderr));
      }
    });
    child.stdin!.end(opts.input ?? '');
  });
}

export function spawnError(args: readonly string[], e: NodeJS.ErrnoException): GitFailedError {
  const detail = e.code === 'ENOENT' ? 'git is not installed or not on PATH' : e.message;
  return new GitFailedError(args, null, '', detail);
}
