import { createRequire } from 'node:module';
import type { Element, Root as HastRoot } from 'hast';
import type { Html, RootContent } from 'mdast';
import { MAIN_TRACK, type Cell, type Expectation, type Level, type Note } from '../model/ladder.js';
import { categoryName, COUNTED, noteOccurrence, splitAllLevels, type Ctx } from './content.js';
import { isAllLevelsTitle, labelColumns, levelAxis, parseLevelTitle, titledLikeALevel } from './level-title.js';
import { plainHtml, type HtmlElement, type HtmlNode, type HtmlRoot } from './plain-html.js';
import { fold, hashText, offsetToPosition, sentenceRanges } from './text.js';

// parse5 behind hast-util-from-html costs ~50 ms to load; only HTML tables plainHtml cannot build pay it.
let fromHtmlFn: typeof import('hast-util-from-html').fromHtml | undefined;

/**
 * The HTML fragment's tree, remembered by its text when parse5 built it: a history's versions mostly
 * leave the table as it was, and where an edit above it moved it (so `readings` below no longer fits)
 * the same text still gives the same tree. The tree's positions are relative to the fragment and
 * nothing here changes it, so one tree serves every reader of that text. A few trees are kept, the
 * least recently used out first. Trees plainHtml builds are not kept: building one again costs less
 * than keeping it, whose every node the young-generation collections then copied until it was evicted
 * (`changelog --all` of the html-tables corpus spent a tenth of its time so, and never met a table twice).
 */
const fragments = new Map<string, Tree>();
let fragmentChars = 0;
const MAX_FRAGMENT_CHARS = 1 << 20;

/** A table's tree, from parse5 (hast) or built where the tags spell it (plain-html.ts): what the reading uses of either. */
type Tree = HastRoot | HtmlRoot;
type El = Element | HtmlElement;
type Node = Tree | El | HtmlNode | Element['children'][number];

function fromHtml(html: string): Tree {
  const seen = fragments.get(html);
  if (seen) {
    fragments.delete(html);
    fragments.set(html, seen);
    return seen;
  }
  const plain = plainHtml(html);
  if (plain) return plain;
  fromHtmlFn ??= (createRequire(import.meta.url)('hast-util-from-html') as typeof import('hast-util-from-html')).fromHtml;
  const tree = fromHtmlFn(html, { fragment: true });
  if (html.length <= MAX_FRAGMENT_CHARS) {
    fragments.set(html, tree);
    fragmentChars += html.length;
    for (const [k] of fragments) {
      if (fragmentChars <= MAX_FRAGMENT_CHARS && fragments.size <= 16) break;
      fragments.delete(k);
      fragmentChars -= k.length;
    }
  }
  return tree;
}

function textOf(node: Node): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') {
    if (node.type === 'element' && (node.tagName === 'style' || node.tagName === 'script')) return '';
    return (node.children as Node[]).map(textOf).join('');
  }
  return '';
}

/** Every element named `tag` under `node`, in document order (those inside a match too). */
function elements(node: Tree | El, tag: string, out: El[] = []): El[] {
  // Arrays, not nested generators: a generator per level of depth per element cost more than the walk.
  for (const child of node.children as Node[]) {
    if (child.type !== 'element') continue;
    if (child.tagName === tag) out.push(child);
    elements(child, tag, out);
  }
  return out;
}

function closest(el: El, tags: string[]): El[] {
  const out: El[] = [];
  for (const child of el.children as Node[]) {
    if (child.type !== 'element') continue;
    if (tags.includes(child.tagName)) out.push(child);
    else out.push(...closest(child, tags));
  }
  return out;
}

/**
 * Text read out of HTML, as Markdown that shows exactly that text: what the author escaped
 * (`&lt;img …&gt;`) is decoded by the HTML parser, and must not turn into markup the renderer drops.
 */
function asMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>&#|~!]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** A line-role mark a table's reading makes: `fill` covers the table's lines first, `mark` one element's. */
type RoleMark = { fill?: boolean; from: number; to: number; role: Parameters<NonNullable<Ctx['roles']>['mark']>[2] };

/** What reading one HTML table yields, before it is applied to a parse's context (facts, line roles). */
interface Reading {
  html: string;
  /** Read for a count (ctx.countOnly): each expectation the shared placeholder. */
  counted: boolean;
  offset: number;
  levels: Level[];
  start: number;
  end: number;
  occurrences: Array<{ levelKey: string; category: string; position: Level['position'] }>;
  marks: RoleMark[];
  /** What a description column says of each category. */
  notes: Note[];
}

