import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Parent, PhrasingContent, Root } from 'mdast';
import { describe, expect, test } from 'vitest';
import { CORPUS_PRESETS, generateHistory, type CorpusPreset } from '../../scripts/bench/corpus.js';
import { defaultConfig } from '../../scripts/config/index.js';
import { summarize } from '../../scripts/load/summary-cache.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { createChunkedMarkdown } from '../../scripts/parse/chunks.js';
import { parseMarkdown } from '../../scripts/parse/markdown.js';
import { hasPlainText, splitSentences } from '../../scripts/parse/text.js';
import { SHARED_DATA, haveSharedData, markdownFiles } from '../helpers/shared-data.js';

// Scouting a level (ladder.ts), and parsing a ladder only to summarize it (ParseOptions.countOnly),
// read with ctx.countOnly: a paragraph or cell counts as one placeholder
// expectation when hasPlainText() says so, instead of being split into sentences. The level's shape and
// whether it holds expectations rest on that answer: it must be "splitSentences gives any piece".

/** Every run of inline content the readers split: paragraphs, headings and table cells. */
function inlineRuns(tree: Root): PhrasingContent[][] {
  const out: PhrasingContent[][] = [];
  const visit = (node: Parent) => {
    if (node.type === 'paragraph' || node.type === 'tableCell' || node.type === 'heading') out.push(node.children as PhrasingContent[]);
    else for (const child of node.children ?? []) if ('children' in child) visit(child as Parent);
  };
  visit(tree);
  return out;
}

function agree(source: string): number {
  let runs = 0;
  for (const children of inlineRuns(parseMarkdown(source))) {
    expect(hasPlainText(children), JSON.stringify(children.map((c) => c.type))).toBe(splitSentences(children, source).length > 0);
    runs++;
  }
  return runs;
}

describe('hasPlainText is "splitSentences gives a piece"', () => {
  test('on inline content with no text, only white space, or text only inside markup', () => {
    const cases = [
      'plain words',
      '![only an image](x.png)',
      '<span></span>',
      '*<br>*',
      'a<br>b',
      '`code`',
      '` `',
      '**bold** only',
      '[link text](https://example.com)',
      '[](https://example.com)',
      '\u00a0\u2003',
      '&nbsp;',
      '&#32;',
      '\\*',
      'x[^1]\n\n[^1]: note',
      '*<!-- comment -->*',
      '~~struck~~',
      '| a | b |\n|---|---|\n|   | ![](i.png) |\n| `` | **x** |',
    ];
    for (const md of cases) expect(agree(md), md).toBeGreaterThan(0);
  });

  test('on every paragraph, heading and cell of the fixtures and bundled ladders', () => {
    const files = markdownFiles(path.join(import.meta.dirname, '../fixtures')).concat(markdownFiles(path.join(import.meta.dirname, '../../ladders')));
    let runs = 0;
    for (const file of files) runs += agree(readFileSync(file, 'utf8'));
    expect(runs).toBeGreaterThan(1000);
  });

  test.skipIf(!haveSharedData('hasPlainText on the real ladders'))('on every paragraph, heading and cell of ../shared/data', () => {
    let runs = 0;
    for (const file of markdownFiles(SHARED_DATA)) runs += agree(readFileSync(file, 'utf8'));
    expect(runs).toBeGreaterThan(1000);
  });
});

// What validate <file> keeps of every other ladder (load/workspace.ts loadSiblings) comes from a counting
// parse: it must be the summary a whole parse gives, categories, positions, title and cleanness alike.
describe('a counting parse summarizes as the whole parse', () => {
  const config = defaultConfig();
  const same = (text: string | Uint8Array, file: string) => {
    const counted = summarize(parseLadder(text, file, { countOnly: true }), config);
    expect(counted, file).toEqual(summarize(parseLadder(text, file), config));
    return counted.sibling?.used.length ?? 0;
  };

  test('every fixture and bundled ladder', () => {
    const files = markdownFiles(path.join(import.meta.dirname, '../fixtures')).concat(markdownFiles(path.join(import.meta.dirname, '../../ladders')));
    let used = 0;
    for (const file of files) used += same(readFileSync(file), path.basename(file));
    expect(used).toBeGreaterThan(200);
  });

  test.each(Object.keys(CORPUS_PRESETS) as CorpusPreset[])('every version of a generated %s history', (preset) => {
    let versions = 0;
    for (const c of generateHistory({ ...CORPUS_PRESETS[preset].options, seed: 11, ladders: 5, commits: 40, tagEvery: 10 }).commits) {
      for (const [file, text] of Object.entries(c.files)) {
        if (text === null) continue;
        same(text, file);
        versions++;
      }
    }
    expect(versions).toBeGreaterThan(40);
  });

  test.skipIf(!haveSharedData('counting parse on the real ladders'))('every file and history version of ../shared/data', () => {
    let used = 0;
    for (const file of markdownFiles(SHARED_DATA)) used += same(readFileSync(file), path.basename(file));
    expect(used).toBeGreaterThan(50);
  });
});

// An HTML table is read once per text and place (html-table.ts keeps the reading): a counting read
// gives placeholders, so a whole parse of the same section must not be handed that reading.
describe('an HTML table read for a count', () => {
  const ladder = [
    '# Platform',
    '',
    '<table>',
    '<thead><tr><th>Level</th><th>Craft</th><th>Impact</th></tr></thead>',
    '<tbody>',
    '<tr><th>Builds</th><td>Writes tests. Reviews code.</td><td><ul><li>Ships small changes.</li><li>Fixes bugs.</li></ul></td></tr>',
    '<tr><th>Leads</th><td>Designs systems.</td><td>Sets direction. Grows people. Owns outcomes.</td></tr>',
    '</tbody>',
    '</table>',
    '',
  ].join('\n');
  const counts = (r: ReturnType<typeof parseLadder>) => r.ladder!.levels.map((l) => l.cells.map((c) => `${c.category}:${c.expectations.length}`).join(' '));

  test('holds one placeholder per item or text cell, the whole parse every sentence', () => {
    const markdown = createChunkedMarkdown();
    const counted = parseLadder(ladder, 'ladders/platform.md', { countOnly: true, markdown });
    expect(counts(counted)).toEqual(['Craft:1 Impact:2', 'Craft:1 Impact:1']);
    expect(counted.ladder!.levels.flatMap((l) => l.cells.flatMap((c) => c.expectations.map((e) => e.text)))).toEqual(['', '', '', '', '']);
    // The same text again, through the same chunked parser (the same blocks): read whole this time.
    const whole = parseLadder(ladder, 'ladders/platform.md', { markdown });
    expect(counts(whole)).toEqual(['Craft:2 Impact:2', 'Craft:1 Impact:3']);
    expect(whole.ladder!.levels[1]!.cells[1]!.expectations.map((e) => e.text)).toEqual(['Sets direction.', 'Grows people.', 'Owns outcomes.']);
    expect(whole).toEqual(parseLadder(ladder, 'ladders/platform.md'));
    expect(summarize(counted, defaultConfig())).toEqual(summarize(whole, defaultConfig()));
  });
});
