import type { Config } from '../config/index.js';
import { buildLexicon, buildView, compareLadders, type DiffResult, type DiffView, type LadderComparison, type LadderDiff } from '../diff/index.js';
import { WORKTREE, type Repo, type RepoFile } from '../git/index.js';
import { byCodePoint } from '../model/order.js';
import { RevisionReader, gitBlobId } from './revisions.js';
import { SummaryCache, type CacheEnv, type CachedHead, type LadderSummary } from './summary-cache.js';
import { GUARD_MIN_BYTES } from './parse-guard.js';
import { quickHead } from '../parse/index.js';
import { siblingMeta } from '../rules/sibling.js';

/** The semantic diff of two revisions, computed once: the result (DESIGN §3) and its view model. */
export interface RevisionsDiff {
  result: DiffResult;
  comparisons: LadderComparison[];
  /** Built on first use: json needs none of it. */
  view(): DiffView;
  /** Whether any ladder changes at all (formatting-only edits report none). */
  changed: boolean;
}

/** Read only these files (repo paths) at each side: what a pull request changes (pr-check.ts). */
export interface DiffScope {
  only?: { base: ReadonlySet<string>; head: ReadonlySet<string> };
  /** Renames already known (from the same `git diff` that found the changed files). */
  renames?: Array<{ from: string; to: string }>;
  /**
   * Where the skipping path keeps its summaries, and whether to take it: `LADDER_FULL_PATH=1` parses
   * every ladder on both sides (the reference the skipping path is tested against).
   */
  env?: CacheEnv & { LADDER_FULL_PATH?: string };
}

/**
 * The one way two revisions are diffed: `diff`, `comment`, `check` and the PR steps all call it. The
 * base is read as it is; the head strictly (a head that parses only in part throws
 * UnreadableRevisionError rather than showing what the parser missed as removed).
 */
export async function diffRevisions(repo: Repo, config: Config, cwd: string, base: string, head: string, opts: DiffScope = {}): Promise<RevisionsDiff> {
  const env = opts.env ?? process.env;
  if (!opts.only && env.LADDER_FULL_PATH !== '1') {
    const fast = await skippingDiff(repo, config, cwd, base, head, SummaryCache.open(repo.root, config, env));
    if (fast) return withView(fast);
  }
  const reader = new RevisionReader(repo, config, cwd);
  // Base first: an unknown or shallow-missing base is the likelier mistake, and its error the clearer.
  const before = await reader.read(base, opts.only ? { only: opts.only.base } : {});
  const after = await reader.read(head, { strict: true, ...(opts.only ? { only: opts.only.head } : {}) });
  const renames = opts.renames ?? (await reader.renames(base, head));
  return withView(compareLadders(before.ladders, after.ladders, { policy: config.bump, lexicon: buildLexicon(config.signals), renames, base, head }));
}

function withView({ result, comparisons }: { result: DiffResult; comparisons: LadderComparison[] }): RevisionsDiff {
  let view: DiffView | undefined;
  return {
    result,
    comparisons,
    view: () => (view ??= buildView(result, comparisons)),
    changed: result.ladders.some((l) => l.status !== 'unchanged'),
  };
}

/**
 * The diff of two commits parsing only the ladder files whose blob differs (git's raw diff, by id).
 * A file with the same path and blob on both sides is the same ladder on both, so it is listed as
 * unchanged from its summary (id, title, whether it reads cleanly), cached by blob id. Anything the
 * full read would stop at (an unreadable or unclean unchanged file, an id used twice, any error while
 * reading the changed files) returns undefined: the full path then reports it, word for word.
 */
