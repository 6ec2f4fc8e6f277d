import { gitBlobId, RevisionReader } from '../load/revisions.js';
import { buildChangelog, formatChangelog, planVersion, refOf, type ChangelogView, type CommitDiff, type ReleaseInput, type VersionPlan } from '../changelog/index.js';
import type { Config } from '../config/index.js';
import { buildLexicon, comparisonMemo, diffLadders, type ComparisonMemo } from '../diff/index.js';
import { WORKTREE, type CommitInfo, type Repo, type TagInfo } from '../git/index.js';
import type { Ladder } from '../model/ladder.js';
import { createChunkedMarkdown } from '../parse/index.js';
import { resolveLadders } from '../derive/index.js';
import { HeapBudget } from './heap-budget.js';

/**
 * Where `diff`, `version` and `changelog` end when not told: the working tree. Uncommitted edits to
 * ladder files count everywhere, as `diff` has always counted them; with none, the working tree is
 * HEAD, and HEAD names it (so a tagged, clean checkout still describes its own release).
 */
export async function defaultEnd(repo: Repo, config: Config): Promise<string> {
  const reader = new RevisionReader(repo, config, repo.root);
  const changed = await repo.changes('HEAD', WORKTREE, reader.dir);
  return changed.some((c) => reader.isLadderPath(c.path) || (c.oldPath !== undefined && reader.isLadderPath(c.oldPath))) ? WORKTREE : 'HEAD';
}

/** The note `version` and `changelog` print when the default end counted uncommitted edits. */
export const UNCOMMITTED = 'Counting uncommitted edits to ladder files, as ladder diff does (--to HEAD leaves them out).\n';

/** The next release: the last tag bumped by the diff from it to `to` (default: defaultEnd). */
export async function nextVersion(repo: Repo, config: Config, to?: string, reader = new RevisionReader(repo, config, repo.root)): Promise<VersionPlan & { to: string }> {
  const end = to ?? (await defaultEnd(repo, config));
  await repo.assertFullHistory();
  const current = (await repo.tags()).at(-1)?.name;
  // Kept: a release build's history walk (same reader) meets both versions again.
  const base = current === undefined ? [] : (await reader.read(current, { keep: true })).ladders;
  const head = (await reader.read(end, { keep: true })).ladders;
  const renames = current === undefined ? [] : await reader.renames(current, end);
  const diff = diffLadders(base, head, { policy: config.bump, lexicon: buildLexicon(config.signals), renames, base: current ?? 'none', head: end });
  return { ...planVersion(current, diff), to: end };
}

export interface ChangelogOptions {
  /** Exclusive start; default: the release before `to` (the start of history with `all`). */
  from?: string;
  /** A revision or WORKTREE (default: defaultEnd, the working tree when ladder files have uncommitted edits). */
  to?: string;
  /** Every release from the start of history, as a whole CHANGELOG.md. */
  all?: boolean;
  /** Name the changes after the last tag as this release (`v1.3.0`), dated `date`. */
  release?: string;
  /** Epoch seconds for `release` (default: the commit date of `to`). */
  date?: number;
  progress?: HistoryOptions['progress'];
  warn?: HistoryOptions['warn'];
  reader?: HistoryOptions['reader'];
}

/** The changelog Markdown (`ladder changelog`; with `all` and `release`, the CHANGELOG.md of a release build). */
export async function changelogMarkdown(repo: Repo, config: Config, opts: ChangelogOptions = {}): Promise<{ markdown: string; view: ChangelogView; releases: number; to: string }> {
  await repo.assertFullHistory();
  const to = opts.to ?? (await defaultEnd(repo, config));
  const head = to === WORKTREE ? 'HEAD' : to;
  const from = opts.all ? undefined : (opts.from ?? (await previousRelease(repo, to)));
  const release = opts.release === undefined ? undefined : { version: opts.release, date: opts.date ?? (await repo.commitDate(head)) };
  const releases = await readReleases(repo, config, {
    ...(from !== undefined ? { from } : {}),
    to,
    ...(release ? { release } : {}),
    ...(opts.progress ? { progress: opts.progress } : {}),
    ...(opts.warn ? { warn: opts.warn } : {}),
    ...(opts.reader ? { reader: opts.reader } : {}),
    keepUnreleased: !opts.all,
  });
  const view = buildChangelog(releases);
  return { markdown: formatChangelog(view, { document: opts.all === true }), view, releases: releases.length, to };
}

