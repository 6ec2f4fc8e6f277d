import { createHash, type Hash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../model/diagnostic.js';
import { UserError } from '../model/errors.js';
import { idProblem } from '../rules/invalid-id.js';
import type { Ladder } from '../model/ladder.js';
import { UNRELEASED, type ChangelogView } from '../changelog/index.js';
import { compareVersionTags } from '../git/semver.js';
import { renderVerifyPage, VERIFY_PAGE } from '../render/html/verify-page.js';
import { renderChangelogPage, renderChangelogView, renderIndexPage, type LanguageInfo, type SiteInfo, type Theme } from '../render/html/index.js';
import { ladderLanguage, translationPin } from '../model/translation.js';
import type { SiteVersions } from '../render/html/types.js';
import type { PdfOptions } from '../render/pdf/types.js';
import { renderLaddersPdf } from '../render/pdf/document.js';
import { writing, WriteError } from '../cli/atomic.js';
import { HeapBudget } from './heap-budget.js';
import { renderPdfJobs } from './pdf-pool.js';
import { removeWorkPath, trackTemp, untrackTemp } from '../cli/temp.js';
import type { PdfJob } from './pdf-worker.js';
import { formatSums, SUMS_FILE } from './sums.js';
import { withEffective } from './effective.js';
import { claimPages, pagesJob, type PagesJob } from './page-share.js';

/** CHANGELOG.md as is; changelog.html from the view when there is one (the releases as data), else from the Markdown. */
export interface Changelog {
  markdown: string;
  view?: ChangelogView;
}

/** Everything a release is built from; no I/O happens past this point except rendering. */
export interface ReleasePlan {
  ladders: Ladder[];
  version: string;
  /** The release instant (commit time or SOURCE_DATE_EPOCH), written into PDFs and shown as a date. */
  date: Date;
  organization: string;
  pageSize: 'A4' | 'Letter';
  /** BCP 47 language of the ladders that are not translations (config `language`); default `en`. */
  language?: string;
  /**
   * The changelog Markdown: CHANGELOG.md as is, and changelog.html rendered from it. A promise when it is
   * still being read from the history: it is awaited only after the ladders are rendered.
   */
  changelog: Changelog | Promise<Changelog>;
  html: boolean;
  pdf: boolean;
  /** Worker threads for PDFs; default: the machine's parallelism. */
  jobs?: number;
  /** The commit built from, when known: written into each PDF with the content hashes. */
  commit?: string;
  /** sha256 (hex) of each ladder's source file, by id. */
  contentHashes?: Readonly<Record<string, string>>;
  /** The release-wide effective date (the tag's message): ladders without their own `effective` take it. */
  effective?: string;
  /** Earlier releases, newest first, for a site of every version: their HTML goes under `versions/<version>/`. */
  earlier?: ReadonlyArray<{ version: string; date: Date; ladders: Ladder[] }>;
  /**
   * Another thread that renders ladder pages beside this one (the history worker, once the changelog
   * is read): given the job before the PDFs, it takes ladders from the shared counter and hands each
   * file to `put`; settled once it takes no more. Not used for a site of every version.
   */
  helper?: PageHelper;
}

export interface PageHelper {
  renderPages(job: PagesJob, put: (name: string, bytes: Uint8Array) => void): Promise<void>;
}

export interface ReleaseOutput {
  /** Files written to the sink, SHA256SUMS included. */
  files: number;
  warnings: Diagnostic[];
}

/**
 * Where a release's files go as they are rendered, each hashed as it is written (for SHA256SUMS and the
 * verify page): a staging folder (stageRelease) or memory (memorySink). A file written is not kept.
 */
export interface ReleaseSink {
  /** One whole file. */
  put(name: string, bytes: Uint8Array): void;
  /** A file written in pieces, in order (ladders.pdf as pdfkit writes it); done with close(). */
  open(name: string): { write(chunk: Uint8Array): void; close(): void };
  /** sha256 (hex) of each file written (closed) so far, by name. */
  readonly sums: ReadonlyMap<string, string>;
}

/** A sink keeping the files in memory (name → bytes): for a caller that wants them, not a folder. */
export function memorySink(): ReleaseSink & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const sums = new Map<string, string>();
  return {
    files,
    sums,
    put(name, bytes) {
      files.set(name, Buffer.from(bytes));
      sums.set(name, createHash('sha256').update(bytes).digest('hex'));
    },
    open(name) {
      const parts: Buffer[] = [];
      return { write: (chunk) => void parts.push(Buffer.from(chunk)), close: () => this.put(name, Buffer.concat(parts)) };
    },
  };
}

