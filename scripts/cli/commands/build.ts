import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../config/index.js';
import { compareVersionTags, EmptyRepoError, NotARepoError, RELEASE_TAG, Repo, UnknownRevisionError } from '../../git/index.js';
import type { Config } from '../../config/index.js';
import type { Ladder } from '../../model/ladder.js';
import { RevisionReader } from '../../load/revisions.js';
import { UsageError, UserError } from '../../model/errors.js';
import { countBySeverity, resolveSeverities, runRules } from '../../rules/index.js';
import { parse } from '../args.js';
import { historyInBackground } from '../../release/release-history.js';
import { assembleRelease, isoDate, loadTheme, writeReleaseDir } from '../../release/release.js';
import { formatStylish, wantsColor } from '../report.js';
import type { Command, Runtime } from '../runtime.js';
import { loadWorkspace } from '../../load/workspace.js';


export const command: Command = {
  summary: `Build the release of every ladder into one folder: <id>.html and <id>.pdf per ladder, ladders.pdf,
index.html, changelog.html, CHANGELOG.md and SHA256SUMS. Invalid ladders: diagnostics, exit 1, nothing written.
The folder is replaced as a whole (built beside it, then renamed), so a failed run leaves the previous one.

Options:
  --out <dir>          output folder (default dist)
  --version <vX.Y.Z>   release version (default: the next version from "ladder version")
  --html-only          only the HTML pages (plus CHANGELOG.md and SHA256SUMS)
  --pdf-only           only the PDFs (plus CHANGELOG.md and SHA256SUMS)
  --jobs <n>           worker threads for the PDFs (default 1: workers pay off only on idle cores)
  --all-versions       a site of every release: the HTML of each earlier vX.Y.Z tag under
                       versions/<tag>/, a version list on every page and a banner on earlier ones
                       (for a web site; GitHub Release assets cannot hold folders)

The release date is SOURCE_DATE_EPOCH, else the HEAD commit time, else 1970-01-01: the same commit
always gives byte-identical files.`,
  usage: 'ladder build [--out dist] [--version vX.Y.Z] [--html-only | --pdf-only] [--jobs n] [--all-versions]',
  async run(args, rt) {
    const started = performance.now();
    const { values, positionals } = parse(args, {
      out: { type: 'string', default: 'dist' },
      version: { type: 'string' },
      'html-only': { type: 'boolean', default: false },
      'pdf-only': { type: 'boolean', default: false },
      jobs: { type: 'string' },
      'all-versions': { type: 'boolean', default: false },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values['html-only'] && values['pdf-only']) throw new UsageError('--html-only and --pdf-only exclude each other');
    if (values['all-versions'] && values['pdf-only']) throw new UsageError('--all-versions builds HTML pages: it does not go with --pdf-only');
    if (values.version !== undefined && !RELEASE_TAG.test(values.version)) {
      throw new UsageError(`--version must look like v1.2.3 (got "${values.version}")`);
    }
    if (values.out === '') throw new UsageError('--out must name a folder');
    if (values.jobs !== undefined && !/^[1-9]\d*$/.test(values.jobs)) throw new UsageError(`--jobs must be a positive whole number (got "${values.jobs}")`);

    const config = loadConfig(rt.cwd);
    resolveSeverities(config.rules);
    const date = await releaseDate(rt);
    // The history walk (version, CHANGELOG.md) runs beside the parse, checks and rendering below.
    const history = historyInBackground({ cwd: rt.cwd, config, flag: values.version, date: date.getTime() });
    try {
      const results = loadWorkspace(rt, [], config);
      const diagnostics = runRules(results, config);
      const { errors, warnings } = countBySeverity(diagnostics);
      if (errors > 0) {
        // Only the errors: they are what blocks the release; warnings are validate's business.
        const blocking = diagnostics.filter((d) => d.severity === 'error');
        rt.stderr.write(formatStylish(blocking, { color: wantsColor(rt.stderr, rt.env), files: results.length }));
        rt.stderr.write(`ladder build: ${errors} ${errors === 1 ? 'error' : 'errors'} in the ladders; nothing was written\n`);
        return 1;
      }
      if (warnings > 0) rt.stderr.write(`ladder build: ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} in the ladders (see "ladder validate")\n`);
      const ladders = results.flatMap((r) => (r.ladder ? [r.ladder] : []));

      const version = await history.version();
      const changelog = history.result().then(({ changelog, view, notes }) => {
        for (const note of notes) rt.stderr.write(`${note}\n`);
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
          changelog,
          html: !values['pdf-only'],
          pdf: !values['html-only'],
          jobs: values.jobs === undefined ? undefined : Number(values.jobs),
          commit: await headCommit(rt),
          ...(values['all-versions'] ? { earlier: await earlierReleases(rt, config, version) } : {}),
          contentHashes: Object.fromEntries(ladders.map((l) => [l.id, createHash('sha256').update(readFileSync(resolve(rt.cwd, l.file))).digest('hex')])),
        },
        loadTheme(),
      );
      if (renderWarnings.length) rt.stderr.write(formatStylish(renderWarnings, { color: wantsColor(rt.stderr, rt.env) }));
      writeReleaseDir(values.out, files, rt.cwd);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      rt.stdout.write(`Built ${version} (${isoDate(date)}): ${ladders.length} ladders, ${files.size} files in ${values.out}/ in ${seconds} s\n`);
      return 0;
    } finally {
      // Invalid ladders or a failure: the history is not needed any more.
      await history.cancel();
    }
  },
};

/** The ladders of every vX.Y.Z tag before `version`, newest first, each dated by its commit. */
async function earlierReleases(rt: Runtime, config: Config, version: string): Promise<Array<{ version: string; date: Date; ladders: Ladder[] }>> {
  let repo: Repo | undefined;
  try {
    repo = await Repo.open(rt.cwd);
    const reader = new RevisionReader(repo, config, rt.cwd);
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
async function headCommit(rt: Runtime): Promise<string | undefined> {
  let repo: Repo | undefined;
  try {
    repo = await Repo.open(rt.cwd);
    return await repo.resolve('HEAD');
  } catch (err) {
    if (err instanceof NotARepoError || err instanceof EmptyRepoError || err instanceof UnknownRevisionError) return undefined;
    throw err;
  } finally {
    repo?.close();
  }
}

/** SOURCE_DATE_EPOCH, else the HEAD commit time, else the epoch: never the clock, so builds repeat. */
async function releaseDate(rt: Runtime): Promise<Date> {
  const epoch = rt.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UserError(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${epoch}")`);
    return new Date(Number(epoch) * 1000);
  }
  let repo: Repo | undefined;
  try {
    repo = await Repo.open(rt.cwd);
    return new Date((await repo.commitDate('HEAD')) * 1000);
  } catch (err) {
    if (err instanceof NotARepoError || err instanceof EmptyRepoError) return new Date(0);
    throw err;
  } finally {
    repo?.close();
  }
}
