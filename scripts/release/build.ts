import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/index.js';
import { compareVersionTags, EmptyRepoError, NotARepoError, Repo, UnknownRevisionError } from '../git/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { UserError } from '../model/errors.js';
import type { Ladder } from '../model/ladder.js';
import { RevisionReader } from '../load/revisions.js';
import { findLadderFiles, loadWorkspace } from '../load/workspace.js';
import { HeapBudget } from './heap-budget.js';
import { readPinnedSources } from '../load/translations.js';
import { countBySeverity, runRules } from '../rules/index.js';
import { historyInBackground } from './release-history.js';
import { assembleRelease, loadTheme, type ReleaseSink } from './release.js';
import { sha256Hex } from './sums.js';
import { tagEffective } from './effective.js';

export interface BuildRequest {
  cwd: string;
  config: Config;
  /** `--version`; default: the next version from the history. */
  version?: string;
  html: boolean;
  pdf: boolean;
  jobs?: number;
  allVersions: boolean;
  /** SOURCE_DATE_EPOCH, when set. */
  epoch?: string;
}

export type BuildOutcome =
  | { kind: 'invalid'; errors: Diagnostic[]; files: number }
  | { kind: 'built'; version: string; date: Date; ladders: number; files: number; renderWarnings: Diagnostic[]; ruleWarnings: number };

/**
 * A release from the working tree: validate (errors stop it), walk the history for the version and
 * CHANGELOG.md beside the parse and the rendering, then render every asset into the sink `open` gives,
 * called only once the ladders are valid (a staging folder: nothing is made for invalid ladders). `note`
 * gets the history's notes (e.g. uncommitted edits counted) as they come.
 */
export async function buildRelease(req: BuildRequest, note: (line: string) => void, open: () => ReleaseSink): Promise<BuildOutcome> {
  const { cwd, config } = req;
  const date = await releaseDate(cwd, req.epoch);
  // A large set of ladders: the history walk first, then the ladders' own parse and rendering, so
  // that the two never hold their memory at once (2,000 ladders: 1.3 GiB side by side); nor does the
  // worker then take a share of the pages (a copy of every ladder). A failure is reported where the
  // result is awaited, as before.
  const sequential = ladderBytes(cwd, config) > SEQUENTIAL_ABOVE_BYTES;
  const history = historyInBackground({ cwd, config, flag: req.version, date: date.getTime(), pages: req.html && !req.allVersions && !sequential });
  try {
    if (sequential) await history.result().catch(() => {});
    // The ladders' models stay (the PDFs, then ladders.pdf, read them); each parse's garbage need not.
    const heap = new HeapBudget();
    const results = loadWorkspace({ cwd }, [], config, () => heap.check());
    const pinned = await readPinnedSources(cwd, config, results.flatMap((r) => r.ladder ?? []));
    const diagnostics = runRules(results, config, { pinned });
    const { errors, warnings } = countBySeverity(diagnostics);
    // Only the errors block the release; warnings are validate's business.
    if (errors > 0) return { kind: 'invalid', errors: diagnostics.filter((d) => d.severity === 'error'), files: results.length };
    const ladders = results.flatMap((r) => (r.ladder ? [r.ladder] : []));
    const version = await history.version();
    // A release-wide effective date in the tag's message (when the tag exists yet).
    const effective = await tagEffective(cwd, version);
    const changelog = history.result().then(({ changelog, view, notes }) => {
      for (const n of notes) note(n);
      return { markdown: changelog, ...(view ? { view } : {}) };
    });
    changelog.catch(() => {}); // awaited by assembleRelease; if rendering fails first, that error is the one reported
    const { files, warnings: renderWarnings } = await assembleRelease(
      {
        ladders,
        version,
        date,
        organization: config.organization,
        pageSize: config.pageSize,
        language: config.language,
        changelog,
        html: req.html,
        pdf: req.pdf,
        jobs: req.jobs,
        commit: await headCommit(cwd),
        ...(effective !== undefined ? { effective } : {}),
        ...(req.allVersions ? { earlier: await earlierReleases(cwd, config, version) } : {}),
        contentHashes: Object.fromEntries(ladders.map((l) => [l.id, sha256Hex(readFileSync(resolve(cwd, l.file)))])),
        helper: history,
      },
      loadTheme(),
      open(),
    );
    return { kind: 'built', version, date, ladders: ladders.length, files, renderWarnings, ruleWarnings: warnings };
  } finally {
    // Invalid ladders or a failure: the history is not needed any more.
    await history.cancel();
  }
}

/** Above this much ladder Markdown the history is read before the ladders, not beside them (see buildRelease). */
const SEQUENTIAL_ABOVE_BYTES = 8 * 1024 * 1024;

/** The bytes of every ladder file of the working tree (sizes only, nothing read). */
function ladderBytes(cwd: string, config: Config): number {
  let total = 0;
  for (const f of findLadderFiles(cwd, config)) {
    try {
      total += statSync(f).size;
    } catch {
      // Gone or unreadable: loadWorkspace says so.
    }
  }
  return total;
}

/** The ladders of every vX.Y.Z tag before `version`, newest first, each dated by its commit. */
async function earlierReleases(cwd: string, config: Config, version: string): Promise<Array<{ version: string; date: Date; ladders: Ladder[] }>> {
  let repo: Repo | undefined;
  try {
    repo = await Repo.open(cwd);
    const reader = new RevisionReader(repo, config, cwd);
    const tags = (await repo.tags()).filter((t) => compareVersionTags(t.name, version) < 0).reverse();
    const out = [];
    for (const t of tags) out.push({ version: t.name, date: new Date(t.date * 1000), ladders: (await reader.read(t.name)).ladders });
    return out;
  } catch (err) {
    if (err instanceof NotARepoError || err instanceof EmptyRepoError) return [];
    throw err;
  } finally {
    repo?.close();
  }
}

/** The commit HEAD names, or undefined outside a repository (or in one without commits). */
async function headCommit(cwd: string): Promise<string | undefined> {
  let repo: Repo | undefined;
  try {
    repo = await Repo.open(cwd);
    return await repo.resolve('HEAD');
  } catch (err) {
    if (err instanceof NotARepoError || err instanceof EmptyRepoError || err instanceof UnknownRevisionError) return undefined;
    throw err;
  } finally {
    repo?.close();
  }
}

/** SOURCE_DATE_EPOCH, else the HEAD commit time, else the epoch: never the clock, so builds repeat. */
export async function releaseDate(cwd: string, epoch: string | undefined): Promise<Date> {
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UserError(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${epoch}")`);
    return new Date(Number(epoch) * 1000);
  }
  let repo: Repo | undefined;
  try {
    repo = await Repo.open(cwd);
    return new Date((await repo.commitDate('HEAD')) * 1000);
  } catch (err) {
    if (err instanceof NotARepoError || err instanceof EmptyRepoError) return new Date(0);
    throw err;
  } finally {
    repo?.close();
  }
}
