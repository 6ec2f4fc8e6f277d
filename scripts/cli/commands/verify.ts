import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { diffLadder } from '../../diff/index.js';
import { compareVersionTags, NotARepoError, Repo } from '../../git/index.js';
import { parseSums } from '../../github/release-plan.js';
import { UsageError, UserError } from '../../model/errors.js';
import { COMBINED_ID, readPdfInfo, releaseInfoOf, type ReleaseInfo } from '../../render/pdf/release-info.js';
import { formatVerifyJson, formatVerifyText, judge, VERIFY_EXIT, type Currency, type Integrity } from '../../verify/verdict.js';
import { oneOf, parse } from '../args.js';
import type { Command, Runtime } from '../runtime.js';
import { safeParse } from '../../load/workspace.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export const command: Command = {
  summary: `Check a downloaded ladder PDF: which release it came from (its metadata: ladder, version, date,
commit, content hash), whether its bytes match that release's SHA256SUMS, and whether a newer release
(a newer vX.Y.Z tag of the repository here) changes that ladder.

  --sums <file>        the SHA256SUMS of the PDF's release
  --dist <dir>         a built release folder to take SHA256SUMS from when its copy of the file is of the
                       same version (default dist)
  --remote             download SHA256SUMS from the GitHub release of that version (GITHUB_TOKEN,
                       GITHUB_REPOSITORY or --repo)
  --repo <owner/name>  with --remote
  --format text|json   text (default) or the verdict as JSON

Exit codes: 0 current and intact; 1 not a ladder release PDF (or unreadable); 3 superseded by a newer
release that changes the ladder; 4 modified, or not a file of that release; 5 current as far as the tags
tell, but no SHA256SUMS was found to check the bytes. A newer release that leaves the ladder unchanged
(same source, or formatting only) does not supersede it.`,
  usage: 'ladder verify <file.pdf> [--sums SHA256SUMS | --dist dir | --remote [--repo owner/name]] [--format text|json]',
  async run(args, rt) {
    const { values, positionals } = parse(args, {
      sums: { type: 'string' },
      dist: { type: 'string', default: 'dist' },
      remote: { type: 'boolean', default: false },
      repo: { type: 'string' },
      format: { type: 'string' },
    });
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 1) throw new UsageError(`expected one PDF file, got ${positionals.length}`);
    if (values.sums !== undefined && values.remote) throw new UsageError('--sums and --remote exclude each other');
    const shown = positionals[0]!;
    const bytes = readOrFail(resolve(rt.cwd, shown), shown);
    const entries = readPdfInfo(bytes);
    const release = releaseInfoOf(entries ?? {});
    if (!release.id || !release.version || !/^v\d+\.\d+\.\d+/.test(release.version)) {
      throw new UserError(entries ? 'not a ladder release PDF: its metadata names no ladder release' : 'not a ladder release PDF: no PDF document information to read', shown, undefined, VERIFY_EXIT.notRelease);
    }
    const digest = sha256(bytes);
    const integrity = checkBytes(await findSums(rt, release, values), release, shown, digest);
    const currency = await checkCurrent(rt, release);
    const verdict = judge(shown, release, digest, integrity, currency);
    rt.stdout.write(format === 'json' ? formatVerifyJson(verdict) : formatVerifyText(verdict));
    return verdict.exit;
  },
};

function readOrFail(path: string, shown: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UserError(`cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, shown);
  }
}

type Sums = { text: string; name: string } | { reason: string };

/** --sums, else the GitHub release (--remote), else a built folder holding the same release. */
async function findSums(rt: Runtime, release: ReleaseInfo, values: { sums?: string; dist: string; remote: boolean; repo?: string }): Promise<Sums> {
  const v = release.version!;
  if (values.sums !== undefined) return { text: readOrFail(resolve(rt.cwd, values.sums), values.sums).toString('utf8'), name: values.sums };
  if (values.remote) {
    const [{ connect }, { releaseAsset }] = await Promise.all([import('../github.js'), import('../../github/releases.js')]);
    const data = await releaseAsset(await connect(rt, values.repo), v, 'SHA256SUMS');
    return data ? { text: Buffer.from(data).toString('utf8'), name: `SHA256SUMS of the GitHub release ${v}` } : { reason: `the GitHub release ${v} has no SHA256SUMS` };
  }
  const dist = resolve(rt.cwd, values.dist);
  const sums = join(dist, 'SHA256SUMS');
  const copy = release.file ? join(dist, release.file) : undefined;
  // A built folder is evidence for this release only when its own copy of the file says the same version.
  if (existsSync(sums) && copy && existsSync(copy) && releaseInfoOf(readPdfInfo(readFileSync(copy)) ?? {}).version === v) {
    return { text: readFileSync(sums, 'utf8'), name: `${values.dist}/SHA256SUMS` };
  }
  return { reason: `no SHA256SUMS of ${v} found: pass --sums <file>, --remote, or build ${v} into ${values.dist}/` };
}

function checkBytes(sums: Sums, release: ReleaseInfo, shown: string, digest: string): Integrity {
  if ('reason' in sums) return { status: 'unchecked', reason: sums.reason };
  const listed = parseSums(sums.text, sums.name).get(release.file ?? basename(shown));
  if (listed === undefined) return { status: 'unlisted', sums: sums.name };
  return listed === digest ? { status: 'match', sums: sums.name } : { status: 'mismatch', sums: sums.name, expected: listed, actual: digest };
}

/** The newest vX.Y.Z tag here, and whether it changes the ladder this PDF holds. */
async function checkCurrent(rt: Runtime, release: ReleaseInfo): Promise<Currency> {
  let repo: Repo;
  try {
    repo = await Repo.open(rt.cwd);
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
    const at = async (tag: string) => (await repo.listFiles(tag, resolve(rt.cwd, dirname(source)), '')).find((f) => f.path === source || resolve(repo.root, f.path) === resolve(rt.cwd, source));
    const head = await at(newest);
    if (!head) return { status: 'superseded', newest, removed: true };
    if (release.contentHash === `sha256:${sha256(head.content)}`) return { status: 'unchanged', newest, how: 'same-source' };
    // The source changed: parse both and let the diff say whether anything a reader sees changed.
    const base = tags.some((t) => t.name === release.version) ? await at(release.version!) : undefined;
    if (!base || release.contentHash !== `sha256:${sha256(base.content)}`) return { status: 'superseded', newest };
    const config = loadConfig(rt.cwd);
    const read = (content: Buffer) => safeParse(content, source, config.shapes[basename(source, '.md')] ? { shape: config.shapes[basename(source, '.md')]! } : {}).ladder;
    const [before, after] = [read(base.content), read(head.content)];
    if (!before || !after) return { status: 'superseded', newest };
    const diff = diffLadder(before, after, config.bump);
    return diff.changes.length === 0 ? { status: 'unchanged', newest, how: 'formatting-only' } : { status: 'superseded', newest, changes: diff.changes.length, bump: diff.bump };
  } finally {
    repo.close();
  }
}
