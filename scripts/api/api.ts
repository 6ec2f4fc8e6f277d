import { loadConfig, type Config } from '../config/index.js';
import { buildView, compareLadders, type DiffOptions, type DiffResult, type DiffView } from '../diff/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Ladder } from '../model/ladder.js';
import type { ParseResult } from '../parse/index.js';
import type { SiteInfo } from '../render/html/index.js';
import type { PdfOptions, PdfResult } from '../render/pdf/index.js';
import { runRules } from '../rules/index.js';
import { loadWorkspace } from '../load/workspace.js';

/** The ladders of a repository as `ladder validate` sees them: its config, and every file parsed. */
export interface Loaded {
  config: Config;
  results: ParseResult[];
  /** The files that parsed into a ladder. */
  ladders: Ladder[];
}

/** Reads the config and every ladder under `root` (or the given files, folders or globs). */
export function load(root: string = process.cwd(), paths: readonly string[] = []): Loaded {
  const config = loadConfig(root);
  const results = loadWorkspace({ cwd: root }, paths, config);
  return { config, results, ladders: results.flatMap((r) => (r.ladder ? [r.ladder] : [])) };
}

/** Parse problems and rule findings, sorted by file, line, column: what `ladder validate` prints. */
export function validate(loaded: Pick<Loaded, 'config' | 'results'>): Diagnostic[] {
  return runRules(loaded.results, loaded.config);
}

/** The semantic diff of two sets of ladders: the DESIGN §3 result (`--format json`) and its view model. */
export function diff(before: readonly Ladder[], after: readonly Ladder[], options: DiffOptions = {}): { result: DiffResult; view: DiffView } {
  const { result, comparisons } = compareLadders(before, after, options);
  return { result, view: buildView(result, comparisons) };
}

/** One ladder's self-contained HTML page, with the theme shipped in the package's templates/. */
export async function renderHtml(ladder: Ladder, site: Partial<SiteInfo> = {}): Promise<string> {
  const [{ renderLadderPage }, { loadTheme }] = await Promise.all([import('../render/html/index.js'), import('../release/release.js')]);
  const full: SiteInfo = { version: 'unreleased', date: new Date().toISOString().slice(0, 10), organization: '', pdf: false, ...site };
  return renderLadderPage(ladder, full, loadTheme());
}

/** One ladder as PDF (DejaVu Sans embedded). pdfkit loads only when this is called. */
export async function renderPdf(ladder: Ladder, options: Partial<PdfOptions> = {}): Promise<PdfResult> {
  const { renderLadderPdf } = await import('../render/pdf/index.js');
  return renderLadderPdf(ladder, { version: 'unreleased', date: new Date(), organization: '', pageSize: 'A4', ...options });
}