/**
 * The last reading of the table that starts at each Markdown block: a file's table is read twice per
 * parse (scouted among the tracks, then read with its facts), and a section the chunked parser reused
 * hands back the same block objects, so a version that left the table as it was reads it once.
 */
const readings = new WeakMap<RootContent, Reading | null>();

/**
 * A ladder kept as an HTML `<table>` in the Markdown: a header row of categories and one row group
 * per level, headed by a `<th scope="row">`. Returns the blocks the table spans so they are not
 * read again as prose.
 */
export function readHtmlTable(blocks: RootContent[], ctx: Ctx, from = 0): { levels: Level[]; shared: Cell[]; notes: Note[]; start: number; end: number } | undefined {
  const found = blocks.slice(from).findIndex((b) => b.type === 'html' && /<table[\s>]/i.test((b as Html).value));
  const startIndex = found < 0 ? -1 : from + found;
  if (startIndex < 0) return undefined;
  let endIndex = startIndex;
  while (endIndex < blocks.length && !/<\/table>/i.test(ctx.source.slice(blocks[endIndex]!.position!.start.offset!, blocks[endIndex]!.position!.end.offset!))) endIndex++;
  if (endIndex >= blocks.length) endIndex = blocks.length - 1;
  const offset = blocks[startIndex]!.position!.start.offset!;
  const html = ctx.source.slice(offset, blocks[endIndex]!.position!.end.offset!);
  const first = blocks[startIndex]!;
  let reading = readings.get(first);
  // The same text at the same place: every position the reading holds is right again.
  const counted = ctx.countOnly === true;
  if (reading === undefined || (reading !== null && (reading.html !== html || reading.counted !== counted || reading.offset !== offset || reading.start !== startIndex || reading.end !== endIndex))) {
    reading = readTable(html, offset, startIndex, endIndex, [first.position!.start.line, blocks[endIndex]!.position!.end.line], ctx);
    readings.set(first, reading);
  }
  if (reading === null) return undefined;
  if (ctx.roles) {
    for (const m of reading.marks) {
      if (m.fill) ctx.roles.fill(m.from, m.to, m.role);
      else ctx.roles.mark(m.from, m.to, m.role);
    }
  }
  // A row (or column) "All levels" notes no occurrence: it is no level (splitAllLevels).
  const all = new Set(reading.levels.filter((l) => isAllLevelsTitle(l.title)).map((l) => l.key));
  for (const o of reading.occurrences) if (!all.has(o.levelKey)) noteOccurrence(ctx, o.levelKey, o.category, o.position);
  // Copies down to the expectation lists: the caller owns what it gets, as from a fresh read.
  const levels = reading.levels.map((l) => ({ ...l, cells: l.cells.map((c) => ({ ...c, expectations: [...c.expectations] })) }));
  return { ...splitAllLevels(levels), notes: reading.notes.map((n) => ({ ...n })), start: reading.start, end: reading.end };
}

/** A data cell's expectations: its list's items, else its text's sentences; the lines each takes, marked. */
function cellExpectations(td: El, ctx: Ctx, at: (el: El) => Level['position'], mark: (el: El, role: RoleMark['role']) => void): Expectation[] {
  const expectations: Expectation[] = [];
  const items = elements(td, 'li');
  /** Adds the text as an expectation unless it folds to nothing; whether it did. */
  const push = (text: string, el: El): boolean => {
    const t = fold(text);
    if (t) expectations.push(ctx.countOnly ? COUNTED : { id: hashText(t), text: t, markdown: asMarkdown(t), position: at(el) });
    return t !== '';
  };
  if (items.length > 0) {
    for (const li of items) if (push(textOf(li), li)) mark(li, 'expectation');
    // Text beside the list (a lead-in paragraph) is part of the cell's description lines.
    for (const p of elements(td, 'p')) if (fold(textOf(p))) mark(p, 'level-description');
  } else {
    const text = fold(textOf(td));
    // A count needs no sentences: one placeholder, as a counted paragraph gives (content.ts).
    if (ctx.countOnly) push(text, td);
    else for (const [a, b] of sentenceRanges(text)) push(text.slice(a, b), td);
    if (text) mark(td, 'expectation');
  }
  return expectations;
}

