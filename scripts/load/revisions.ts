import path from 'node:path';
import type { Config } from '../config/index.js';
import { WORKTREE, type Repo, type RepoFile } from '../git/index.js';
import { tooLarge } from '../parse/decode.js';
import type { Ladder } from '../model/ladder.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { UserError } from '../model/errors.js';
import { unread, type ParseOptions, type ParseResult } from '../parse/types.js';
import { strictErrors } from './summary-cache.js';
import { gitBlobId, globToRegExp, isLadderName, notRegularFile, parsePinned } from './workspace.js';
import { parentMissing, resolveDerived } from '../derive/index.js';

export { gitBlobId };

/** The ladders of one revision (or of the working tree), parsed. */
export interface RevisionLadders {
  /** What the user named: a tag, branch, SHA, or WORKTREE. */
  rev: string;
  ladders: Ladder[];
}

export interface ReaderOptions {
  /** Markdown parser for every parse (history walks pass createChunkedMarkdown()). */
  markdown?: ParseOptions['markdown'];
  /** Most parses kept; the oldest go first (default: all). */
  cacheLimit?: number;
}

/**
 * Reads and parses every ladder at any revision through the git module. Parses are cached by blob
 * id and path, so the files a pull request does not touch are parsed once for both sides.
 */
export class RevisionReader {
  private readonly cache = new Map<string, ParseResult>();
  /** Parses read with `keep`: outside the cache's limit, for a walk that meets those versions again. */
  private readonly kept = new Map<string, ParseResult>();
  private readonly ignore: RegExp[];
  /** The ladder folder, absolute: the git module turns it into a repo path (or refuses one outside). */
  readonly dir: string;
  /** Parses done and parses served from the cache, for tests and benchmarks. */
  readonly stats = { parsed: 0, cached: 0 };

  constructor(
    private readonly repo: Repo,
    private readonly config: Config,
    cwd: string,
    private readonly opts: ReaderOptions = {},
  ) {
    this.ignore = config.ignore.map(globToRegExp);
    this.dir = path.resolve(cwd, config.laddersDir);
  }

  /**
   * With `strict`, a file that parses only in part (broken frontmatter, an unreadable table) is an
   * error too: a diff against a half-read ladder would report what the parser missed as removed.
   * `only`: parse just these repo paths (a pull request's changed files); the rest are skipped.
   * `files`: the listing of `rev`, when the caller already has it.
   * `keep`: hold these parses whatever the cache's limit (the release build's version, then its history walk).
   */
  async read(rev: string, opts: { strict?: boolean; only?: ReadonlySet<string>; files?: readonly RepoFile[]; keep?: boolean } = {}): Promise<RevisionLadders> {
    const only = opts.only;
    const files = opts.files ?? (await this.repo.listFiles(rev, this.dir, '.md'));
    const results: ParseResult[] = [];
    const errors: Diagnostic[] = [];
    const byId = new Map<string, Ladder>();
    const at = rev === WORKTREE ? 'in the working tree' : `at ${rev}`;
    for (const f of files) {
      if (!this.isLadderPath(f.path) || (only && !only.has(f.path))) continue;
      if (f.special) {
        const d = notRegularFile(f.path, f.special === 'symlink' ? 'a symbolic link' : 'special file');
        throw new UserError(`cannot read the ladders ${at}: ${d.message} (${d.ruleId})`, f.path, d.position);
      }
      const result = this.parseFile(f);
      if (opts.keep && f.tooLarge === undefined) this.kept.set(`${f.blob ?? gitBlobId(f.content)}\u0000${f.path}`, result);
      if (opts.strict) {
        const found = strictErrors(result, this.config);
        if (found.length > 0 || !result.ladder) {
          errors.push(...(found.length > 0 ? found : result.diagnostics.slice(0, 1)));
          continue;
        }
      }
      if (!result.ladder) {
        const d = result.diagnostics.find((x) => x.severity === 'error') ?? result.diagnostics[0];
        throw new UserError(`cannot read the ladder ${at}: ${d?.message ?? 'unreadable file'}${d ? ` (${d.ruleId})` : ''}`, f.path, d?.position);
      }
      // Two files, one id: the diff would compare one and hide the other (see the duplicate-id rule).
      const same = byId.get(result.ladder.id.toLowerCase());
      if (same) {
        throw new UserError(`cannot read the ladders ${at}: ladder id "${result.ladder.id}" is also the id of ${same.file}, expected one file per id (duplicate-id)`, f.path, result.ladder.position);
      }
      byId.set(result.ladder.id.toLowerCase(), result.ladder);
      results.push(result);
    }
    // Derived ladders resolved against their parents; a parent outside `only` is read as context.
    // (A listing made without reading those blobs has none to offer: the parent is then missing.)
    const context = only && parentMissing(results) ? files.filter((f) => !only.has(f.path) && !f.special && !f.unread && this.isLadderPath(f.path)).flatMap((f) => this.parseFile(f).ladder ?? []) : [];
    const resolved = resolveDerived(results, context);
    if (opts.strict) {
      resolved.forEach((r, i) => errors.push(...r.diagnostics.slice(results[i]!.diagnostics.length).filter((d) => d.severity === 'error')));
    }
    if (errors.length > 0) throw new UnreadableRevisionError(rev, errors);
    return { rev, ladders: resolved.map((r) => r.ladder!) };
  }