/** The folder holding `templates/`: the package root, found from this file (source or compiled). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'templates', 'page.html')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the ladder package root (templates/page.html)');
    dir = up;
  }
}

export function loadTheme(root = packageRoot()): Theme {
  const read = (name: string) => readFileSync(join(root, 'templates', name), 'utf8');
  return { shell: read('page.html'), css: read('ladder.css'), script: read('compare.js') };
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}


/** Each ladder's language (frontmatter `lang`, a translation's file name suffix, else the repository's) and a translation's source. */
function languagesOf(ladders: readonly Ladder[], fallback: string): LanguageInfo[] {
  return ladders.map((l) => {
    const source = translationPin(l)?.source;
    return { id: l.id, lang: ladderLanguage(l, fallback), ...(source !== undefined && source !== l.id ? { source } : {}) };
  });
}

/**
 * Renders every file of the release into `sink`, each written as soon as it is rendered and then let go:
 * at 2,000 ladders, holding them all until the end was a third of a GiB. Ladders are expected valid
 * (checked by the caller).
 */
export async function assembleRelease(plan: ReleasePlan, theme: Theme, sink: ReleaseSink): Promise<ReleaseOutput> {
  const warnings: Diagnostic[] = [];
  const ladders = plan.ladders.map((l) => withEffective(l, plan.effective)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Map<string, Ladder>();
  for (const l of ladders) {
    assertSafeId(l);
    // Defence in depth behind the duplicate-id rule: one id, one page, never an overwrite.
    const first = seen.get(l.id.toLowerCase());
    if (first) throw new UserError(`ladder id "${l.id}" is also the id of ${first.file}; one id, one file (duplicate-id)`, l.file, l.position);
    seen.set(l.id.toLowerCase(), l);
  }
  const site: SiteInfo = {
    version: plan.version,
    date: isoDate(plan.date),
    organization: plan.organization,
    pdf: plan.pdf,
    lang: plan.language ?? 'en',
    ladders: ladders.map((l) => ({ id: l.id, file: l.file })),
    ...(plan.effective !== undefined ? { effective: plan.effective } : {}),
    languages: languagesOf(ladders, plan.language ?? 'en'),
  };
  const earlier = plan.earlier ?? [];
  const versions: SiteVersions | undefined = earlier.length
    ? {
        current: plan.version,
        // Whether this release has pages of changes: set with the history (below), on this object the pages share.
        changes: false,
        all: [
          { version: plan.version, date: site.date, ids: ladders.map((l) => l.id) },
          ...earlier.map((e) => ({ version: e.version, date: isoDate(e.date), ids: e.ladders.map((l) => l.id).sort() })),
        ],
      }
    : undefined;
  // The ladder pages: the helper starts on them now (while the PDFs render here), this thread takes the rest after.
  const job = plan.html ? pagesJob(ladders, { ...site, verify: plan.pdf, ...(versions ? { versions } : {}) }, theme) : undefined;
  const helped = job && plan.helper && !versions ? plan.helper.renderPages(job, (name, bytes) => sink.put(name, bytes)) : undefined;
  helped?.catch(() => {}); // awaited below; if the PDFs fail first, that error is the one reported

  if (plan.pdf) {
    const opts: PdfOptions = {
      version: plan.version,
      date: plan.date,
      organization: plan.organization,
      pageSize: plan.pageSize,
      ...(plan.commit ? { commit: plan.commit } : {}),
      ...(plan.contentHashes ? { contentHashes: plan.contentHashes } : {}),
      ...(plan.effective !== undefined ? { effective: plan.effective } : {}),
    };
    // Each ladder's own file in the ladder's language.
    const jobs: PdfJob[] = ladders.map((l) => ({ name: `${l.id}.pdf`, ladders: [l], combined: false, opts: { ...opts, lang: site.languages!.find((x) => x.id === l.id)!.lang, fileName: `${l.id}.pdf` } }));
    const pageCounts = new Array<number>(jobs.length);
    const perLadder = new Array<Diagnostic[]>(jobs.length);
    const heap = new HeapBudget();
    await renderPdfJobs(jobs, plan.jobs, (i, r) => {
      sink.put(r.name, r.pdf);
      pageCounts[i] = r.pages;
      perLadder[i] = r.warnings;
      heap.check();
    });
    for (const ws of perLadder) warnings.push(...ws);
    // The combined file last: each ladder's part takes the pages of its own PDF, so knowing them it
    // streams its pages out instead of holding every page of every ladder (its warnings repeat theirs),
    // and the bytes go to the file as they are written. The combined file is in the repository's language.
    const combined = sink.open('ladders.pdf');
    await renderLaddersPdf(ladders, { ...opts, lang: site.lang!, fileName: 'ladders.pdf' }, pageCounts, (chunk) => {
      combined.write(chunk);
      heap.check();
    });
    combined.close();
  }
  // The history (read in the background while the PDFs render) decides whether each ladder has a page of its changes.
  const { markdown: changelog, view } = await plan.changelog;
  if (job) {
    if (versions) versions.changes = view !== undefined;
    const withHistory: SiteInfo = { ...site, changes: view !== undefined, verify: plan.pdf, ...(versions ? { versions } : {}) };
    if (plan.pdf) {
      // The PDFs are rendered by now: the page lists their hashes for the in-browser check.
      const pdfs = [...sink.sums].filter(([n]) => n.endsWith('.pdf')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, sha256]) => ({ name, sha256 }));
      sink.put(VERIFY_PAGE, Buffer.from(renderVerifyPage(pdfs, plan.contentHashes ?? {}, { ...withHistory, page: VERIFY_PAGE }, theme)));
    }
    /** The pages of one release under `dir`: its ladders' (those `shared` leaves, when given), the index and changelog.html. */
    const pages = (dir: string, list: Ladder[], info: SiteInfo, log: ChangelogView | undefined, markdown: string | undefined, shared?: PagesJob) => {
      const at = (page: string): SiteInfo => ({ ...info, page });
      claimPages(shared ?? pagesJob(list, info, theme), info.changes ? log : undefined, (name, html) => sink.put(`${dir}${name}`, Buffer.from(html)));
      sink.put(`${dir}index.html`, Buffer.from(renderIndexPage(list, at('index.html'), theme)));
      sink.put(`${dir}changelog.html`, Buffer.from(log ? renderChangelogView(log, at('changelog.html'), theme) : renderChangelogPage(markdown ?? '', at('changelog.html'), theme)));
    };
    pages('', ladders, withHistory, view, changelog, job);
    await helped;
    for (const e of earlier) {
      const sorted = [...e.ladders].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const l of sorted) assertSafeId(l);
      // An earlier release's pages: HTML only, its changelog up to it, the banner pointing at the current one.
      const info: SiteInfo = { ...site, version: e.version, date: isoDate(e.date), pdf: false, changes: false, verify: false, ladders: sorted.map((l) => ({ id: l.id, file: l.file })), languages: languagesOf(sorted, site.lang!), ...(versions ? { versions } : {}) };
      const log = view ? { releases: view.releases.filter((r) => r.name !== UNRELEASED && compareVersionTags(r.name, e.version) <= 0) } : undefined;
      pages(`versions/${e.version}/`, sorted, info, log, changelog);
    }
  }
  sink.put('CHANGELOG.md', Buffer.from(changelog.endsWith('\n') ? changelog : `${changelog}\n`));
  sink.put(SUMS_FILE, Buffer.from(formatSums([...sink.sums].map(([name, sha256]) => ({ name, sha256 })))));
  return { files: sink.sums.size, warnings: dedupe(warnings) };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.file}:${d.position.line}:${d.position.column}:${d.ruleId}:${d.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** The id names release files: nothing that could leave the output folder or clash with index.html (also the invalid-id rule). */
function assertSafeId(l: Ladder): void {
  const problem = idProblem(l.id);
  if (problem) throw new UserError(`ladder id "${l.id}" cannot name release files (${problem}) (invalid-id)`, l.file, l.position);
}

/** Marks a work folder for git: a `.gitignore` of `*` inside hides the folder from `git status` while it exists. */
const IGNORE_ALL = '# ladder build: temporary, removed when the build ends\n*\n';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Work folders of builds that were killed (`.dist.tmp-<pid>-*`, and `.old` holding the previous build
 * moved aside): removed when the process that made them is gone. A SIGKILL cannot be caught, so the next
 * build cleans up; meanwhile the `.gitignore` inside keeps them out of `git status`.
 */
function sweepStale(parent: string, name: string): void {
  const prefix = `.${name}.tmp-`;
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(entry.slice(prefix.length))?.[1]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !pidAlive(pid)) removeWorkPath(join(parent, entry));
  }
}

