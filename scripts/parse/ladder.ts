import type { Heading, List, Paragraph, Root, RootContent, Table } from 'mdast';
import type { Diagnostic } from '../model/diagnostic.js';
import { MAIN_TRACK, type Cell, type Frontmatter, type Ladder, type Level, type Note, type Position, type Shape, type Track } from '../model/ladder.js';
import { checkBudgets } from './budget.js';
import { decodeSource } from './decode.js';
import { readFrontmatter, type FrontmatterResult } from './frontmatter.js';
import { baseName } from './head.js';
import { codeSeries, isAllLevelsTitle, levelAxis, looksLikeLevelTitle, looksNumbered, parseLevelTitle, titledLikeALevel } from './level-title.js';
import { mayHoldDefinitions, parseMarkdownOnce, type ChunkedMarkdown } from './chunks.js';
import { FALLBACK_CATEGORY, readLevelBody, sliceOf, type CellDraft, type Ctx } from './content.js';
import { readMatrix } from './matrix.js';
import { readHtmlTable } from './html-table.js';
import { readYamlLadder } from './yaml-shape.js';
import { transposeCategoryMajor } from './transpose.js';
import { LineRoles } from './roles.js';
import { fold, headingTitle, lineStartsOf, plainText, positionOf, slug } from './text.js';
import type { ParseFacts, ParseOptions, ParseResult } from './types.js';
import { groupBy } from '../model/order.js';

export interface Section {
  heading: Heading;
  index: number;
  body: RootContent[];
  title: string;
  /** Index of the nearest enclosing heading (shallower than the section's, not the title), or -1. */
  parent: number;
}

export interface LevelDraft {
  section: Section;
  /** The categories of the level's cells, as scouting read them (all detection needs of its content). */
  cells: ReadonlyArray<{ category: string }>;
  shape: 'table' | 'headings' | 'labelled';
  coded: boolean;
}

/** A level set read from one table (a GFM matrix or an HTML table), with the blocks it spans. */
interface TableTrack {
  kind: 'matrix' | 'html';
  start: number;
  end: number;
  levels: Level[];
  groups: Array<{ title: string; categories: string[] }>;
  /** An "All levels" column (or row) of a matrix: the shared cells. */
  shared: Cell[];
  /** What a matrix's description column says of each category. */
  notes?: Note[];
}

type Base = Omit<Ladder, 'shape' | 'levels' | 'tracks' | 'shared' | 'intro' | 'notes' | 'categories'>;

function isHeading(b: RootContent | undefined): b is Heading {
  return b?.type === 'heading';
}

/** Index of the block that ends the section opened at `i` (the next heading at `depth` or shallower). */
function sectionEnd(blocks: RootContent[], i: number, depth: number, skip: number): number {
  let j = i + 1;
  while (j < blocks.length && !(isHeading(blocks[j]) && (blocks[j] as Heading).depth <= depth && j !== skip)) j++;
  return j;
}

function parentOf(blocks: RootContent[], i: number, depth: number, skip: number): number {
  for (let j = i - 1; j >= 0; j--) {
    const b = blocks[j]!;
    if (isHeading(b) && b.depth < depth && j !== skip) return j;
  }
  return -1;
}

function sectionsAt(blocks: RootContent[], depth: number, skip: number): Section[] {
  const out: Section[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (!isHeading(b) || b.depth !== depth || i === skip) continue;
    const j = sectionEnd(blocks, i, depth, skip);
    out.push({ heading: b, index: i, body: blocks.slice(i + 1, j), title: headingTitle(b), parent: parentOf(blocks, i, depth, skip) });
  }
  return out;
}

const NOT_A_LEVEL = /\?$|^(?:how|what|when|why|who|where|introduction|overview|about|summary|conclusion|faq|resources|references|see also|other pages|glossary|changelog|contents|table of contents|history|background|notes?|appendix|definitions?|terminology|principles|values|competenc(?:y|ies)|categories|dimensions|legend|key terms|further reading|credits|licen[cs]e|acknowledge?ments|contributing|how to (?:use|read))\b/i;

const PROSE_TITLE = 'its title reads as prose, not a level';
/** A title opening with a question word, not a guide to the file ("How to read this ladder"). */
const QUESTION_TITLE = /^(?:how|what|when|why|who|where)\b(?!\s+to\s+(?:use|read)\b)/i;

/** A title naming several levels ("IC1 - IC6 framework", "L2–L4", "Levels 1 to 3"): an overview, not a level. */
const LEVEL_RANGE = /^(?:levels?\s+)?([a-z]{0,4})\s*(\d+)\s*(?:-|–|—|to|through|\.\.)\s*\1\s*(\d+)(?![\d.])/i;

interface DepthReading {
  depth: number;
  levels: LevelDraft[];
  /** Sections at this depth that were not read as levels, and why. */
  rejected: Map<number, string>;
}

/** Read every section at one heading depth as a level and keep those that look like one. */
function levelsAtDepth(blocks: RootContent[], depth: number, skip: number, ctx: Ctx, sections = sectionsAt(blocks, depth, skip)): DepthReading {
  const drafts: LevelDraft[] = [];
  const rejected = new Map<number, string>();
  const scratch: Ctx = { ...ctx, facts: { tables: [], occurrences: [] }, roles: undefined };
  for (const section of sections) {
    if (isAllLevelsTitle(section.title) || underAllLevels(blocks, section)) continue;
    // "How we work with customers" over `**Associate**: …`, `**Specialist**: …`: a category written
    // level by level (transpose.ts), not prose, when its labels read like levels (a question over
    // level sub-headings is a wrapper: its sub-headings are read a depth down).
    const asked = NOT_A_LEVEL.test(section.title) && QUESTION_TITLE.test(section.title);
    if (NOT_A_LEVEL.test(section.title) && !asked) {
      rejected.set(section.index, PROSE_TITLE);
      continue;
    }
    if (LEVEL_RANGE.test(section.title)) {
      rejected.set(section.index, 'its title names a range of levels');
      continue;
    }
    const { cells, filled, shape } = scoutLevelBody(section, scratch);
    if (asked && (shape !== 'labelled' || levelAxis([section.title], cells.map((c) => c.category)) !== 'rows')) {
      rejected.set(section.index, PROSE_TITLE);
      continue;
    }
    if (!filled) {
      rejected.set(section.index, 'it holds no expectations (no list, table or labelled text)');
      continue;
    }
    const t = parseLevelTitle(section.title);
    drafts.push({ section, cells, shape, coded: t.code !== undefined || looksNumbered(t.title) });
  }
  if (drafts.length < 2) {
    // One section alone is a ladder only when its title reads like a level ("Senior Engineer", "L3"),
    // or when its labels do (one category written level by level, turned round by transpose.ts).
    const kept = drafts.filter((d) => d.coded || looksLikeLevelTitle(d.section.title) || levelAxis([d.section.title], d.cells.map((c) => c.category)) === 'rows');
    for (const d of drafts) if (!kept.includes(d)) rejected.set(d.section.index, 'a single section whose title does not read like a level');
    return { depth, levels: kept, rejected };
  }
  // Levels share categories; a section whose categories no other section has is prose, not a level.
  const seen = new Map<string, number>();
  for (const d of drafts) for (const c of new Set(d.cells.map((x) => x.category.toLowerCase()))) seen.set(c, (seen.get(c) ?? 0) + 1);
  let kept = drafts.filter((d) => d.coded || d.cells.some((c) => (seen.get(c.category.toLowerCase()) ?? 0) >= 2));
  for (const d of drafts) if (!kept.includes(d)) rejected.set(d.section.index, 'its categories are shared with no other level');
  // Where a group (track) has coded levels, an uncoded section beside them is prose about them, unless
  // its title reads like a level ("Senior engineer" after "Engineer I", "Engineer II").
  const byParent = groupBy(kept, (d) => d.section.parent);
  kept = kept.filter((d) => {
    const group = byParent.get(d.section.parent)!;
    if (d.coded || group.filter((x) => x.coded).length < 2 || looksLikeLevelTitle(d.section.title)) return true;
    rejected.set(d.section.index, 'the levels around it carry codes and it has none');
    return false;
  });
  return { depth, levels: kept, rejected };
}

