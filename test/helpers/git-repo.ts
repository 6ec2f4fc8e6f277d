import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Epoch seconds of the first helper commit (2024-01-01T00:00:00Z); each commit adds an hour. */
export const START_DATE = 1_704_067_200;
export const AUTHOR = { name: 'Ada Tester', email: 'ada@example.com' };

export interface Author {
  name: string;
  email: string;
}

export interface CommitOptions {
  /** Author and committer date, epoch seconds (default: one hour after the previous commit). */
  date?: number;
  author?: Author;
}

export interface HistoryCommit extends CommitOptions {
  message: string;
  /** Path -> new content, or null to delete. */
  files: Record<string, string | null>;
  /** Lightweight tag on this commit. */
  tag?: string;
}

export interface TempRepo {
  readonly root: string;
  write(file: string, content: string | Buffer): Promise<void>;
  read(file: string): Promise<string>;
  remove(file: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Stages everything (`git add -A`) and commits; returns the new SHA. */
  commit(message: string, opts?: CommitOptions & { allowEmpty?: boolean }): Promise<string>;
  /** Lightweight tag at HEAD, or annotated when a message is given. */
  tag(name: string, opts?: { message?: string }): Promise<void>;
  /** Creates a branch at HEAD without switching to it. */
  branch(name: string): Promise<void>;
  checkout(name: string): Promise<void>;
  /** `git merge --no-ff` into the current branch; returns the merge commit. */
  merge(branch: string, message: string, opts?: CommitOptions): Promise<string>;
  /** `git merge --squash` then commit, as GitHub's squash-merge does; returns the new SHA. */
  squash(branch: string, message: string, opts?: CommitOptions): Promise<string>;
  /** Runs git in the repo; returns stdout without its final newline. */
  git(...args: string[]): Promise<string>;
  /** Appends commits to the current branch with one `git fast-import`; returns their SHAs in order. */
  importHistory(commits: readonly HistoryCommit[]): Promise<string[]>;
  cleanup(): Promise<void>;
}

// Tests must not depend on the machine's git config or on a hook's GIT_DIR.
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GIT_')) delete env[k];
  return { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
}

function identityEnv(date: number, author: Author = AUTHOR): NodeJS.ProcessEnv {
  const stamp = `@${date} +0000`;
  return {
    ...baseEnv(),
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: stamp,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
    GIT_COMMITTER_DATE: stamp,
  };
}

/** A fresh repository (branch main, no commits) in a temporary directory. */
export async function makeRepo(): Promise<TempRepo> {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ladder-git-')));
  let clock = START_DATE - 3600;
  const nextDate = (date?: number): number => (clock = date ?? clock + 3600);

  const gitEnv = async (env: NodeJS.ProcessEnv, args: string[]): Promise<string> => {
    const { stdout } = await run('git', args, { cwd: root, env, maxBuffer: 1 << 28, encoding: 'utf8' });
    return stdout.replace(/\n$/, '');
  };
  const git = (...args: string[]): Promise<string> => gitEnv(identityEnv(clock), args);
  const abs = (file: string): string => path.join(root, file);

  await git('init', '-q', '-b', 'main');
  for (const [k, v] of Object.entries({
    'user.name': AUTHOR.name,
    'user.email': AUTHOR.email,
    'commit.gpgsign': 'false',
    'tag.gpgsign': 'false',
    'core.autocrlf': 'false',
    'gc.auto': '0',
  })) {
    await git('config', k, v);
  }

  const repo: TempRepo = {
    root,
    async write(file, content) {
      await mkdir(path.dirname(abs(file)), { recursive: true });
      await writeFile(abs(file), content);
    },
    read: (file) => readFile(abs(file), 'utf8'),
    remove: (file) => rm(abs(file), { recursive: true }),
    async rename(from, to) {
      await mkdir(path.dirname(abs(to)), { recursive: true });
      await rename(abs(from), abs(to));
    },
    async commit(message, opts = {}) {
      const env = identityEnv(nextDate(opts.date), opts.author);
      await gitEnv(env, ['add', '-A']);
      await gitEnv(env, ['commit', '-q', ...(opts.allowEmpty ? ['--allow-empty'] : []), '-m', message]);
      return git('rev-parse', 'HEAD');
    },
    async tag(name, opts = {}) {
      await git('tag', ...(opts.message ? ['-a', '-m', opts.message] : []), name);
    },
    async branch(name) {
      await git('branch', name);
    },
    async checkout(name) {
      await git('checkout', '-q', name);
    },
    async merge(branch, message, opts = {}) {
      await gitEnv(identityEnv(nextDate(opts.date), opts.author), ['merge', '-q', '--no-ff', '-m', message, branch]);
      return git('rev-parse', 'HEAD');
    },
    async squash(branch, message, opts = {}) {
      await git('merge', '-q', '--squash', branch);
      return repo.commit(message, opts);
    },
    git,
    async importHistory(commits) {
      const shas = await fastImport(root, commits, await git('symbolic-ref', 'HEAD'), () => nextDate());
      clock = Math.max(clock, ...commits.map((c) => c.date ?? 0));
      await git('reset', '-q', '--hard');
      return shas;
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
  return repo;
}

/** A repository holding `commits` on main, built with one `git fast-import`. */
export async function makeHistory(commits: readonly HistoryCommit[]): Promise<TempRepo & { shas: string[] }> {
  const repo = await makeRepo();
  const shas = await repo.importHistory(commits);
  return Object.assign(repo, { shas });
}

async function fastImport(
  root: string,
  commits: readonly HistoryCommit[],
  branch: string,
  nextDate: () => number,
): Promise<string[]> {
  const parent = await run('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: root, env: baseEnv() }).then(
    (r) => r.stdout.trim(),
    () => undefined,
  );
  const parts: Buffer[] = [];
  const line = (s: string): void => void parts.push(Buffer.from(`${s}\n`));
  const data = (s: string): void => {
    const b = Buffer.from(s);
    line(`data ${b.length}`);
    parts.push(b, Buffer.from('\n'));
  };
  commits.forEach((c, i) => {
    const date = c.date ?? nextDate();
    const who = c.author ?? AUTHOR;
    line(`commit ${branch}`);
    line(`mark :${i + 1}`);
    line(`author ${who.name} <${who.email}> ${date} +0000`);
    line(`committer ${who.name} <${who.email}> ${date} +0000`);
    data(c.message);
    if (i > 0) line(`from :${i}`);
    else if (parent) line(`from ${parent}`);
    for (const [file, content] of Object.entries(c.files)) {
      if (content === null) {
        line(`D ${quote(file)}`);
      } else {
        line(`M 100644 inline ${quote(file)}`);
        data(content);
      }
    }
    line('');
    if (c.tag) {
      line(`reset refs/tags/${c.tag}`);
      line(`from :${i + 1}`);
      line('');
    }
  });
  const marks = path.join(root, '.git', 'ladder-marks');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet', `--export-marks=${marks}`], {
      cwd: root,
      env: baseEnv(),
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${stderr}`))));
    child.stdin.end(Buffer.concat(parts));
  });
  const byMark = new Map<number, string>();
  for (const l of (await readFile(marks, 'utf8')).split('\n')) {
    const m = /^:(\d+) ([0-9a-f]+)$/.exec(l);
    if (m) byMark.set(Number(m[1]), m[2]!);
  }
  await rm(marks);
  return commits.map((_, i) => byMark.get(i + 1)!);
}

// fast-import takes C-style quoted paths, so spaces, quotes and non-ASCII names survive.
function quote(file: string): string {
  return `"${file.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}
