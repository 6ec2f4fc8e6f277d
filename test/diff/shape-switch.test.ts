// DESIGN: switching a ladder between shapes is formatting, and the diff reports no change at all.
// Each ladder (the bundled ones, the read fixtures and, with LADDER_SHARED_DATA=1, every real file
// and history version in ../shared/data) is written again from its model in each shape below
// and diffed against its own reading. Only what a shape cannot hold may differ: prose (the notes are
// not rewritten; a matrix has no place for a level's description). Every level, track, category and
// expectation must come back the same. This sweep found the All-levels, sparse-matrix, range-title,
// bracketed-code and resegmenting slips of the twenty-first round; its shapes one row a level, levels
// titled by bold paragraphs, categories under a wrapper heading, and by category, those of the
// twenty-second.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { diffLadders } from '../../scripts/diff/index.js';
import { levelLabel, tracksWithLevels, type Cell, type Expectation, type Ladder } from '../../scripts/model/ladder.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { levelAxis } from '../../scripts/parse/level-title.js';
import { WRAPPER_TITLE } from '../../scripts/parse/content.js';
import { SHARED_DATA, haveSharedData, markdownFiles } from '../helpers/shared-data.js';

type Shape = 'table' | 'headings' | 'labelled' | 'matrix' | 'transposed' | 'wrapped' | 'bold-titles' | 'by-category' | 'by-category-labels';
const SHAPES: Shape[] = ['table', 'headings', 'labelled', 'matrix', 'transposed', 'wrapped', 'bold-titles', 'by-category', 'by-category-labels'];

const oneLine = (e: Expectation) => e.markdown.replace(/\s*\n\s*/g, ' ');
const inCell = (e: Expectation) => oneLine(e).replace(/\|/g, '\\|');
/** A table cell: one expectation as it is, several as `- a<br>- b` (each item one expectation). */
const cellText = (c: Cell) => (c.expectations.length === 1 ? inCell(c.expectations[0]!) : c.expectations.map((e) => `- ${inCell(e)}`).join('<br>'));

/** The ladder written in one shape: title, intro, "All levels", then each track's levels. */
function write(l: Ladder, shape: Shape): string {
  const out = ['---', `id: ${l.id}`, '---', '', `# ${l.title}`, ''];
  if (l.intro) out.push(l.intro, '');
  if (l.shared.length) {
    out.push('## All levels', '');
    for (const c of l.shared) out.push(`### ${c.category}`, '', ...c.expectations.map((e) => `- ${oneLine(e)}`), '');
  }
  const tracks = tracksWithLevels(l);
  const depth = tracks.length > 1 ? '###' : '##';
  for (const t of tracks) {
    if (tracks.length > 1) out.push(`## ${t.title}`, '');
    if (shape === 'by-category' || shape === 'by-category-labels') {
      // Category by category, each level a sub-heading or a label under it (read turned round, transpose.ts).
      const categories = [...new Set(t.levels.flatMap((x) => x.cells.map((c) => c.category)))];
      for (const category of categories) {
        out.push(`## ${category}`, '');
        for (const x of t.levels) {
          const c = x.cells.find((y) => y.category === category);
          if (!c) continue;
          if (shape === 'by-category') out.push(`### ${levelLabel(x)}`, '', ...c.expectations.map((e) => `- ${oneLine(e)}`), '');
          else if (c.expectations.length === 1) out.push(`- **${levelLabel(x)}:** ${oneLine(c.expectations[0]!)}`);
          else out.push(`- **${levelLabel(x)}:**`, ...c.expectations.map((e) => `  - ${oneLine(e)}`));
        }
        out.push('');
      }
      continue;
    }
    if (shape === 'transposed') {
      // One row a level, one column a category.
      const categories = [...new Set(t.levels.flatMap((x) => x.cells.map((c) => c.category)))];
      out.push(`| Level | ${categories.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`, `|---|${categories.map(() => '---').join('|')}|`);
      for (const x of t.levels) out.push(`| ${levelLabel(x).replace(/\|/g, '\\|')} | ${categories.map((category) => { const c = x.cells.find((y) => y.category === category); return c ? cellText(c) : ''; }).join(' | ')} |`);
      out.push('');
      continue;
    }
    if (shape === 'matrix') {
      const categories = [...new Set(t.levels.flatMap((x) => x.cells.map((c) => c.category)))];
      out.push(`| Category | ${t.levels.map((x) => levelLabel(x).replace(/\|/g, '\\|')).join(' | ')} |`, `|---|${t.levels.map(() => '---').join('|')}|`);
      for (const category of categories) {
        out.push(`| ${category} | ${t.levels.map((x) => { const c = x.cells.find((y) => y.category === category); return c ? cellText(c) : ''; }).join(' | ')} |`);
      }
      out.push('');
      continue;
    }
    for (const x of t.levels) {
      out.push(shape === 'bold-titles' ? `**${levelLabel(x)}**` : `${depth} ${levelLabel(x)}`, '');
      if (x.description) out.push(x.description, '');
      if (shape === 'wrapped') {
        out.push(`${depth}# Expectations`, '');
        for (const c of x.cells) out.push(`${depth}## ${c.category}`, '', ...c.expectations.map((e) => `- ${oneLine(e)}`), '');
      } else if (shape === 'table') out.push('| Category | Expectations |', '|---|---|', ...x.cells.map((c) => `| ${c.category} | ${cellText(c)} |`), '');
      else if (shape === 'headings') for (const c of x.cells) out.push(`${depth}# ${c.category}`, '', ...c.expectations.map((e) => `- ${oneLine(e)}`), '');
      else {
        for (const c of x.cells) {
          if (c.expectations.length === 1) out.push(`- **${c.category}:** ${oneLine(c.expectations[0]!)}`);
          else out.push(`- **${c.category}:**`, ...c.expectations.map((e) => `  - ${oneLine(e)}`));
        }
        out.push('');
      }
    }
  }
  return out.join('\n');
}