/**
 * A section under an "All levels" heading ("## All levels" over "### Craft") is one of its categories,
 * not a level, unless its title reads like a level: a file whose tracks hold their levels a heading
 * deeper writes its shared expectations that way, at the depth of the levels.
 */
function underAllLevels(blocks: RootContent[], section: Section): boolean {
  return section.parent >= 0 && isAllLevelsTitle(headingTitle(blocks[section.parent] as Heading)) && !looksLikeLevelTitle(section.title);
}

/** What scouting a level section tells: its cells' categories, whether any holds an expectation, its shape. */
interface Scouted {
  cells: ReadonlyArray<{ category: string }>;
  filled: boolean;
  shape: LevelDraft['shape'];
}

/**
 * Scouting reads of level sections in a history walk, by the section's text. A file's next version
 * mostly repeats its sections, shifted or not: each is scouted once. Only with a chunked parser
 * (ctx.memo), and never in a file that may hold link reference definitions (its text does not alone
 * decide what a section holds). Oldest out first.
 */
const scouted = new Map<string, Scouted>();
const MAX_SCOUTED = 1 << 13;
let lastSource: { source: string; definitions: boolean } | undefined;

/**
 * readLevelBody in a scouting context (no roles, facts thrown away), as much as detection uses of it.
 * The nodes from the heading to the end of its body are the parse of the text they cover (the heading
 * starts a top-level block: nothing before it changes what follows), and what the read makes of them
 * depends on that text and the context's file, labels, track, role and prose flag, never on where the
 * text sits.
 */
function scoutLevelBody(section: Section, ctx: Ctx): Scouted {
  const read = (): Scouted => {
    const { content, shape } = readLevelBody(section.body, { ...ctx, countOnly: true }, '');
    return { cells: content.cells.map((c) => ({ category: c.category })), filled: content.cells.some((c) => c.expectations.length > 0), shape };
  };
  const start = section.heading.position?.start;
  const end = (section.body.at(-1) ?? section.heading).position?.end;
  if (!ctx.memo || start?.offset === undefined || end?.offset === undefined) return read();
  if (lastSource?.source !== ctx.source) lastSource = { source: ctx.source, definitions: mayHoldDefinitions(ctx.source) };
  if (lastSource.definitions) return read();
  const labels = ctx.knownLabels ? [...ctx.knownLabels].join('\u0001') : '\u0002';
  const key = [ctx.file, labels, ctx.track ?? '', ctx.expectationRole ?? '', ctx.proseLevels ? 'prose' : '', section.heading.depth, start.column, ctx.source.slice(start.offset, end.offset)].join('\u0000');
  const hit = scouted.get(key);
  if (hit) return hit;
  const value = read();
  if (scouted.size >= MAX_SCOUTED) scouted.delete(scouted.keys().next().value!);
  scouted.set(key, value);
  return value;
}

/**
 * (Exported for tests, with scoreBound.) How much a set of sections reads like a ladder's levels: sections with real categories count
 * most; a generic "Expectations" list counts less; repeated titles (categories under levels) cost,
 * except level titles repeated in another track ("Level 1" of the IC and of the manager track).
 */
export function score(levels: LevelDraft[]): number {
  let repeats = 0;
  const seen = new Map<string, Set<number>>();
  for (const l of levels) {
    const t = l.section.title.toLowerCase();
    const parents = seen.get(t) ?? new Set<number>();
    if (parents.size > 0 && (parents.has(l.section.parent) || !l.coded)) repeats++;
    parents.add(l.section.parent);
    seen.set(t, parents);
  }
  // A category titled like a level (`### Level 1` under `## Engineering`) is a level of a track, not a real category.
  const real = levels.filter((l) => l.cells.some((c) => c.category !== FALLBACK_CATEGORY && !titledLikeALevel(c.category))).length;
  return real * 4 + (levels.length - real) - repeats * 6 + levels.filter((l) => l.coded).length / 100;
}

/**
 * The most score() could give any levels read from these sections, from their titles alone: each
 * counted as a level with real categories and a code (4.01), but of one title only the first kept
 * and those coded under another parent, which are at most one more than the coded sections'
 * distinct parents; any other repeat costs more (6) than a level gives, so no reading keeps one to
 * score higher than the bound.
 */
export function scoreBound(sections: Section[]): number {
  const codedParents = new Map<string, Set<number>>();
  for (const s of sections) {
    const t = s.title.toLowerCase();
    let parents = codedParents.get(t);
    if (!parents) codedParents.set(t, (parents = new Set()));
    const l = parseLevelTitle(s.title);
    if (l.code !== undefined || looksNumbered(l.title)) parents.add(s.parent);
  }
  let count = 0;
  for (const parents of codedParents.values()) count += 1 + parents.size;
  return count * 4 + count / 100;
}

function toCells(drafts: CellDraft[]): Cell[] {
  return drafts.map((d) => ({ category: d.category, position: d.position, expectations: d.expectations }));
}

