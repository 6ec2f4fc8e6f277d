// A file saved with CR LF line endings is read as its LF twin (scripts/parse/line-endings.ts): the tree
// it gets must be the one micromark builds of the CR LF text itself, and the ladder the one the parser
// read from that tree before.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CORPUS_PRESETS, generateHistory } from '../../scripts/bench/corpus.js';
import { createChunkedMarkdown, parseMarkdownOnce, parseMarkdownOnceStats } from '../../scripts/parse/chunks.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { lfTwin, withCrlf } from '../../scripts/parse/line-endings.js';
import { parseMarkdown } from '../../scripts/parse/markdown.js';
import { SHARED_DATA, haveSharedData, markdownFiles } from '../helpers/shared-data.js';

/** JSON round trip: the trees' data, not object identity. */
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
const crlf = (text: string) => text.replace(/\r\n?/g, '\n').replaceAll('\n', '\r\n');

/** Fixtures, bundled ladders, the real ones when present, and every version of two generated histories. */
function files(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const dirs = [path.join(import.meta.dirname, '../fixtures'), path.join(import.meta.dirname, '../../ladders')];
  if (haveSharedData('CR LF twins of the real ladders')) dirs.push(SHARED_DATA);
  for (const dir of dirs) for (const f of markdownFiles(dir)) out.push([f, readFileSync(f, 'utf8')]);
  for (const preset of ['default', 'html-tables'] as const) {
    for (const c of generateHistory({ ...CORPUS_PRESETS[preset].options, seed: 5, ladders: 4, commits: 30 }).commits) {
      for (const [file, text] of Object.entries(c.files)) if (text !== null) out.push([file, text]);
    }
  }
  return out;
}

describe('lfTwin', () => {
  test('is the LF text of a file whose every line ends in CR LF, and nothing else', () => {
    expect(lfTwin('a\r\nb\r\n')).toBe('a\nb\n');
    expect(lfTwin('a\r\nb')).toBe('a\nb');
    expect(lfTwin('a\nb\n')).toBeUndefined(); // nothing to do
    expect(lfTwin('a\r\nb\n')).toBeUndefined(); // mixed
    expect(lfTwin('a\r\nb\rc\r\n')).toBeUndefined(); // a lone CR is a line ending of its own
    expect(lfTwin('a\r\r\nb\r\n')).toBeUndefined();
    // A character reference may stand for a line break that must not become CR LF.
    expect(lfTwin('a &#10; b\r\n')).toBeUndefined();
    expect(lfTwin('a &NewLine; b\r\n')).toBeUndefined();
  });
});

describe('a CR LF file read as its LF twin', () => {
  // Pieces that keep line endings in values (text, code, HTML, titles, alt text, frontmatter) or count them.
  const pieces = [
    '---\ntitle: x\nowners: [a]\n---\n', '# H\n', 'Setext\n===\n', 'para line\nnext line\n', '`code\nspan`', '[link](http://x "multi\nline")',
    '![alt\ntext](i.png)', '<div>\nhtml\n</div>\n', '<!-- c\nd -->\n', '```js\nfenced\n\n```\n', '    indented\n    code\n', '> quote\ncontinued\n',
    '- item\n  more\n- b\n', '1. one\n2. two\n', '| a | b |\n| - | - |\n| c | d |\n', 'hard  \nbreak\n', 'back\\\nslash\n', '\n', '\n\n', '*emph\nasis*',
    '[ref]\n\n[ref]: http://y "t\nt"\n', '~~del\nx~~', '[^1]\n\n[^1]: foot\n  note\n', 'a <span\nclass="x">b</span>', '<table>\n<tr><td>x</td></tr>\n</table>\n',
    '\t- tab\n', 'trail \n', '***\n', '- [ ] task\n', 'www.example.com\n', 'x@y.z\n', '&amp; &copy;\n', '## L1 · Level\n\n| Category | Expectations |\n| --- | --- |\n| **Craft** | Ships. Owns. |\n',
  ];

  test('has the tree micromark builds of the CR LF text (random documents)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 10 }), (parts) => {
        const lf = parts.join('');
        const twin = parseMarkdown(lf);
        const before = JSON.stringify(twin);
        expect(plain(withCrlf(twin))).toEqual(plain(parseMarkdown(crlf(lf))));
        // The twin's tree is left as it was: the table rows keep theirs for the next twin.
        expect(JSON.stringify(twin)).toBe(before);
      }),
      { numRuns: 1000 },
    );
  });

  test('parses once to that tree, without micromark where the LF file needs none, and to the same ladder', () => {
    const all = files();
    const before = { ...parseMarkdownOnceStats() };
    let twins = 0;
    for (const [file, text] of all) {
      const windows = crlf(text);
      if (lfTwin(windows) === undefined) continue;
      twins++;
      expect(plain(parseMarkdownOnce(windows)), file).toEqual(plain(parseMarkdown(windows)));
      // The ladder as the parser read it from micromark's tree of the CR LF text, diagnostics and facts included.
      expect(plain(parseLadder(windows, file)), file).toEqual(plain(parseLadder(windows, file, { markdown: parseMarkdown })));
    }
    expect(twins).toBeGreaterThan(all.length * 0.9);
    // Sections of the twins were built without micromark.
    expect(parseMarkdownOnceStats()!.plainOnly - (before.plainOnly ?? 0)).toBeGreaterThan(twins);
  });
});

describe('a history of CR LF files', () => {
  test('reads every version as micromark does, reusing sections and building them without micromark', () => {
    const md = createChunkedMarkdown();
    const tables = createChunkedMarkdown();
    const ladders = createChunkedMarkdown();
    let versions = 0;
    for (const preset of ['default', 'table-heavy', 'html-tables'] as const) {
      const parse = preset === 'table-heavy' ? tables : md;
      const commits = generateHistory({ ...CORPUS_PRESETS[preset].options, seed: 9, ladders: 3, commits: 40 }).commits;
      for (const [n, c] of commits.entries()) {
        for (const [file, text] of Object.entries(c.files)) {
          if (text === null) continue;
          // Every fifth version goes back to LF, as a commit that fixes the line endings would.
          const version = n % 5 === 4 ? text : crlf(text);
          expect(plain(parse(version)), `${preset} ${file} @${n}`).toEqual(plain(parseMarkdown(version)));
          // And the ladder read through the same parser (its memo of derived values included).
          expect(plain(parseLadder(version, file, { markdown: ladders })), `${preset} ${file} @${n}`).toEqual(plain(parseLadder(version, file, { markdown: parseMarkdown })));
          versions++;
        }
      }
    }
    expect(versions).toBeGreaterThan(100);
    expect(md.stats.reused).toBeGreaterThan(100);
    expect(md.stats.plainOnly + md.stats.htmlOnly).toBeGreaterThan(md.stats.chunks / 2);
    expect(tables.stats.rowsPlain + tables.stats.rowsReused).toBeGreaterThan(100);
  });
});
