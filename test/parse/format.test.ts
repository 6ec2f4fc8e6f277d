import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparableLadder, firstDifference } from '../../scripts/parse/compare.js';
import { checkBudgets } from '../../scripts/parse/budget.js';
import { decodeSource } from '../../scripts/parse/decode.js';
import { formatLadder } from '../../scripts/parse/format.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { fillTemplate } from '../../scripts/parse/scaffold.js';
import { SAMPLE_LADDERS } from '../helpers/sample-ladders.js';
import { haveSharedData, SHARED_DATA } from '../helpers/shared-data.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Formatting must keep the model (minus positions) of whatever the parser makes of a file, and be idempotent. */
function expectFormatPreserves(source: string, file: string): string {
  const formatted = formatLadder(source);
  expect(formatLadder(formatted), 'formatting twice changes nothing').toBe(formatted);
  const before = parseLadder(source, file);
  const after = parseLadder(formatted, file);
  expect(after.ladder === undefined, 'formatting keeps the file readable as a ladder (or not)').toBe(before.ladder === undefined);
  if (before.ladder && after.ladder) {
    const diff = firstDifference(comparableLadder(before.ladder), comparableLadder(after.ladder));
    expect(diff, `model changed at ${diff?.path}`).toBeUndefined();
  }
  // The same problems, at the same kinds of places: fmt neither hides nor invents parse diagnostics.
  const ids = (r: typeof before) => r.diagnostics.map((d) => d.ruleId).sort();
  expect(ids(after)).toEqual(ids(before));
  return formatted;
}

const rel = (f: string) => path.relative(ROOT, f);

describe('formatLadder on every fixture', () => {
  const fixtures = markdownFiles(path.join(ROOT, 'test/fixtures'));
  it('finds fixtures', () => expect(fixtures.length).toBeGreaterThan(0));
  it.each(fixtures.map((f) => [rel(f), f]))('%s', (_name, file) => {
    const bytes = readFileSync(file);
    // Binary, non-UTF-8 and empty files are reported by `ladder fmt`, never formatted (see test/cli).
    if (decodeSource(bytes, rel(file)).diagnostic) return;
    // Files over a budget (nesting, table rows…) are refused by fmt too, never formatted.
    if (checkBudgets(bytes.toString('utf8'), rel(file)).length > 0) return;
    expectFormatPreserves(bytes.toString('utf8'), rel(file));
  });
});

describe('formatLadder on the sample ladders and templates', () => {
  const bundled = markdownFiles(SAMPLE_LADDERS);
  it('finds the sample ladders', () => expect(bundled.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['devrel.md', 'engineering.md'])));
  it.each(bundled.map((f) => [rel(f), f]))('%s is already canonical', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(expectFormatPreserves(source, rel(file))).toBe(source);
  });
  it.each(['table', 'headings'])('a scaffold from templates/ladder.%s.md is already canonical', (shape) => {
    const template = readFileSync(path.join(ROOT, `templates/ladder.${shape}.md`), 'utf8');
    const source = fillTemplate(template, { id: 'sample', title: 'Sample <Role> *one* | two' });
    expect(expectFormatPreserves(source, 'ladders/sample.md')).toBe(source);
  });
});

const haveData = haveSharedData('fmt on real-world ladders');
describe.skipIf(!haveData)('formatLadder on real-world ladders (../shared/data)', () => {
  const files = haveData ? markdownFiles(SHARED_DATA) : [];
  it('finds the real-world files', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => [path.relative(SHARED_DATA, f), f]))('%s', (name, file) => {
    expectFormatPreserves(readFileSync(file, 'utf8'), name);
  });
});

describe('canonical style', () => {
  it('uses - bullets, _emphasis_, **strong**, fenced code, --- rules, ATX headings and aligned tables', () => {
    const source = [
      'Title',
      '=====',
      '',
      '* one *em* __strong__',
      '* two',
      '',
      '***',
      '',
      '    indented code',
      '',
      '| Category | Expectations |',
      '|:--|---|',
      '| **Craft** | Writes tests. |',
      '',
    ].join('\n');
    expect(formatLadder(source)).toBe(
      [
        '# Title',
        '',
        '- one _em_ **strong**',
        '- two',
        '',
        '---',
        '',
        '```',
        'indented code',
        '```',
        '',
        '| Category  | Expectations  |',
        '| :-------- | ------------- |',
        '| **Craft** | Writes tests. |',
        '',
      ].join('\n'),
    );
  });

  it('keeps the frontmatter byte for byte, comments and key order included', () => {
    const fm = '---\n# who approves\nowners:   ["@a/b"]\ntitle: "X"   # trailing comment\nlevels:\n---\n';
    const out = formatLadder(`${fm}# X\n`);
    expect(out.startsWith(fm)).toBe(true);
  });

  it('normalizes CRLF line endings and drops a byte-order mark', () => {
    expect(formatLadder('\uFEFF---\r\ntitle: X\r\n---\r\n# X\r\n\r\n- a\r\n  b\r\n')).toBe('---\ntitle: X\n---\n\n# X\n\n- a\n  b\n');
  });

  it('escapes what would otherwise change meaning, and only that', () => {
    // `\_` inside a word is redundant (intraword `_` never opens emphasis); `\*` is not.
    expect(formatLadder('Costs 5 \\* 3 and a\\_b, snake_case and a | b.\n')).toBe('Costs 5 \\* 3 and a_b, snake_case and a | b.\n');
    expect(formatLadder('| A | B |\n|---|---|\n| a \\| b | c |\n')).toContain('a \\| b');
  });

  it('leaves an empty or blank file empty', () => {
    expect(formatLadder('')).toBe('');
    expect(formatLadder(' \n\n')).toBe('');
  });
});

describe('comparableLadder', () => {
  const ladderOf = (md: string) => parseLadder(`# T\n\n## L1 · A\n\n${md}\n\n## L2 · B\n\n- Other.\n`, 'x.md').ladder!;
  it('ignores positions and Markdown spelling, not meaning', () => {
    const a = ladderOf('- Writes *tested* code.');
    const b = ladderOf('\n\n* Writes _tested_ code.');
    const line = (l: typeof a) => l.levels[0]!.cells[0]!.expectations[0]!.position.line;
    expect(line(a)).not.toBe(line(b));
    expect(firstDifference(comparableLadder(a), comparableLadder(b))).toBeUndefined();
  });
  it('sees a changed word and a lost emphasis', () => {
    const a = comparableLadder(ladderOf('- Writes *tested* code.'));
    expect(firstDifference(a, comparableLadder(ladderOf('- Writes *tested* docs.')))?.path).toMatch(/^\$\.levels\[0\]\.cells\[0\]\.expectations\[0\]\./);
    expect(firstDifference(a, comparableLadder(ladderOf('- Writes tested code.')))?.path).toMatch(/\.markdown\.markdown/);
  });
});
