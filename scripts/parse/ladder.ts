import type { Heading, RootContent, Table } from 'mdast';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Cell, Ladder, Level, Note, Shape } from '../model/ladder.js';
import { checkBudgets } from './budget.js';
import { decodeSource } from './decode.js';
import { readFrontmatter, type FrontmatterResult } from './frontmatter.js';
import { isAllLevelsTitle, looksNumbered, parseLevelTitle } from './level-title.js';
import { parseMarkdown } from './markdown.js';
import { FALLBACK_CATEGORY, readLevelBody, sliceOf, type CellDraft, type Content, type Ctx } from './content.js';
import { readMatrix } from './matrix.js';
import { readHtmlTable } from './html-table.js';
import { readYamlLadder } from './yaml-shape.js';
import { fold, lineStartsOf, plainText, positionOf } from './text.js';
import type { ParseFacts, ParseOptions, ParseResult } from './types.js';

interface Section {
  heading: Heading;
  index: number;
  body: RootContent[];
  title: string;
}

interface LevelDraft {
  section: Section;
  content: Content;
  shape: 'table' | 'headings' | 'labelled';
  coded: boolean;
}

function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.(md|markdown)$/i, '');
}

function sectionsAt(blocks: RootContent[], depth: number, skip: number): Section[] {
  const out: Section[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type !== 'heading' || b.depth !== depth || i === skip) continue;
    let j = i + 1;
    while (j < blocks.length && !(blocks[j]!.type === 'heading' && (blocks[j] as Heading).depth <= depth && j !== skip)) j++;
    out.push({ heading: b, index: i, body: blocks.slice(i + 1, j), title: fold(plainText(b)) });
  }
  return out;
}

const NOT_A_LEVEL = /\?$|^(?:how|what|when|why|who|where|introduction|overview|about|summary|conclusion|faq|resources|references|see also|other pages|glossary|changelog|contents|table of contents)\b/i;

/** Read every section at one heading depth as a level and keep those that look like one. */
function levelsAtDepth(blocks: RootContent[], depth: number, skip: number, ctx: Ctx): LevelDraft[] {
  const drafts: LevelDraft[] = [];
  const scratch: Ctx = { ...ctx, facts: { tables: [], occurrences: [] } };
  for (const section of sectionsAt(blocks, depth, skip)) {
    if (isAllLevelsTitle(section.title) || NOT_A_LEVEL.test(section.title)) continue;
    const { content, shape } = readLevelBody(section.body, scratch, '');
    if (!content.cells.some((c) => c.expectations.length > 0)) continue;
    const t = parseLevelTitle(section.title);
    drafts.push({ section, content, shape, coded: t.code !== undefined || looksNumbered(t.title) });
  }
  if (drafts.length < 2) return drafts;
  // Levels share categories; a section whose categories no other section has is prose, not a level.
  const seen = new Map<string, number>();
  for (const d of drafts) for (const c of new Set(d.content.cells.map((x) => x.category.toLowerCase()))) seen.set(c, (seen.get(c) ?? 0) + 1);
  let kept = drafts.filter((d) => d.coded || d.content.cells.some((c) => (seen.get(c.category.toLowerCase()) ?? 0) >= 2));
  if (kept.filter((d) => d.coded).length >= 2) kept = kept.filter((d) => d.coded);
  return kept;
}

/**
 * How much a set of sections reads like a ladder's levels: sections with real categories count
 * most; a generic "Expectations" list counts less; repeated titles (categories under levels) cost.
 */
function score(levels: LevelDraft[]): number {
  const titles = levels.map((l) => l.section.title.toLowerCase());
  const repeats = titles.length - new Set(titles).size;
  const real = levels.filter((l) => l.content.cells.some((c) => c.category !== FALLBACK_CATEGORY)).length;
  return real * 4 + (levels.length - real) - repeats * 6 + levels.filter((l) => l.coded).length / 100;
}

function toCells(drafts: CellDraft[]): Cell[] {
  return drafts.map((d) => ({ category: d.category, position: d.position, expectations: d.expectations }));
}