/**
 * The release a changelog of `to` starts from: the last tag on its first-parent line before it (a tag
 * on `to` itself is the release being described; for WORKTREE, HEAD's own tag counts).
 */
export async function previousRelease(repo: Repo, to: string): Promise<string | undefined> {
  const worktree = to === WORKTREE;
  const [tags, chain] = await Promise.all([repo.tags(), repo.firstParents(worktree ? 'HEAD' : to)]);
  const position = new Map(chain.map((sha, i) => [sha, i]));
  const limit = worktree ? chain.length : chain.length - 1;
  let best: { at: number; name: string } | undefined;
  for (const t of tags) {
    const at = position.get(t.sha);
    if (at !== undefined && at < limit && (!best || at >= best.at)) best = { at, name: t.name };
  }
  return best?.name;
}

export interface HistoryOptions {
  /** Exclusive start (a tag or any revision); omitted: the start of history. */
  from?: string;
  /** Inclusive end: a revision, or WORKTREE for the files on disk (default HEAD). */
  to?: string;
  /** Name and date (epoch seconds) for the changes after the last tag, as a release being made. */
  release?: { version: string; date: number };
  /** Called after each commit that touched a ladder file. */
  progress?: (done: number, total: number) => void;
  /** Problems that do not stop the changelog (a file that was no ladder at some commit). */
  warn?: (message: string) => void;
  /** List the changes after the last tag even when there are none (they then say so). */
  keepUnreleased?: boolean;
  /**
   * Reuse earlier work (default true): the parse of sections (and cells) seen in earlier versions, and
   * the comparison of a pair of versions already compared; false parses every version whole and
   * compares every pair afresh, for tests.
   */
  sectionCache?: boolean;
  /** The reader to parse with (historyReader): one that read some versions already hands them over. */
  reader?: RevisionReader;
  /** Consulted after each file read and each commit (default: 256 MiB, and half the live set; ReleaseWalk.heap). */
  heap?: { check(): void };
}

/** The reader of a history walk: through the section cache (unless told not to), a few parses kept. */
export function historyReader(repo: Repo, config: Config, sectionCache = true): RevisionReader {
  return new RevisionReader(repo, config, repo.root, { ...(sectionCache ? { markdown: createChunkedMarkdown() } : {}), cacheLimit: 64 });
}

interface Entry {
  blob: string;
  ladder: Ladder;
}

type State = Map<string, Entry>;

/**
 * Every release between two revisions, newest first, each with its release-level diff and the
 * per-commit diffs that explain it. One `rev-list` places the tags, one `git log` streams the commits
 * that touched ladder files, one `cat-file` serves the blobs; each blob is parsed once, and through a
 * section cache, so a commit costs the sections it touched.
 */
export async function readReleases(repo: Repo, config: Config, opts: HistoryOptions = {}): Promise<ReleaseInput[]> {
  const walk = new ReleaseWalk(repo, config, opts);
  await walk.start();
  await walk.commits();
  await walk.end();
  return walk.releases.reverse();
}

/**
 * One walk of the first-parent history from `from` to `to`: the ladders as they stand (`state`), the
 * commits' diffs since the last release (`pending`), and a release closed at every tag on the way.
 */