/**
 * A table whose header cells are the levels and whose rows (their cells) are categories, each row titled by its first
 * cell (an empty one continues the row above). A cell spanning several levels belongs to none: its lines
 * are read as description.
 */
function readColumns(
  headRow: El,
  rows: El[][],
  use: { ctx: Ctx; at: (el: El) => Level['position']; mark: (el: El, role: RoleMark['role']) => void; occurrences: Reading['occurrences']; notes: Note[] },
): Level[] {
  const { ctx, at, mark, occurrences, notes } = use;
  const heads = closest(headRow, ['th', 'td']);
  const grid = expandRowSpans(rows);
  // `Area | Skill | L1 | L2`: label columns before the levels, the first grouping the rows; one of
  // sentences describes the category (a note titled by it).
  const { lead, category: categoryColumn, described } = labelColumns(
    heads.slice(1).map((c) => fold(textOf(c))),
    (col) => grid.map((r) => (r[col] && !r[col]!.carried ? fold(textOf(r[col]!.el)) : '')),
  );
  const levels: Level[] = heads
    .slice(1 + lead)
    .map((c) => {
      const t = parseLevelTitle(fold(textOf(c)));
      mark(c, 'level-heading');
      return { key: t.key, track: MAIN_TRACK, ...(t.code ? { code: t.code } : {}), title: t.title, position: at(c), cells: [] };
    });
  let last: string | undefined;
  for (const row of grid) {
    const first = row[categoryColumn];
    if (!first) continue;
    for (const [k, c] of row.slice(0, lead + 1).entries()) if (k !== categoryColumn && !described.includes(k) && !c.carried && fold(textOf(c.el))) mark(c.el, 'category-label');
    const title = categoryName(fold(textOf(first.el)));
    if (title && !first.carried) mark(first.el, 'category-label');
    const category = title || last;
    if (!category) continue;
    last = category;
    for (const k of described) {
      const c = row[k];
      const text = c && !c.carried ? fold(textOf(c.el)) : '';
      if (!text) continue;
      mark(c!.el, 'note');
      notes.push({ title: category, markdown: text, position: at(c!.el) });
    }
    let column = 0;
    for (const { el: td, carried } of row.slice(lead + 1)) {
      const span = Number(td.properties?.colSpan ?? 1);
      const level = span === 1 && !carried ? levels[column] : undefined;
      column += span;
      if (carried) continue;
      if (!level) {
        if (fold(textOf(td))) mark(td, 'level-description');
        continue;
      }
      const expectations = cellExpectations(td, ctx, at, mark);
      const existing = level.cells.find((c) => c.category === category);
      if (existing) existing.expectations.push(...expectations);
      else {
        occurrences.push({ levelKey: level.key, category, position: at(td) });
        level.cells.push({ category, position: at(td), expectations });
      }
    }
  }
  return levels;
}

/**
 * Rows of cells with each `rowspan` cell repeated, as carried, in the rows it spans below, at its
 * column: the grid a reader sees (a group cell spanning its rows, `<td rowspan="2">Technical</td>`).
 */
function expandRowSpans(rows: El[][]): Array<Array<{ el: El; carried: boolean }>> {
  const pending = new Map<number, { el: El; left: number }>();
  const width = (el: El) => Math.max(1, Number(el.properties?.colSpan ?? 1) || 1);
  return rows.map((cells) => {
    const out: Array<{ el: El; carried: boolean }> = [];
    let k = 0;
    let col = 0;
    while (k < cells.length || [...pending.keys()].some((c) => c >= col)) {
      const p = pending.get(col);
      if (p) {
        out.push({ el: p.el, carried: true });
        if (--p.left === 0) pending.delete(col);
        col += width(p.el);
      } else if (k < cells.length) {
        const el = cells[k++]!;
        const span = Number(el.properties?.rowSpan ?? 1) || 1;
        if (span > 1) pending.set(col, { el, left: Math.min(span, rows.length) - 1 });
        out.push({ el, carried: false });
        col += width(el);
      } else col++;
    }
    return out;
  });
}

