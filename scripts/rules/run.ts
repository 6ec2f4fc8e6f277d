import type { Config } from '../config/index.js';
import { compareDiagnostics, type Diagnostic, type Severity, type SeveritySetting } from '../model/diagnostic.js';
import { UsageError } from '../model/errors.js';
import type { Ladder } from '../model/ladder.js';
import type { PinnedSources } from '../model/translation.js';
import type { ParseResult } from '../parse/types.js';
import { byCodePoint } from '../model/order.js';
import { registry } from './registry.js';
import { isLadder, ladderOf, siblingOf, type Sibling } from './sibling.js';
import { suggest } from './text.js';
import { resolveDerived, resolveLadders } from '../derive/index.js';

/** Each rule's effective severity: the config override, else its default. Unknown ids are a usage error. */
export function resolveSeverities(overrides: Readonly<Record<string, SeveritySetting>> = {}): Map<string, SeveritySetting> {
  const out = new Map<string, SeveritySetting>(registry.map((rule) => [rule.id, rule.severity]));
  for (const [id, setting] of Object.entries(overrides)) {
    if (!out.has(id)) {
      const guess = suggest(id, [...out.keys()]);
      throw new UsageError(
        `unknown rule id "${id}" in config "rules"${guess ? ` (did you mean "${guess}"?)` : ''}; run "ladder validate --help" for the list`,
      );
    }
    out.set(id, setting);
  }
  return out;
}

export interface RunOptions {
  /**
   * Ladders that count as siblings but are not checked themselves (validate on a subset of files):
   * parsed, or only their summaries (sibling.ts), which is all cross-ladder rules read. A checked
   * translation's source must be parsed: the translation rules compare the two.
   */
  context?: readonly (Ladder | Sibling)[];
  /** Translation sources at their pinned revisions (load/translations.ts); without it, translations are checked against the current source. */
  pinned?: PinnedSources;
}

function fileOf(result: ParseResult): string | undefined {
  return result.ladder?.file ?? result.diagnostics[0]?.file;
}

/**
 * Parser diagnostics plus every enabled rule on every parsed file, severities from config, sorted.
 * Pure: the same input gives the same output.
 */
export function runRules(input: readonly ParseResult[], config: Config, options: RunOptions = {}): Diagnostic[] {
  // Rules see a derived ladder resolved (a no-op for what the loader already resolved).
  const parsed = resolveDerived(input, (options.context ?? []).filter(isLadder));
  const severities = resolveSeverities(config.rules);
  const ladders = parsed.flatMap((r) => (r.ladder ? [r.ladder] : []));
  // Sorted so "the first sibling using a category" does not depend on argument order.
  // Context ladders that extend another are compared resolved, as the checked ones are (summaries as they are).
  const context = options.context ?? [];
  const parsedContext = context.filter(isLadder);
  const resolvedContext = new Map(resolveLadders(parsedContext, ladders).map((l, i) => [parsedContext[i]!, l]));
  const all = [...ladders, ...context.map((l) => (isLadder(l) ? resolvedContext.get(l)! : l))]
    .map((l) => ({ ladder: isLadder(l) ? l : undefined, sibling: isLadder(l) ? siblingOf(l) : l }))
    .sort((a, b) => byCodePoint(a.sibling.file, b.sibling.file));
  const out: Diagnostic[] = [];
  const moved: Diagnostic[] = [];
  const factsOf = new Map(parsed.flatMap((r) => (r.ladder ? [[r.ladder, r.facts] as const] : [])));
  // A rule that restates what the parser already reported in the same file (no-levels) is dropped.
  const fromParser = new Set<string>();

  for (const result of parsed) {
    for (const d of result.diagnostics) {
      fromParser.add(`${d.file}\u0000${d.ruleId}`);
      const setting = severities.get(d.ruleId) ?? d.severity;
      if (setting !== 'off') out.push(setting === d.severity ? d : { ...d, severity: setting });
    }
  }
  for (const result of parsed) {
    const file = fileOf(result);
    if (file === undefined) continue;
    const siblings = all.filter((l) => (l.ladder === undefined || l.ladder !== result.ladder) && l.sibling.file !== file).map((l) => l.sibling);
    const pinned = options.pinned ? { pinned: options.pinned } : {};
    const input = { ladder: result.ladder, facts: result.facts, file, siblings, config, ...pinned };
    // A derived ladder's finding that its parent has too, at the same place, is about inherited text.
    // The parent must have been parsed in this run (validate <file> parses a checked child's parent in full).
    const parentEntry = result.ladder?.derivedFrom ? all.find((l) => l.sibling.id === result.ladder!.derivedFrom![0]) : undefined;
    const parent = parentEntry && (parentEntry.ladder ?? ladderOf(parentEntry.sibling));
    const parentInput = parent && { ladder: parent, facts: factsOf.get(parent) ?? { tables: [], occurrences: [] }, file: parent.file, siblings: all.filter((l) => l !== parentEntry).map((l) => l.sibling), config, ...pinned };
    for (const rule of registry) {
      if (rule.origin !== 'rule') continue;
      const setting = severities.get(rule.id)!;
      if (setting === 'off') continue;
      if (fromParser.has(`${file}\u0000${rule.id}`)) continue;
      const found = rule.run(input, setting as Severity);
      let parentFound: Diagnostic[] | undefined;
      for (const d of found) {
        if (parentInput && inParent(d, (parentFound ??= rule.run(parentInput, setting as Severity)), result.ladder!)) moved.push(inheritedFinding(d, result.ladder!));
        else out.push(d);
      }
    }
  }
  // A finding at text a derived ladder inherits is the parent's: reported there, once.
  const seen = new Set(out.map((d) => `${placeKey(d.file, d.position)}\u0000${d.ruleId}`));
  for (const d of moved) {
    const key = `${placeKey(d.file, d.position)}\u0000${d.ruleId}`;
    if (!seen.has(key)) out.push(d);
    seen.add(key);
  }
  return out.sort((a, b) => compareDiagnostics(a, b) || byCodePoint(a.message, b.message));
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}

const placeKey = (file: string, p: { line: number; column: number }) => `${file}\u0000${p.line}:${p.column}`;

/**
 * A finding on inherited text: the parent's run of the same rule reports the same place (messages may
 * differ: they name the child's level titles), and that line holds inherited text, not the child's own.
 */
const inParent = (d: Diagnostic, parentFound: readonly Diagnostic[], ladder: Ladder) =>
  parentFound.some((p) => p.position.line === d.position.line && p.position.column === d.position.column) && inheritedFileAt(ladder, d.position.line) !== undefined;

/** The file of the inherited text at a line of a derived ladder's model, unless the child's own text is there too. */
function inheritedFileAt(ladder: Ladder, line: number): string | undefined {
  const cells = [...ladder.shared, ...ladder.levels.flatMap((l) => l.cells)];
  const all = [...ladder.levels, ...cells, ...cells.flatMap((c) => c.expectations)].filter((o) => o.position.line === line);
  const inherited = all.filter((o) => o.origin?.kind === 'inherited' && o.origin.file !== ladder.file);
  return inherited.length > 0 && inherited.length === all.length ? inherited[0]!.origin!.file : undefined;
}

/** The finding moved to the file that holds the inherited text (the parent's, or further up), saying who inherits it. */
function inheritedFinding(d: Diagnostic, ladder: Ladder): Diagnostic {
  return { ...d, file: inheritedFileAt(ladder, d.position.line)!, message: `${d.message} (inherited by ${ladder.id})` };
}