export function parseLadder(input: string | Uint8Array, file: string, opts: ParseOptions = {}): ParseResult {
  const facts: ParseFacts = { tables: [], occurrences: [], skipped: [] };
  const decoded = decodeSource(input, file);
  if (decoded.diagnostic) return { diagnostics: [decoded.diagnostic], facts };
  const source = decoded.text!;
  // Hostile input is refused before remark sees it (scripts/parse/budget.ts).
  const overBudget = opts.withinBudgets ? [] : checkBudgets(source, file);
  if (overBudget.length > 0) return { diagnostics: overBudget, facts };
  const lineStarts = lineStartsOf(source);
  const roles = new LineRoles(lineStarts.length);
  facts.roles = roles.roles;
  const markdown = opts.markdown ?? parseMarkdownOnce;
  if (opts.terseTables) facts.terse = [];
  const ctx: Ctx = { source, file, lineStarts, facts, roles, ...(opts.countOnly ? { countOnly: true } : {}), ...(opts.terseTables ? { terseTables: true } : {}), ...('memo' in markdown ? { memo: (markdown as ChunkedMarkdown).memo, remember: (markdown as ChunkedMarkdown).remember } : {}) };
  const head = readHead(markdown(source), ctx, opts);
  const { fm, meta, blocks, skip, base, rest, pinned } = head;
  if (Array.isArray(meta.categories)) ctx.knownLabels = new Set(meta.categories.map((c) => c.toLowerCase()));
  const result: Finish = (partial, categories = meta.categories) =>
    finish({ ...base, tracks: partial.tracks ?? [{ key: MAIN_TRACK, title: base.title }], ...partial }, head.diagnostics, facts, categories, meta.tracks);

  // Whole ladder kept as YAML data in the frontmatter (`topics[].content[].level/criteria`).
  if ((pinned === undefined || pinned === 'yaml') && fm && Array.isArray(fm.data.topics)) {
    const yaml = readYamlLadder(fm, ctx);
    if (yaml.levels.length > 0 || pinned === 'yaml') {
      roles.nodes(rest, 'intro');
      return result({ shape: 'yaml', levels: yaml.levels, shared: [], intro: sliceOf(rest, ctx), notes: [] }, [...(meta.categories ?? []), ...yaml.categories]);
    }
  }

  const best = pinned === 'matrix' ? undefined : headingLevels(blocks, skip, ctx);
  // Tables of levels (GFM matrices, HTML tables) outside the level sections: a ladder of their own, or more tracks.
  const inSection = new Set<number>();
  for (const d of best?.levels ?? []) for (let k = d.section.index; k < d.section.index + 1 + d.section.body.length; k++) inSection.add(k);
  const tables = pinned && pinned !== 'matrix' ? [] : findTableTracks(blocks, inSection, ctx);
  const found = best?.levels.length ?? 0;
  // Sections that each hold a table of levels are tracks, not levels: "## Manager track" over a matrix
  // whose columns are M1, M2, M3 is three levels, not one whose cells run its columns together.
  if (best && !pinned) {
    const tracks = sectionTracks(best, tables, inSection, blocks, ctx);
    if (tracks) return assembleTables(tracks, blocks, skip, base, ctx, result);
    // The same with matrices of terse cells ("Ships features"), read as summaries the first time: when
    // a section's table has its columns or rows titled like levels, the file is read again with them as
    // levels, and taken when that finds tracks of more levels than the sections are.
    if (!opts.terseTables && tables.length === 0 && best.levels.some((d) => d.section.body.some(terseLevelTable))) {
      const terse = parseLadder(input, file, { ...opts, terseTables: true, withinBudgets: true });
      if (terse.ladder && (terse.facts.terse?.length ?? 0) > 0 && terse.ladder.levels.length > found && terse.ladder.tracks.length >= 1) return terse;
    }
  }
  // Level sections after a lone table that go on with its levels (`## Engineer III` after a matrix of
  // Engineer I and II) and use its categories: the same level set, written in two shapes.
  if (best && !pinned && tables.length === 1 && joinsTable(best.levels, tables[0]!)) return assembleTables(tables, blocks, skip, base, ctx, result, best.levels);
  if (pinned === 'matrix' || found < 2) {
    const largest = Math.max(0, ...tables.map((t) => t.levels.length));
    if (tables.length > 0 && (pinned === 'matrix' || largest > found)) return assembleTables(tables, blocks, skip, base, ctx, result);
  }
  if (!best) {
    // Levels folded into `<details>` blocks, each titled by its `<summary>`: read again with those as headings.
    // (Its budgets were checked by this read.)
    if (tables.length === 0 && !pinned && !opts.detailsAsHeadings && blocks.filter(isSummary).length >= 2) return parseLadder(input, file, { ...opts, detailsAsHeadings: true, withinBudgets: true });
    // Levels titled by bold paragraphs, or by the bold first lines of a list's items: read again with those as headings.
    if (tables.length === 0 && !pinned && !opts.boldAsHeadings && !opts.detailsAsHeadings && countBoldTitles(blocks) >= 2) {
      const bold = parseLadder(input, file, { ...opts, boldAsHeadings: true, withinBudgets: true });
      if (bold.ladder && bold.ladder.levels.length > 0) return bold;
    }
    // A matrix of terse cells, read as a summary the first time: the file's levels when nothing else is.
    if (tables.length === 0 && (!pinned || pinned === 'matrix') && !opts.terseTables && blocks.some((b) => b.type === 'table')) {
      const terse = parseLadder(input, file, { ...opts, terseTables: true, withinBudgets: true });
      if (terse.ladder && terse.ladder.levels.length > 0) return terse;
    }
    roles.nodes(rest, 'intro');
    return result({ shape: pinned ?? 'headings', levels: [], shared: [], intro: sliceOf(rest, ctx), notes: [] });
  }
  // A table of levels beside heading levels is another track, unless it repeats those levels (a summary).
  const known = new Set(best.levels.flatMap((d) => [parseLevelTitle(d.section.title).key.toLowerCase(), fold(d.section.title).toLowerCase()]));
  const extra = tables.filter((t) => t.levels.filter((l) => known.has(l.key.toLowerCase()) || known.has(l.title.toLowerCase())).length * 2 < t.levels.length);
  return assembleHeadings(best, extra, blocks, skip, base, ctx, result);
}

interface Head {
  fm?: FrontmatterResult;
  meta: Frontmatter;
  diagnostics: Diagnostic[];
  /** The document's blocks without the frontmatter. */
  blocks: RootContent[];
  /** Index of the title heading in `blocks`, or -1. */
  skip: number;
  /** The blocks without the title heading. */
  rest: RootContent[];
  pinned?: Shape;
  base: Base;
}

/** Frontmatter, title and id: what every shape shares. */
function readHead(tree: Root, ctx: Ctx, opts: ParseOptions): Head {
  const { file, roles } = ctx;
  const diagnostics: Diagnostic[] = [];
  let fm: FrontmatterResult | undefined;
  const first = tree.children[0];
  if (first?.type === 'yaml') {
    // The file's first line: every read of the same YAML text says the same (siblingHead's, or a remembered one).
    const read = () => (opts.frontmatter?.value === first.value ? opts.frontmatter.read : readFrontmatter(first, file));
    // Frontmatter is the file's first block: the same text at the same place reads the same.
    fm = ctx.remember ? ctx.remember(`frontmatter\u0000${file}\u0000${first.position?.start.line}:${first.position?.start.column}\u0000${first.value}`, read) : read();
    diagnostics.push(...fm.diagnostics);
    ctx.facts.frontmatter = { position: fm.position, keys: fm.keys, data: fm.data };
    roles?.node(first, 'frontmatter');
  }
  const meta = fm?.meta ?? {};
  const kept = tree.children.filter((b) => b.type !== 'yaml');
  const blocks = opts.detailsAsHeadings ? detailsAsHeadings(kept, ctx) : opts.boldAsHeadings ? boldAsHeadings(kept) : kept;
  const titleHeading = titleOf(blocks, ctx, !opts.shape && !meta.shape);
  if (titleHeading) roles?.node(titleHeading, 'title');
  const title = meta.title ?? (titleHeading ? headingTitle(titleHeading) : undefined) ?? baseName(file);
  const base: Base = {
    id: meta.id ?? opts.id ?? baseName(file).toLowerCase(),
    title,
    file,
    status: meta.status ?? 'active',
    owners: meta.owners ?? [],
    meta,
    position: titleHeading ? positionOf(titleHeading) : { line: 1, column: 1 },
  };
  const skip = titleHeading ? blocks.indexOf(titleHeading) : -1;
  return { fm, meta, diagnostics, blocks, skip, rest: blocks.filter((b) => b !== titleHeading), pinned: opts.shape ?? meta.shape, base };
}

/** An HTML block that opens a `<details>` with its `<summary>` (or the summary alone). */
const SUMMARY = /^\s*(?:<details\b[^>]*>\s*)?<summary\b[^>]*>([\s\S]*?)<\/summary>\s*$/i;
/** An HTML block of `<details>` or `</details>` tags only. */
const DETAILS_TAG = /^\s*(?:<\/?details\b[^>]*>\s*)+$/i;

function isSummary(b: RootContent): boolean {
  return b.type === 'html' && SUMMARY.test(b.value);
}

/**
 * The blocks with each `<summary>` block as a heading one deeper than the heading before it (the
 * title's: `##`), its tags dropped; the `<details>` tags alone are markup and leave the blocks.
 */
function detailsAsHeadings(blocks: RootContent[], ctx: Ctx): RootContent[] {
  const out: RootContent[] = [];
  let depth = 1;
  let inside: number | undefined;
  for (const b of blocks) {
    if (b.type === 'heading') {
      depth = b.depth;
      inside = undefined;
    }
    if (b.type === 'html' && DETAILS_TAG.test(b.value)) {
      ctx.roles?.node(b, 'markup');
      continue;
    }
    const m = b.type === 'html' ? SUMMARY.exec(b.value) : null;
    if (!m) {
      out.push(b);
      continue;
    }
    inside ??= Math.min(depth + 1, 6);
    const title = m[1]!.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
    out.push({ type: 'heading', depth: inside as Heading['depth'], children: [{ type: 'text', value: title, position: b.position }], position: b.position } as Heading);
  }
  return out;
}