/**
 * Replaces `out` with a folder holding exactly `files` (stageRelease, then commit): a failure leaves the
 * previous build untouched.
 */
export function writeReleaseDir(out: string, files: ReadonlyMap<string, Buffer>, root: string): void {
  const staged = stageRelease(out, root);
  try {
    for (const [name, bytes] of files) staged.put(name, bytes);
    staged.commit();
  } finally {
    staged.abort();
  }
}

export interface StagedRelease extends ReleaseSink {
  /** Swaps the folder in for `out`: the release is there whole, or (on a failure) the previous one stays. */
  commit(): void;
  /** Removes the folder unless committed; safe to call after commit(), and more than once. */
  abort(): void;
}

/**
 * A work folder beside `out` that a release is written into file by file as it is rendered, swapped in
 * for `out` by rename when complete (commit), so a failure or an interrupted run never leaves half a
 * release. It carries the pid (swept by a later build once that process is gone) and a `.gitignore`
 * until the last rename; a concurrent build that swaps its folder in first is moved aside, never leaked.
 * Every file is hashed as it is written, for SHA256SUMS.
 */
export function stageRelease(out: string, root: string): StagedRelease {
  const target = resolve(root, out);
  guardTarget(target, root, out);
  const temp = writing(out, () => {
    const parent = dirname(target);
    mkdirSync(parent, { recursive: true });
    sweepStale(parent, basename(target));
    const dir = mkdtempSync(join(parent, `.${basename(target)}.tmp-${process.pid}-`));
    trackTemp(dir);
    try {
      ignoreAll(dir);
      chmodSync(dir, 0o755);
    } catch (err) {
      removeWorkPath(dir);
      untrackTemp(dir);
      throw err;
    }
    return dir;
  });
  const sums = new Map<string, string>();
  let state: 'open' | 'committed' | 'aborted' = 'open';
  const pathOf = (name: string): string => {
    if (state !== 'open') throw new Error(`release folder already ${state}: cannot write "${name}"`);
    if (name.split('/').some((part) => part === '' || part === '.' || part === '..') || name.includes('\\')) {
      throw new Error(`release file name "${name}" would write outside the release folder`);
    }
    if (sums.has(name)) throw new Error(`release file "${name}" written twice`);
    // A site of every version nests earlier releases under versions/<version>/.
    if (name.includes('/')) mkdirSync(dirname(join(temp, name)), { recursive: true });
    return join(temp, name);
  };
  return {
    sums,
    put(name, bytes) {
      writing(out, () => {
        writeFileSync(pathOf(name), bytes);
        sums.set(name, createHash('sha256').update(bytes).digest('hex'));
      });
    },
    open(name) {
      const fd = writing(out, () => openSync(pathOf(name), 'wx'));
      const hash: Hash = createHash('sha256');
      let closed = false;
      return {
        write(chunk) {
          writing(out, () => {
            for (let at = 0; at < chunk.byteLength; ) at += writeSync(fd, chunk, at);
          });
          hash.update(chunk);
        },
        close() {
          if (closed) return;
          closed = true;
          writing(out, () => closeSync(fd));
          sums.set(name, hash.digest('hex'));
        },
      };
    },
    commit() {
      if (state !== 'open') throw new Error(`release folder already ${state}`);
      writing(out, () => swapIn(temp, target));
      state = 'committed';
      untrackTemp(temp);
    },
    abort() {
      if (state !== 'open') return;
      state = 'aborted';
      removeWorkPath(temp);
      untrackTemp(temp);
    },
  };
}

