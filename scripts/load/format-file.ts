import { fileError, type Diagnostic } from '../model/diagnostic.js';
import type { Shape } from '../model/ladder.js';
import { checkBudgets } from '../parse/budget.js';
import { comparableLadder, firstDifference } from '../parse/compare.js';
import { decodeSource } from '../parse/decode.js';
import { formatLadder } from '../parse/format.js';
import { parsePinned } from './workspace.js';

export type Outcome = { kind: 'unchanged' } | { kind: 'changed'; output: string } | { kind: 'problem'; diagnostic: Diagnostic };

/**
 * Format one file's bytes; refuse (as a diagnostic) when the file is not text or formatting would
 * change its model. `format` is a parameter so tests can prove the safety net holds.
 */
export function formatOne(bytes: Uint8Array, file: string, shapes: Readonly<Record<string, Shape>> = {}, format: (s: string) => string = formatLadder): Outcome {
  const problem = (ruleId: string, message: string): Outcome => ({ kind: 'problem', diagnostic: fileError(file, ruleId, message) });
  const decoded = decodeSource(bytes, file);
  if (decoded.diagnostic) return decoded.diagnostic.ruleId === 'empty-file' ? { kind: 'unchanged' } : { kind: 'problem', diagnostic: decoded.diagnostic };
  // Over a budget, remark-stringify would be as slow as the parse the budget avoids: left as it is.
  const overBudget = checkBudgets(decoded.text!, file);
  if (overBudget.length > 0) return { kind: 'problem', diagnostic: overBudget[0]! };
  let output: string;
  try {
    output = format(new TextDecoder().decode(bytes));
  } catch (err) {
    return problem('fmt-error', `Could not format the file (${(err as Error)?.message?.split('\n')[0]}), so it was left as it is; please report this file`);
  }
  if (Buffer.from(output).equals(bytes)) return { kind: 'unchanged' };
  // A safety net for remark-stringify edge cases: never rewrite a file into a different ladder.
  const before = parsePinned(bytes, file, shapes);
  const after = parsePinned(Buffer.from(output), file, shapes);
  const crash = [...before.diagnostics, ...after.diagnostics].find((d) => d.ruleId === 'parse-error');
  if (crash) return { kind: 'problem', diagnostic: crash };
  const diff =
    before.ladder && after.ladder ? firstDifference(comparableLadder(before.ladder), comparableLadder(after.ladder)) : before.ladder || after.ladder ? { path: '$' } : undefined;
  if (diff) return problem('fmt-unsafe', `Formatting would change the parsed ladder at \`${diff.path}\`, so the file was left as it is; please report this file`);
  return { kind: 'changed', output };
}
