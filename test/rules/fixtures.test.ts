import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../scripts/config/index.js';
import type { Diagnostic } from '../../scripts/model/diagnostic.js';
import { parseLadder } from '../../scripts/parse/index.js';
import type { ParseResult } from '../../scripts/parse/types.js';
import { registry, runRules } from '../../scripts/rules/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = 'test/fixtures/rules';
/** Ids no file's content can trigger: parse-error is the safety net for a parser crash (see workspace.test.ts); not-regular-file is about what a path is and too-complex about time (test/security/). */
// Ids no file can trigger in validate: parse-error is the safety net for a parser crash (see
// workspace.test.ts); fmt's refusals and the PDF's missing glyph come from other stages (their tests).
const NO_FILE_CASE = new Set(['parse-error', 'not-regular-file', 'too-complex', 'fmt-error', 'fmt-unsafe', 'pdf-missing-glyph']);

function load(file: string): ParseResult {
  const recipe = join(ROOT, file.replace(/\.md$/, '.recipe.json'));
  if (!existsSync(join(ROOT, file)) && existsSync(recipe)) {
    const { repeat, bytes } = JSON.parse(readFileSync(recipe, 'utf8')) as { repeat: string; bytes: number };
    return parseLadder(Buffer.from(repeat.repeat(Math.ceil(bytes / repeat.length))).subarray(0, bytes), file);
  }
  return parseLadder(readFileSync(join(ROOT, file)), file);
}

/** What a fixture states: place, severity, message, related places (end positions come from the parser). */
function view(d: Diagnostic) {
  return {
    line: d.position.line,
    column: d.position.column,
    severity: d.severity,
    message: d.message,
    ...(d.related ? { related: d.related.map((r) => ({ ...(r.file ? { file: r.file } : {}), line: r.position.line, column: r.position.column, message: r.message })) } : {}),
  };
}

const folders = readdirSync(join(ROOT, DIR)).sort();

it('every rule id the code writes is in the registry (one list of what a user can see)', () => {
  const written = new Set<string>();
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'dist' ? [] : walk(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  for (const file of walk(join(ROOT, 'scripts'))) {
    const text = readFileSync(file, 'utf8');
    const ids = /ruleId: '([a-z0-9-]+)'|(?:problem|fail)\('([a-z0-9-]+)'|: '(pdf-[a-z-]+)'|fileError\(\s*[\w.]+,\s*'([a-z0-9-]+)'/g;
    for (const m of text.matchAll(ids)) written.add((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  }
  expect(written.size).toBeGreaterThan(5);
  const registered = new Set(registry.map((r) => r.id));
  expect([...written].filter((id) => !registered.has(id))).toEqual([]);
});

it('every registry id has a fixture folder and every folder is a registry id', () => {
  expect(folders).toEqual(registry.map((r) => r.id).sort());
});

describe.each(folders)('%s', (id) => {
  const dir = `${DIR}/${id}`;
  const siblingsDir = join(ROOT, dir, 'siblings');
  const siblings = existsSync(siblingsDir)
    ? readdirSync(siblingsDir).sort().map((f) => load(`${dir}/siblings/${f}`).ladder!)
    : [];
  // pinned/<id>@<ref>/<id>.md: a translation's source as it was at that revision (what load/translations.ts reads from git).
  const pinnedDir = join(ROOT, dir, 'pinned');
  const pinned = existsSync(pinnedDir)
    ? new Map(readdirSync(pinnedDir).sort().map((spec) => [spec, { ladder: load(`${dir}/pinned/${spec}/${spec.split('@')[0]}.md`).ladder! }]))
    : undefined;
  const check = (file: string) => runRules([load(file)], defaultConfig(), { context: siblings, ...(pinned ? { pinned } : {}) });

  it('ok.md: no problem of any rule', () => {
    expect(check(`${dir}/ok.md`).map(view)).toEqual([]);
  });

  const names = readdirSync(join(ROOT, dir)).filter((f) => /^not-ok.*\.(md|recipe\.json)$/.test(f));
  if (!NO_FILE_CASE.has(id)) {
    it('has a not-ok case', () => expect(names.length).toBeGreaterThan(0));
  }
  for (const name of names) {
    const suffix = name.replace(/^not-ok/, '').replace(/\.(md|recipe\.json)$/, '');
    it(`${name}: exactly the expected ${id} diagnostics`, () => {
      const expected = JSON.parse(readFileSync(join(ROOT, dir, `expected${suffix}.json`), 'utf8')) as unknown[];
      expect(expected.length).toBeGreaterThan(0);
      const found = check(`${dir}/not-ok${suffix}.md`);
      expect(found.every((d) => d.file === `${dir}/not-ok${suffix}.md`)).toBe(true);
      expect(found.filter((d) => d.ruleId === id).map(view)).toEqual(expected);
    });
  }
});