/** A paragraph that is one bold run alone, short, no sentence (`**Level 1: Analyst**`): its title, else undefined. */
function boldTitle(b: RootContent | undefined): string | undefined {
  if (b?.type !== 'paragraph') return undefined;
  const parts = b.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  if (parts.length !== 1 || parts[0]!.type !== 'strong') return undefined;
  const title = fold(plainText(parts[0]!)).replace(/[:：]$/, '');
  return title && title.split(' ').length <= 12 && !/[.!?]$/.test(title) ? title : undefined;
}

/**
 * A list whose every item is a bold title over more blocks (`1. **Support specialist I**` then its
 * bullets). A bold title ending in a colon is a label (`- **Craft:**` over its bullets), not a title.
 */
function isListOfTitled(b: RootContent): b is List {
  return b.type === 'list' && b.children.length >= 2 && b.children.every((item) => item.children.length >= 2 && boldTitle(item.children[0]) !== undefined && !/[:：]$/.test(fold(plainText(item.children[0]!))));
}

function countBoldTitles(blocks: RootContent[]): number {
  return blocks.reduce((n, b) => n + (boldTitle(b) !== undefined ? 1 : isListOfTitled(b) ? b.children.length : 0), 0);
}

/**
 * The blocks with each bold title paragraph, and each bold-titled item of a list of them, as a
 * heading one deeper than the heading before it; an item's other blocks follow its heading. For a
 * second read of a file whose first found no levels: exports of word processors title levels so.
 */
function boldAsHeadings(blocks: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  let depth = 1;
  // Items titled under a bold paragraph are one deeper than it.
  let under = false;
  const heading = (p: RootContent, deeper: boolean): Heading => {
    const strong = (p as Paragraph).children.find((c) => c.type === 'strong')!;
    return { type: 'heading', depth: Math.min(depth + (deeper ? 2 : 1), 6) as Heading['depth'], children: [{ type: 'text', value: boldTitle(p)!, position: strong.position }], position: p.position };
  };
  for (const b of blocks) {
    if (b.type === 'heading') [depth, under] = [b.depth, false];
    if (boldTitle(b) !== undefined) {
      out.push(heading(b, false));
      under = true;
    } else if (isListOfTitled(b)) for (const item of b.children) out.push(heading(item.children[0]!, under), ...(item.children.slice(1) as RootContent[]));
    else out.push(b);
  }
  return out;
}

/**
 * The first heading when it is a `#` one: the ladder's title, unless levels are written as `#`
 * headings with no title above them (then the first `#` is the first level).
 */
function titleOf(blocks: RootContent[], ctx: Ctx, detect: boolean): Heading | undefined {
  const index = blocks.findIndex((b) => b.type === 'heading');
  const heading = index >= 0 && (blocks[index] as Heading).depth === 1 ? (blocks[index] as Heading) : undefined;
  if (!heading || !detect || blocks.filter((b) => isHeading(b) && b.depth === 1).length < 3) return heading;
  const scout = (skip: number) => levelsAtDepth(blocks, 1, skip, { ...ctx, facts: { tables: [], occurrences: [] }, roles: undefined }).levels;
  const withTitle = scout(-1);
  const withoutTitle = scout(index);
  return withTitle.length >= 3 && withTitle[0]!.section.index === index && withoutTitle.length === withTitle.length - 1 ? undefined : heading;
}

/** The heading depth whose sections read best as levels; a ladder written in prose only as a last resort. */
function headingLevels(blocks: RootContent[], skip: number, ctx: Ctx): DepthReading | undefined {
  const depths = [...new Set(blocks.filter((b, i): b is Heading => b.type === 'heading' && i !== skip).map((h) => h.depth))].sort();
  let best: DepthReading | undefined;
  for (const depth of depths) {
    const sections = sectionsAt(blocks, depth, skip);
    // A depth whose sections could not outscore the best so far is not read (categories under levels);
    // a tie keeps the best too, but is read, as scores are sums of hundredths in floating point.
    if (best && scoreBound(sections) + 1e-6 < score(best.levels)) continue;
    const reading = levelsAtDepth(blocks, depth, skip, ctx, sections);
    if (reading.levels.length > 0 && (!best || score(reading.levels) > score(best.levels))) best = reading;
  }
  if (best && best.levels.length < 2 && !best.levels.some((l) => l.cells.some((c) => c.category !== FALLBACK_CATEGORY))) best = undefined;
  if (best || blocks.some((b) => b.type === 'list' || b.type === 'table')) return best;
  // Prose only: at least two sections titled like levels, and nothing else at their depth.
  const prose: Ctx = { ...ctx, proseLevels: true };
  for (const depth of depths) {
    const reading = levelsAtDepth(blocks, depth, skip, prose);
    const levelLike = reading.levels.filter((d) => looksLikeLevelTitle(d.section.title));
    if (levelLike.length >= 2 && levelLike.length === reading.levels.length && (!best || reading.levels.length > best.levels.length)) best = reading;
  }
  if (best) ctx.proseLevels = true;
  return best;
}

/** Every GFM matrix or HTML table of levels among the top-level blocks not already inside a level section. */
function findTableTracks(blocks: RootContent[], taken: Set<number>, ctx: Ctx): TableTrack[] {
  const scratch: Ctx = { ...ctx, facts: { tables: [], occurrences: [] }, roles: undefined };
  const out: TableTrack[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (taken.has(i)) continue;
    const b = blocks[i]!;
    if (b.type === 'table') {
      const m = readMatrix(b as Table, scratch);
      if (m && m.levels.length >= 2 && m.levels.some((l) => l.cells.some((c) => c.expectations.length > 0))) {
        out.push({ kind: 'matrix', start: i, end: i, levels: m.levels, groups: m.groups, shared: m.shared });
      }
    } else if (b.type === 'html' && /<table[\s>]/i.test(b.value)) {
      const h = readHtmlTable(blocks, scratch, i);
      if (h && h.start === i && ![...range(h.start, h.end)].some((k) => taken.has(k))) {
        out.push({ kind: 'html', start: h.start, end: h.end, levels: h.levels, groups: [], shared: h.shared });
        i = h.end;
      }
    }
  }
  return out;
}

/**
 * The tables of levels inside the heading reading's sections, when at least half of its sections hold
 * one and together they hold more levels than the sections: each such section is a track. A table
 * counts when at least two of its levels, and half of them, are titled like levels (a code, a number,
 * "Senior …"), or when its section is titled like a track ("Manager track", "Individual contributors"):
 * a level's own table of examples ("| | Expectations | Examples |") does not.
 */
/** A heading that names a track rather than a level. */
const TRACK_TITLE = /\b(?:tracks?|paths?|ladders?|individual contributors?|ics?|management|people managers?|leadership)\b/i;

