import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { CORPUS_PRESETS, CORPUS_SHAPES, generateHistory, generateLadders, renderLadder, richSentence } from '../../scripts/bench/corpus.js';
import { diffLadder } from '../../scripts/diff/index.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { parseMarkdown } from '../../scripts/parse/markdown.js';

describe('benchmark corpus', () => {
  test('deterministic from the seed', () => {
    const a = generateHistory({ seed: 7, ladders: 4, commits: 60 });
    const b = generateHistory({ seed: 7, ladders: 4, commits: 60 });
    const c = generateHistory({ seed: 8, ladders: 4, commits: 60 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.commits)).not.toBe(JSON.stringify(c.commits));
  });

  test('every shape, parsed back to the levels, categories and expectations it was generated with', () => {
    const ladders = generateLadders({ ladders: 4, levels: 6, categories: 5 });
    expect(ladders.map((l) => l.shape)).toEqual([...CORPUS_SHAPES]);
    for (const l of ladders) {
      const parsed = parseLadder(renderLadder(l), `ladders/${l.id}.md`).ladder!;
      expect(parsed.shape, l.shape).toBe(l.shape);
      expect(parsed.levels.map((x) => `${x.code} · ${x.title}`)).toEqual(l.levels.map((x) => `${x.code} · ${x.title}`));
      expect(parsed.categories).toEqual(l.categories);
      expect(parsed.levels.map((x) => x.cells.map((c) => c.expectations.map((e) => e.text)))).toEqual(l.cells);
    }
  });

  test('a history of the requested length: squash, merge and direct commits, tags on main, formatting-only edits', () => {
    const { commits } = generateHistory({ seed: 3, ladders: 4, levels: 4, categories: 3, minSentences: 2, maxSentences: 4, commits: 200, tagEvery: 50 });
    expect(commits).toHaveLength(200);
    expect(commits.filter((c) => c.tag).map((c) => c.tag)).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0']);
    expect(commits.some((c) => c.tag && c.side)).toBe(false);
    expect(commits.filter((c) => /\(#\d+\)$/.test(c.message)).length).toBeGreaterThan(50);
    expect(commits.filter((c) => c.merge).length).toBeGreaterThan(20);
    commits.forEach((c, i) => {
      if (c.merge) expect(commits[i - 1]!.side, `commit ${i}`).toBe(true);
    });
    // Some commits change bytes only: the diff of their ladder reports nothing.
    const last = new Map<string, string>();
    let formattingOnly = 0;
    for (const c of commits) {
      for (const [file, text] of Object.entries(c.files)) {
        const before = last.get(file);
        if (before !== undefined && !c.merge && text !== null) {
          const d = diffLadder(parseLadder(before, file).ladder, parseLadder(text, file).ladder);
          if (d.changes.length === 0) formattingOnly++;
        }
        if (text !== null) last.set(file, text);
      }
    }
    expect(formattingOnly).toBeGreaterThan(5);
  });
});

describe('corpus presets', () => {
  test('the default corpus is the one the README table was measured on, byte for byte', () => {
    const hash = createHash('sha256').update(JSON.stringify(generateHistory({ ladders: 12, commits: 60, seed: 3 }))).digest('hex');
    expect(hash).toBe('c842d2feae2cf2912027354dd2af59ec192984b28df6d49045370f9d5b14dfb4');
    expect(JSON.stringify(generateHistory(CORPUS_PRESETS.default.options))).toBe(JSON.stringify(generateHistory()));
  });

  test('table-heavy: every ladder a table, several ladders per commit, levels renamed and added', () => {
    const { ladders, commits } = generateHistory({ ...CORPUS_PRESETS['table-heavy'].options, ladders: 10, commits: 120 });
    expect(new Set(ladders.map((l) => l.shape))).toEqual(new Set(['table']));
    const edits = commits.slice(1).filter((c) => !c.merge);
    expect(edits.some((c) => Object.keys(c.files).length === 3)).toBe(true);
    expect(edits.every((c) => Object.keys(c.files).length <= 3)).toBe(true);
    expect(ladders.some((l) => l.levels.length > 6)).toBe(true);
    // What the generator wrote is what the parser reads, added levels included.
    for (const l of ladders) {
      const parsed = parseLadder(renderLadder(l), `ladders/${l.id}.md`).ladder!;
      expect(parsed.levels.map((x) => `${x.code} · ${x.title}`)).toEqual(l.levels.map((x) => `${x.code} · ${x.title}`));
    }
  });

  test('shared-categories: table-heavy with one set of categories, the rest of the corpus alike', () => {
    const options = { ladders: 10, commits: 60, seed: 5 };
    const shared = generateHistory({ ...CORPUS_PRESETS['shared-categories'].options, ...options });
    const own = generateHistory({ ...CORPUS_PRESETS['table-heavy'].options, ...options });
    expect(new Set(shared.ladders.map((l) => l.categories.join('|'))).size).toBe(1);
    expect(new Set(own.ladders.map((l) => l.categories.join('|'))).size).toBeGreaterThan(1);
    // The same draws otherwise: titles, levels, cells and commits.
    expect(shared.ladders.map((l) => [l.title, l.levels, l.cells])).toEqual(own.ladders.map((l) => [l.title, l.levels, l.cells]));
    expect(shared.commits.map((c) => [c.message, Object.keys(c.files)])).toEqual(own.commits.map((c) => [c.message, Object.keys(c.files)]));
    // The parser reads the one set from every ladder.
    for (const l of shared.ladders) expect(parseLadder(renderLadder(l), `ladders/${l.id}.md`).ladder!.categories).toEqual(shared.ladders[0]!.categories);
  });

  test('html-tables: every ladder one HTML table, read back to what was generated, spaced or not', () => {
    const { ladders, commits } = generateHistory({ ...CORPUS_PRESETS['html-tables'].options, ladders: 8, commits: 80 });
    expect(new Set(ladders.map((l) => l.shape))).toEqual(new Set(['html']));
    // Both layouts occur: one HTML block, and (padded) row groups set apart by blank lines.
    const texts = commits.flatMap((c) => Object.values(c.files).filter((t): t is string => t !== null));
    expect(texts.some((t) => /<\/thead>\n\n/.test(t))).toBe(true);
    expect(texts.some((t) => /<\/thead>\n<tbody>/.test(t))).toBe(true);
    for (const l of ladders) {
      for (const padded of [true, false]) {
        const text = renderLadder({ ...l, style: { ...l.style, padded } });
        expect(text).toContain('<table');
        const parsed = parseLadder(text, `ladders/${l.id}.md`).ladder!;
        expect(parsed.levels.map((x) => `${x.code} · ${x.title}`)).toEqual(l.levels.map((x) => `${x.code} · ${x.title}`));
        expect(parsed.categories).toEqual(l.categories);
        expect(parsed.levels.map((x) => x.cells.map((c) => c.expectations.map((e) => e.text)))).toEqual(l.cells);
      }
    }
  });

  test('tracks: every shape read back as two tracks of the levels generated, after edits too', () => {
    const { ladders } = generateHistory({ ...CORPUS_PRESETS.tracks.options, ladders: 10, commits: 80 });
    expect(new Set(ladders.map((l) => l.shape))).toEqual(new Set(CORPUS_SHAPES));
    for (const l of ladders) {
      for (const padded of [true, false]) {
        const parsed = parseLadder(renderLadder({ ...l, style: { ...l.style, padded } }), `ladders/${l.id}.md`).ladder!;
        const at = l.trackAt!;
        expect(parsed.tracks.map((t) => t.title), l.id).toEqual(['Individual contributor track', 'Manager track']);
        expect(parsed.levels.map((x) => `${x.track} ${x.code} · ${x.title}`), l.id).toEqual(
          l.levels.map((x, k) => (k < at ? `individual-contributor-track ${x.code} · ${x.title}` : `manager-track M${k - at + 1} · ${x.title}`)),
        );
        expect(parsed.levels.map((x) => x.cells.map((c) => c.expectations.map((e) => e.text))), l.id).toEqual(l.cells);
      }
    }
  });

  test('long cells, many ladders per commit and frequent releases come from their presets', () => {
    const long = generateLadders({ ...CORPUS_PRESETS['long-cells'].options, ladders: 4 });
    expect(long.flatMap((l) => l.cells.flat()).every((c) => c.length >= 10 && c.length <= 16)).toBe(true);
    const many = generateHistory({ ...CORPUS_PRESETS['many-per-commit'].options, ladders: 12, commits: 60 }).commits;
    // 3–8 draws a commit; a ladder drawn twice counts once.
    expect(many.slice(1).filter((c) => Object.keys(c.files).length >= 3).length).toBeGreaterThan(many.length / 2);
    const restructure = generateHistory({ ...CORPUS_PRESETS.restructure.options, ladders: 6, commits: 100 }).commits;
    expect(restructure.filter((c) => c.tag)).toHaveLength(10);
    expect(restructure.some((c) => /^Add a (senior )?level/i.test(c.message))).toBe(true);
  });

  test('windows-line-endings and reference-links: the same ladders, saved with CR LF or linking a handbook', () => {
    const plain = generateHistory({ seed: 3, ladders: 4, commits: 20 }).commits;
    const windows = generateHistory({ ...CORPUS_PRESETS['windows-line-endings'].options, seed: 3, ladders: 4, commits: 20 }).commits;
    const texts = (cs: typeof plain) => cs.flatMap((c) => Object.values(c.files).filter((t): t is string => t !== null));
    // Every line ends in CR LF, and the ladders read as their LF twins do.
    for (const t of texts(windows)) expect(t.replaceAll('\r\n', '').includes('\n')).toBe(false);
    const [w, l] = [texts(windows)[0]!, texts(plain)[0]!];
    expect(parseLadder(w, 'ladders/a.md').ladder!.levels.map((x) => x.title)).toEqual(parseLadder(l, 'ladders/a.md').ladder!.levels.map((x) => x.title));
    const linked = texts(generateHistory({ ...CORPUS_PRESETS['reference-links'].options, seed: 3, ladders: 4, commits: 20 }).commits);
    for (const t of linked) {
      const title = /^title: (.*)$/m.exec(t)![1];
      // The introduction refers to the handbook that the file's last line defines: the reference resolves.
      expect(t).toMatch(new RegExp(`See the \\[${title} handbook\\][^\\n]*\\n[\\s\\S]*\\n\\[${title} handbook\\]: https://handbook\\.example\\.com/ladder-\\d+\\n$`));
      expect(JSON.stringify(parseMarkdown(t))).toContain(`"identifier":"${title!.toLowerCase()} handbook","referenceType":"shortcut"`);
    }
  });

  test('rich-text: the same expectations, with no frontmatter, links, stressed words and code, wrapped, with sub-points', () => {
    const opts = { seed: 3, ladders: 8, commits: 20 };
    const plain = generateHistory(opts).commits;
    const rich = generateHistory({ ...opts, ...CORPUS_PRESETS['rich-text'].options, minLaddersPerCommit: 1, maxLaddersPerCommit: 1 }).commits;
    const texts = (cs: typeof plain) => cs.flatMap((c) => Object.values(c.files).filter((t): t is string => t !== null));
    const all = texts(rich).join('\n');
    // Each kind of Markdown is there, and bullets wrap (no bullet line is over 100 characters) with sub-points in the headings shape.
    expect(all).toMatch(/\[[a-z]+\]\(https:\/\/handbook\.example\.com\/[a-z]+\)/);
    expect(all).toMatch(/ _[a-z]+_ /);
    expect(all).toMatch(/ `[a-z]+` /);
    expect(all).toMatch(/^[-*] \*\*[A-Z][a-z]+\*\* /m);
    expect(all).toMatch(/^ {2}[-*] for example, when the work crosses /m);
    expect(all.split('\n').filter((l) => /^[-*] /.test(l)).every((l) => l.length <= 100)).toBe(true);
    expect(all).toMatch(/\n {2}[a-z[*_`]/);
    // No frontmatter: each file opens with its title, and is named by its file.
    for (const t of texts(rich)) expect(t).toMatch(/^# [A-Z]/);
    // The Markdown is decoration: the expectations read as the plain corpus's, sentence for sentence.
    const [r0, p0] = [texts(rich), texts(plain)];
    for (let i = 0; i < r0.length; i++) {
      const [r, p] = [parseLadder(r0[i]!, 'ladders/a.md').ladder!, parseLadder(p0[i]!, 'ladders/a.md').ladder!];
      expect(r.levels.map((l) => l.title)).toEqual(p.levels.map((l) => l.title));
      expect(r.categories).toEqual(p.categories);
      const count = (x: typeof r) => x.levels.flatMap((l) => l.cells.map((c) => c.expectations.length));
      if (!r0[i]!.includes('for example')) expect(count(r)).toEqual(count(p));
    }
    expect(richSentence('Leads reliable releases for the team.')).toBe(richSentence('Leads reliable releases for the team.'));
  });
});
