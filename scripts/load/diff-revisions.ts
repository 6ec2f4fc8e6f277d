import type { Config } from '../config/index.js';
import { buildLexicon, buildView, compareLadders, type DiffResult, type DiffView, type LadderComparison } from '../diff/index.js';
import type { Repo } from '../git/index.js';
import { RevisionReader } from './revisions.js';

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
}

/**
 * The one way two revisions are diffed: `diff`, `comment`, `check` and the PR steps all call it. The
 * base is read as it is; the head strictly (a head that parses only in part throws
 * UnreadableRevisionError rather than showing what the parser missed as removed).
 */
export async function diffRevisions(repo: Repo, config: Config, cwd: string, base: string, head: string, opts: DiffScope = {}): Promise<RevisionsDiff> {
  const reader = new RevisionReader(repo, config, cwd);
  // Base first: an unknown or shallow-missing base is the likelier mistake, and its error the clearer.
  const before = await reader.read(base, opts.only ? { only: opts.only.base } : {});
  const after = await reader.read(head, { strict: true, ...(opts.only ? { only: opts.only.head } : {}) });
  const renames = opts.renames ?? (await reader.renames(base, head));
  const { result, comparisons } = compareLadders(before.ladders, after.ladders, { policy: config.bump, lexicon: buildLexicon(config.signals), renames, base, head });
  let view: DiffView | undefined;
  return {
    result,
    comparisons,
    view: () => (view ??= buildView(result, comparisons)),
    changed: result.ladders.some((l) => l.status !== 'unchanged'),
  };
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