function sectionTracks(best: DepthReading, outside: TableTrack[], inSection: ReadonlySet<number>, blocks: RootContent[], ctx: Ctx): TableTrack[] | undefined {
  // Only a section holding a table of three columns or more, or an HTML table, can hold a level set.
  const holds = (b: RootContent) => (b.type === 'table' && (b as Table).children[0]!.children.length >= 3) || (b.type === 'html' && /<table[\s>]/i.test(b.value));
  if (!best.levels.some((d) => d.section.body.some(holds))) return undefined;
  const within = (d: LevelDraft, t: TableTrack) => t.start > d.section.index && t.end <= d.section.index + d.section.body.length;
  // The tables outside the sections are read already; those inside them are read here.
  const notInSection = new Set(blocks.map((_, k) => k).filter((k) => !inSection.has(k)));
  const inside = findTableTracks(blocks, notInSection, ctx);
  const all = [...outside, ...inside].sort((x, y) => x.start - y.start).filter((t) => {
    const like = t.levels.filter((l) => l.code !== undefined || looksLikeLevelTitle(l.title)).length;
    return (like >= 2 && like * 2 >= t.levels.length) || best.levels.some((d) => within(d, t) && TRACK_TITLE.test(d.section.title));
  });
  if (all.length === 0) return undefined;
  const tracks = best.levels.filter((d) => all.some((t) => within(d, t)));
  if (tracks.length * 2 < best.levels.length) return undefined;
  const inner = all.filter((t) => tracks.some((d) => within(d, t)));
  if (inner.reduce((n, t) => n + t.levels.length, 0) <= best.levels.length) return undefined;
  return all;
}

function* range(a: number, b: number): Generator<number> {
  for (let k = a; k <= b; k++) yield k;
}

/** Re-read a table track for real: facts and line roles this time. */
function readTableTrack(t: TableTrack, blocks: RootContent[], ctx: Ctx): TableTrack {
  if (t.kind === 'matrix') {
    const m = readMatrix(blocks[t.start] as Table, ctx)!;
    return { ...t, levels: m.levels, groups: m.groups, shared: m.shared, ...(m.notes ? { notes: m.notes } : {}) };
  }
  const h = readHtmlTable(blocks, ctx, t.start)!;
  return { ...t, levels: h.levels, shared: h.shared, ...(h.notes.length ? { notes: h.notes } : {}) };
}

/**
 * The heading that names a table track: the nearest heading above it, after whatever came before
 * (the title, a level, another table) — so a table's own heading is its name, not a note.
 */
function namingHeading(blocks: RootContent[], start: number, floor: number, skip: number): number {
  for (let k = start - 1; k > floor; k--) {
    if (k === skip) return -1;
    if (isHeading(blocks[k])) return k;
  }
  return -1;
}

type Finish = (partial: Omit<Ladder, 'categories' | keyof Base | 'tracks'> & { tracks?: Track[] }, categories?: string[]) => ParseResult;

/** A ladder read from tables only: one matrix, or several (one per track). */
function assembleTables(found: TableTrack[], blocks: RootContent[], skip: number, base: Base, ctx: Ctx, result: Finish, joined: readonly LevelDraft[] = []): ParseResult {
  // One table of levels: the largest; several when each is a track of its own (under its own heading).
  const named = found.map((t, i) => ({ t, heading: namingHeading(blocks, t.start, i === 0 ? -1 : found[i - 1]!.end, skip), more: [] as TableTrack[] }));
  // A table right after another, no heading between, whose levels go on with the other's codes (L4
  // after L3) is one level set split to fit the page: the same track, not one of its own.
  const sets: typeof named = [];
  for (const n of named) {
    const prev = sets[sets.length - 1];
    if (prev && n.heading < 0 && continuesCodes((prev.more.at(-1) ?? prev.t).levels, n.t.levels)) prev.more.push(n.t);
    else sets.push(n);
  }
  const size = (n: (typeof named)[number]) => n.t.levels.length + n.more.reduce((k, t) => k + t.levels.length, 0);
  const multi = sets.length >= 2;
  const chosen = multi ? sets : [sets.reduce((a, b) => (size(b) > size(a) ? b : a))];
  const tracks: Track[] = [];
  const levels: Level[] = [];
  const groups: TableTrack['groups'] = [];
  const tableShared: Cell[] = [];
  const tableNotes: Note[] = [];
  const consumed = new Set<number>();
  const trackHeadings = new Set<number>();
  for (const [n, { t, heading, more }] of chosen.entries()) {
    let track: Track = multi ? trackOf(heading >= 0 ? (blocks[heading] as Heading) : undefined, n, t.levels, tracks) : { key: MAIN_TRACK, title: base.title };
    const read = readTableTrack(t, blocks, { ...ctx, track: track.key });
    for (const m of more) {
      const rest = readTableTrack(m, blocks, { ...ctx, track: track.key });
      read.levels.push(...rest.levels);
      read.groups.push(...rest.groups);
      read.shared.push(...rest.shared);
      for (const k of range(m.start, m.end)) consumed.add(k);
    }
    if (multi && heading >= 0) {
      trackHeadings.add(heading);
      ctx.roles?.node(blocks[heading], 'track-heading');
      // What sits between a track's heading and its table describes the track.
      const description = blocks.slice(heading + 1, t.start);
      if (description.length) {
        for (const k of range(heading + 1, t.start - 1)) consumed.add(k);
        ctx.roles?.nodes(description, 'intro');
        track = { ...track, description: sliceOf(description, ctx) };
      }
    }
    tracks.push(track);
    levels.push(...read.levels.map((l) => ({ ...l, track: track.key })));
    for (const d of joined) {
      levels.push(readSectionLevel(d.section.heading, d.section.body, ctx, ctx, track.key).level);
      for (const k of range(d.section.index, d.section.index + d.section.body.length)) consumed.add(k);
    }
    groups.push(...read.groups);
    tableShared.push(...read.shared);
    tableNotes.push(...(read.notes ?? []));
    for (const k of range(t.start, t.end)) consumed.add(k);
  }
  const firstStart = chosen[0]!.t.start;
  // The heading right above a lone table names the table, not a note.
  const own = multi ? -1 : namingHeading(blocks, firstStart, -1, skip);
  if (!multi && own === firstStart - 1 && own >= 0) {
    consumed.add(own);
    ctx.roles?.node(blocks[own], 'track-heading');
  }
  const shared = [...sharedBesideTables(blocks, skip, consumed, trackHeadings, ctx), ...tableShared];
  const intro: RootContent[] = [];
  const after: RootContent[] = [];
  blocks.forEach((b, k) => {
    if (k === skip || consumed.has(k) || trackHeadings.has(k)) return;
    (k < firstStart ? intro : after).push(b);
  });
  ctx.roles?.nodes(intro, 'intro');
  ctx.roles?.nodes(after, 'note');
  noteSkipped(after, ctx);
  return result({
    shape: 'matrix',
    tracks,
    levels,
    ...(groups.length ? { categoryGroups: groups } : {}),
    shared,
    intro: sliceRuns(intro, blocks, ctx),
    notes: [...tableNotes, ...notesOf(after, ctx, blocks)].sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column),
  });
}

/**
 * An "All levels" section beside tables of levels, written as a list, labelled items or category
 * sub-headings: the shared cells, as in a file of heading levels (its blocks join `consumed`).
 */
function sharedBesideTables(blocks: RootContent[], skip: number, consumed: Set<number>, trackHeadings: Set<number>, ctx: Ctx): Cell[] {
  const shared: Cell[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (k === skip || consumed.has(k) || trackHeadings.has(k) || !isHeading(b) || !isAllLevelsTitle(headingTitle(b))) continue;
    // Up to the next heading as deep, or to the table of levels that follows it with no heading between.
    let end = sectionEnd(blocks, k, b.depth, skip);
    for (let x = k + 1; x < end; x++) {
      if (consumed.has(x) || trackHeadings.has(x)) {
        end = x;
        break;
      }
    }
    const body = blocks.slice(k + 1, end);
    // Counted first, without line roles or facts: a section of prose only stays intro or notes.
    const scout = readLevelBody(body, { ...ctx, roles: undefined, facts: { tables: [], occurrences: [] }, countOnly: true }, '*');
    if (!scout.content.cells.some((c) => c.expectations.length > 0)) continue;
    shared.push(...readSharedSection(b, body, ctx));
    for (const x of range(k, end - 1)) consumed.add(x);
    k = end - 1;
  }
  return shared;
}

