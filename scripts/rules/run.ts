import type { Config } from '../config/index.js';
import { compareDiagnostics, type Diagnostic, type Severity, type SeveritySetting } from '../model/diagnostic.js';
import { UsageError } from '../model/errors.js';
import type { Ladder } from '../model/ladder.js';
import type { ParseResult } from '../parse/types.js';
import { byCodePoint } from '../model/order.js';
import { registry } from './registry.js';
import { suggest } from './text.js';
import { resolveDerived } from '../derive/index.js';

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
  /** Ladders that count as siblings but are not checked themselves (validate on a subset of files). */
  context?: readonly Ladder[];
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
  const parsed = resolveDerived(input, options.context);
  const severities = resolveSeverities(config.rules);
  const ladders = parsed.flatMap((r) => (r.ladder ? [r.ladder] : []));
  // Sorted so "the first sibling using a category" does not depend on argument order.
  const all = [...ladders, ...(options.context ?? [])].sort((a, b) => byCodePoint(a.file, b.file));
  const out: Diagnostic[] = [];
  const moved: Diagnostic[] = [];
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
    const siblings = all.filter((l) => l !== result.ladder && l.file !== file);
    const input = { ladder: result.ladder, facts: result.facts, file, siblings, config };
    const inherited = result.ladder?.derivedFrom ? inheritedPlaces(result.ladder) : undefined;
    for (const rule of registry) {
      if (rule.origin !== 'rule') continue;
      const setting = severities.get(rule.id)!;
      if (setting === 'off') continue;
      if (fromParser.has(`${file}\u0000${rule.id}`)) continue;
      const found = rule.run(input, setting as Severity);
      for (const d of found) {
        if (inherited?.has(placeKey(d.file, d.position))) moved.push(inheritedFinding(d, inherited, result.ladder!));
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

/** Places in a derived ladder that hold inherited text (in its parent's file), keyed in the child's file, with that file. */
function inheritedPlaces(ladder: Ladder): Map<string, string> {
  const own = new Set<string>();
  const out = new Map<string, string>();
  const note = (o: { position: { line: number; column: number }; origin?: { kind: string; file: string } }) => {
    if (o.origin?.kind === 'inherited' && o.origin.file !== ladder.file) out.set(placeKey(ladder.file, o.position), o.origin.file);
    else own.add(placeKey(ladder.file, o.position));
  };
  for (const level of ladder.levels) {
    note(level);
    for (const cell of level.cells) [cell, ...cell.expectations].forEach(note);
  }
  for (const cell of ladder.shared) [cell, ...cell.expectations].forEach(note);
  // Where the child's own line and an inherited one share line:column, the child's text wins.
  for (const key of own) out.delete(key);
  return out;
}

function inheritedFinding(d: Diagnostic, places: ReadonlyMap<string, string>, ladder: Ladder): Diagnostic {
  return { ...d, file: places.get(placeKey(d.file, d.position))!, message: `${d.message} (inherited by ${ladder.id})` };
}
