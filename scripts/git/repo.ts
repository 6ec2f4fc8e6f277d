import { copyFile, lstat, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, untrackTemp } from '../cli/temp.js';
import { BlobReader } from './cat-file.js';
import {
  EmptyRepoError,
  GitFailedError,
  NotARepoError,
  ShallowCloneError,
  ShallowHistoryError,
  UnknownRevisionError,
} from './errors.js';
import { LOG_FORMAT, LogParser, NulSplitter } from './log.js';
import { assertRealPathInside, comparePaths, isUnder, toRepoPath } from './paths.js';
import { runGit, spawnError, spawnGit, type GitCounters, type RunOptions, type RunResult } from './process.js';
import { parseRawDiff } from './raw-diff.js';
import { FINAL_RELEASE_TAG, compareVersionTags } from './semver.js';
import {
  WORKTREE,
  type ChangedFile,
  type CommitInfo,
  type LogOptions,
  type RepoFile,
  type TagInfo,
  type Worktree,
} from './types.js';

/** Larger files are not read from disk: the parser refuses anything over its limit (256 KiB, parse/decode.ts) by size alone. */
const MAX_FILE_BYTES = 256 * 1024;
const DEFAULT_TAGS = FINAL_RELEASE_TAG;
const RAW_DIFF = ['--raw', '-z', '-M', '--no-abbrev', '--no-color'];

/** A git work tree: every read of revisions, files and history goes through here. */
export class Repo {
  /** Processes started so far; `catFile` stays at 1 however many blobs are read. */
  readonly stats: Readonly<GitCounters>;
  private readonly counters: GitCounters;
  private readonly blobs: BlobReader;
  /** Full ids rev-parse confirmed are commits. */
  private readonly commits = new Set<string>();

  private constructor(readonly root: string) {
    this.counters = { processes: 0, catFile: 0 };
    this.stats = this.counters;
    this.blobs = new BlobReader(root, this.counters);
  }

  /** The repository whose work tree contains `cwd`. */
  static async open(cwd: string): Promise<Repo> {
    const dir = path.resolve(cwd);
    if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new NotARepoError(dir);
    let out: RunResult;
    try {
      out = await runGit(dir, ['rev-parse', '--show-toplevel']);
    } catch (e) {
      // Outside any repo, or inside a bare one / the .git dir: no work tree to read ladders from.
      if (e instanceof GitFailedError && /not a git repository|must be run in a work tree/.test(e.stderr)) {
        throw new NotARepoError(dir);
      }
      throw e;
    }
    const root = out.stdout.toString('utf8').replace(/\n$/, '');
    if (!root) throw new NotARepoError(dir);
    return new Repo(root);
  }

  /** The commit a tag, branch, SHA or expression names. */
  async resolve(rev: string): Promise<string> {
    // A commit id names itself forever: callers that resolved names once pass ids, and spawn no more.
    if (this.commits.has(rev)) return rev;
    const sha = await this.resolveNow(rev);
    this.commits.add(sha);
    return sha;
  }