/**
 * One level section read: its heading's title and code, its body's cells and description (after a
 * lead-in carried from above), and the line roles of both; whatever the body's readers did not
 * claim (an image, an HTML block) is part of the description. `readCtx`: the context its labels are read in.
 */
function readSectionLevel(heading: Heading, body: RootContent[], ctx: Ctx, readCtx: Ctx, track: string, leadIn = ''): { level: Level; shape: LevelDraft['shape'] } {
  const t = parseLevelTitle(headingTitle(heading));
  ctx.roles?.node(heading, 'level-heading');
  const { content, shape } = readLevelBody(body, { ...readCtx, track }, t.key);
  const description = [leadIn, ...content.description].filter(Boolean).join('\n\n');
  for (const blk of body) ctx.roles?.node(blk, 'level-description', true);
  const level: Level = { key: t.key, track, ...(t.code ? { code: t.code } : {}), title: t.title, position: positionOf(heading), ...(description ? { description } : {}), cells: toCells(content.cells) };
  return { level, shape };
}

/** An "All levels" section's cells; its heading and blocks get their line roles. `readCtx`: the context its labels are read in. */
function readSharedSection(heading: Heading, body: RootContent[], ctx: Ctx, readCtx: Ctx = ctx): Cell[] {
  ctx.roles?.node(heading, 'category-label');
  const { content } = readLevelBody(body, { ...readCtx, expectationRole: 'shared-expectation' }, '*');
  for (const blk of body) ctx.roles?.node(blk, 'level-description', true);
  return toCells(content.cells);
}

/**
 * Level sections that all come after one table, each the next of its series (`Engineer III` after
 * `Engineer II`, `L4` after `L3`), repeating none of its levels and using only its categories.
 */
function joinsTable(drafts: readonly LevelDraft[], t: TableTrack): boolean {
  const last = t.levels.at(-1);
  if (!last || drafts.length === 0 || drafts.some((d) => d.section.index <= t.end)) return false;
  const categories = new Set(t.levels.flatMap((l) => l.cells.map((c) => c.category.toLowerCase())));
  let prev: Pick<Level, 'code' | 'title'> = last;
  for (const d of drafts) {
    const title = parseLevelTitle(d.section.title);
    const own = d.cells.map((c) => c.category.toLowerCase());
    if (own.length === 0 || own.some((c) => !categories.has(c)) || !nextInSeries(prev, title)) return false;
    prev = title;
  }
  return true;
}

/** `b` is the level after `a` in one series: codes (`L3`, `L4`) or numbered titles (`Engineer II`, `Engineer III`). */
function nextInSeries(a: Pick<Level, 'code' | 'title'>, b: Pick<Level, 'code' | 'title'>): boolean {
  if (a.code || b.code) return continuesCodes([a as Level], [b as Level]);
  const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];
  const numbered = (title: string) => {
    const m = /^(.*?)\s*\b(\d+|[ivx]+)$/i.exec(fold(title).trim());
    if (!m) return undefined;
    const n = /^\d+$/.test(m[2]!) ? Number(m[2]) : ROMAN.indexOf(m[2]!.toLowerCase()) + 1;
    return n > 0 ? { stem: m[1]!.toLowerCase(), n } : undefined;
  };
  const x = numbered(a.title);
  const y = numbered(b.title);
  return !!x && !!y && x.stem === y.stem && y.n === x.n + 1;
}

/** The levels `b` go on with `a`'s codes: the same letters, the next number (`L3` then `L4`). */
function continuesCodes(a: readonly Level[], b: readonly Level[]): boolean {
  const last = codeSeries(a.at(-1)?.code);
  const first = codeSeries(b[0]?.code);
  return !!last && !!first && last.series === first.series && first.n === last.n + 1;
}

/** A track's key and title: its heading, else a name from its level codes (IC → Individual contributor). */
function trackOf(heading: Heading | undefined, n: number, levels: Level[], taken: Track[]): Track {
  let title = heading ? headingTitle(heading) : '';
  if (!title) title = n === 0 && !heading ? codeName(levels) ?? 'Levels' : codeName(levels) ?? `Track ${n + 1}`;
  let key = slug(title);
  for (let k = 2; taken.some((t) => t.key === key); k++) key = `${slug(title)}-${k}`;
  return { key, title, ...(heading ? { position: positionOf(heading) } : {}) };
}

const CODE_NAMES: Record<string, string> = {
  IC: 'Individual contributor',
  E: 'Engineering',
  M: 'Management',
  EM: 'Engineering management',
  TL: 'Technical leadership',
  D: 'Developer',
  P: 'Principal',
};

function codeName(levels: Level[]): string | undefined {
  const prefixes = new Set(levels.map((l) => /^([A-Z]+)\d/.exec(l.code ?? '')?.[1]));
  if (prefixes.size !== 1) return undefined;
  const [p] = [...prefixes];
  return p ? CODE_NAMES[p] : undefined;
}

/** A paragraph that leads into what follows ("… here is what it looks like at level 2:"). */
function isLeadIn(b: RootContent | undefined): boolean {
  if (b?.type !== 'paragraph') return false;
  const text = fold(plainText(b));
  return /[:：]$/.test(text) && text.split(/\s+/).length <= 60;
}

function assembleHeadings(best: DepthReading, tables: TableTrack[], blocks: RootContent[], skip: number, base: Base, ctx: Ctx, result: Finish): ParseResult {
  return new HeadingAssembly(best, tables, blocks, skip, base, ctx).run(result);
}

/**
 * Walks the document once, giving every block its place: a level, the shared "All levels" cells, a
 * track's heading and description, a table track, the intro or the notes. One method per kind of block.
 */
class HeadingAssembly {
  private readonly depth: number;
  private readonly drafts: LevelDraft[];
  private readonly levelAt: Map<number, LevelDraft>;
  private readonly tableAt: Map<number, TableTrack>;
  /** Levels grouped under different enclosing headings are different level sets (tracks). */
  private readonly multiHeading: boolean;
  private readonly multi: boolean;
  /** The context levels are read in: labels used as categories by two levels count wherever they appear. */
  private readonly readCtx: Ctx;

  private readonly tracks: Track[] = [];
  private readonly trackOfParent = new Map<number, Track>();
  private readonly trackDescriptions = new Map<string, RootContent[]>();
  private readonly trackHeadings = new Set<number>();
  private readonly levels: Level[] = [];
  private readonly shared: Cell[] = [];
  private readonly groups: TableTrack['groups'] = [];
  private readonly shapes = new Map<string, number>();
  private readonly introBlocks: RootContent[] = [];
  private readonly noteBlocks: RootContent[] = [];
  private readonly suspects: Array<{ index: number; title: string; position: Position; reason: string }> = [];
  private started = false;
  /** A lead-in paragraph waiting for the level it introduces. */
  private leadIn: RootContent[] = [];

  constructor(
    private readonly best: DepthReading,
    tables: TableTrack[],
    private readonly blocks: RootContent[],
    private readonly skip: number,
    private readonly base: Base,
    private readonly ctx: Ctx,
  ) {
    this.depth = best.depth;
    this.drafts = best.levels;
    this.levelAt = new Map(this.drafts.map((d) => [d.section.index, d]));
    this.tableAt = new Map(tables.map((t) => [t.start, t]));
    this.multiHeading = new Set(this.drafts.map((d) => d.section.parent)).size >= 2;
    this.multi = this.multiHeading || tables.length > 0;
    const labelUse = new Map<string, number>();
    for (const d of this.drafts) for (const c of new Set(d.cells.map((x) => x.category.toLowerCase()))) labelUse.set(c, (labelUse.get(c) ?? 0) + 1);
    this.readCtx = { ...ctx, knownLabels: new Set([...(ctx.knownLabels ?? []), ...[...labelUse].filter(([, n]) => n >= 2).map(([k]) => k)]) };
  }

