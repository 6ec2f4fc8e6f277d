import { byCodePoint } from './order.js';
import type { Position } from './ladder.js';

export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

export interface Related {
  file?: string;
  position: Position;
  message: string;
}

/** One finding about one place in one file, as remark-lint's VFileMessage but plain data. */
export interface Diagnostic {
  file: string;
  position: Position;
  severity: Severity;
  /** Stable kebab-case rule id from the registry (`scripts/rules/registry.ts`) or a parse id. */
  ruleId: string;
  message: string;
  related?: Related[];
}

/** An error about a whole file (too large, unreadable, …), reported at its first line. */
export function fileError(file: string, ruleId: string, message: string): Diagnostic {
  return { file, position: { line: 1, column: 1 }, severity: 'error', ruleId, message };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    byCodePoint(a.file, b.file) ||
    a.position.line - b.position.line ||
    a.position.column - b.position.column ||
    byCodePoint(a.ruleId, b.ruleId)
  );
}