class ReleaseWalk {
  readonly releases: ReleaseInput[] = [];
  private readonly reader: RevisionReader;
  private readonly worktree: boolean;
  private readonly head: string;
  private readonly warn: (message: string) => void;
  /**
   * One lexicon for the whole walk: building it per commit cost more than some diffs. One memo of
   * comparisons: a ladder that one commit of a release edited is compared again, the same two
   * objects, in the release's diff.
   */
  private diffOptions: { policy: Config['bump']; lexicon: ReturnType<typeof buildLexicon>; memo?: ComparisonMemo };
  private state: State = new Map();
  private base: State = new Map();
  private baseLabel: string;
  private pending: CommitDiff[] = [];
  private moved: Array<{ from: string; to: string }> = [];
  /** Tags on the chain, by position, oldest first; `next` is the first not yet closed. */
  private boundaries: Array<[number, TagInfo]> = [];
  private next = 0;
  private position = new Map<string, number>();
  private chainLength = 0;

  constructor(
    private readonly repo: Repo,
    config: Config,
    private readonly opts: HistoryOptions,
  ) {
    this.reader = opts.reader ?? historyReader(repo, config, opts.sectionCache !== false);
    this.worktree = opts.to === WORKTREE;
    this.head = this.worktree || opts.to === undefined ? 'HEAD' : opts.to;
    this.warn = opts.warn ?? (() => {});
    this.diffOptions = { policy: config.bump, lexicon: buildLexicon(config.signals), ...(opts.sectionCache === false ? {} : { memo: comparisonMemo() }) };
    this.baseLabel = opts.from ?? 'none';
    this.heap = opts.heap ?? new HeapBudget(256 * 1024 * 1024, 0.5);
  }

  /**
   * Each version's parse and diff leave garbage behind the ladders the walk holds; with a large live
   * set V8 lets it pile up (2,000 ladders: 250 MB live, a 900 MB heap). Collected once the heap has
   * grown by 256 MiB and by half of what the last full collection left, so a repository of a few
   * hundred ladders (under 512 MB live) only ever waits for the 256 MiB. Checked after each file read,
   * not only after each commit: a commit that adds 2,000 ladders is where the heap grows most.
   */
  private readonly heap: { check(): void };

  private parse = (path: string, blob: string, content: Buffer): Ladder | undefined => {
    const result = this.reader.parse(path, blob, content);
    this.heap.check();
    if (!result.ladder) this.warn(`${path} (blob ${blob.slice(0, 7)}) could not be read as a ladder; its changes are counted from the next readable version`);
    return result.ladder;
  };

  /** The tags on the first-parent chain, and the ladders as they stand at `from`. */
  async start(): Promise<void> {
    const { repo, reader, opts } = this;
    const [tags, chain] = await Promise.all([repo.tags(), repo.firstParents(this.head, opts.from)]);
    this.position = new Map(chain.map((sha, i) => [sha, i]));
    this.chainLength = chain.length;
    // Several tags on one commit: the highest version names the release (tags come in version order).
    const tagAt = new Map<number, TagInfo>();
    for (const t of tags) {
      const p = this.position.get(t.sha);
      if (p !== undefined) tagAt.set(p, t);
    }
    this.boundaries = [...tagAt.entries()].sort((a, b) => a[0] - b[0]);
    if (opts.from !== undefined) {
      for (const f of await repo.listFiles(opts.from, reader.dir, '.md')) {
        if (!reader.isLadderPath(f.path)) continue;
        if (f.special) {
          this.warn(`${f.path} is a symbolic link at ${opts.from}; not read (not-regular-file)`);
          continue;
        }
        if (f.tooLarge !== undefined) {
          this.warn(`${f.path} is ${Math.round(f.tooLarge / 1024)} KiB at ${opts.from}; not read (file-too-large)`);
          continue;
        }
        const ladder = this.parse(f.path, f.blob!, f.content);
        if (ladder) this.state.set(f.path, { blob: f.blob!, ladder });
      }
    }
    this.base = new Map(this.state);
  }

