import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../scripts/cli/report.js';
import { runLadder } from '../helpers/cli.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const fixture = (rel: string) => readFileSync(path.join(ROOT, 'test/fixtures/rules', rel));

let root: string;
const put = (rel: string, content: string | Uint8Array) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
};
const ladder = (argv: string[], options?: Parameters<typeof runLadder>[2]) => runLadder(root, argv, options);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-validate-'));
  put('ladders/good.md', fixture('missing-category/ok.md'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ladder validate: exit codes', () => {
  it('exits 0 on clean ladders and says so', async () => {
    expect(await ladder(['validate'])).toEqual({ code: 0, stdout: '✔ 1 ladder checked, no problems\n', stderr: '' });
  });

  it('exits 0 with warnings only, 1 once they exceed --max-warnings', async () => {
    put('ladders/warn.md', fixture('missing-category/not-ok.md'));
    const plain = await ladder(['validate']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');
    expect((await ladder(['validate', '--max-warnings', '1'])).code).toBe(0);
    const strict = await ladder(['validate', '--max-warnings', '0']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('ladder validate: 1 warning, more than --max-warnings 0\n');
  });

  it('exits 1 on errors', async () => {
    put('ladders/bad.md', fixture('duplicate-level/not-ok.md'));
    const run = await ladder(['validate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
  });

  it('exits 2 on usage errors, with one line and no stack', async () => {
    for (const argv of [['validate', '--format', 'xml'], ['validate', '--max-warnings', 'many'], ['validate', '--bogus']]) {
      const run = await ladder(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 naming an unknown rule id in the config', async () => {
    put('package.json', JSON.stringify({ ladder: { rules: { 'missing-categroy': 'off' } } }));
    const run = await ladder(['validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'ladder validate: unknown rule id "missing-categroy" in config "rules" (did you mean "missing-category"?); run "ladder validate --help" for the list\n',
    );
  });

  it('applies config severities from ladders/ladder.config.yaml', async () => {
    put('ladders/bad.md', fixture('duplicate-level/not-ok.md'));
    put('ladders/ladder.config.yaml', 'rules:\n  duplicate-level: warning\n');
    const run = await ladder(['validate', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((d: { severity: string }) => d.severity)).toEqual(['warning', 'warning']);
  });

  it('exits 1 with one line for a path that does not exist', async () => {
    expect(await ladder(['validate', 'ladders/missing.md'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ladder validate: no such file or folder: "ladders/missing.md"\n',
    });
  });

  it('checks only the given files but compares them with every other ladder', async () => {
    put('ladders/bad.md', fixture('duplicate-level/not-ok.md'));
    const sibling = (name: string) => fixture(`sibling-category/siblings/${name}`);
    put('ladders/a.md', sibling('a.md'));
    put('ladders/b.md', sibling('b.md'));
    put('ladders/c.md', sibling('c.md'));
    put('ladders/d.md', sibling('a.md'));
    put('ladders/good.md', fixture('sibling-category/not-ok.md'));
    const run = await ladder(['validate', 'ladders/good.md', '--format', 'json']);
    const found = JSON.parse(run.stdout) as Array<{ file: string; ruleId: string }>;
    expect(found.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['ladders/good.md sibling-category']);
    expect(run.code).toBe(0);
  });
});

describe('ladder validate: formats', () => {
  beforeEach(() => {
    put('ladders/bad.md', fixture('table-columns/not-ok.md'));
    put('ladders/warn.md', fixture('missing-category/not-ok.md'));
  });

  it('stylish: file:line:col  severity  message  rule-id, grouped per file, related places, summary; no colour off a TTY', async () => {
    const run = await ladder(['validate']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'ladders/bad.md',
        '  ladders/bad.md:7:1   error    Unexpected `3` cells in table row, expected `2` as in the header row (the extra cells are dropped)  table-columns',
        '    ↳ ladders/bad.md:5:1  the header row has 2 cells',
        '  ladders/bad.md:15:1  error    Unexpected `1` cells in table row, expected `2` as in the header row (the missing cells read as empty)  table-columns',
        '    ↳ ladders/bad.md:12:1  the header row has 2 cells',
        '',
        'ladders/warn.md',
        '  ladders/warn.md:13:1  warning  Level `Works independently` lacks category `Teamwork`, expected every category the ladder uses  missing-category',
        '',
        '✖ 3 problems (2 errors, 1 warning)',
        '',
      ].join('\n'),
    );
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('stylish: colour on a TTY, none with NO_COLOR', async () => {
    expect((await ladder(['validate'], { tty: true })).stdout).toContain('\u001b[31merror  \u001b[39m');
    expect((await ladder(['validate'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('json: an array of flat diagnostics with related places', async () => {
    const run = await ladder(['validate', '--format', 'json']);
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout);
    expect(found).toHaveLength(3);
    expect(found[0]).toEqual({
      file: 'ladders/bad.md',
      line: 7,
      column: 1,
      endLine: 7,
      endColumn: 80,
      severity: 'error',
      ruleId: 'table-columns',
      message: 'Unexpected `3` cells in table row, expected `2` as in the header row (the extra cells are dropped)',
      related: [{ file: 'ladders/bad.md', line: 5, column: 1, message: 'the header row has 2 cells' }],
    });
    expect(found[2]).toMatchObject({ file: 'ladders/warn.md', line: 13, column: 1, severity: 'warning', ruleId: 'missing-category', related: [] });
  });

  it('github: one workflow command per diagnostic', async () => {
    const run = await ladder(['validate', '--format', 'github']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      '::error file=ladders/bad.md,line=7,col=1,endLine=7,endColumn=80,title=table-columns::Unexpected `3` cells in table row, expected `2` as in the header row (the extra cells are dropped)%0Aladders/bad.md:5:1: the header row has 2 cells',
      '::error file=ladders/bad.md,line=15,col=1,endLine=15,endColumn=17,title=table-columns::Unexpected `1` cells in table row, expected `2` as in the header row (the missing cells read as empty)%0Aladders/bad.md:12:1: the header row has 2 cells',
      '::warning file=ladders/warn.md,line=13,col=1,endLine=13,endColumn=28,title=missing-category::Level `Works independently` lacks category `Teamwork`, expected every category the ladder uses',
      '',
    ]);
  });

  it('github: escapes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir:a,b/100%.md')).toBe('dir%3Aa%2Cb/100%25.md');
    const out = formatGithub([
      { file: 'a,b:c.md', position: { line: 2, column: 3 }, severity: 'warning', ruleId: 'x-y', message: 'a: b, 50%\nnext' },
    ]);
    expect(out).toBe('::warning file=a%2Cb%3Ac.md,line=2,col=3,title=x-y::a: b, 50%25%0Anext\n');
  });
});

describe('ladder validate: bad input is a diagnostic, never a stack trace', () => {
  const cases: Array<[string, string | Uint8Array, string, number, number]> = [
    ['a YAML parse failure', '---\ntitle: [unclosed\n---\n# T\n', 'frontmatter-yaml', 2, 17],
    ['a non-UTF-8 file', Buffer.from([0x23, 0x20, 0x54, 0x0a, 0x61, 0xc3, 0x28, 0x0a]), 'not-utf8', 2, 2],
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'binary-file', 3, 1],
    ['an empty file', '', 'empty-file', 1, 1],
    ['a 5 MB file', '- Writes code.\n'.repeat(Math.ceil((5 * 1024 * 1024) / 15)), 'file-too-large', 1, 1],
  ];
  it.each(cases)('%s', async (_name, content, ruleId, line, column) => {
    put('ladders/input.md', content);
    const run = await ladder(['validate', 'ladders/input.md', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(found.filter((d) => d.ruleId === ruleId)[0]).toMatchObject({ file: 'ladders/input.md', ruleId, line, column, severity: 'error' });
    const stylish = await ladder(['validate', 'ladders/input.md']);
    expect(stylish.stdout).toContain(`ladders/input.md:${line}:${column}  error`);
    expect(stylish.stdout + stylish.stderr).not.toMatch(/\n\s+at |internal error/);
  });
});