  /**
   * Every ladder file at a revision parsed as `validate` would parse it, without stopping at the first
   * bad one: what the privileged PR job validates from git objects (the PR's code never runs).
   */
  async parseAll(rev: string): Promise<ParseResult[]> {
    const out: ParseResult[] = [];
    for (const f of await this.repo.listFiles(rev, this.dir, '.md')) {
      if (!this.isLadderPath(f.path)) continue;
      if (f.special) out.push(unread(notRegularFile(f.path, f.special === 'symlink' ? 'a symbolic link' : 'special file')));
      else out.push(this.parseFile(f));
    }
    return out;
  }

  /** Files git saw renamed between the revisions, for ladders whose id changed with their name. */
  async renames(base: string, head: string): Promise<Array<{ from: string; to: string }>> {
    const changes = await this.repo.changes(base, head, this.dir);
    return changes.filter((c) => c.status === 'R' && c.oldPath !== undefined).map((c) => ({ from: c.oldPath!, to: c.path }));
  }

  /** Whether a repo-relative path is a ladder file: under the folder, `.md`, not README, `_*` or ignored. */
  isLadderPath(repoPath: string): boolean {
    const ladderRoot = path.relative(this.repo.root, this.dir).split(path.sep).join('/');
    if (ladderRoot !== '' && !repoPath.startsWith(`${ladderRoot}/`)) return false;
    const rel = ladderRoot === '' ? repoPath : repoPath.slice(ladderRoot.length + 1);
    return rel.endsWith('.md') && isLadderName(rel, this.ignore);
  }

  /** A listed file: refused by its size when it was too large to read, else parsed. */
  parseFile(f: RepoFile): ParseResult {
    if (f.tooLarge !== undefined) return unread(tooLarge(f.path, f.tooLarge));
    return this.parse(f.path, f.blob ?? gitBlobId(f.content), f.content);
  }

  /** One file version, parsed as `read` parses it (config-pinned shapes), cached by blob id and path. */
  parse(file: string, blob: string, content: Buffer): ParseResult {
    const key = `${blob}\u0000${file}`;
    const hit = this.kept.get(key) ?? this.cache.get(key);
    if (hit) {
      this.stats.cached++;
      return hit;
    }
    this.stats.parsed++;
    const result = parsePinned(content, file, this.config.shapes, this.opts.markdown ? { markdown: this.opts.markdown } : {});
    const limit = this.opts.cacheLimit ?? Infinity;
    if (this.cache.size >= limit) this.cache.delete(this.cache.keys().next().value!);
    if (limit > 0) this.cache.set(key, result);
    return result;
  }
}

/** Ladders at a revision that do not parse cleanly; the diagnostics say where. */
export class UnreadableRevisionError extends UserError {
  override name = 'UnreadableRevisionError';
  constructor(
    readonly rev: string,
    readonly diagnostics: Diagnostic[],
  ) {
    const at = rev === WORKTREE ? 'in the working tree' : `at ${rev}`;
    super(`cannot read the ladders ${at}: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}; fix ${diagnostics.length === 1 ? 'it' : 'them'} first (ladder validate)`, diagnostics[0]?.file, diagnostics[0]?.position);
  }
}