/** One HTML table read: its levels, the facts and the line roles it gives, or null when it holds no levels. */
function readTable(html: string, offset: number, startIndex: number, endIndex: number, lines: [number, number], ctx: Ctx): Reading | null {
  const tree = fromHtml(html);
  const table = elements(tree, 'table')[0];
  if (!table) return null;
  const thead = elements(table, 'thead')[0];
  // Without a <thead>, a first row of header cells only is the header.
  const firstRow = thead ? undefined : elements(table, 'tr')[0];
  const headRow = thead ? elements(thead, 'tr')[0] : firstRow && closest(firstRow, ['th', 'td']).every((c) => c.tagName === 'th') ? firstRow : undefined;
  const headers = headRow ? closest(headRow, ['th', 'td']).map((c) => fold(textOf(c))) : [];
  const categories = headers.slice(1);
  if (categories.length === 0) return null;
  const at = (el: El | undefined) => offsetToPosition(ctx.source, offset + (el?.position?.start.offset ?? 0), ctx.lineStarts);
  const marks: RoleMark[] = [];
  const occurrences: Reading['occurrences'] = [];
  // Roles by the elements' own lines: tags alone are markup, row headers level headings, items expectations.
  const mark = (el: El | undefined, role: RoleMark['role']) => {
    if (!el?.position) return;
    const a = offsetToPosition(ctx.source, offset + (el.position.start.offset ?? 0), ctx.lineStarts);
    const b = offsetToPosition(ctx.source, offset + Math.max((el.position.end.offset ?? 1) - 1, el.position.start.offset ?? 0), ctx.lineStarts);
    marks.push({ from: a.line, to: b.line, role });
  };
  marks.push({ fill: true, from: lines[0], to: lines[1], role: 'markup' });
  // Each body row's cells, found once for the readings below.
  const rows = elements(table, 'tr')
    .filter((tr) => tr !== headRow)
    .map((tr) => closest(tr, ['th', 'td']));
  // Levels as columns, categories as rows (a matrix in HTML): the header is titled like levels, the rows are not.
  if (headRow && levelAxis(categories, rows.map((cells) => (cells[0] ? fold(textOf(cells[0])) : ''))) === 'columns') {
    const notes: Note[] = [];
    const levels = readColumns(headRow, rows, { ctx, at, mark, occurrences, notes });
    const real = levels.filter((l) => l.cells.some((c) => c.expectations.length > 0));
    if (real.length < 2) return null;
    return { html, counted: ctx.countOnly === true, offset, levels: real, start: startIndex, end: endIndex, occurrences, marks, notes };
  }
  if (headRow) for (const c of closest(headRow, ['th', 'td'])) mark(c, 'category-label');

  const levels: Level[] = [];
  let current: Level | undefined;
  // With no header cell in any row, a first cell titled like a level (`<td><strong>L1</strong></td>`) heads its row.
  const rowHeads = !rows.some((cells) => cells.some((c) => c.tagName === 'th'));
  for (const all of rows) {
    const lead = rowHeads && all.length > 1 && titledLikeALevel(fold(textOf(all[0]!))) ? all[0] : undefined;
    const cells = lead ? all.slice(1) : all;
    const rowHeader = lead ?? cells.find((c) => c.tagName === 'th');
    if (rowHeader) {
      const t = parseLevelTitle(fold(textOf(rowHeader)));
      mark(rowHeader, 'level-heading');
      current = { key: t.key, track: MAIN_TRACK, ...(t.code ? { code: t.code } : {}), title: t.title, position: at(rowHeader), cells: [] };
      levels.push(current);
    }
    if (!current) continue;
    const data = cells.filter((c) => c.tagName === 'td');
    for (const [i, td] of data.entries()) {
      const span = Number(td.properties?.colSpan ?? 1);
      if (span > 1 || data.length === 1) {
        const text = fold(textOf(td));
        if (text) current.description = current.description ? `${current.description}\n\n${text}` : text;
        for (const el of [td, ...elements(td, 'p'), ...elements(td, 'li')]) if (fold(textOf(el))) mark(el, 'level-description');
        continue;
      }
      const category = categories[i];
      if (!category) continue;
      const expectations = cellExpectations(td, ctx, at, mark);
      const existing = current.cells.find((c) => c.category === category);
      // A level's rows (summary, behaviours) fill one cell per category: one occurrence, not two.
      if (!existing) occurrences.push({ levelKey: current.key, category, position: at(td) });
      if (existing) existing.expectations.push(...expectations);
      else current.cells.push({ category, position: at(td), expectations });
    }
  }
  const real = levels.filter((l) => l.cells.some((c) => c.expectations.length > 0));
  if (real.length < 2) return null;
  return { html, counted: ctx.countOnly === true, offset, levels: real, start: startIndex, end: endIndex, occurrences, marks, notes: [] };
}
