import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, defaultConfig } from '../../scripts/config/index.js';
import { UsageError } from '../../scripts/model/errors.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { defineRule, registry, resolveSeverities, runRules } from '../../scripts/rules/index.js';
import { findPlaceholder } from '../../scripts/rules/placeholder-text.js';

const ROOT = join(import.meta.dirname, '..', '..');
const fixture = (id: string, name = 'not-ok.md') => {
  const file = `test/fixtures/rules/${id}/${name}`;
  return parseLadder(readFileSync(join(ROOT, file)), file);
};

describe('defineRule', () => {
  it('stamps id and the effective severity on every report, and attaches related places', () => {
    const rule = defineRule({
      id: 'demo-rule',
      severity: 'warning',
      description: 'demo',
      check({ ladder, report }) {
        report('first', ladder.position);
        report('second', { line: 2, column: 3 }, { position: { line: 1, column: 1 }, message: 'here' });
      },
    });
    const parsed = fixture('missing-category');
    const out = rule.run({ ...parsed, ladder: parsed.ladder, file: 'f.md', siblings: [], config: defaultConfig() }, 'error');
    expect(out).toEqual([
      { file: 'f.md', position: parsed.ladder!.position, severity: 'error', ruleId: 'demo-rule', message: 'first' },
      {
        file: 'f.md',
        position: { line: 2, column: 3 },
        severity: 'error',
        ruleId: 'demo-rule',
        message: 'second',
        related: [{ position: { line: 1, column: 1 }, message: 'here' }],
      },
    ]);
  });

  it('refuses ids that are not kebab-case', () => {
    expect(() => defineRule({ id: 'Bad_Id', severity: 'error', description: '', check() {} })).toThrow(/kebab-case/);
  });

  it('skips ladder rules when the parser produced no ladder', () => {
    const parsed = fixture('empty-file');
    expect(parsed.ladder).toBeUndefined();
    const ids = runRules([parsed], defaultConfig()).map((d) => d.ruleId);
    expect(ids).toEqual(['empty-file']);
  });
});

describe('registry', () => {
  it('has unique kebab-case ids, each with a description', () => {
    const ids = registry.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of registry) {
      expect(r.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(r.description.length).toBeGreaterThan(10);
    }
  });

  it('lists every rule id the parser can report', () => {
    const dir = join(ROOT, 'scripts/parse');
    const emitted = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/ruleId: '([a-z0-9-]+)'|fail\(\s*'([a-z0-9-]+)'/g)) emitted.add((m[1] ?? m[2])!);
    }
    expect(emitted.size).toBeGreaterThan(0);
    const known = new Set(registry.map((r) => r.id));
    expect([...emitted].filter((id) => !known.has(id))).toEqual([]);
  });
});

describe('config severities', () => {
  const parsed = [fixture('missing-category'), fixture('frontmatter-yaml')];
  const ruleIds = (rules: Record<string, 'off' | 'warning' | 'error'>) =>
    runRules(parsed, ConfigSchema.parse({ rules })).map((d) => `${d.ruleId}:${d.severity}`);

  it('uses defaults without overrides', () => {
    expect(ruleIds({})).toContain('missing-category:warning');
    expect(ruleIds({})).toContain('frontmatter-yaml:error');
  });

  it('raises, lowers and turns off rules and parse ids by id', () => {
    const out = ruleIds({ 'missing-category': 'error', 'frontmatter-yaml': 'warning' });
    expect(out).toContain('missing-category:error');
    expect(out).not.toContain('missing-category:warning');
    expect(out.filter((x) => x.startsWith('frontmatter-yaml'))).toEqual(['frontmatter-yaml:warning', 'frontmatter-yaml:warning']);
    const off = ruleIds({ 'missing-category': 'off', 'frontmatter-yaml': 'off' });
    expect(off.some((x) => x.startsWith('missing-category') || x.startsWith('frontmatter-yaml'))).toBe(false);
  });

  it('rejects an unknown id with a usage error naming it (and a guess)', () => {
    expect(() => resolveSeverities({ 'missing-categroy': 'off' })).toThrow(UsageError);
    expect(() => resolveSeverities({ 'missing-categroy': 'off' })).toThrow(/"missing-categroy".*did you mean "missing-category"/);
    expect(() => runRules(parsed, ConfigSchema.parse({ rules: { nope: 'off' } }))).toThrow(/unknown rule id "nope"/);
  });
});

describe('runRules', () => {
  it('is sorted by file, line, column and deterministic', () => {
    const parsed = ['placeholder-text', 'duplicate-level', 'table-columns'].map((id) => fixture(id));
    const a = runRules(parsed, defaultConfig());
    const b = runRules([...parsed].reverse(), defaultConfig());
    expect(b).toEqual(a);
    const keys = a.map((d) => [d.file, d.position.line, d.position.column] as const);
    expect(keys).toEqual([...keys].sort((x, y) => x[0].localeCompare(y[0]) || x[1] - y[1] || x[2] - y[2]));
  });

  it('compares siblings across the checked files and the context ladders', () => {
    const dir = 'test/fixtures/rules/sibling-category/siblings';
    const siblings = readdirSync(join(ROOT, dir)).sort().map((f) => parseLadder(readFileSync(join(ROOT, dir, f)), `${dir}/${f}`));
    const target = fixture('sibling-category');
    const together = runRules([target, ...siblings], defaultConfig()).filter(
      (d) => d.ruleId === 'sibling-category' && d.file === target.ladder!.file,
    );
    const asContext = runRules([target], defaultConfig(), { context: siblings.map((s) => s.ladder!) });
    expect(together.map((d) => d.message)).toEqual(asContext.map((d) => d.message));
    expect(together).toHaveLength(1);
  });
});

describe('placeholder-text matching', () => {
  it.each([
    ['TBD', 'TBD'],
    ['Scope: tbd later', undefined],
    ['Writes TODO: items', 'TODO'],
    ['Clears the TODOs in their code', undefined],
    ['Keeps the todo list short', undefined],
    ['Resolves FIXMEs', undefined],
    ['Describe expectations here', 'Describe expectations here'],
    ['add criteria here.', 'add criteria here'],
    ['Lorem Ipsum dolor', 'Lorem Ipsum'],
    ['Why??? Because.', '???'],
    ['…', '…'],
    ['Shares work in progress early', undefined],
    ['Écrit du code TBD.', 'TBD'],
    ['MéTODOlogy', undefined],
  ])('%s', (text, found) => {
    expect(findPlaceholder(text)?.found).toBe(found);
  });
});