  run(result: Finish): ParseResult {
    const { blocks } = this;
    for (let i = 0; i < blocks.length; i++) {
      if (i === this.skip) continue;
      const b = blocks[i]!;
      const table = this.tableAt.get(i);
      if (table) i = this.tableTrack(table);
      else if (isHeading(b) && b.depth <= this.depth) i = this.heading(b, i);
      else if (!this.started && this.levelAt.has(nextIndex(blocks, i, this.skip)) && isLeadIn(b)) this.leadIn = [b];
      else (this.started ? this.noteBlocks : this.introBlocks).push(b);
    }
    return this.finish(result);
  }

  /** A table of levels beside the heading levels: a track, named by the heading above it when it has one. */
  private tableTrack(table: TableTrack): number {
    const { blocks, ctx } = this;
    this.started = true;
    const heading = namingHeading(blocks, table.start, -1, this.skip);
    const named = heading >= 0 && !this.levelAt.has(heading) && this.trackOfParent.get(heading) === undefined ? (blocks[heading] as Heading) : undefined;
    const nameIt = named !== undefined && this.noteBlocks.includes(named);
    const track = trackOf(nameIt ? named : undefined, this.tracks.length, table.levels, this.tracks);
    if (nameIt) {
      // The heading above the table names the track: take it (and what sits under it) back from the notes.
      const description = this.noteBlocks.splice(this.noteBlocks.indexOf(named)).slice(1);
      ctx.roles?.node(named, 'track-heading');
      this.trackHeadings.add(heading);
      if (description.length) {
        this.trackDescriptions.set(track.key, description);
        ctx.roles?.nodes(description, 'intro');
      }
    }
    const read = readTableTrack(table, blocks, { ...ctx, track: track.key });
    this.tracks.push(track);
    this.levels.push(...read.levels.map((l) => ({ ...l, track: track.key })));
    this.groups.push(...read.groups);
    this.shared.push(...read.shared);
    return table.end;
  }

  /** A heading at the level depth or shallower: a level, "All levels", a track's heading, or prose. Returns the last index it took. */
  private heading(b: Heading, i: number): number {
    const { blocks, depth } = this;
    const title = headingTitle(b);
    const j = sectionEnd(blocks, i, depth, this.skip);
    const body = blocks.slice(i + 1, j);
    const draft = this.levelAt.get(i);
    if (draft) return this.level(b, draft, body, j);
    if (b.depth === depth && isAllLevelsTitle(title)) return this.sharedSection(b, body, j);
    // "All levels" above the level depth, its categories as headings at that depth (underAllLevels).
    if (b.depth < depth && isAllLevelsTitle(title) && !this.drafts.some((d) => d.section.parent === i)) {
      const end = sectionEnd(blocks, i, b.depth, this.skip);
      return this.sharedSection(b, blocks.slice(i + 1, end), end);
    }
    if (b.depth < depth && this.multiHeading && this.drafts.some((d) => d.section.parent === i)) return this.trackHeading(b, i);
    const nested = this.nestedTrack(b, i, body, j);
    if (nested !== undefined) return nested;
    const reason = this.best.rejected.get(i);
    if (this.started && reason && looksLikeALevel(body) && (reason !== PROSE_TITLE || parseLevelTitle(title).code !== undefined)) {
      this.suspects.push({ index: i, title, position: positionOf(b), reason });
    }
    // Only the heading: the blocks under it are read one by one (a table of levels may sit there).
    (this.started ? this.noteBlocks : this.introBlocks).push(b);
    return i;
  }

  private level(b: Heading, draft: LevelDraft, body: RootContent[], end: number): number {
    const { ctx } = this;
    this.started = true;
    const track = this.openTrack(draft.section.parent);
    // A lead-in paragraph at the end of this level that introduces the next level goes with the next.
    const carry: RootContent[] = [];
    while (body.length > 0 && this.levelAt.has(end) && isLeadIn(body[body.length - 1])) carry.unshift(body.pop()!);
    ctx.roles?.nodes(this.leadIn, 'level-description');
    const { level, shape } = readSectionLevel(b, body, ctx, this.readCtx, track.key, sliceOf(this.leadIn, ctx));
    this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + 1);
    this.leadIn = carry;
    this.levels.push(level);
    return end - 1;
  }

  private sharedSection(b: Heading, body: RootContent[], end: number): number {
    this.started = true;
    this.shared.push(...readSharedSection(b, body, this.ctx, this.readCtx));
    return end - 1;
  }

  /** A heading over a group of levels opens a track; the prose under it, before its first level, describes the track. */
  private trackHeading(b: Heading, i: number): number {
    this.started = true;
    const track = this.openTrack(i);
    this.ctx.roles?.node(b, 'track-heading');
    const firstLevel = this.drafts.find((d) => d.section.parent === i)!.section.index;
    const description = this.blocks.slice(i + 1, firstLevel).filter((x) => !isHeading(x) || x.depth > this.depth);
    const lead = isLeadIn(description[description.length - 1]) ? [description.pop()!] : [];
    if (description.length) {
      this.trackDescriptions.set(track.key, description);
      this.ctx.roles?.nodes(description, 'intro');
    }
    this.leadIn = lead;
    return firstLevel - 1;
  }

  /**
   * A section that is no level but holds levels one heading deeper ("## Management" over "### M1",
   * "### M2" after "## E1", "## E2"): another track, named by the section's heading.
   */
  private nestedTrack(b: Heading, i: number, body: RootContent[], end: number): number | undefined {
    const { ctx } = this;
    const scratch: Ctx = { ...ctx, facts: { tables: [], occurrences: [] }, roles: undefined };
    let found: DepthReading | undefined;
    for (const d of [...new Set(body.filter(isHeading).map((h) => h.depth))].sort()) {
      const reading = levelsAtDepth(body, d, -1, scratch);
      const levelLike = reading.levels.filter((x) => x.coded || looksLikeLevelTitle(x.section.title));
      if (levelLike.length >= 2 && levelLike.length === reading.levels.length && (!found || score(reading.levels) > score(found.levels))) found = reading;
    }
    if (!found) return undefined;
    this.started = true;
    const named = found.levels.map((x) => ({ ...parseLevelTitle(x.section.title), track: '', position: positionOf(x.section.heading), cells: [] }));
    const track = trackOf(b, this.tracks.length, named, this.tracks);
    this.tracks.push(track);
    this.trackHeadings.add(i);
    ctx.roles?.node(b, 'track-heading');
    const first = found.levels[0]!.section.index;
    const description = body.slice(0, first);
    if (description.length) {
      this.trackDescriptions.set(track.key, description);
      ctx.roles?.nodes(description, 'intro');
    }
    const inLevels = new Set<RootContent>();
    for (const draft of found.levels) {
      const { heading, body: levelBody } = draft.section;
      inLevels.add(heading);
      for (const x of levelBody) inLevels.add(x);
      const t = parseLevelTitle(draft.section.title);
      ctx.roles?.node(heading, 'level-heading');
      const { content, shape } = readLevelBody(levelBody, { ...this.readCtx, track: track.key }, t.key);
      this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + 1);
      const desc = content.description.filter(Boolean).join('\n\n');
      this.levels.push({ key: t.key, track: track.key, ...(t.code ? { code: t.code } : {}), title: t.title, position: positionOf(heading), ...(desc ? { description: desc } : {}), cells: toCells(content.cells) });
      for (const x of levelBody) ctx.roles?.node(x, 'level-description', true);
    }
    // What sits between or after those levels and is not theirs (a closing paragraph) is a note.
    for (const x of body.slice(first)) if (!inLevels.has(x)) this.noteBlocks.push(x);
    return end - 1;
  }

  /** The track of the levels under one enclosing heading (`parent`, -1 for none), made on first use. */
  private openTrack(parent: number): Track {
    let track = this.trackOfParent.get(parent);
    if (!track) {
      const heading = parent >= 0 && this.multiHeading ? (this.blocks[parent] as Heading) : undefined;
      const named = this.drafts
        .filter((d) => d.section.parent === parent)
        .map((d) => ({ ...parseLevelTitle(d.section.title), track: '', position: positionOf(d.section.heading), cells: [] }));
      track = this.multi ? trackOf(heading, this.tracks.length, named, this.tracks) : { key: MAIN_TRACK, title: this.base.title };
      this.trackOfParent.set(parent, track);
      this.tracks.push(track);
    }
    return track;
  }

  private finish(result: Finish): ParseResult {
    const { ctx, blocks } = this;
    if (this.leadIn.length) this.noteBlocks.push(...this.leadIn);
    for (const s of this.suspects) if (!this.trackHeadings.has(s.index)) ctx.facts.skipped?.push({ title: s.title, position: s.position, reason: s.reason });
    ctx.roles?.nodes(this.introBlocks, 'intro');
    ctx.roles?.nodes(this.noteBlocks, 'note');
    const shape = ([...this.shapes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'headings') as Shape;
    // The first track began alone (keyed main); with others found after it, it needs a name of its own.
    const main = this.tracks.findIndex((t) => t.key === MAIN_TRACK);
    if (main >= 0 && this.tracks.length > 1) {
      const others = this.tracks.filter((_, k) => k !== main);
      const renamed = trackOf(undefined, main, this.levels.filter((l) => l.track === MAIN_TRACK), others);
      this.tracks[main] = renamed;
      for (let k = 0; k < this.levels.length; k++) if (this.levels[k]!.track === MAIN_TRACK) this.levels[k] = { ...this.levels[k]!, track: renamed.key };
    }
    const tracks = this.tracks.map((t) => {
      const d = this.trackDescriptions.get(t.key);
      return d ? { ...t, description: sliceRuns(d, blocks, ctx) } : t;
    });
    const read = { levels: this.levels, tracks, notes: notesOf(this.noteBlocks, ctx, blocks) };
    // Written category by category: the sections are the categories (transpose.ts).
    const turned = this.tableAt.size === 0 && this.shared.length === 0 ? transposeCategoryMajor(read, this.base.title, ctx.facts, ctx.roles) : undefined;
    const { levels, notes } = turned ?? read;
    return result({
      shape,
      tracks: (turned ?? read).tracks,
      levels,
      ...(this.groups.length ? { categoryGroups: this.groups } : {}),
      shared: this.shared,
      intro: sliceRuns(this.introBlocks, blocks, ctx),
      notes,
    });
  }
}

