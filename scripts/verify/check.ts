import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadConfig } from '../config/index.js';
import { diffLadder } from '../diff/index.js';
import { compareVersionTags, NotARepoError, Repo } from '../git/index.js';
import { parsePinned } from '../load/workspace.js';
import { RevisionReader } from '../load/revisions.js';
import { UserError } from '../model/errors.js';
import { parseSums, sha256Hex } from '../release/sums.js';
import { COMBINED_ID, readPdfInfo, releaseInfoOf, type ReleaseInfo } from '../render/pdf/release-info.js';
import { judge, VERIFY_EXIT, type Currency, type Integrity, type Verdict } from './verdict.js';

export interface VerifyOptions {
  /** A SHA256SUMS file (path as given). */
  sums?: string;
  /** A built release folder to take SHA256SUMS from when its copy is of the same version. */
  dist: string;
  /** The SHA256SUMS of a release on GitHub (--remote): undefined when the release has none. */
  remote?: (version: string) => Promise<Uint8Array | undefined>;
}

/**
 * A downloaded ladder PDF checked: which release it says it is from, whether its bytes match that
 * release's SHA256SUMS, and whether a newer tag here changes its ladder. Not a release PDF: a UserError.
 */
export async function verifyPdf(cwd: string, shown: string, opts: VerifyOptions): Promise<Verdict> {
  const bytes = readOrFail(resolve(cwd, shown), shown);
  const entries = readPdfInfo(bytes);
  const release = releaseInfoOf(entries ?? {});
  if (!release.id || !release.version || !/^v\d+\.\d+\.\d+/.test(release.version)) {
    throw new UserError(entries ? 'not a ladder release PDF: its metadata names no ladder release' : 'not a ladder release PDF: no PDF document information to read', shown, undefined, VERIFY_EXIT.notRelease);
  }
  const digest = sha256Hex(bytes);
  const integrity = checkBytes(await findSums(cwd, release, opts), release, shown, digest);
  return judge(shown, release, digest, integrity, await checkCurrent(cwd, release));
}

function readOrFail(path: string, shown: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UserError(`cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, shown);
  }
}

type Sums = { text: string; name: string } | { reason: string };

/** --sums, else the GitHub release (--remote), else a built folder holding the same release. */
async function findSums(cwd: string, release: ReleaseInfo, values: VerifyOptions): Promise<Sums> {
  const v = release.version!;
  if (values.sums !== undefined) return { text: readOrFail(resolve(cwd, values.sums), values.sums).toString('utf8'), name: values.sums };
  if (values.remote) {
    const data = await values.remote(v);
    return data ? { text: Buffer.from(data).toString('utf8'), name: `SHA256SUMS of the GitHub release ${v}` } : { reason: `the GitHub release ${v} has no SHA256SUMS` };
  }
  const dist = resolve(cwd, values.dist);
  const sums = join(dist, 'SHA256SUMS');
  const copy = release.file ? join(dist, release.file) : undefined;
  // A built folder is evidence for this release only when its own copy of the file says the same version.
  if (existsSync(sums) && copy && existsSync(copy) && releaseInfoOf(readPdfInfo(readFileSync(copy)) ?? {}).version === v) {
    return { text: readFileSync(sums, 'utf8'), name: `${values.dist}/SHA256SUMS` };
  }
  return { reason: `no SHA256SUMS of ${v} found: pass --sums <file>, --remote, or build ${v} into ${values.dist}/` };
}

/** The changes between a derived ladder's resolved versions at two tags; undefined when either cannot be read. */
async function resolvedChanges(repo: Repo, config: ReturnType<typeof loadConfig>, cwd: string, file: string, from: string, to: string): Promise<{ changes: number; bump: ReturnType<typeof diffLadder>['bump'] } | undefined> {
  const reader = new RevisionReader(repo, config, cwd);
  try {
    const [before, after] = await Promise.all([from, to].map(async (tag) => (await reader.read(tag)).ladders.find((l) => l.file === file)));
    if (!before || !after) return undefined;
    const diff = diffLadder(before, after, config.bump);
    return { changes: diff.changes.length, bump: diff.bump };
  } catch (err) {
    if (err instanceof UserError) return undefined;
    throw err;
  }
}

function checkBytes(sums: Sums, release: ReleaseInfo, shown: string, digest: string): Integrity {
  if ('reason' in sums) return { status: 'unchecked', reason: sums.reason };
  const listed = parseSums(sums.text, sums.name).get(release.file ?? basename(shown));
  if (listed === undefined) return { status: 'unlisted', sums: sums.name };
  return listed === digest ? { status: 'match', sums: sums.name } : { status: 'mismatch', sums: sums.name, expected: listed, actual: digest };
}

/** The newest vX.Y.Z tag here, and whether it changes the ladder this PDF holds. */
async function checkCurrent(cwd: string, release: ReleaseInfo): Promise<Currency> {
  let repo: Repo;
  try {
    repo = await Repo.open(cwd);
  } catch (err) {
    if (err instanceof NotARepoError) return { status: 'unknown', reason: 'not in a git repository of ladders, so no release tags to compare with' };
    throw err;
  }
  try {
    const tags = await repo.tags();
    const newest = tags.at(-1)?.name;
    if (!newest) return { status: 'unknown', reason: 'this repository has no vX.Y.Z release tags' };
    if (compareVersionTags(newest, release.version!) <= 0) return { status: 'current', newest: compareVersionTags(newest, release.version!) < 0 ? release.version! : newest };
    // ladders.pdf holds every ladder of its release: any newer release supersedes it.
    if (release.id === COMBINED_ID || !release.source) return { status: 'superseded', newest };
    const source = release.source;
    const at = async (tag: string) => (await repo.listFiles(tag, resolve(cwd, dirname(source)), '')).find((f) => f.path === source || resolve(repo.root, f.path) === resolve(cwd, source));
    const head = await at(newest);
    if (!head) return { status: 'superseded', newest, removed: true };
    const config = loadConfig(cwd);
    const read = (content: Buffer) => parsePinned(content, source, config.shapes).ladder;
    // A derived ladder changes with its parent: the resolved ladders of both tags are compared, whatever its own file did.
    if (read(head.content)?.meta.extends !== undefined && tags.some((t) => t.name === release.version)) {
      const derived = await resolvedChanges(repo, config, cwd, head.path, release.version!, newest);
      if (derived) return derived.changes === 0 ? { status: 'unchanged', newest, how: 'formatting-only' } : { status: 'superseded', newest, ...derived };
    }
    if (release.contentHash === `sha256:${sha256Hex(head.content)}`) return { status: 'unchanged', newest, how: 'same-source' };
    // The source changed: parse both and let the diff say whether anything a reader sees changed.
    const base = tags.some((t) => t.name === release.version) ? await at(release.version!) : undefined;
    if (!base || release.contentHash !== `sha256:${sha256Hex(base.content)}`) return { status: 'superseded', newest };
    const [before, after] = [read(base.content), read(head.content)];
    if (!before || !after) return { status: 'superseded', newest };
    const diff = diffLadder(before, after, config.bump);
    return diff.changes.length === 0 ? { status: 'unchanged', newest, how: 'formatting-only' } : { status: 'superseded', newest, changes: diff.changes.length, bump: diff.bump };
  } finally {
    repo.close();
  }
}
