import type { Config } from '../config/index.js';
import { compareDiagnostics, type Diagnostic, type Severity, type SeveritySetting } from '../model/diagnostic.js';
import { UsageError } from '../model/errors.js';
import type { Ladder } from '../model/ladder.js';
import type { PinnedSources } from '../model/translation.js';
import type { ParseResult } from '../parse/types.js';
import { byCodePoint } from '../model/order.js';
import { registry } from './registry.js';
import { isLadder, siblingOf, type Sibling } from './sibling.js';
import { suggest } from './text.js';

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
export function runRules(parsed: readonly ParseResult[], config: Config, options: RunOptions = {}): Diagnostic[] {
  const severities = resolveSeverities(config.rules);
  const ladders = parsed.flatMap((r) => (r.ladder ? [r.ladder] : []));
  // Sorted so "the first sibling using a category" does not depend on argument order.
  const all = [...ladders, ...(options.context ?? [])]
    .map((l) => ({ ladder: isLadder(l) ? l : undefined, sibling: isLadder(l) ? siblingOf(l) : l }))
    .sort((a, b) => byCodePoint(a.sibling.file, b.sibling.file));
  const out: Diagnostic[] = [];
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
    const input = { ladder: result.ladder, facts: result.facts, file, siblings, config, ...(options.pinned ? { pinned: options.pinned } : {}) };
    for (const rule of registry) {
      if (rule.origin !== 'rule') continue;
      const setting = severities.get(rule.id)!;
      if (setting === 'off') continue;
      if (fromParser.has(`${file}\u0000${rule.id}`)) continue;
      out.push(...rule.run(input, setting as Severity));
    }
  }
  return out.sort((a, b) => compareDiagnostics(a, b) || byCodePoint(a.message, b.message));
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}
