import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createChunkedMarkdown, parseLadder } from '../../scripts/parse/index.js';
import { htmlBlocks, mayHoldDefinitions, parseMarkdownOnce, parseMarkdownOnceStats } from '../../scripts/parse/chunks.js';
import { CORPUS_PRESETS, generateHistory } from '../../scripts/bench/corpus.js';
import { parseMarkdown } from '../../scripts/parse/markdown.js';
import { SHARED_DATA, haveSharedData, markdownFiles } from '../helpers/shared-data.js';

const DATA = SHARED_DATA;
const FIXTURES = path.join(import.meta.dirname, '../fixtures');


/**
 * The random documents' own generator (a linear congruential one): the cutter's fuzz cases were found
 * and checked with its sequences, so they keep it rather than the corpus's rng.
 */
function lcg(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** JSON round trip: compares the data of the trees, not object identity or undefined-valued keys. */
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

// Each case: a file, then an edit of one section. Both must parse exactly as the whole-file parser does.
const TRICKY: Record<string, string> = {
  'heading inside a fenced block': '# T\n\n## A\n\n```md\n\n## Not a heading\n\n```\n\n## B\n\n- x\n',
  'tilde fence with a longer closing fence': '# T\n\n~~~\n\n# no\n\n~~~~~\n\n## B\n\ntext\n',
  'unclosed fence runs to the end': '# T\n\n```\n\n## no\n\n## still no\n',
  'html block with blank lines': '# T\n\n<!--\n\n## in a comment\n\n-->\n\n## Real\n\nx\n',
  'pre block': '# T\n\n<pre>\n\n## in pre\n\n</pre>\n\n## Real\n',
  'html block without a blank line before a heading': '# T\n\n<div>\n## in the html block\n</div>\n\n## After\n',
  'reference definition used in another section': '# T\n\n## A\n\nSee [the guide].\n\n## B\n\n[the guide]: https://example.com\n',
  'footnote defined in another section': '# T\n\n## A\n\nText[^1].\n\n## B\n\n[^1]: A note.\n',
  'crlf line endings': '---\r\ntitle: X\r\n---\r\n\r\n# T\r\n\r\n## A\r\n\r\n- one\r\n\r\n## B\r\n\r\n- two\r\n',
  'front matter holding a heading-like line': '---\ntitle: X\nnote: |\n\n  # not a heading\n---\n\n## A\n\n- one\n',
  'heading right after a paragraph (no blank line)': '# T\n\ntext\n## A\n\n- one\n\n## B\n- two\n',
  'list continuing across a blank line': '# T\n\n- a\n\n  continued\n\n## B\n\n- b\n',
  'setext heading and block quote': 'Title\n=====\n\n> quote\n\n## A\n\n> more\nlazy\n\n## B\n',
  'no trailing newline': '# T\n\n## A\n\nlast line',
  'table after a list, a blank line between': '# T\n\n- item\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n## B\n\n- two\n',
  'table inside a list item (indented, not cut)': '# T\n\n- item\n\n  | a |\n  | - |\n  | 1 |\n\n## B\n',
  'pipe line right after a paragraph': '# T\n\ntext\n| a |\n| - |\n| 1 |\n\n## B\n',
  'pipe paragraph that is no table, then a table': '# T\n\n| not a table\n\n| a |\n| - |\n| 1 |\n| 2 |\n\n## B\n',
  'table then heading': '# T\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n## A\n\n| c |\n| - |\n| 3 |',
  'html table set apart by blank lines': '# T\n\n<table>\n\n  <thead>\n    <tr><th>L</th><th>Craft</th></tr>\n  </thead>\n\n  <tbody>\n    <tr><th>B</th><td>x</td></tr>\n  </tbody>\n</table>\n\n## B\n\nafter\n',
  'html table with a row indented as code after a blank line': '# T\n\n<table>\n<tr><td>a</td></tr>\n\n    <tr><td>code?</td></tr>\n</table>\n\n## B\n',
  'html table right after a list item': '# T\n\n- item\n\n<table>\n<tr><td>a</td></tr>\n</table>\n\n## B\n',
  'html table inside a list item (indented, not cut)': '# T\n\n- item\n\n  <table>\n  <tr><td>a</td></tr>\n  </table>\n\n## B\n',
  'html table followed by text with no blank line': '# T\n\n<table>\n<tr><td>a</td></tr>\n</table>\nStill the HTML block.\n\nA paragraph.\n\n## B\n',
  'html comment between row groups': '# T\n\n<TABLE class="x">\n<tbody>\n\n<!-- L2\n\n## not a heading -->\n<tr><td>b</td></tr>\n</table>\n\n## B\n',
};

describe('createChunkedMarkdown', () => {
  test('tricky CommonMark cases parse exactly as the whole file, before and after an edit', () => {
    const md = createChunkedMarkdown();
    for (const [name, source] of Object.entries(TRICKY)) {
      const edited = source.replace(/## B/, '## B edited');
      for (const text of [source, edited, source]) {
        expect(plain(md(text)), name).toEqual(plain(parseMarkdown(text)));
      }
    }
  });

  test('random documents of headings, lists, fences, HTML blocks and tables parse as the whole file', () => {
    // Lines chosen to meet at the cuts: fences and comments inside HTML blocks, no-break-space lines
    // (text, not blank), tables after them, HTML tables followed by Markdown.
    const pool = ['## A', '## B', '### c', '', '', '', '   ', 'text', '- item', '  - sub', '  continued', '1. one', '> quote', '```', '~~~', '  ```', 'x ```', '<div>', '</div>', '<table>', '<TABLE class="x">', '  <tr><td>x</td></tr>', '    <td>code?</td>', '</table>', '<span>', '<custom-tag>', '<!--', '-->', '<!-- c -->', '<pre>', '</pre>', '<p>para</p>', '| a | b |', '| - | - |', '| 1 | 2 |', '\u00a0', '    indented', '<script>', '</script>'];
    const next = lcg(11);
    const md = createChunkedMarkdown();
    const docs = 6_000;
    let cut = 0;
    for (let n = 0; n < docs; n++) {
      const text = `# T\n\n${Array.from({ length: 2 + Math.floor(next() * 14) }, () => pool[Math.floor(next() * pool.length)]!).join('\n')}\n`;
      const sections = md.stats.chunks + md.stats.reused;
      expect(plain(md(text)), JSON.stringify(text)).toEqual(plain(parseMarkdown(text)));
      if (md.stats.chunks + md.stats.reused - sections > 1) cut++;
    }
    // Many documents are cut in sections (the rest are one section, or parsed whole): the check reaches the cutting.
    expect(cut).toBeGreaterThan(docs / 10);
    expect(md.stats.htmlOnly).toBeGreaterThan(0);
  });

  test('a single read (no cache) builds plain sections, plain rows and HTML blocks without micromark, to the same tree', () => {
    const files: Array<[string, string]> = markdownFiles(FIXTURES).map((f) => [f, readFileSync(f, 'utf8')]);
    if (haveSharedData('the single-read check on the real-world files')) files.push(...markdownFiles(DATA).map((f): [string, string] => [f, readFileSync(f, 'utf8')]));
    for (const preset of ['html-tables', 'default'] as const) {
      for (const c of generateHistory({ ...CORPUS_PRESETS[preset].options, ladders: 4, commits: 30 }).commits) {
        for (const [file, text] of Object.entries(c.files)) if (text !== null) files.push([file, text]);
      }
    }
    for (const [file, text] of files) expect(plain(parseMarkdownOnce(text)), file).toEqual(plain(parseMarkdown(text)));
    const stats = parseMarkdownOnceStats()!;
    expect(stats.htmlOnly).toBeGreaterThan(30);
    expect(stats.rowsPlain).toBeGreaterThan(100);
    expect(stats.plainOnly).toBeGreaterThan(files.length);
  });

  test('a section of HTML blocks alone reads as micromark reads it, without micromark', () => {
    // Lines an HTML table is written with, and lines that end, interrupt or change an HTML block.
    const pool = ['<table>', '<TABLE class="x">', '<table', '<table/>', '  <tr>', '   <td>x</td>', '    <td>code?</td>', '</table>', '<tablex>', '<tr\tx>', '', '   ', '\u00a0', '# heading', '- item', '| a | b |', '| - | - |', '<!--', '-->', '<!-- c -->', '<pre>', '</pre>', '<div>', '</div>', '<p>para</p>', '<li>**x**</li>', 'plain text', '```', '<script>', '  </tbody>', '<thead>', '<th scope="row">L1</th>', '> quote', '[x]: http://a', '<ul>', '</ul >', '<col>', '<colgroup/>', '<caption>', '---', '===', '1. one', '<td>[^1]</td>', '[^1]: note', 'x\r', '<td>\0</td>'];
    const next = lcg(7);
    let read = 0;
    let declined = 0;
    for (let n = 0; n < 20_000; n++) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 8) }, () => pool[Math.floor(next() * pool.length)]!);
      const text = lines.join('\n') + ['', '\n', '\n\n'][Math.floor(next() * 3)]!;
      const tree = htmlBlocks(text);
      if (!tree) {
        declined++;
        continue;
      }
      read++;
      expect(plain(tree), JSON.stringify(text)).toEqual(plain(parseMarkdown(text)));
    }
    // Both ways are taken: a generator that only ever declined would test nothing.
    expect(read).toBeGreaterThan(2_000);
    expect(declined).toBeGreaterThan(2_000);
  });

  test('an HTML table edited cell by cell is cut at its <table> and read without micromark, exactly', () => {
    const cell = (i: number, extra: string) => `    <td>\n      <ul>\n        <li>Ships change ${i}.</li>${extra}\n      </ul>\n    </td>`;
    const file = (extra: string, gap: string) =>
      `---\ntitle: Eng\n---\n\n# Eng\n\nIntro.\n\n<table class="levels">\n${gap}  <thead>\n    <tr><th>Level</th><th>Craft</th><th>Care</th></tr>\n  </thead>\n${gap}  <tbody>\n` +
      [1, 2, 3].map((k) => `  <tr>\n    <th scope="row">L${k} · Step ${k}</th>\n${cell(k, k === 2 ? extra : '')}\n${cell(k + 10, '')}\n  </tr>`).join('\n') +
      '\n  </tbody>\n</table>\n\nQuestions go to the team.\n';
    const md = createChunkedMarkdown();
    for (const gap of ['', '\n']) {
      for (const extra of ['', '\n        <li>Reviews designs.</li>', '\n        <li>Reviews <em>designs</em> & plans.</li>', '']) {
        const text = file(extra, gap);
        expect(plain(md(text))).toEqual(plain(parseMarkdown(text)));
        expect(plain(parseLadder(text, 'eng.md', { markdown: md }))).toEqual(plain(parseLadder(text, 'eng.md')));
      }
    }
    expect(md.stats.htmlOnly).toBeGreaterThan(3);
    expect(parseLadder(file('', ''), 'eng.md', { markdown: md }).ladder!.levels).toHaveLength(3);
  });

  test('a table edited row by row parses as the whole file, rows reused or parsed under the header alone', () => {
    const rows = ['| Craft | Writes tested code. Reviews designs. |', '| Care | Helps others *often*. |', '| Scope | Owns `a | b` parts. |', '| Reach | Shares \\| what they learn. |', '| Voice | Speaks up. |'];
    const file = (body: string[], head = '| Category | Expectations |\n| --- | :-: |') => `# T\n\n## L1 · One\n\nIntro.\n\n${head}\n${body.join('\n')}\n\n## L2 · Two\n\n- last\n`;
    const versions = [
      rows,
      rows.map((r, i) => (i === 1 ? '| Care | Helps others daily. |' : r)),
      [...rows, '| Extra | One more row. |'],
      rows.slice(1),
      rows.map((r, i) => (i === 2 ? '| Scope | Owns | too many | cells |' : r)),
      rows.map((r, i) => (i === 3 ? '| Reach |' : r)),
      rows.map((r, i) => (i === 0 ? '|' : r)),
      rows.map((r, i) => (i === 4 ? '| Voice | Speaks up. [link](https://example.com) |' : r)),
      rows,
    ];
    const md = createChunkedMarkdown();
    for (const [i, body] of versions.entries()) {
      for (const text of [file(body), file(body, '| Category | Expectations | More |\n| --- | --- | --- |')]) {
        expect(plain(md(text)), `version ${i}`).toEqual(plain(parseMarkdown(text)));
        expect(plain(parseLadder(text, 'x.md', { markdown: md })), `version ${i}`).toEqual(plain(parseLadder(text, 'x.md')));
      }
    }
    expect(md.stats.rowsReused).toBeGreaterThan(0);
    expect(md.stats.rowsParsed).toBeGreaterThan(0);
  });

  test('a padded table re-padded by one longer cell reuses its other rows, moved cell by cell', () => {
    // Aligned columns, as formatters write them: one cell growing pads every row of the table anew.
    const padded = (rows: string[][]) => {
      const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((r) => r[i]!.length)));
      const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
      return [line(rows[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
    };
    const rows = [
      ['Category', 'Expectations'],
      // Markdown the plain builders leave to micromark: emphasis inside a word, strikethrough, an autolink.
      ['**Craft**', 'Writes tested code. Reviews de*sign*s with care.'],
      ['Care', 'Helps others ~~daily~~. Shares <https://example.com>.'],
      ['Scope', 'Owns `a | b` parts.'],
      ['Reach', 'Speaks up. Ünïcödé 𝔘 text.'],
      ['Voice', ''],
    ];
    const file = (table: string) => `# T\n\n## L1 · One\n\nIntro.\n\n${table}\n\n## L2 · Two\n\n- last\n`;
    const longer = rows.map((r, i) => (i === 2 ? [r[0]!, `${r[1]} And a much longer sentence that widens the whole column.`] : r));
    const renamed = rows.map((r, i) => (i === 3 ? ['A far longer category name', r[1]!] : r));
    const versions = [padded(rows), padded(longer), padded(renamed), padded(rows), padded(rows).replace(/ \|$/gm, ' |  ')];
    const md = createChunkedMarkdown();
    for (const [i, table] of versions.entries()) {
      const before = { ...md.stats };
      const text = file(table);
      expect(plain(md(text)), `version ${i}`).toEqual(plain(parseMarkdown(text)));
      expect(plain(parseLadder(text, 'x.md', { markdown: md })), `version ${i}`).toEqual(plain(parseLadder(text, 'x.md')));
      // After the first version, only the edited row (if any) goes through micromark again: the
      // other rows with Markdown in them are reused, the plain ones (Reach, Voice) built anew.
      if (i === 1 || i === 2) {
        expect(md.stats.rowsParsed - before.rowsParsed, `version ${i}`).toBe(1);
        expect(md.stats.rowsReused - before.rowsReused, `version ${i}`).toBe(2);
        expect(md.stats.rowsPlain - before.rowsPlain, `version ${i}`).toBe(2);
      }
    }
  });

  test('rows a padding change could misread are reused only as written', () => {
    // An escaped pipe that loses its padding, a tab, text after the last pipe: each must parse as the whole file.
    const table = (r: string) => `# T\n\n## A\n\n| Category | Expectations |\n| --- | --- |\n| One | First row. |\n| Two | Second row. |\n${r}\n| Four | Fourth row. |\n\n## B\n\n- x\n`;
    const md = createChunkedMarkdown();
    for (const r of ['| Three | Ends with a backslash \\ |', '| Three | Ends with a backslash \\|', '| Three | Ends with a backslash \\|  |', '| Three |\tTabbed. |', '| Three | Tabbed. |', '| Three | Trailing. |  ', '| Three | Trailing. |', '| Three | a | b |', '| Three | a |   b   |', 'Three | no leading pipe |']) {
      const text = table(r);
      expect(plain(md(text)), r).toEqual(plain(parseMarkdown(text)));
    }
  });

  const wholeFile = (files: string[]) => {
    const md = createChunkedMarkdown();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(plain(md(text)), f).toEqual(plain(parseMarkdown(text)));
    }
    expect(md.stats.reused).toBeGreaterThan(0);
  };

  test('every fixture file parses as the whole file', () => wholeFile(markdownFiles(FIXTURES)));

  test.skipIf(!haveSharedData('the real-world chunked-parse check'))('every real-world file, and every version of their histories, parses as the whole file', () =>
    wholeFile(markdownFiles(DATA)),
  );

  test('an edit to one section re-parses only that section; ladders come out identical', () => {
    const levels = (extra: string) =>
      ['L1 · Starts', 'L2 · Grows', 'L3 · Leads'].map((l, i) => `## ${l}\n\n### Craft\n\n- Writes tested code ${i}.\n${i === 1 ? extra : ''}\n### Care\n\n- Helps others ${i}.\n`).join('\n');
    const v1 = `---\ntitle: Eng\n---\n\n# Eng\n\nIntro.\n\n${levels('')}`;
    const v2 = `---\ntitle: Eng\n---\n\n# Eng\n\nIntro.\n\n${levels('- Reviews designs.\n')}`;
    const md = createChunkedMarkdown();
    md(v1);
    const before = { ...md.stats };
    md(v2);
    expect(md.stats.chunks - before.chunks).toBe(1);
    expect(md.stats.reused - before.reused).toBeGreaterThan(3);
    expect(plain(parseLadder(v2, 'eng.md', { markdown: md }))).toEqual(plain(parseLadder(v2, 'eng.md')));
  });

  test('what is derived from one node is kept per slot, and found again on a moved copy', () => {
    // A labelled paragraph's text after its label and the whole paragraph are two readings of one
    // `children` array: each slot keeps its own value; a reused section finds each, shifted.
    const doc = (intro: string) => `# T\n\n${intro}## L1\n\nCraft: ships small changes.\n`;
    const md = createChunkedMarkdown();
    const paragraphOf = (text: string) => {
      const tree = md(text);
      return tree.children.find((n) => n.type === 'paragraph' && n.position!.start.line > 3) as { children: unknown[]; position: { start: { line: number } } };
    };
    const shift = (v: string, lines: number) => (lines ? `${v}+${lines}` : v);
    let computed = 0;
    const read = (value: string) => () => (computed++, value);
    const first = paragraphOf(doc(''));
    expect(md.memo(first.children, read('whole'), shift)).toBe('whole');
    expect(md.memo(first.children, read('rest'), shift, undefined, 'label-rest')).toBe('rest');
    expect(md.memo(first.children, read('again'), shift)).toBe('whole');
    expect(md.memo(first.children, read('again'), shift, undefined, 'label-rest')).toBe('rest');
    expect(computed).toBe(2);
    // The same section two lines down: a moved copy, each slot's value shifted by the two lines.
    const moved = paragraphOf(doc('Intro.\n\n'));
    expect(moved.position.start.line).toBe(first.position.start.line + 2);
    expect(md.memo(moved.children, read('again'), shift)).toBe('whole+2');
    expect(md.memo(moved.children, read('again'), shift, undefined, 'label-rest')).toBe('rest+2');
    expect(computed).toBe(2);
  });

  test('the cache is bounded: the oldest sections go first', () => {
    const doc = (n: number) => `# T\n\n## A${n}\n\nx\n\n## B${n}\n\ny\n`;
    const md = createChunkedMarkdown({ maxChars: doc(1).length });
    md(doc(1));
    md(doc(2));
    const chunks = md.stats.chunks;
    md(doc(1)); // evicted: parsed again
    expect(md.stats.chunks).toBeGreaterThan(chunks);
    expect(plain(md(doc(1)))).toEqual(plain(parseMarkdown(doc(1))));
  });
});

