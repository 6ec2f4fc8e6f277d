import type { Table } from 'mdast';
import { MAIN_TRACK, type Cell, type Level, type Note } from '../model/ladder.js';
import { categoryName, cellText, markTableStructure, noteOccurrence, paragraphExpectations, splitAllLevels, unescapePipes, type Ctx } from './content.js';
import { isAllLevelsTitle, labelColumns, levelAxis, parseLevelTitle, titledLikeALevel } from './level-title.js';
import { fold, foldedWords, plainText, positionOf } from './text.js';

export type MatrixReading = { levels: Level[]; groups: Array<{ title: string; categories: string[] }>; shared: Cell[]; notes?: Note[] };

/**
 * One GFM table whose columns are levels and rows categories; a bold row with empty cells groups
 * the rows beneath it; or, when its rows are the ones titled like levels (levelAxis), one row a
 * level, two columns enough. Returns undefined for tables that are not a ladder (navigation,
 * comparisons, summaries). A column "All levels" gives the shared cells.
 */
export function readMatrix(table: Table, ctx: Ctx): MatrixReading | undefined {
  const [header, ...body] = table.children;
  if (!header || header.children.length < 2 || body.length === 0) return undefined;
  // `| | | |` over the real header (a spreadsheet pasted whole): the first row with titles heads the table.
  const blank = (row: Table['children'][number]) => row.children.every((c) => !fold(plainText(c)));
  if (blank(header) && body.length >= 2 && body[0]!.children.slice(1).filter((c) => fold(plainText(c))).length >= 2) return readMatrix({ ...table, children: body }, ctx);
  const all = header.children.slice(1).map((c) => fold(plainText(c)));
  // `| Area | Skill | L1 | L2 |`: label columns before the levels, the first grouping the rows; one of
  // sentences (`| Competency | What it means | L1 | L2 |`) describes the category, a note titled by it.
  const { lead, category: categoryColumn, groups: groupColumns, described } = labelColumns(all, (col) => body.map((r) => (r.children[col] ? fold(plainText(r.children[col]!)) : '')));
  const titles = all.slice(lead);
  // Two columns are a table of levels only with one row a level (`| Level | Expectations |`).
  const twoColumns = header.children.length === 2;
  if (titles.filter(Boolean).length < (twoColumns ? 1 : 2)) return undefined;
  const data = body.flatMap((row) => row.children.slice(1 + lead));
  const filled = data.map((c) => cellText(c, ctx)).filter(Boolean);
  // Some teams write the matrix the other way round: one row per level, one column per category.
  const rowTitles = body.map((row) => (row.children[categoryColumn] ? fold(plainText(row.children[categoryColumn])) : ''));
  // Mostly empty is no ladder (a navigation table), unless the columns (or the rows) are titled like
  // levels: a matrix that writes each category only at the levels where it changes leaves most cells empty.
  const titledLevels = (list: string[]) => {
    const n = list.filter(titledLikeALevel).length;
    return n >= 2 && n * 2 >= list.length && filled.length >= n;
  };
  const sparse = titledLevels(titles) || titledLevels(rowTitles);
  if (filled.length < data.length / 2 && !sparse) return undefined;
  const linkOnly = data.filter((c) => c.children.length > 0 && c.children.every((x) => x.type === 'link' || (x.type === 'text' && !x.value.trim()))).length;
  if (linkOnly > data.length / 2) return undefined;
  const axis = levelAxis(titles, rowTitles);
  // Cells of a few words are a summary (years, titles, bands), unless nothing else in the file reads as
  // levels and one axis is titled like them (ctx.terseTables): then the file is this table, said so.
  const avgWords = filled.reduce((n, t) => n + foldedWords(t), 0) / Math.max(filled.length, 1);
  if (avgWords < 4) {
    // A table of figures (years, bands, head counts) is a summary even then.
    const figures = filled.filter((t) => !/\p{L}/u.test(t)).length;
    if (!ctx.terseTables || !axis || figures * 4 >= filled.length) return undefined;
    ctx.facts.terse?.push({ position: positionOf(table), words: Math.round(avgWords * 10) / 10 });
  }
  if (axis === 'rows') return readTransposed(table, ctx);
  if (twoColumns) return undefined;

  ctx.facts.tables.push({
    position: positionOf(table),
    columns: header.children.length,
    rows: table.children.map((row) => ({ position: positionOf(row), cells: row.children.length })),
  });
  const levels: Level[] = header.children.slice(1 + lead).map((cell) => {
    const t = parseLevelTitle(fold(plainText(cell)));
    return { key: t.key, track: MAIN_TRACK, ...(t.code ? { code: t.code } : {}), title: t.title, position: positionOf(cell), cells: [] };
  });
  markTableStructure(table, ctx, 'level-heading');
  // A column "All levels" notes no occurrence: it is no level (splitAllLevels).
  const shared = new Set(levels.filter((l) => isAllLevelsTitle(l.title)));
  const groups: Array<{ title: string; categories: string[] }> = [];
  const notes: Note[] = [];
  for (const row of body) {
    const first = row.children[categoryColumn];
    const cells = row.children.slice(1 + lead);
    if (!first) continue;
    if (groupColumns.length > 0) {
      // The group column names the rows' group where it changes, left empty below (carried down).
      const group = categoryName(groupColumns.map((c) => (row.children[c] ? fold(plainText(row.children[c]!)) : '')).filter(Boolean).join(' · '));
      if (group && group !== groups[groups.length - 1]?.title) groups.push({ title: group, categories: [] });
    }
    const category = categoryName(fold(plainText(first)));
    for (const c of described) {
      const cell = row.children[c];
      const text = cell ? cellText(cell, ctx) : '';
      if (text && category) notes.push({ title: category, markdown: text, position: positionOf(cell) });
    }
    const rest = cells.map((c) => cellText(c, ctx));
    const boldOnly = first.children.length > 0 && first.children.every((x) => x.type === 'strong' || (x.type === 'text' && !x.value.trim()));
    ctx.roles?.node(row, 'category-label');
    if (boldOnly && rest.every((t) => !t)) {
      groups.push({ title: category, categories: [] });
      continue;
    }
    if (!category) continue;
    groups[groups.length - 1]?.categories.push(category);
    levels.forEach((level, i) => {
      const cell = cells[i];
      const expectations = cell ? paragraphExpectations(cell.children, ctx, cell).map(unescapePipes) : [];
      if (!shared.has(level)) noteOccurrence(ctx, level.key, category, positionOf(cell ?? first));
      const existing = level.cells.find((c) => c.category === category);
      if (existing) existing.expectations.push(...expectations);
      else level.cells.push({ category, position: positionOf(cell ?? first), expectations });
    });
  }
  return { ...splitAllLevels(levels), groups, ...(notes.length ? { notes } : {}) };
}