function nextIndex(blocks: RootContent[], i: number, skip: number): number {
  return i + 1 === skip ? i + 2 : i + 1;
}

/** A section body with a list or a table under it: what a level looks like. */
function looksLikeALevel(body: RootContent[]): boolean {
  return body.some((b) => b.type === 'list' || b.type === 'table' || (b.type === 'html' && /<table[\s>]/i.test(b.value)));
}

/** Headings in notes (after a table ladder) that look like a level, for the `level-like-note` warning. */
function noteSkipped(blocks: RootContent[], ctx: Ctx): void {
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (!isHeading(b)) continue;
    let j = k + 1;
    while (j < blocks.length && !(isHeading(blocks[j]) && (blocks[j] as Heading).depth <= b.depth)) j++;
    const title = headingTitle(b);
    const t = parseLevelTitle(title);
    if ((t.code !== undefined || looksNumbered(t.title)) && looksLikeALevel(blocks.slice(k + 1, j))) {
      ctx.facts.skipped?.push({ title, position: positionOf(b), reason: 'the ladder was read from a table and this section is not part of it' });
    }
  }
}

/**
 * The Markdown of blocks as written, run by run: blocks that are not neighbours in the document
 * (a table or a level read in between) are joined by a blank line, never by what lay between them.
 */
function sliceRuns(nodes: RootContent[], all: RootContent[], ctx: Ctx): string {
  const runs: RootContent[][] = [];
  let last = -2;
  for (const n of nodes) {
    const at = all.indexOf(n);
    if (at === last + 1 && runs.length) runs[runs.length - 1]!.push(n);
    else runs.push([n]);
    last = at;
  }
  return runs.map((r) => sliceOf(r, ctx)).filter(Boolean).join('\n\n');
}

/** Sections after the levels (or a matrix table) become notes, one per heading. */
function notesOf(blocks: RootContent[], ctx: Ctx, all: RootContent[] = blocks): Note[] {
  const notes: Note[] = [];
  let current: { heading?: Heading; body: RootContent[] } | undefined;
  const flush = () => {
    if (!current) return;
    const markdown = sliceRuns(current.body, all, ctx);
    if (markdown || current.heading) {
      notes.push({ ...(current.heading ? { title: headingTitle(current.heading) } : {}), markdown, position: positionOf(current.heading ?? current.body[0]) });
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

/** Category order: as declared in frontmatter, then by first appearance. Tracks named and ordered as declared. */
function finish(partial: Omit<Ladder, 'categories'>, diagnostics: Diagnostic[], facts: ParseFacts, declared: string[] | undefined, declaredTracks: string[] | undefined): ParseResult {
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
  let levels = partial.levels.map((l) => ({ ...l, cells: [...l.cells].sort(byOrder) }));
  let tracks = partial.tracks;
  if (declaredTracks?.length) ({ tracks, levels } = nameTracks(tracks, levels, declaredTracks));
  const ladder: Ladder = { ...partial, tracks, levels, categories: order };
  return { ladder, diagnostics, facts };
}

/**
 * Frontmatter `tracks:` names the level sets: a detected track whose title matches a name keeps it
 * and takes that place in the order; the others take the remaining names in file order.
 */
function nameTracks(tracks: Track[], levels: Level[], names: string[]): { tracks: Track[]; levels: Level[] } {
  const free = names.filter((n) => !tracks.some((t) => fold(t.title).toLowerCase() === fold(n).toLowerCase()));
  const renamed = new Map<string, Track>();
  const out = tracks.map((t) => {
    const matched = names.find((n) => fold(n).toLowerCase() === fold(t.title).toLowerCase());
    const title = matched ?? (!t.position ? free.shift() : undefined) ?? t.title;
    const track = { ...t, title, key: tracks.length === 1 ? t.key : slug(title) };
    renamed.set(t.key, track);
    return track;
  });
  const rank = (t: Track) => {
    const i = names.findIndex((n) => fold(n).toLowerCase() === fold(t.title).toLowerCase());
    return i < 0 ? names.length : i;
  };
  const ordered = [...out].sort((a, b) => rank(a) - rank(b));
  const relabelled = levels.map((l) => ({ ...l, track: renamed.get(l.track)?.key ?? l.track }));
  const levelOrder = ordered.flatMap((t) => relabelled.filter((l) => l.track === t.key));
  return { tracks: ordered, levels: levelOrder };
}

export type { Position };

/** A GFM table of three columns or more whose columns or rows are titled like levels: a matrix, if a terse one. */
function terseLevelTable(b: RootContent): boolean {
  if (b.type !== 'table') return false;
  const [header, ...body] = (b as Table).children;
  if (!header || header.children.length < 3 || body.length === 0) return false;
  const columns = header.children.slice(1).map((c) => fold(plainText(c)));
  const rows = body.map((r) => (r.children[0] ? fold(plainText(r.children[0])) : ''));
  return levelAxis(columns, rows) !== undefined;
}
