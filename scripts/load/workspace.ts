import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { loadConfig, type Config } from '../config/index.js';
import { UserError } from '../model/errors.js';
import { parseLadder, siblingHead } from '../parse/index.js';
import { MAX_BYTES, tooLarge } from '../parse/decode.js';
import { fileError, type Diagnostic } from '../model/diagnostic.js';
import type { Shape } from '../model/ladder.js';
import { unread, type ParseOptions, type ParseResult } from '../parse/types.js';
import { GUARD_MIN_BYTES, guardedParse } from './parse-guard.js';
import type { Runtime } from '../cli/runtime.js';
import { byCodePoint } from '../model/order.js';
import { deferredSibling, siblingMeta, type Sibling } from '../rules/sibling.js';
import type { SummaryCache } from './summary-cache.js';
import { parentMissing, resolveDerived } from '../derive/index.js';

/** A path as reported everywhere: relative to the repository root (cwd), forward slashes. */
export function displayPath(root: string, absolute: string): string {
  const rel = relative(root, absolute);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

const GLOB_CHARS = /[*?[{]/;

/**
 * `*` (within a segment), `**` (any depth), `?` and `{a,b}` to a RegExp. node's path.matchesGlob
 * prints an ExperimentalWarning on Node 20, which would leak into every run's stderr.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|[\]\\}]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Whether a file found by walking a folder is a ladder (README, `_partial.md` and ignored files are not). */
export function isLadderName(relToLadders: string, ignore: readonly RegExp[]): boolean {
  const name = basename(relToLadders);
  if (!name.endsWith('.md') || name.toLowerCase() === 'readme.md' || name.startsWith('_')) return false;
  return !ignore.some((re) => re.test(relToLadders) || re.test(name));
}

function walk(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    // Symlinks and special files are kept so the loader can refuse them by name (not-regular-file),
    // rather than read them (a link out of the repository, /dev/zero, a FIFO) or skip them silently.
    else if (entry.name.endsWith('.md')) found.push(full);
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The ladder files to work on, as absolute paths in a stable order: every `*.md` under
 * `config.laddersDir`, or the given files, folders and globs.
 */
export function findLadderFiles(root: string, config: Config, paths: readonly string[] = []): string[] {
  const laddersDir = resolve(root, config.laddersDir);
  const ignore = config.ignore.map(globToRegExp);
  const out = new Set<string>();
  // config.ignore names files relative to laddersDir; elsewhere, relative to the folder walked.
  const ladderRel = (file: string, dir = root) => displayPath(file.startsWith(laddersDir + sep) ? laddersDir : dir, file);
  const fromDir = (dir: string) => {
    const found: string[] = [];
    walk(dir, found);
    for (const file of found) if (isLadderName(ladderRel(file, dir), ignore)) out.add(file);
  };

  if (paths.length === 0) {
    if (!statOrUndefined(laddersDir)?.isDirectory()) {
      throw new UserError(`ladder folder "${config.laddersDir}" does not exist (set "laddersDir" in the config)`);
    }
    assertInsideRoot(root, laddersDir, config.laddersDir);
    fromDir(laddersDir);
  }
  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : resolve(root, path);
    const link = lstatOrUndefined(absolute);
    const stat = link?.isSymbolicLink() ? undefined : statOrUndefined(absolute);
    if (link?.isSymbolicLink()) out.add(absolute); // refused by the loader, like one found by walking
    else if (stat?.isDirectory()) fromDir(absolute);
    else if (stat) out.add(absolute); // named explicitly: checked whatever its name
    else if (GLOB_CHARS.test(path)) {
      // Quoted globs (CI configs) are expanded here; the static prefix bounds the walk.
      const normalized = path.split(sep).join('/');
      const prefix = normalized.slice(0, normalized.search(GLOB_CHARS)).replace(/[^/]*$/, '');
      const base = resolve(root, prefix || '.');
      const re = globToRegExp(displayPath(root, resolve(root, normalized)));
      const found: string[] = [];
      if (statOrUndefined(base)?.isDirectory()) walk(base, found);
      // A glob is a folder walk with a filter: README.md, _partials and ignored files stay out.
      const matches = found.filter((f) => re.test(displayPath(root, f)) && isLadderName(ladderRel(f), ignore));
      if (matches.length === 0) throw new UserError(`no files match "${path}"`);
      for (const m of matches) out.add(m);
    } else {
      throw new UserError(`no such file or folder: "${path}"`);
    }
  }
  // Code-unit order: the same on every machine, whatever its locale.
  return [...out].map((f) => [displayPath(root, f), f] as const).sort(([a], [b]) => byCodePoint(a, b)).map(([, f]) => f);
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** A ladders folder that is (or sits under) a symlink leading out of the repository reads nothing. */
function assertInsideRoot(root: string, dir: string, shown: string): void {
  const rel = relative(realpathSync(root), realpathSync(dir));
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new UserError(`ladder folder "${shown}" resolves outside the repository; refusing to read it`);
  }
}

const KIND = (st: { isSymbolicLink(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }) =>
  st.isSymbolicLink() ? 'a symbolic link' : st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';

export function notRegularFile(file: string, kind: string): Diagnostic {
  return fileError(
    file,
    'not-regular-file',
    `Unexpected ${kind.replace(/^an? /, '')} under the ladders, expected a regular file (symlinks and special files are never read, so every command sees the same files)`,
  );
}

/**
 * The bytes of one ladder file, or the diagnostic that says why it is not read. The file is opened
 * without following a symlink and without blocking (a FIFO), checked to be a regular file and within
 * the size limit on the open descriptor, and only then read, at most MAX_BYTES + 1 bytes.
 */
export function readLadderBytes(absolute: string, shown: string): { bytes?: Uint8Array; diagnostic?: Diagnostic } {
  const link = lstatOrUndefined(absolute);
  if (link && !link.isFile()) return { diagnostic: notRegularFile(shown, KIND(link)) };
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { diagnostic: notRegularFile(shown, 'a symbolic link') };
    throw new UserError(`cannot read file: ${code ?? (err as Error).message}`, shown);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { diagnostic: notRegularFile(shown, KIND(st)) };
    if (st.size > MAX_BYTES) return { diagnostic: tooLarge(shown, st.size) };
    // Never more than the limit plus one byte, even if the file grows while it is read.
    const buf = Buffer.alloc(Math.min(st.size, MAX_BYTES) + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += r;
    return { bytes: buf.subarray(0, n) };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, shown);
  } finally {
    closeSync(fd);
  }
}

/**
 * The parser is meant never to throw; if it does on some input, that file gets a `parse-error`
 * diagnostic and the other files are still checked (the property tests hunt for such inputs).
 */
export function safeParse(bytes: Uint8Array, file: string, options: ParseOptions, parse = parseLadder): ParseResult {
  try {
    // Large files parse under the wall-clock guard (parse-guard.ts); small ones cannot be slow within the budgets.
    if (parse === parseLadder && bytes.length > GUARD_MIN_BYTES) return guardedParse(bytes, file, options);
    return parse(bytes, file, options);
  } catch (err) {
    const reason = (err as Error)?.message?.split('\n')[0] ?? String(err);
    return unread(fileError(file, 'parse-error', `Could not read the file as a ladder (${reason}), expected Markdown the parser understands; please report this file`));
  }
}

/** Reads and parses one file; `config.shapes` pins the shape by ladder id. */
export function loadLadderFile(root: string, absolute: string, config: Config): ParseResult {
  const file = displayPath(root, absolute);
  const read = readLadderBytes(absolute, file);
  if (!read.bytes) return unread(read.diagnostic!);
  const bytes = read.bytes;
  return parsePinned(bytes, file, config.shapes);
}

/**
 * Parses one ladder file with the shape config pins for it: by its file name, and by its frontmatter
 * id when that names another pinned shape. The one place shapes are pinned (workspace, revisions, fmt).
 */
export function parsePinned(bytes: Uint8Array, file: string, shapes: Readonly<Record<string, Shape>>, options: ParseOptions = {}): ParseResult {
  const id = basename(file).replace(/\.md$/i, '');
  let result = safeParse(bytes, file, shapes[id] ? { ...options, shape: shapes[id] } : options);
  const pinned = result.ladder ? shapes[result.ladder.id] : undefined;
  if (pinned && result.ladder && pinned !== result.ladder.shape) result = safeParse(bytes, file, { ...options, shape: pinned });
  return result;
}

/**
 * Every ladder of the repository at `rt.cwd` (or the given paths), parsed, with `extends` resolved.
 * Reused by validate, build, codeowners and fmt, so they agree on which files are ladders. `afterEach`
 * runs after each file is read: the release build keeps its heap in bounds there (a parse's garbage
 * piles up over 2,000 files before V8 collects it).
 */
export function loadWorkspace(rt: Pick<Runtime, 'cwd'>, paths: readonly string[] = [], config?: Config, afterEach?: () => void): ParseResult[] {
  const cfg = config ?? loadConfig(rt.cwd);
  const files = findLadderFiles(rt.cwd, cfg, paths);
  const results = files.map((file) => {
    const result = loadLadderFile(rt.cwd, file, cfg);
    afterEach?.();
    return result;
  });
  return resolveInWorkspace(rt.cwd, cfg, results, paths.length > 0 ? files : undefined);
}

/**
 * Ladders with `extends` resolved against their parents (scripts/derive/). When only some files were
 * loaded (`loaded`), the rest of the ladder folder is read as context, only if a parent is missing.
 */
export function resolveInWorkspace(root: string, config: Config, results: ParseResult[], loaded?: readonly string[]): ParseResult[] {
  if (!loaded || !parentMissing(results)) return resolveDerived(results);
  const have = new Set(loaded);
  let all: string[] = [];
  try {
    all = findLadderFiles(root, config);
  } catch (err) {
    // No ladder folder: the parent is missing, and the derive stage says so at the `extends` line.
    if (!(err instanceof UserError)) throw err;
  }
  const context = all.filter((f) => !have.has(f)).flatMap((f) => loadLadderFile(root, f, config).ladder ?? []);
  return resolveDerived(results, context);
}

/**
 * What cross-ladder rules need of the ladders not being checked (`validate <file>`): their summaries,
 * from the cache by blob id when these bytes were seen before. Otherwise a file whose head alone gives
 * its id and frontmatter (parse/head.ts) is a deferred sibling, parsed (and remembered) only when a
 * rule reads its categories; any other file is parsed now. Files that do not read or parse are no
 * siblings, as when they are parsed in full.
 */
export function loadSiblings(root: string, files: readonly string[], config: Config, cache: SummaryCache): Sibling[] {
  const out: Sibling[] = [];
  for (const absolute of files) {
    const file = displayPath(root, absolute);
    const read = readLadderBytes(absolute, file);
    if (!read.bytes) continue;
    const bytes = read.bytes;
    const blob = gitBlobId(bytes);
    // Parsed only to be summarized: expectations are counted, not read (ParseOptions.countOnly).
    const known = cache.known(file, blob);
    // A head a diff read before (its quickHead answer says as much as siblingHead's would), else read now.
    const remembered = known ? undefined : cache.knownHead(file, blob);
    const fresh = known || remembered ? undefined : siblingHead(bytes, file, GUARD_MIN_BYTES);
    const head = remembered ? { id: remembered.id, meta: siblingMeta(remembered) } : fresh && { id: fresh.id, meta: siblingMeta(fresh.meta) };
    // A head read fresh has checked the bytes against every budget already.
    const options = { countOnly: true, ...(fresh ? { withinBudgets: true } : {}), ...(fresh?.frontmatter ? { frontmatter: fresh.frontmatter } : {}) };
    const parse = () => cache.add(file, blob, parsePinned(bytes, file, config.shapes, options)).sibling;
    const sibling = known ? known.sibling : head ? deferredSibling({ id: head.id, file, meta: head.meta }, bytes.length, parse) : parse();
    if (sibling) out.push(sibling);
  }
  return out;
}

/** The id git gives the same bytes, so worktree files share cache entries with committed blobs. */
export function gitBlobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
