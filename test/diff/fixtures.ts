import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Ladder } from '../../scripts/model/ladder.js';
import { parseLadder } from '../../scripts/parse/index.js';

export const FIXTURES = new URL('../fixtures/diff/', import.meta.url).pathname;

export function fixtureCases(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Parses one side of a case as `ladders/<id>.md`, as it would sit in a ladder repository. */
export function readSide(name: string, side: 'base' | 'head'): Ladder | undefined {
  const file = join(FIXTURES, name, `${side}.md`);
  if (!existsSync(file)) return undefined;
  const source = readFileSync(file);
  const first = parseLadder(source, 'ladder.md');
  if (!first.ladder) throw new Error(`${name}/${side}.md does not parse: ${JSON.stringify(first.diagnostics)}`);
  const result = parseLadder(source, `ladders/${first.ladder.id}.md`);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.ladder || errors.length > 0) throw new Error(`${name}/${side}.md: ${JSON.stringify(errors)}`);
  return result.ladder;
}

export function readCase(name: string) {
  const base = readSide(name, 'base');
  const head = readSide(name, 'head');
  const renames = base && head && base.file !== head.file ? [{ from: base.file, to: head.file }] : [];
  return { base, head, renames };
}

/** The JSON without source positions (checked in their own test). */
export function withoutPositions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'position' ? undefined : v))) as T;
}

/**
 * The rewording-class cases state what they are about (class, reasons) and leave out the word
 * highlight, which the other cases and the format tests pin: a change whose expectation has no
 * `highlight` is compared without one.
 */
export function likeExpected<T>(actual: T, expected: unknown): T {
  const exp = expected as { ladders?: Array<{ changes?: Array<Record<string, unknown>> }> };
  const act = actual as { ladders?: Array<{ changes?: Array<Record<string, unknown>> }> };
  act.ladders?.forEach((l, i) =>
    l.changes?.forEach((c, j) => {
      const e = exp.ladders?.[i]?.changes?.[j];
      if (e && !('highlight' in e)) delete c.highlight;
    }),
  );
  return actual;
}