  /** Every commit that touches a ladder, oldest first, in windows whose blobs are read together. */
  async commits(): Promise<void> {
    const { repo, reader, opts } = this;
    const commits: CommitInfo[] = [];
    for await (const c of repo.log({ ...(opts.from !== undefined ? { from: opts.from } : {}), to: this.head, paths: [reader.dir], firstParent: true })) {
      c.files = c.files.filter((f) => reader.isLadderPath(f.path) || (f.oldPath !== undefined && reader.isLadderPath(f.oldPath)));
      if (c.files.length > 0) commits.push(c);
    }
    const WINDOW = 64; // commits whose blobs are requested together, so cat-file answers stream back to back
    for (let w = 0; w < commits.length; w += WINDOW) {
      const window = commits.slice(w, w + WINDOW);
      const blobs = await repo.readBlobs(window.flatMap((c) => c.files.flatMap((f) => (f.newBlob && reader.isLadderPath(f.path) ? [f.newBlob] : []))));
      for (let i = 0; i < window.length; i++) {
        const c = window[i]!;
        this.closeUpTo(this.position.get(c.sha) ?? Infinity);
        const change = await applyCommit(c, this.state, blobs, repo, reader.isLadderPath.bind(reader), this.parse);
        this.moved.push(...change.renames);
        const d = diffLadders(change.before, change.after, { ...this.diffOptions, renames: change.renames });
        const changed = d.ladders.filter((l) => l.changes.length > 0);
        if (changed.length > 0) this.pending.push({ ref: refOf(c), ladders: changed });
        opts.progress?.(w + i + 1, commits.length);
        this.heap.check();
      }
    }
    this.closeUpTo(Infinity);
  }

  /** The working tree when asked for, then the last section: the release being made, or what is unreleased. */
  async end(): Promise<void> {
    const { opts, state } = this;
    let label = this.head;
    if (this.worktree) {
      label = WORKTREE;
      await this.readWorktree();
    }
    const endTag = !this.worktree && this.boundaries.at(-1)?.[0] === this.chainLength - 1 ? this.boundaries.at(-1)![1].name : undefined;
    // Building the release whose tag is already on `to`: that tag's section is the release.
    const released = opts.release !== undefined && opts.release.version === endTag && !differs(this.base, state);
    if (!released && (opts.release || differs(this.base, state) || (opts.keepUnreleased && endTag === undefined))) {
      this.close(opts.release?.version, opts.release?.date, label);
    }
  }

  private async readWorktree(): Promise<void> {
    const { reader, state } = this;
    const seen = new Set<string>();
    for (const f of await this.repo.listFiles(WORKTREE, reader.dir, '.md')) {
      if (!reader.isLadderPath(f.path)) continue;
      if (f.special) {
        this.warn(`${f.path} is not a regular file in the working tree; not read (not-regular-file)`);
        continue;
      }
      if (f.tooLarge !== undefined) {
        this.warn(`${f.path} is ${Math.round(f.tooLarge / 1024)} KiB in the working tree; not read (file-too-large)`);
        continue;
      }
      seen.add(f.path);
      const blob = gitBlobId(f.content);
      if (state.get(f.path)?.blob === blob) continue;
      const ladder = this.parse(f.path, blob, f.content);
      if (ladder) state.set(f.path, { blob, ladder });
    }
    for (const p of [...state.keys()]) if (!seen.has(p)) state.delete(p);
  }

  /** Closes the releases of every tag before chain position `p`. */
  private closeUpTo(p: number): void {
    while (this.next < this.boundaries.length && this.boundaries[this.next]![0] < p) {
      const tag = this.boundaries[this.next++]![1];
      this.close(tag.name, tag.date, tag.name);
    }
  }