/**
 * Renames `temp` to `target`, moving a previous build aside first and removing it after. Every folder
 * this leaves behind when killed (SIGKILL cannot be caught) is invisible to git from the moment it
 * appears: the previous build goes into a holder whose `.gitignore` is in place first, the new build
 * keeps its own until it is `target`, and an ignored folder loses its `.gitignore` last.
 */
function swapIn(temp: string, target: string): void {
  const holders: string[] = [];
  const inside = (holder: string) => join(holder, basename(target));
  try {
    for (let attempt = 0; ; attempt++) {
      if (existsSync(target)) {
        const holder = `${temp}.old${attempt || ''}`;
        mkdirSync(holder);
        holders.push(holder);
        ignoreAll(holder);
        renameSync(target, inside(holder));
      }
      try {
        renameSync(temp, target);
        break;
      } catch (err) {
        // Another build put its folder in place between our two renames: move it aside and retry.
        const code = (err as NodeJS.ErrnoException).code;
        if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt >= 3) throw err;
      }
    }
  } catch (err) {
    if (holders[0] && !existsSync(target) && existsSync(inside(holders[0]))) renameSync(inside(holders.shift()!), target);
    for (const holder of holders) removeWorkPath(holder);
    removeWorkPath(temp);
    throw err;
  }
  // Killed before this, the release is whole, with an ignore file the next build does not carry.
  rmSync(join(target, '.gitignore'), { force: true });
  for (const holder of holders) removeWorkPath(holder);
}

/**
 * Writes `<dir>/.gitignore` (ignore everything) so that git sees it whole or not at all: written under
 * `<dir>/.git/`, a path git never lists, then renamed into place.
 */
function ignoreAll(dir: string): void {
  const hidden = join(dir, '.git');
  mkdirSync(hidden, { recursive: true });
  writeFileSync(join(hidden, 'ignore'), IGNORE_ALL);
  renameSync(join(hidden, 'ignore'), join(dir, '.gitignore'));
  rmdirSync(hidden);
}

/** Refuses to replace the repository, one of its parents, or a folder that is not a previous build. */
function guardTarget(target: string, root: string, shown: string): void {
  const rel = relative(target, resolve(root));
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside) throw new UserError(`refusing to build into "${target}": it contains the repository`);
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new WriteError(shown, 'it is a file, not a folder');
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes('SHA256SUMS')) {
    throw new UserError(`refusing to replace "${target}": it is not empty and holds no SHA256SUMS from a previous build`);
  }
}