const ROOT = path.join(import.meta.dirname, '../../..');

function files(): string[] {
  const own = markdownFiles(path.join(import.meta.dirname, '../../ladders')).concat(markdownFiles(path.join(import.meta.dirname, '../fixtures/read')));
  return haveSharedData('the shape-switch diff of the real ladders') ? own.concat(markdownFiles(SHARED_DATA).filter((f) => !f.endsWith('SOURCES.md'))) : own;
}

test('a ladder written again in each shape diffs as no change but for prose', () => {
  let compared = 0;
  let turned = 0;
  const found: string[] = [];
  for (const file of files()) {
    const ladder = parseLadder(readFileSync(file), 'ladders/x.md').ladder;
    if (!ladder || ladder.levels.length === 0 || ladder.meta.extends !== undefined) continue;
    // Every shape, the matrix too when the cells are a few words each (read as the file's only table of levels).
    // Level sub-headings only where the intro has no headings of its own, which would read as more of them.
    const headed = /^#/m.test(ladder.intro);
    // By category only where a reader can tell the levels apart from the categories: one track, no
    // shared cells, the level titles reading like levels and the categories not.
    // (Of one category, a heading over the levels may be the ladder's prose: two at least.)
    const byCategory = ladder.tracks.length === 1 && ladder.shared.length === 0 && ladder.categories.length >= 2 && levelAxis(ladder.categories, ladder.levels.map(levelLabel)) === 'rows';
    if (byCategory) turned++;
    // One row a level where the levels' titles read like levels and the categories do not; bold
    // paragraphs as level titles where nothing else in the file reads as levels (one track, no
    // shared cells, no headings in the intro).
    const rows = tracksWithLevels(ladder).every((t) => levelAxis([...new Set(t.levels.flatMap((x) => x.cells.map((c) => c.category)))], t.levels.map(levelLabel)) === 'rows');
    const alone = ladder.tracks.length === 1 && ladder.shared.length === 0 && !headed;
    // Left: a table of one word a cell under each track's heading reads as that track's level table
    // (only the hand-written terse fixtures are so short).
    const texts = ladder.levels.flatMap((x) => x.cells.map((c) => c.expectations.map((e) => e.text).join(' ')).filter(Boolean));
    const terse = ladder.tracks.length > 1 && texts.reduce((n, t) => n + t.split(/\s+/).length, 0) < 4 * texts.length;
    // Wrapped under `#### Expectations` only where no category is itself titled like a wrapper (a
    // level's unlabelled bullets are the category `Expectations`).
    const wrappable = !ladder.categories.some((c) => WRAPPER_TITLE.test(c));
    const fits = (s: Shape) => (s.startsWith('by-category') ? byCategory && !(s === 'by-category' && headed) : s === 'transposed' ? rows && !terse : s === 'bold-titles' ? alone : s === 'wrapped' ? wrappable : true);
    for (const shape of SHAPES.filter(fits)) {
      const again = parseLadder(write(ladder, shape), 'ladders/x.md').ladder;
      if (!again) {
        found.push(`${path.relative(ROOT, file)} as ${shape}: unreadable`);
        continue;
      }
      compared++;
      const changes = diffLadders([ladder], [again], {}).ladders.flatMap((x) => x.changes).filter((c) => c.kind !== 'prose-changed' && c.kind !== 'metadata-changed');
      for (const c of changes) found.push(`${path.relative(ROOT, file)} as ${shape}: ${c.kind} ${c.level ?? ''} ${c.category ?? ''} ${c.before ?? ''} → ${c.after ?? ''}`);
    }
  }
  expect(found).toEqual([]);
  expect(compared).toBeGreaterThanOrEqual(4 * 5);
  // The bundled ladders and most read fixtures are written by category too.
  expect(turned).toBeGreaterThanOrEqual(10);
});