async function skippingDiff(repo: Repo, config: Config, cwd: string, base: string, head: string, cache: SummaryCache): Promise<{ result: DiffResult; comparisons: LadderComparison[] } | undefined> {
  const reader = new RevisionReader(repo, config, cwd);
  let changes, baseFiles, headFiles;
  let touched = new Set<string>();
  try {
    // Names resolved once; both listings then run side by side, reading only the blobs that differ.
    const [b, h] = await Promise.all([repo.resolve(base), head === WORKTREE ? WORKTREE : repo.resolve(head)]);
    changes = await repo.changes(b, h, reader.dir);
    // Both paths of a rename; everything else git lists differs by blob, mode or presence.
    touched = new Set(changes.flatMap((c) => (c.oldPath !== undefined ? [c.path, c.oldPath] : [c.path])));
    const read = (p: string) => touched.has(p);
    if (h === WORKTREE) {
      // Files on disk carry no blob id: those git calls unchanged get theirs by hashing, and any whose
      // bytes are not the base's blob after all (an eol or clean filter) is read on both sides.
      const [listed, disk] = await Promise.all([repo.listFiles(b, reader.dir, '.md', { read: () => false }), repo.listFiles(h, reader.dir, '.md')]);
      const baseIds = new Map(listed.map((f) => [f.path, f.blob]));
      headFiles = disk.map((f) => {
        if (touched.has(f.path) || f.special || f.tooLarge !== undefined) return f;
        const blob = gitBlobId(f.content);
        if (baseIds.get(f.path) === blob) return { ...f, blob };
        touched.add(f.path);
        return f;
      });
      const contents = await repo.readBlobs(listed.flatMap((f) => (f.unread && read(f.path) ? [f.blob!] : [])));
      baseFiles = listed.map((f): RepoFile => (f.unread && read(f.path) ? { path: f.path, blob: f.blob, content: contents.get(f.blob!)! } : f));
    } else {
      [baseFiles, headFiles] = await Promise.all([repo.listFiles(b, reader.dir, '.md', { read }), repo.listFiles(h, reader.dir, '.md', { read })]);
    }
  } catch {
    return undefined; // the full path meets the same problem and reports it in its own order
  }
  const same = headFiles.filter((f) => !touched.has(f.path) && reader.isLadderPath(f.path));
  if (same.some((f) => f.special || f.tooLarge !== undefined || !f.blob)) return undefined;
  // Unchanged files by blob id: from the cache (a summary, or the head an earlier diff read), else from
  // their frontmatter when it says all that is needed (parse/head.ts), else read (one cat-file) and
  // parsed once; cached either way.
  const heads = same.map((f): UnchangedHead | undefined => {
    const summary = headOf(cache.known(f.path, f.blob!));
    if (summary) return summary;
    const remembered = cache.knownHead(f.path, f.blob!);
    return remembered && cleanHead(remembered);
  });
  const missing = same.flatMap((f, i) => (heads[i] ? [] : [{ f, i }]));
  if (missing.length > 0) {
    let contents;
    try {
      // Files read from disk already hold their bytes.
      contents = await repo.readBlobs(missing.flatMap(({ f }) => (f.unread ? [f.blob!] : [])));
    } catch {
      return undefined;
    }
    for (const { f, i } of missing) {
      const content = f.unread ? contents.get(f.blob!)! : f.content;
      const quick = quickHead(content, f.path, GUARD_MIN_BYTES);
      if (quick) {
        // What the next diff (and validate <file>) will know this version by, and this diff now.
        const head = { id: quick.id, title: quick.title, ...siblingMeta(quick.meta), ...(quick.meta.effective !== undefined ? { effective: quick.meta.effective } : {}) };
        cache.addHead(f.path, f.blob!, head);
        heads[i] = cleanHead(head);
      } else heads[i] = headOf(cache.add(f.path, f.blob!, reader.parseFile({ path: f.path, blob: f.blob, content })));
    }
  }
  const unchanged: LadderDiff[] = [];
  const ids = new Set<string>();
  for (const [i, f] of same.entries()) {
    const kept = heads[i]!;
    if (!kept.clean) return undefined;
    if (ids.has(kept.id.toLowerCase())) return undefined;
    ids.add(kept.id.toLowerCase());
    // Keys in compareLadders' order: the json output is the full path's, byte for byte.
    unchanged.push({ id: kept.id, title: kept.title, status: 'unchanged', bump: 'none', file: f.path, ...(kept.effective !== undefined ? { effective: kept.effective } : {}), changes: [] });
  }
  let before, after;
  try {
    before = await reader.read(base, { only: touched, files: baseFiles });
    after = await reader.read(head, { strict: true, only: touched, files: headFiles });
  } catch {
    return undefined;
  }
  // An unchanged file sharing an id with a changed one, on either side: the full read refuses that.
  if ([...before.ladders, ...after.ladders].some((l) => ids.has(l.id.toLowerCase()))) return undefined;
  // Derived ladders (scripts/derive/): a changed child is resolved against a parent this path did not
  // read, and an unchanged child of a changed parent changes with it. The full path reads both.
  const changedIds = new Set([...before.ladders, ...after.ladders].map((l) => l.id.toLowerCase()));
  if ([...before.ladders, ...after.ladders].some((l) => typeof l.meta.extends === 'string')) return undefined;
  if (heads.some((h) => h!.derivedFrom?.some((id) => changedIds.has(id.toLowerCase()) || !ids.has(id.toLowerCase())))) return undefined;
  const renames = changes.filter((c) => c.status === 'R' && c.oldPath !== undefined).map((c) => ({ from: c.oldPath!, to: c.path }));
  const { result, comparisons } = compareLadders(before.ladders, after.ladders, { policy: config.bump, lexicon: buildLexicon(config.signals), renames, base, head });
  // Sorted as compareLadders sorts; unchanged ladders add no bump.
  const ladders = [...result.ladders, ...unchanged].sort((x, y) => byCodePoint(x.id, y.id) || byCodePoint(x.fromId ?? '', y.fromId ?? '') || byCodePoint(x.status, y.status));
  return { result: { ...result, ladders }, comparisons };
}

