import { safeLine, stripUnsafe } from '../model/sanitize.js';
import { styleText } from 'node:util';
import type { Diagnostic } from '../model/diagnostic.js';

export const FORMATS = ['stylish', 'json', 'github'] as const;
export type DiagnosticFormat = (typeof FORMATS)[number];

type Style = Parameters<typeof styleText>[0];

function painter(color: boolean) {
  // validateStream: false because the caller already decided (TTY, NO_COLOR); Node 20 ignores the option.
  return (style: Style, text: string) => (color ? styleText(style, text, { validateStream: false } as never) : text);
}

function where(file: string, p: { line: number; column: number }): string {
  return `${file}:${p.line}:${p.column}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Messages quote ladder text and file names: no escapes or bidi overrides reach a terminal or an annotation. */
function forPeople(d: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...d, file: safeLine(d.file), message: stripUnsafe(d.message) };
  if (d.related) out.related = d.related.map((r) => ({ ...r, ...(r.file !== undefined ? { file: safeLine(r.file) } : {}), message: stripUnsafe(r.message) }));
  return out;
}

/** `file:line:col  severity  message  rule-id`, grouped per file, with a summary line. */
export function formatStylish(unsafe: readonly Diagnostic[], options: { color?: boolean; files?: number } = {}): string {
  const diagnostics = unsafe.map(forPeople);
  const paint = painter(options.color ?? false);
  if (diagnostics.length === 0) {
    const checked = options.files === undefined ? '' : `${plural(options.files, 'ladder')} checked, `;
    return `${paint('green', '✔')} ${checked}no problems\n`;
  }
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(paint('underline', file));
    const places = list.map((d) => where(d.file, d.position));
    const placeWidth = Math.max(...places.map((p) => p.length));
    // Align rule ids while messages are short; past that, padding only adds trailing blanks.
    const longest = Math.max(...list.map((d) => d.message.length));
    const messageWidth = longest <= 80 ? longest : 0;
    list.forEach((d, i) => {
      const severity = d.severity === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning');
      out.push(`  ${places[i]!.padEnd(placeWidth)}  ${severity}  ${d.message.padEnd(messageWidth)}  ${paint('dim', d.ruleId)}`);
      for (const r of d.related ?? []) {
        out.push(paint('dim', `    ↳ ${where(r.file ?? d.file, r.position)}  ${r.message}`));
      }
    });
    out.push('');
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const summary = `✖ ${plural(diagnostics.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  out.push(paint('bold', paint(errors > 0 ? 'red' : 'yellow', summary)));
  return `${out.join('\n')}\n`;
}

/** The flat, stable JSON shape tools rely on. */
export function toJsonDiagnostics(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map((d) => ({
    file: d.file,
    line: d.position.line,
    column: d.position.column,
    ...(d.position.endLine !== undefined ? { endLine: d.position.endLine } : {}),
    ...(d.position.endColumn !== undefined ? { endColumn: d.position.endColumn } : {}),
    severity: d.severity,
    ruleId: d.ruleId,
    message: d.message,
    related: (d.related ?? []).map((r) => ({
      file: r.file ?? d.file,
      line: r.position.line,
      column: r.position.column,
      message: r.message,
    })),
  }));
}

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(toJsonDiagnostics(diagnostics), null, 2)}\n`;
}

/** Workflow-command escaping, as @actions/core does it: data escapes %, CR, LF; properties also `:` and `,`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…,title=rule-id::message`, one per diagnostic: annotations on the PR. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map(forPeople)
    .map((d) => {
      const props: Array<[string, string | number]> = [
        ['file', d.file],
        ['line', d.position.line],
        ['col', d.position.column],
      ];
      if (d.position.endLine !== undefined) props.push(['endLine', d.position.endLine]);
      if (d.position.endColumn !== undefined) props.push(['endColumn', d.position.endColumn]);
      props.push(['title', d.ruleId]);
      const related = (d.related ?? []).map((r) => `\n${where(r.file ?? d.file, r.position)}: ${r.message}`).join('');
      const command = d.severity === 'error' ? 'error' : 'warning';
      return `::${command} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(d.message + related)}\n`;
    })
    .join('');
}

export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  options: { color?: boolean; files?: number } = {},
): string {
  if (format === 'json') return formatJson(diagnostics);
  if (format === 'github') return formatGithub(diagnostics);
  return formatStylish(diagnostics, options);
}

/** Colour only for a terminal, and never when NO_COLOR is set (FORCE_COLOR forces it). */
export function wantsColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