  private async resolveNow(rev: string): Promise<string> {
    if (rev === WORKTREE) {
      throw new UnknownRevisionError(rev, `"${WORKTREE}" is the working tree, not a commit`);
    }
    if (rev.trim() === '' || rev.startsWith('-')) throw new UnknownRevisionError(rev);
    const r = await this.git(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], {
      okCodes: [0, 1],
    });
    if (r.code === 0) return r.stdout.toString('utf8').trim();
    throw await this.missing(rev);
  }

  /**
   * Files under `dir` whose names end in `ext` ('' = all), sorted by path, with their contents:
   * at a revision (one `ls-tree`, contents through the shared cat-file process) or on disk.
   */
  async listFiles(rev: string | Worktree, dir: string, ext = '.md', opts: { read?: (path: string) => boolean } = {}): Promise<RepoFile[]> {
    const d = toRepoPath(this.root, dir);
    if (rev === WORKTREE) return this.listWorktree(d, dir, ext);
    const sha = await this.resolve(rev);
    // -l adds each blob's size: a blob over the parser's limit is never read (a 1 GB file stays on disk).
    const out = await this.git(['ls-tree', '-r', '-z', '-l', '--full-tree', sha, '--', ...(d ? [d] : [])]);
    const entries: Array<{ path: string; blob: string; symlink: boolean; size: number }> = [];
    for (const line of out.stdout.toString('utf8').split('\0')) {
      const m = /^(\d{6}) (\w+) ([0-9a-f]+) +(\d+|-)\t([\s\S]+)$/.exec(line);
      // Submodules are commits. Symlinks (120000) are listed, unread, so callers refuse them by name
      // as the working-tree loader does, instead of silently seeing fewer files than validate/build.
      if (!m || m[2] !== 'blob') continue;
      const file = m[5]!;
      if (isUnder(file, d) && file.endsWith(ext)) entries.push({ path: file, blob: m[3]!, symlink: m[1] === '120000', size: Number(m[4]) });
    }
    entries.sort((a, b) => comparePaths(a.path, b.path));
    // `read` skips blobs the caller knows by id alone (the skipping diff's unchanged ladders).
    const skipped = (e: (typeof entries)[number]) => opts.read !== undefined && !opts.read(e.path);
    const contents = await Promise.all(
      entries.map((e) => (e.symlink || e.size > MAX_FILE_BYTES || skipped(e) ? Buffer.alloc(0) : this.blobs.read(e.blob))),
    );
    return entries.map((e, i) => ({
      path: e.path,
      blob: e.blob,
      content: contents[i]!,
      ...(e.symlink ? { special: 'symlink' as const } : e.size > MAX_FILE_BYTES ? { tooLarge: e.size } : skipped(e) ? { unread: true as const } : {}),
    }));
  }

  /** Blob contents by id, byte-exact, all through one `git cat-file --batch`. */
  async readBlobs(shas: readonly string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(shas)];
    const contents = await Promise.all(unique.map((sha) => this.blobs.read(sha)));
    return new Map(unique.map((sha, i) => [sha, contents[i]!]));
  }

  /**
   * Files changed under `dir` from `base` to `head` (a revision, or WORKTREE including untracked,
   * non-ignored files), with git's rename detection.
   */
  async changes(base: string, head: string | Worktree, dir: string): Promise<ChangedFile[]> {
    const d = toRepoPath(this.root, dir);
    const pathspec = ['--', ...(d ? [d] : [])];
    const baseSha = await this.resolve(base);
    if (head !== WORKTREE) {
      const headSha = await this.resolve(head);
      const out = await this.git(['diff', ...RAW_DIFF, baseSha, headSha, ...pathspec]);
      return parseRawDiff(out.stdout);
    }
    await assertRealPathInside(this.root, d, dir);
    // Untracked files join the diff as intent-to-add entries in a throwaway copy of the index,
    // so git's rename detection sees them and the user's index is never touched.
    // Made and tracked in one task, so a run told to stop (the bin's signal handlers) always removes it.
    const tmp = makeTempDir('index');
    try {
      const index = path.join(tmp, 'index');
      const gitIndex = (await this.git(['rev-parse', '--git-path', 'index'])).stdout.toString('utf8').trim();
      await copyFile(path.resolve(this.root, gitIndex), index).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      const env = { GIT_INDEX_FILE: index };
      if (await exists(path.join(this.root, d))) {
        await this.git(['add', '--intent-to-add', '--', d || '.'], { env });
      }
      const out = await this.git(['diff', ...RAW_DIFF, baseSha, ...pathspec], { env });
      return parseRawDiff(out.stdout, true);
    } finally {
      untrackTemp(tmp);
      await rm(tmp, { recursive: true, force: true });
    }
  }

  /** Tags whose name matches `pattern`, peeled to commits, in semantic-version order. */
  async tags(pattern: RegExp = DEFAULT_TAGS): Promise<TagInfo[]> {
    const format =
      '--format=%(refname)%00%(objecttype)%00%(objectname)%00%(committerdate:unix)' +
      '%00%(*objecttype)%00%(*objectname)%00%(*committerdate:unix)';
    const out = await this.git(['for-each-ref', format, 'refs/tags/']);
    const tags: TagInfo[] = [];
    for (const line of out.stdout.toString('utf8').split('\n')) {
      if (!line) continue;
      const [ref = '', type, sha = '', date, peeledType, peeled = '', peeledDate] = line.split('\0');
      const name = ref.replace(/^refs\/tags\//, '');
      if (!matches(pattern, name)) continue;
      if (type === 'commit') tags.push({ name, sha, date: Number(date) });
      else if (peeledType === 'commit') tags.push({ name, sha: peeled, date: Number(peeledDate) });
      else if (peeledType === 'tag') {
        // A tag of a tag: rare enough to resolve with its own process.
        const commit = await this.resolve(sha).catch(() => undefined);
        if (commit) tags.push({ name, sha: commit, date: await this.commitDate(commit) });
      }
    }
    return tags.sort((a, b) => compareVersionTags(a.name, b.name));
  }

  /** The message of an annotated tag; undefined for a lightweight or missing tag. */
  async tagMessage(name: string): Promise<string | undefined> {
    const out = await this.git(['for-each-ref', '--format=%(objecttype)%00%(contents)', `refs/tags/${name}`]);
    const text = out.stdout.toString('utf8');
    const sep = text.indexOf('\0');
    return sep >= 0 && text.slice(0, sep) === 'tag' ? text.slice(sep + 1).replace(/\n$/, '') : undefined;
  }

  /** Committer date of a revision, epoch seconds. */
  async commitDate(rev: string): Promise<number> {
    const sha = await this.resolve(rev);
    const out = await this.git(['log', '-1', '--no-walk', '--format=%ct', sha, '--']);
    return Number(out.stdout.toString('utf8').trim());
  }

  /**
   * Commits in `from..to` (all of `to`'s history without `from`), oldest first, each with its
   * changes against its first parent, streamed from one `git log` process.
   */
  async *log(opts: LogOptions): AsyncGenerator<CommitInfo> {
    const to = await this.resolve(opts.to);
    const from = opts.from === undefined ? undefined : await this.resolve(opts.from);
    const paths = (opts.paths ?? []).map((p) => toRepoPath(this.root, p));
    const pathspec = paths.includes('') ? [] : paths;
    const args = [
      'log', ...RAW_DIFF, '--diff-merges=first-parent', '--topo-order', '--reverse', LOG_FORMAT,
      ...(opts.firstParent ? ['--first-parent'] : []),
      to, ...(from ? [`^${from}`] : []), '--', ...pathspec,
    ];
    const child = spawnGit(this.root, args, { counters: this.counters });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.stdin!.end();
    const exited = new Promise<number | null>((resolve, reject) => {
      child.on('error', (e) => reject(spawnError(args, e)));
      child.on('close', (code) => resolve(code));
    });
    exited.catch(() => {}); // surfaced below; avoids an unhandled rejection if the reader stops early
    const splitter = new NulSplitter();
    const parser = new LogParser();
    let done = false;
    try {
      for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
        yield* parser.push(splitter.push(chunk));
      }
      yield* parser.push(splitter.end());
      const code = await exited;
      if (code !== 0) throw new GitFailedError(args, code, stderr);
      yield* parser.end();
      done = true;
    } finally {
      if (!done && child.exitCode === null) child.kill();
    }
  }

  /**
   * The first-parent line of `to` (not reaching into `from`'s history), oldest first: where release
   * tags sit relative to the commits a path-limited `log` returns. One `rev-list`, SHAs only.
   */
  async firstParents(to: string, from?: string): Promise<string[]> {
    const head = await this.resolve(to);
    const base = from === undefined ? undefined : await this.resolve(from);
    const out = await this.git(['rev-list', '--first-parent', '--reverse', head, ...(base ? [`^${base}`] : []), '--']);
    return out.stdout.toString('utf8').split('\n').filter((l) => l !== '');
  }

  /** The best common ancestor of two revisions. */
  async mergeBase(a: string, b: string): Promise<string> {
    const [sa, sb] = await Promise.all([this.resolve(a), this.resolve(b)]);
    const r = await this.git(['merge-base', sa, sb], { okCodes: [0, 1] });
    if (r.code === 0) return r.stdout.toString('utf8').trim();
    if (await this.isShallow()) throw new ShallowCloneError(`${a}...${b}`);
    throw new GitFailedError(['merge-base'], 1, '', `"${a}" and "${b}" have no common ancestor`);
  }

  /**
   * Refuses a shallow clone before reading history: older tags and commits are missing, so a
   * changelog would drop releases and call old ladders new without any error.
   */
  async assertFullHistory(): Promise<void> {
    if (await this.isShallow()) throw new ShallowHistoryError();
  }

  /** Ends the cat-file process. Safe to call more than once; a later read starts a new one. */
  close(): void {
    this.blobs.close();
  }

  private git(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    return runGit(this.root, args, { ...opts, counters: this.counters });
  }

  private async isShallow(): Promise<boolean> {
    const out = await this.git(['rev-parse', '--is-shallow-repository']);
    return out.stdout.toString('utf8').trim() === 'true';
  }

  /** The most helpful error for a revision that did not resolve. */
  private async missing(rev: string): Promise<Error> {
    if (await this.isShallow()) return new ShallowCloneError(rev);
    const any = await this.git(['rev-list', '-n', '1', '--all']);
    if (any.stdout.length === 0) return new EmptyRepoError(rev);
    return new UnknownRevisionError(rev);
  }

  private async listWorktree(d: string, input: string, ext: string): Promise<RepoFile[]> {
    await assertRealPathInside(this.root, d, input);
    // ls-files gives tracked and untracked-but-not-ignored names, the same set changes() sees.
    const out = await this.git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...(d ? [d] : [])]);
    const names = [...new Set(out.stdout.toString('utf8').split('\0'))]
      .filter((f) => f !== '' && isUnder(f, d) && f.endsWith(ext))
      .sort(comparePaths);
    const files = await Promise.all(
      names.map(async (name): Promise<RepoFile | undefined> => {
        const abs = path.join(this.root, name);
        const st = await lstat(abs).catch(() => undefined);
        if (!st || st.isDirectory()) return undefined; // deleted on disk, or a submodule
        if (st.isSymbolicLink()) return { path: name, blob: null, content: Buffer.alloc(0), special: 'symlink' };
        if (!st.isFile()) return { path: name, blob: null, content: Buffer.alloc(0), special: 'other' };
        if (st.size > MAX_FILE_BYTES) return { path: name, blob: null, content: Buffer.alloc(0), tooLarge: st.size };
        return { path: name, blob: null, content: await readFile(abs) };
      }),
    );
    return files.filter((f): f is RepoFile => f !== undefined);
  }
}

function matches(pattern: RegExp, name: string): boolean {
  pattern.lastIndex = 0; // a /g or /y pattern keeps state between test() calls
  return pattern.test(name);
}

function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