/** What the skipping diff needs of an unchanged ladder; `clean` false also when the file is no ladder. */
interface UnchangedHead {
  id: string;
  title: string;
  clean: boolean;
  derivedFrom?: string[];
  effective?: string;
}

/** A head read from the frontmatter alone (quickHead, now or by an earlier diff): quickHead answers only for a file that reads cleanly. */
function cleanHead(head: CachedHead): UnchangedHead {
  return { id: head.id, title: head.title, clean: true, ...(head.effective !== undefined ? { effective: head.effective } : {}) };
}

function headOf(summary: LadderSummary | undefined): UnchangedHead | undefined {
  if (!summary) return undefined;
  const { sibling, title, effective } = summary;
  if (!sibling || title === undefined) return { id: '', title: '', clean: false };
  return { id: sibling.id, title, clean: summary.clean, ...(sibling.derivedFrom ? { derivedFrom: sibling.derivedFrom } : {}), ...(effective !== undefined ? { effective } : {}) };
}

export const DIFF_FORMATS = ['text', 'markdown', 'json', 'html'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** The file name each format gets when one run writes them all (`ladder diff --output-dir`). */
export const DIFF_FILES: Record<DiffFormat, string> = { text: 'diff.txt', markdown: 'diff.md', json: 'diff.json', html: 'diff.html' };

/** One format of a computed diff. Formatters load on demand: json needs neither remark nor hast. */
export async function formatDiff(diff: RevisionsDiff, format: DiffFormat, color = false): Promise<string> {
  if (format === 'json') return (await import('../diff/format/json.js')).formatJson(diff.result);
  if (format === 'markdown') return (await import('../diff/format/markdown.js')).formatMarkdown(diff.view());
  if (format === 'html') return (await import('../diff/format/html.js')).formatHtml(diff.view());
  return (await import('../diff/format/text.js')).formatText(diff.view(), { color });
}