// Link reference and footnote definitions act across the file: a section that refers to a label another
// section defines is parsed with that label defined, and is known by its text and the file's labels.
describe('files with link reference and footnote definitions', () => {
  const pool = [
    '## A', '## B', '### c', '', '', '', 'text', 'see [x] and [y]', '[Text][X]', '[x][]', 'a [^1] note', '[^n]', '- item [x]', '> quote [y]',
    '[x]: http://a', '[Y]: <b> "t"', '[^1]: note', '[^n]: other\n  continued', '- [x]: in a list', '> [y]: in a quote', '```', '~~~', '    [x]: code',
    '| a | b |', '| - | - |', '| [x] | [^1] |', '<div>', '</div>', '[x]:', '[z]: http://c', '\\[x]', '[x] [y] [z] [^1] [^n]', 'text\n[x]: not after a paragraph line',
  ];

  test('random histories parse as the whole file, version after version, and read the same ladders', () => {
    const next = lcg(29);
    const md = createChunkedMarkdown();
    const ladders = createChunkedMarkdown();
    let cut = 0;
    let text = '# T\n\n';
    for (let n = 0; n < 3_000; n++) {
      // Each version edits the last: a line added or replaced, so a definition comes and goes under the same sections.
      const lines = text.split('\n');
      const at = 2 + Math.floor(next() * Math.max(1, lines.length - 2));
      lines.splice(at, next() < 0.5 ? 0 : 1, pool[Math.floor(next() * pool.length)]!);
      text = lines.length > 40 ? `# T\n\n${lines.slice(-20).join('\n')}` : lines.join('\n');
      if (!text.endsWith('\n')) text += '\n';
      const before = md.stats.chunks + md.stats.reused;
      expect(plain(md(text)), JSON.stringify(text)).toEqual(plain(parseMarkdown(text)));
      if (md.stats.chunks + md.stats.reused - before > 1 && /^ {0,3}\[[^\]]+\]:/m.test(text)) cut++;
      if (n % 10 === 0) expect(plain(parseLadder(text, 'ladders/t.md', { markdown: ladders })), JSON.stringify(text)).toEqual(plain(parseLadder(text, 'ladders/t.md', { markdown: parseMarkdown })));
    }
    // Files that define labels are cut in sections, not parsed whole.
    expect(cut).toBeGreaterThan(300);
  });

  test('a possible definition is any bracketed label and colon, in any container, and nothing else', () => {
    for (const yes of ['[x]: u', '- [x]: u', '> [x]: u', '    [x]: u', '[x\ny]: u', '[^1]: n', '[a\\]b]: u', 'text [x]: u']) expect(mayHoldDefinitions(yes), yes).toBe(true);
    for (const no of ['see [x] here', '[x] : u', '[]: u', '[a[b] c', 'x]: u', `${'[a\n'.repeat(1000)}`]) expect(mayHoldDefinitions(no), no).toBe(false);
  });

  test('definitions inside list items and block quotes, or over two lines, act across sections', () => {
    const md = createChunkedMarkdown();
    for (const def of ['> [x]: http://a', '- item\n\n    [x]: http://a', '- [x]: http://a', '[x\ny]: http://a', '1. [^x]: note']) {
      const label = def.includes('x\ny') ? '[x y]' : def.includes('^') ? '[^x]' : '[x]';
      const text = `# T\n\n## A\n\nsee ${label}\n\n## B\n\n${def}\n`;
      // The reference resolves (a linkReference or footnoteReference, not text) as in the whole file.
      expect(JSON.stringify(parseMarkdown(text)), def).toMatch(/"type":"(linkReference|footnoteReference)"/);
      expect(plain(md(text)), def).toEqual(plain(parseMarkdown(text)));
    }
  });

  test('a ladder with a definition at its end keeps its sections through a history', () => {
    const md = createChunkedMarkdown();
    let versions = 0;
    for (const c of generateHistory({ ...CORPUS_PRESETS.default.options, seed: 13, ladders: 3, commits: 40 }).commits) {
      for (const [file, text] of Object.entries(c.files)) {
        if (text === null) continue;
        const version = `${text.trimEnd()}\n\nSee the [handbook] and its [notes][^1].\n\n[handbook]: https://example.com/h\n\n[^1]: Written by the owners.\n`;
        expect(plain(md(version)), `${file}@${versions}`).toEqual(plain(parseMarkdown(version)));
        versions++;
      }
    }
    expect(versions).toBeGreaterThan(40);
    expect(md.stats.reused).toBeGreaterThan(versions);
    expect(md.stats.whole).toBe(0);
    // A definition in column 1 after a blank line starts a section: the level before it is built without micromark,
    // and so are the reference to it and the definition itself (plain-blocks.ts).
    const one = createChunkedMarkdown();
    const text = '# T\n\nSee [h].\n\n## A\n\n- x\n- y\n\n[h]: https://example.com\n';
    expect(plain(one(text))).toEqual(plain(parseMarkdown(text)));
    expect(one.stats.chunks).toBe(3);
    // Each without micromark: the reference, the level, and the definition.
    expect(one.stats.plainOnly).toBe(3);
  });
});