  /** One release: the diff from the last one's ladders to these, and the commits in between. */
  private close(version: string | undefined, date: number | undefined, label: string): void {
    const { base, state } = this;
    // A file with the same blob at both ends has no change to report: only the others are diffed. A
    // derived ladder is always diffed, resolved: its parent's edits change it (scripts/derive/).
    const same = (p: string) => base.get(p)?.blob !== undefined && base.get(p)?.blob === state.get(p)?.blob && state.get(p)?.ladder.meta.extends === undefined;
    const diff = diffLadders(resolveLadders(ladders(base, same), ladders(base)), resolveLadders(ladders(state, same), ladders(state)), { ...this.diffOptions, renames: compose(this.moved), base: this.baseLabel, head: label });
    this.releases.push({ ...(version !== undefined ? { version } : {}), ...(date !== undefined ? { date } : {}), diff, commits: this.pending, touched: differs(base, state) });
    this.base = new Map(state);
    this.baseLabel = label;
    this.pending = [];
    this.moved = [];
    // Every pair compared so far had this release's base or its commits on one side: none comes again.
    if (this.diffOptions.memo) this.diffOptions.memo = comparisonMemo();
  }
}

interface CommitChange {
  before: Ladder[];
  after: Ladder[];
  renames: Array<{ from: string; to: string }>;
}

/** Moves the state over one commit; returns the touched ladders on both sides. */
async function applyCommit(
  c: CommitInfo,
  state: State,
  blobs: Map<string, Buffer>,
  repo: Repo,
  isLadder: (path: string) => boolean,
  parse: (path: string, blob: string, content: Buffer) => Ladder | undefined,
): Promise<CommitChange> {
  const out: CommitChange = { before: [], after: [], renames: [] };
  for (const f of c.files) {
    const oldPath = f.oldPath ?? f.path;
    let old = isLadder(oldPath) ? state.get(oldPath) : undefined;
    // The walk follows first parents, so the state holds the parent's blob; if not (odd histories), read it.
    if (f.oldBlob && isLadder(oldPath) && old?.blob !== f.oldBlob) {
      const content = (await repo.readBlobs([f.oldBlob])).get(f.oldBlob)!;
      const ladder = parse(oldPath, f.oldBlob, content);
      old = ladder ? { blob: f.oldBlob, ladder } : undefined;
    }
    if (old) out.before.push(old.ladder);
    if (f.status === 'R') state.delete(oldPath);
    if (f.newBlob === null || !isLadder(f.path)) {
      state.delete(f.path);
      continue;
    }
    const ladder = parse(f.path, f.newBlob, blobs.get(f.newBlob) ?? (await repo.readBlobs([f.newBlob])).get(f.newBlob)!);
    // An unreadable version keeps the last readable one, so its fix does not read as a new ladder.
    const entry = ladder ? { blob: f.newBlob, ladder } : old;
    if (entry) {
      state.set(f.path, entry);
      out.after.push(entry.ladder);
    }
    if (f.status === 'R' && isLadder(oldPath)) out.renames.push({ from: oldPath, to: f.path });
  }
  return out;
}

function ladders(s: State, skip: (path: string) => boolean = () => false): Ladder[] {
  return [...s.keys()].filter((k) => !skip(k)).sort().map((k) => s.get(k)!.ladder);
}

function differs(a: State, b: State): boolean {
  if (a.size !== b.size) return true;
  for (const [k, v] of a) if (b.get(k)?.blob !== v.blob) return true;
  return false;
}

/** Renames over several commits (a → b, then b → c) as one rename per file (a → c). */
function compose(renames: ReadonlyArray<{ from: string; to: string }>): Array<{ from: string; to: string }> {
  const out = new Map<string, string>();
  for (const r of renames) {
    const origin = [...out.entries()].find(([, to]) => to === r.from)?.[0] ?? r.from;
    out.set(origin, r.to);
  }
  return [...out.entries()].filter(([a, b]) => a !== b).map(([from, to]) => ({ from, to }));
}