export function parseLadder(input: string | Uint8Array, file: string, opts: ParseOptions = {}): ParseResult {
  const facts: ParseFacts = { tables: [], occurrences: [] };
  const decoded = decodeSource(input, file);
  if (decoded.diagnostic) return { diagnostics: [decoded.diagnostic], facts };
  const source = decoded.text!;
  // Hostile input is refused before remark sees it (scripts/parse/budget.ts).
  const overBudget = checkBudgets(source, file);
  if (overBudget.length > 0) return { diagnostics: overBudget, facts };
  const diagnostics: Diagnostic[] = [];
  const ctx: Ctx = { source, file, lineStarts: lineStartsOf(source), facts };
  const tree = (opts.markdown ?? parseMarkdown)(source);

  let fm: FrontmatterResult | undefined;
  const first = tree.children[0];
  if (first?.type === 'yaml') {
    fm = readFrontmatter(first, source, file);
    diagnostics.push(...fm.diagnostics);
    facts.frontmatter = { position: fm.position, keys: fm.keys, data: fm.data };
  }
  const meta = fm?.meta ?? {};
  const blocks = tree.children.filter((b) => b.type !== 'yaml');
  const titleIndex = blocks.findIndex((b) => b.type === 'heading');
  const titleHeading = titleIndex >= 0 && (blocks[titleIndex] as Heading).depth === 1 ? (blocks[titleIndex] as Heading) : undefined;
  const skip = titleHeading ? titleIndex : -1;
  const title = meta.title ?? (titleHeading ? fold(plainText(titleHeading)) : undefined) ?? baseName(file);
  const id = meta.id ?? opts.id ?? baseName(file).toLowerCase();
  const pinned: Shape | undefined = opts.shape ?? meta.shape;

  const base = {
    id,
    title,
    file,
    status: meta.status ?? 'active',
    owners: meta.owners ?? [],
    meta,
    position: titleHeading ? positionOf(titleHeading) : { line: 1, column: 1 },
  };

  // Whole ladder kept as YAML data in the frontmatter (`topics[].content[].level/criteria`).
  if ((pinned === undefined || pinned === 'yaml') && fm && Array.isArray(fm.data.topics)) {
    const yaml = readYamlLadder(fm, ctx);
    if (yaml.levels.length > 0 || pinned === 'yaml') {
      const intro = sliceOf(blocks.filter((b) => b !== titleHeading), ctx);
      return finish({ ...base, shape: 'yaml', levels: yaml.levels, shared: [], intro, notes: [] }, diagnostics, facts, [...(meta.categories ?? []), ...yaml.categories]);
    }
  }

  // Heading-based shapes: find the heading depth whose sections read best as levels.
  let best: { depth: number; levels: LevelDraft[] } | undefined;
  if (pinned !== 'matrix') {
    const depths = [...new Set(blocks.filter((b, i): b is Heading => b.type === 'heading' && i !== skip).map((h) => h.depth))].sort();
    for (const depth of depths) {
      const levels = levelsAtDepth(blocks, depth, skip, ctx);
      if (levels.length > 0 && (!best || score(levels) > score(best.levels))) best = { depth, levels };
    }
  }
  const matrixTables = pinned && pinned !== 'matrix' ? [] : collectTables(blocks);
  if (!best || best.levels.length < 2 || pinned === 'matrix') {
    for (const table of matrixTables) {
      const matrix = readMatrix(table, ctx);
      if (!matrix || (best && matrix.levels.length <= best.levels.length && pinned !== 'matrix')) continue;
      const index = blocks.indexOf(table);
      const before = blocks.slice(0, Math.max(index, 0)).filter((b) => b !== titleHeading);
      const after = index >= 0 ? blocks.slice(index + 1) : [];
      return finish(
        { ...base, shape: 'matrix', levels: matrix.levels, categoryGroups: matrix.groups.length ? matrix.groups : undefined, shared: [], intro: sliceOf(before, ctx), notes: notesOf(after, ctx) },
        diagnostics,
        facts,
        meta.categories,
      );
    }
  }
  if (best && best.levels.length < 2 && !best.levels.some((l) => l.content.cells.some((c) => c.category !== FALLBACK_CATEGORY))) best = undefined;
  if (!best || best.levels.length < 2) {
    // Some ladders keep their levels in an HTML <table> (rows = levels, columns = categories).
    const html = pinned === undefined || pinned === 'matrix' ? readHtmlTable(blocks, ctx) : undefined;
    if (html && html.levels.length > (best?.levels.length ?? 0)) {
      const before = blocks.slice(0, html.start).filter((b) => b !== titleHeading);
      const after = blocks.slice(html.end + 1);
      // The heading right above the table names the table, not a note.
      const lastBefore = before[before.length - 1];
      const intro = lastBefore?.type === 'heading' ? before.slice(0, -1) : before;
      return finish({ ...base, shape: 'matrix', levels: html.levels, shared: [], intro: sliceOf(intro, ctx), notes: notesOf(after, ctx) }, diagnostics, facts, meta.categories);
    }
  }
  if (!best) {
    const intro = sliceOf(blocks.filter((b) => b !== titleHeading), ctx);
    return finish({ ...base, shape: pinned ?? 'headings', levels: [], shared: [], intro, notes: [] }, diagnostics, facts, meta.categories);
  }
  return assemble(best.depth, best.levels, blocks, skip, titleHeading, base, ctx, diagnostics, meta.categories);
}

