import { describe, expect, it } from 'vitest';
import { CORPUS_PRESETS, generateHistory } from '../../scripts/bench/corpus.js';
import { createChunkedMarkdown, parseLadder } from '../../scripts/parse/index.js';

/** JSON round trip: compares data, not object identity or undefined-valued keys. */
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

// The HTML <table> shape's tree is remembered by the table's text (scripts/parse/html-table.ts): the
// same table read again, in another file or lower down, must come out where it now stands.
const table =
  `<table>\n<thead><tr><th>Level</th><th>Craft</th><th>Teamwork</th></tr></thead>\n<tbody>\n` +
  `<tr><th scope="row">L1 Junior</th><td><ul><li>Writes tests for the code they change.</li></ul></td><td>Asks for help early.</td></tr>\n` +
  `<tr><th scope="row">L2 Senior</th><td>Designs systems. Reviews designs.</td><td>Mentors others.</td></tr>\n</tbody>\n</table>\n`;
const file = (above: string) => `---\ntitle: Web\nid: web\n---\n\n# Web\n\n${above}${table}`;

const places = (source: string, name: string) => {
  const { ladder } = parseLadder(source, name);
  expect(ladder).toBeDefined();
  return ladder!.levels.flatMap((l) => [`${l.title} ${l.position.line}:${l.position.column}`, ...l.cells.flatMap((c) => c.expectations.map((e) => `${c.category}: ${e.text} @${e.position.line}:${e.position.column}`))]);
};

describe('HTML-table ladders read again', () => {
  it('place a table seen before where it now stands, and read a changed one afresh', () => {
    const first = places(file(''), 'a.md');
    // Line 11 is the first body row: its <li> opens at column 43 (after `<tr><th scope="row">L1 Junior</th><td><ul>`).
    expect(first).toContain('Craft: Writes tests for the code they change. @11:43');
    // Four lines and two columns of text above it: every position moves down four lines.
    const lower = places(file('Some words about\nthis ladder, over\nthree lines.\n\n'), 'b.md');
    expect(lower).toEqual(first.map((p) => p.replace(/(\d+):(\d+)$/, (_, l: string, c: string) => `${Number(l) + 4}:${c}`)));
    // The first file again: as it was read the first time.
    expect(places(file(''), 'a.md')).toEqual(first);
    // One cell changed: that cell reads anew, the others as before.
    const edited = places(file('').replace('Mentors others.', 'Mentors two engineers.'), 'a.md');
    // Its <td> opens at column 77, after `<tr><th scope="row">L2 Senior</th><td>Designs systems. Reviews designs.</td>`.
    expect(edited).toContain('Teamwork: Mentors two engineers. @12:77');
    expect(edited.filter((p) => !p.includes('Mentors'))).toEqual(first.filter((p) => !p.includes('Mentors')));
  });

  it('read once per version: a table the section cache hands back as it was gives the same model, facts and line roles', () => {
    // Versions that leave the table's section where it was (an edit after it), move it (an edit above
    // it), or change it; a second track, so the reading is applied under a track's name too.
    const track = `\n## Management\n\n${table.replaceAll('L1 Junior', 'M1 Lead').replaceAll('L2 Senior', 'M2 Manager')}`;
    const versions = [
      file(''),
      `${file('')}\nQuestions go to the team.\n`,
      `${file('')}\nQuestions go to the people team.\n`,
      file('One more line above.\n\n'),
      file('').replace('Mentors others.', 'Mentors two engineers.'),
      `${file('## Engineering\n\n')}${track}`,
      `${file('## Engineering\n\n')}${track}\nAsk anyone.\n`,
      `${file('## Engineering\n\n')}${track}\nAsk anyone.\n`,
    ];
    const md = createChunkedMarkdown();
    for (const [i, text] of versions.entries()) {
      const cached = parseLadder(text, 'web.md', { markdown: md });
      // Twice with the cache: the second read hands back the very blocks the first one read.
      expect(plain(parseLadder(text, 'web.md', { markdown: md })), `version ${i}`).toEqual(plain(cached));
      expect(plain(cached), `version ${i}`).toEqual(plain(parseLadder(text, 'web.md')));
      expect(cached.facts.roles?.filter((r) => r === 'expectation').length, `version ${i}`).toBeGreaterThan(0);
    }
    expect(md.stats.reused).toBeGreaterThan(0);
    // The model a caller gets is its own: changing it changes no later read.
    const first = parseLadder(versions[1]!, 'web.md', { markdown: md }).ladder!;
    first.levels[0]!.cells[0]!.expectations.length = 0;
    first.levels[0]!.cells.length = 0;
    expect(plain(parseLadder(versions[1]!, 'web.md', { markdown: md }))).toEqual(plain(parseLadder(versions[1]!, 'web.md')));
  });
});

describe('HTML-table ladders in a history walk', () => {
  // A walk reuses sections, readings and rows it met before (chunks.ts, html-table.ts): every version
  // must still read exactly as it reads alone, a table met again placed where it now stands.
  it('give each version what a single read gives, as cells are reworded, added, moved and met again lower down', () => {
    for (const lineEndings of ['lf', 'crlf'] as const) {
      const md = createChunkedMarkdown();
      let versions = 0;
      for (const c of generateHistory({ ...CORPUS_PRESETS['html-tables'].options, lineEndings, ladders: 3, commits: 40, seed: 7 }).commits) {
        for (const [name, text] of Object.entries(c.files)) {
          if (text === null) continue;
          // The same table under a longer intro as well: every cell is met again, lower down.
          for (const source of [text, text.replace(/^(# .*\r?\n)/m, '$1\nAn intro of one more paragraph.\n')]) {
            const walked = parseLadder(source, name, { markdown: md });
            expect(plain(walked), `${name} ${lineEndings}`).toEqual(plain(parseLadder(source, name)));
            versions++;
          }
        }
      }
      expect(versions).toBeGreaterThan(40);
    }
  });
});
