// The history walk reuses the parse of sections, table cells and frontmatter it has seen before
// (scripts/parse/chunks.ts). Whatever it reuses, every version must parse, and the changelog must
// read, exactly as without any cache: checked on generated histories of every corpus preset.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CORPUS_PRESETS, generateHistory, type CorpusOptions, type CorpusPreset } from '../../scripts/bench/corpus.js';
import { writeHistory } from '../../scripts/bench/git-import.js';
import { buildChangelog, formatChangelog } from '../../scripts/changelog/index.js';
import { loadConfig } from '../../scripts/config/index.js';
import { Repo } from '../../scripts/git/index.js';
import { createChunkedMarkdown, parseLadder } from '../../scripts/parse/index.js';
import { readReleases } from '../../scripts/release/history.js';
import { runLadder } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** JSON round trip: compares data, not object identity or undefined-valued keys. */
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

const small = (preset: CorpusPreset, seed: number): CorpusOptions => ({ ...CORPUS_PRESETS[preset].options, seed, ladders: 6, commits: 60, tagEvery: 12 });
const PRESETS = Object.keys(CORPUS_PRESETS) as CorpusPreset[];

describe('the section cache changes no parse', () => {
  test.each(PRESETS)('every version of a %s history parses as it does alone', (preset) => {
    const md = createChunkedMarkdown();
    let versions = 0;
    for (const c of generateHistory(small(preset, 5)).commits) {
      for (const [file, text] of Object.entries(c.files)) {
        if (text === null) continue;
        expect(plain(parseLadder(text, file, { markdown: md })), `${file} at "${c.message}"`).toEqual(plain(parseLadder(text, file)));
        versions++;
      }
    }
    expect(versions).toBeGreaterThan(60);
    // The point of the cache: most sections and cells come from it.
    expect(md.stats.reused).toBeGreaterThan(md.stats.chunks);
    // An HTML table has no Markdown cells to remember: its sections are read without micromark instead.
    if (preset === 'html-tables') expect(md.stats.htmlOnly).toBeGreaterThan(md.stats.chunks / 4);
    else expect(md.stats.memoHits).toBeGreaterThan(md.stats.memoMisses);
  });

  test('a cell seen in one file is not reused in a file whose link definitions change its meaning', () => {
    const table = (cell: string) => `# T\n\n## L1 · One\n\n| Category | Expectations |\n| --- | --- |\n| Craft | ${cell} |\n\n## L2 · Two\n\n| Category | Expectations |\n| --- | --- |\n| Craft | Mentors others. |\n`;
    const plainCell = table('Reads [the guide] first. Ships it.');
    const linked = `${plainCell}\n[the guide]: https://example.com/guide\n`;
    const moved = `---\ntitle: Moved\n---\n\n${table('Reads [the guide] first. Ships it.')}`;
    const md = createChunkedMarkdown();
    for (const [file, text] of [['a.md', plainCell], ['b.md', linked], ['c.md', moved], ['b.md', linked], ['a.md', plainCell]] as const) {
      expect(plain(parseLadder(text, file, { markdown: md })), file).toEqual(plain(parseLadder(text, file)));
    }
  });

  test('a level section scouted once is read again where its context differs', () => {
    // The same level text under declared categories, without them, moved down, in another file and
    // beside a link definition: each must be detected as a parse without the cache detects it.
    const level = (n: number) => `## L${n} · Step ${n}\n\n- Craft: ships small changes. Reviews [the guide].\n- Care: helps the team.\n`;
    const body = `# Eng\n\n${level(1)}\n${level(2)}`;
    const declared = `---\ncategories: [Craft, Care]\n---\n\n${body}`;
    const moved = `# Eng\n\nAn introduction that pushes every level down.\n\n${level(1)}\n${level(2)}`;
    const defined = `${body}\n[the guide]: https://example.com/guide\n`;
    const md = createChunkedMarkdown();
    for (const [file, text] of [['a.md', body], ['a.md', declared], ['a.md', body], ['a.md', moved], ['b.md', moved], ['b.md', defined], ['a.md', declared]] as const) {
      expect(plain(parseLadder(text, file, { markdown: md })), `${file}: ${text.slice(0, 20)}`).toEqual(plain(parseLadder(text, file)));
    }
  });

  test('frontmatter reused by text still reports its own file and positions', () => {
    const ladder = (front: string) => `---\n${front}\n---\n\n# Eng\n\n## L1 · One\n\n- Writes code.\n\n## L2 · Two\n\n- Reviews code.\n`;
    const md = createChunkedMarkdown();
    for (const [file, text] of [['a.md', ladder('title: A\nowners: 42')], ['b.md', ladder('title: A\nowners: 42')], ['a.md', ladder('title: A\nowners: 42')], ['a.md', `\n${ladder('title: A')}`]] as const) {
      expect(plain(parseLadder(text, file, { markdown: md })), file).toEqual(plain(parseLadder(text, file)));
    }
  });
});

describe('the section cache changes no changelog', () => {
  test.each(PRESETS)('%s: readReleases and `ladder changelog --all` read the same with and without it', async (preset) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ladder-section-cache-'));
    dirs.push(dir);
    await writeHistory(generateHistory(small(preset, 9)).commits, dir);
    const repo = await Repo.open(dir);
    try {
      const config = await loadConfig(dir);
      const cached = await readReleases(repo, config, { to: 'HEAD' });
      const whole = await readReleases(repo, config, { to: 'HEAD', sectionCache: false });
      expect(cached.length).toBeGreaterThan(3);
      expect(plain(cached)).toEqual(plain(whole));
      const markdown = formatChangelog(buildChangelog(whole), { document: true });
      const cli = await runLadder(dir, ['changelog', '--all']);
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stdout).toBe(markdown);
    } finally {
      repo.close();
    }
  });
});
