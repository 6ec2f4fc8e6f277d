import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildView, compareLadders, EDIT_CLASS_IDS, REWORD_THRESHOLD, words, type Change } from '../../scripts/diff/index.js';
import { formatHtml, formatJson, formatMarkdown, formatText } from '../../scripts/diff/format/index.js';
import type { Ladder } from '../../scripts/model/ladder.js';
import { formatLadder } from '../../scripts/parse/format.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { prose } from '../../scripts/diff/changes.js';
import { SHARED_DATA, haveSharedData } from '../helpers/shared-data.js';

// Real edit histories of public ladders (test input only): every committed version of each file.
const HISTORY = join(SHARED_DATA, 'history');
const have = haveSharedData('the real-history diff tests');

interface Version {
  name: string;
  source: string;
  ladder: Ladder;
}

function series(): Array<{ name: string; versions: Version[] }> {
  const out: Array<{ name: string; versions: Version[] }> = [];
  for (const source of readdirSync(HISTORY).sort()) {
    for (const file of readdirSync(join(HISTORY, source)).sort()) {
      const dir = join(HISTORY, source, file);
      const versions: Version[] = [];
      for (const v of readdirSync(dir).sort()) {
        const text = readFileSync(join(dir, v), 'utf8');
        const ladder = parse(text, file);
        if (ladder) versions.push({ name: `${source}/${file}/${v}`, source: text, ladder });
      }
      out.push({ name: `${source}/${file}`, versions });
    }
  }
  return out;
}

function parse(text: string, id: string): Ladder | undefined {
  return parseLadder(text, `ladders/${id}.md`, { id }).ladder;
}

/** What the diff compares, and nothing else: if two versions agree on this, nothing changed. */
function content(l: Ladder): unknown {
  const cells = (cs: Ladder['shared']) => cs.map((c) => [c.category, c.expectations.map((e) => e.text)]);
  return {
    title: l.title, owners: [...l.owners].sort(), status: l.status, shared: cells(l.shared),
    levels: l.levels.map((v) => [v.key, v.code, v.title, cells(v.cells), prose(v.description ?? '')]),
    // Prose is compared by its words: images, HTML tags and Markdown punctuation are formatting.
    intro: prose(l.intro),
    notes: prose(l.notes.map((n) => `${n.title ?? ''}\n${n.markdown}`).join('\n\n')),
  };
}

function diff(a: Ladder, b: Ladder): Change[] {
  const { result, comparisons } = compareLadders([a], [b], { base: 'a', head: 'b' });
  // Every format renders every real diff.
  const view = buildView(result, comparisons);
  expect(JSON.parse(formatJson(result))).toEqual(JSON.parse(JSON.stringify(result)));
  for (const out of [formatText(view), formatMarkdown(view), formatHtml(view)]) expect(out.length).toBeGreaterThan(0);
  return result.ladders[0]!.changes;
}

/** Re-wraps long list items over several lines, as an editor's "reflow paragraph" does. */
function rewrap(md: string): string {
  return md.replace(/^([-*+] )(.{50,})$/gm, (_, bullet: string, rest: string) => {
    const cut = rest.indexOf(' ', 40);
    return cut < 0 ? `${bullet}${rest}` : `${bullet}${rest.slice(0, cut)}\n  ${rest.slice(cut + 1)}`;
  });
}

describe.skipIf(!have)('diff over real ladder histories', () => {
  const all = have ? series() : [];
  const formattingOnly = all.reduce(
    (n, s) => n + s.versions.slice(1).filter((v, i) => JSON.stringify(content(v.ladder)) === JSON.stringify(content(s.versions[i]!.ladder))).length,
    0,
  );

  test('the histories hold what this test relies on', () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all.reduce((n, s) => n + s.versions.length - 1, 0)).toBeGreaterThanOrEqual(50);
    // Commits that touched only the Markdown spelling, images or HTML markup, not a word of the ladder.
    expect(formattingOnly).toBeGreaterThanOrEqual(15);
  });

  for (const s of all) {
    test(`${s.name}: every consecutive pair diffs, and formatting-only commits report nothing`, () => {
      for (let i = 1; i < s.versions.length; i++) {
        const a = s.versions[i - 1]!;
        const b = s.versions[i]!;
        const changes = diff(a.ladder, b.ladder);
        // Same model text: a formatting-only commit, whatever it did to the Markdown.
        if (JSON.stringify(content(a.ladder)) === JSON.stringify(content(b.ladder))) expect(changes, b.name).toEqual([]);
        // Same words in the same order in the whole file: at most punctuation fixes inside a sentence.
        if (words(a.source).join(' ') === words(b.source).join(' ')) {
          // A stray closing tag typed as text (`<\li>`) is words of the expectation that a fixed tag is not.
          const untagged = (t: string) => words(t.replace(/<\\?\/?[a-z]+>/gi, ' '));
          for (const c of changes) {
            expect(['expectation-reworded', 'prose-changed'], b.name).toContain(c.kind);
            expect(untagged(c.before!), b.name).toEqual(untagged(c.after!));
            // Only punctuation changed: never more than a typo fix.
            if (c.kind === 'expectation-reworded') expect(c.class, b.name).toBe('typo');
          }
        }
        // Every rewording is classified, with reasons in words.
        for (const c of changes.filter((x) => x.kind === 'expectation-reworded')) {
          expect(EDIT_CLASS_IDS, b.name).toContain(c.class);
          expect(c.reasons?.length, b.name).toBeGreaterThan(0);
        }
        for (const c of changes) {
          if (c.kind === 'expectation-reworded') expect(c.highlight!.length, b.name).toBeGreaterThan(1);
        }
      }
    });

    test(`${s.name}: fmt and re-wrapping every version are formatting only`, () => {
      for (const v of s.versions) {
        const id = s.name.split('/').pop()!;
        const formatted = parse(formatLadder(v.source), id);
        expect(formatted, v.name).toBeDefined();
        expect(diff(v.ladder, formatted!), `${v.name} vs fmt`).toEqual([]);
        const wrapped = parse(rewrap(v.source), id);
        expect(diff(v.ladder, wrapped!), `${v.name} vs rewrapped`).toEqual([]);
      }
    });
  }

  test('real rewordings are found as rewordings; the threshold keeps a margin', () => {
    let reworded = 0;
    let lowest = 1;
    for (const s of all) {
      for (let i = 1; i < s.versions.length; i++) {
        const { comparisons } = compareLadders([s.versions[i - 1]!.ladder], [s.versions[i]!.ladder]);
        for (const m of comparisons[0]!.alignment.matches) {
          if (m.similarity < 1) {
            reworded++;
            lowest = Math.min(lowest, m.similarity);
          }
        }
      }
    }
    // Typo fixes and "RFCs" → "proposals" style edits exist across these histories.
    expect(reworded).toBeGreaterThanOrEqual(15);
    expect(lowest).toBeGreaterThanOrEqual(REWORD_THRESHOLD);
  });
});
