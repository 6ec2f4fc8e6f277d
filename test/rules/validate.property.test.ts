import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../scripts/config/index.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { registry, runRules } from '../../scripts/rules/index.js';
import { SAMPLE_LADDERS } from '../helpers/sample-ladders.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const SOURCES = [
  ...readdirSync(SAMPLE_LADDERS).filter((f) => f.endsWith('.md')).map((f) => path.relative(ROOT, path.join(SAMPLE_LADDERS, f))),
  'test/fixtures/rules/empty-cell/ok.md',
  'test/fixtures/rules/frontmatter-contradiction/ok.md',
  'test/fixtures/rules/sibling-category/siblings/a.md',
].map((file) => ({ file, bytes: new Uint8Array(readFileSync(path.join(ROOT, file))) }));
const siblings = SOURCES.map((s) => parseLadder(s.bytes, s.file).ladder!).filter(Boolean);
const known = new Set(registry.map((r) => r.id));

/** Markdown and YAML syntax that moves a parser between states, plus bytes that break decoding. */
const TOKENS = ['|', '||', '\n', '\n\n', '#', '## ', '### ', '- ', '* ', '**', '`', '```\n', '---\n', ':', '<div>', '\\', '\t', '    ', '> ', '1. ', '[x]', '\u0000', '\u00ff', '\r', '\u200b', 'TBD', 'levels: 9\n', 'categories: [', '{', '&'];
const encoder = new TextEncoder();

type Mutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'set' && out.length > 0) {
      out = out.slice();
      out[Math.min(at, out.length - 1)] = m.byte;
    } else if (m.kind === 'delete') out = new Uint8Array([...out.subarray(0, at), ...out.subarray(at + m.length)]);
    else if (m.kind === 'insert') out = new Uint8Array([...out.subarray(0, at), ...encoder.encode(m.token), ...out.subarray(at)]);
    else if (m.kind === 'duplicate') out = new Uint8Array([...out.subarray(0, at + m.length), ...out.subarray(at)]);
    else if (m.kind === 'truncate') out = out.subarray(0, at);
  }
  return out;
}

describe('validate on mutated ladders', () => {
  it('never throws, and every diagnostic has a place and a registered rule id', () => {
    fc.assert(
      fc.property(fc.nat({ max: SOURCES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (index, mutations) => {
        const source = SOURCES[index]!;
        const bytes = apply(source.bytes, mutations);
        const result = parseLadder(bytes, source.file);
        const diagnostics = runRules([result], defaultConfig(), { context: siblings.filter((l) => l.file !== source.file) });
        for (const d of diagnostics) {
          expect(d.file).toBe(source.file);
          expect(d.position.line).toBeGreaterThanOrEqual(1);
          expect(d.position.column).toBeGreaterThanOrEqual(1);
          expect(known.has(d.ruleId), d.ruleId).toBe(true);
          expect(d.message.length).toBeGreaterThan(0);
        }
        if (!result.ladder) expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 400) },
    );
  });
});