/** Rows are levels (first cell the level's title), columns categories; a row "All levels" gives the shared cells. */
function readTransposed(table: Table, ctx: Ctx): MatrixReading {
  const [header, ...body] = table.children;
  const categories = header!.children.slice(1).map((c) => categoryName(fold(plainText(c))));
  ctx.facts.tables.push({
    position: positionOf(table),
    columns: header!.children.length,
    rows: table.children.map((row) => ({ position: positionOf(row), cells: row.children.length })),
  });
  markTableStructure(table, ctx);
  const levels: Level[] = [];
  for (const row of body) {
    const [first, ...cells] = row.children;
    if (!first) continue;
    const t = parseLevelTitle(fold(plainText(first)));
    // A row "All levels" notes no occurrence: it is no level (splitAllLevels).
    const all = isAllLevelsTitle(t.title);
    ctx.roles?.node(row, 'level-heading');
    const level: Level = { key: t.key, track: MAIN_TRACK, ...(t.code ? { code: t.code } : {}), title: t.title, position: positionOf(first), cells: [] };
    categories.forEach((category, i) => {
      if (!category) return;
      const cell = cells[i];
      const expectations = cell ? paragraphExpectations(cell.children, ctx, cell).map(unescapePipes) : [];
      if (!all) noteOccurrence(ctx, level.key, category, positionOf(cell ?? first));
      level.cells.push({ category, position: positionOf(cell ?? first), expectations });
    });
    levels.push(level);
  }
  return { ...splitAllLevels(levels), groups: [] };
}