function collectTables(blocks: RootContent[]): Table[] {
  return blocks.filter((b): b is Table => b.type === 'table');
}

/** Sections after the levels (or a matrix table) become notes, one per heading. */
function notesOf(blocks: RootContent[], ctx: Ctx): Note[] {
  const notes: Note[] = [];
  let current: { heading?: Heading; body: RootContent[] } | undefined;
  const flush = () => {
    if (!current) return;
    const markdown = sliceOf(current.body, ctx);
    if (markdown || current.heading) {
      notes.push({ ...(current.heading ? { title: fold(plainText(current.heading)) } : {}), markdown, position: positionOf(current.heading ?? current.body[0]) });
    }
  };
  for (const b of blocks) {
    if (b.type === 'heading') {
      flush();
      current = { heading: b, body: [] };
    } else {
      current ??= { body: [] };
      current.body.push(b);
    }
  }
  flush();
  return notes.filter((n) => n.markdown !== '');
}

function assemble(
  depth: number,
  drafts: LevelDraft[],
  blocks: RootContent[],
  skip: number,
  titleHeading: Heading | undefined,
  base: Omit<Ladder, 'shape' | 'levels' | 'shared' | 'intro' | 'notes' | 'categories'>,
  ctx: Ctx,
  diagnostics: Diagnostic[],
  declared: string[] | undefined,
): ParseResult {
  const levelIndexes = new Set(drafts.map((d) => d.section.index));
  const levels: Level[] = [];
  const shared: Cell[] = [];
  const introBlocks: RootContent[] = [];
  const noteBlocks: RootContent[] = [];
  const shapes = new Map<string, number>();
  let started = false;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (i === skip) continue;
    if (b.type === 'heading' && b.depth <= depth) {
      const title = fold(plainText(b));
      let j = i + 1;
      while (j < blocks.length && !(blocks[j]!.type === 'heading' && (blocks[j] as Heading).depth <= depth && j !== skip)) j++;
      const body = blocks.slice(i + 1, j);
      if (levelIndexes.has(i)) {
        started = true;
        const draft = drafts.find((d) => d.section.index === i)!;
        const t = parseLevelTitle(title);
        // Re-read for real now that the key is known (the scouting pass wrote no facts).
        const { content, shape } = readLevelBody(body, ctx, t.key);
        shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
        void draft;
        const description = content.description.filter(Boolean).join('\n\n');
        levels.push({
          key: t.key,
          ...(t.code ? { code: t.code } : {}),
          title: t.title,
          position: positionOf(b),
          ...(description ? { description } : {}),
          cells: toCells(content.cells),
        });
        i = j - 1;
        continue;
      }
      if (b.depth === depth && isAllLevelsTitle(title)) {
        started = true;
        const { content } = readLevelBody(body, ctx, '*');
        shared.push(...toCells(content.cells));
        i = j - 1;
        continue;
      }
      if (!started && b.depth > depth) {
        introBlocks.push(b);
        continue;
      }
      started = true;
      noteBlocks.push(b, ...body);
      i = j - 1;
      continue;
    }
    (started ? noteBlocks : introBlocks).push(b);
  }
  const shape = ([...shapes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'headings') as Shape;
  void titleHeading;
  return finish({ ...base, shape, levels, shared, intro: sliceOf(introBlocks, ctx), notes: notesOf(noteBlocks, ctx) }, diagnostics, ctx.facts, declared);
}

/** Category order: as declared in frontmatter, then by first appearance. */
function finish(
  partial: Omit<Ladder, 'categories'>,
  diagnostics: Diagnostic[],
  facts: ParseFacts,
  declared: string[] | undefined,
): ParseResult {
  const order: string[] = [...(declared ?? [])];
  const seen = new Set(order.map((c) => c.toLowerCase()));
  for (const cell of [...partial.levels.flatMap((l) => l.cells), ...partial.shared]) {
    if (!seen.has(cell.category.toLowerCase())) {
      seen.add(cell.category.toLowerCase());
      order.push(cell.category);
    }
  }
  const rank = new Map(order.map((c, i) => [c.toLowerCase(), i]));
  const byOrder = (a: Cell, b: Cell) => (rank.get(a.category.toLowerCase()) ?? 0) - (rank.get(b.category.toLowerCase()) ?? 0);
  const levels = partial.levels.map((l) => ({ ...l, cells: [...l.cells].sort(byOrder) }));
  const ladder: Ladder = { ...partial, levels, categories: order };
  return { ladder, diagnostics, facts };
}
