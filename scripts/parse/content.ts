import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, Text } from 'mdast';
import type { Cell, Expectation, Level, Position } from '../model/ladder.js';
import { isAllLevelsTitle, parseLevelTitle } from './level-title.js';
import type { ParseFacts } from './types.js';
import type { LineRoles } from './roles.js';
import type { ChunkedMarkdown, SameText } from './chunks.js';
import { cleanMarkdown, fold, hashText, hasPlainText, headingTitle, offsetToPosition, plainText, positionOf, splitSentences, type Piece } from './text.js';

/** What every shape reader needs: the source, its line index, and where to record facts. */
export interface Ctx {
  source: string;
  file: string;
  lineStarts: number[];
  facts: ParseFacts;
  /** How each line was read; absent in scouting passes, which decide nothing for good. */
  roles?: LineRoles;
  /** Labels (lowercased) that count as categories wherever they appear: declared, or used by two levels. */
  knownLabels?: ReadonlySet<string>;
  /** Track of the level being read, for the facts. */
  track?: string;
  /** Role for expectations read now (`shared-expectation` in an "All levels" section). */
  expectationRole?: 'expectation' | 'shared-expectation';
  /** Levels written as prose only (no list, table or label anywhere): their sentences are the expectations. */
  proseLevels?: boolean;
  /** Expectations derived once per cached section (a history walk's chunked parser), see chunks.ts. */
  memo?: ChunkedMarkdown['memo'];
  remember?: ChunkedMarkdown['remember'];
  /**
   * Only the categories and whether a cell holds any expectation count, so each expectation is a
   * placeholder and a paragraph is not split into sentences: when scouting a level (ladder.ts), and
   * for a parse that is only summarized (ParseOptions.countOnly).
   */
  countOnly?: boolean;
  /** Tables of terse cells may be levels (ParseOptions.terseTables). */
  terseTables?: boolean;
}

/** What a counting read (ctx.countOnly) gives for each expectation: one shared, never-kept placeholder. */
export const COUNTED: Expectation = Object.freeze({ id: '', text: '', markdown: '', position: Object.freeze({ line: 0, column: 0 }) }) as Expectation;

/** The category of bullets under a level that names none. */
export const FALLBACK_CATEGORY = 'Expectations';

export interface CellDraft {
  category: string;
  position: Position;
  expectations: Expectation[];
}

export interface Content {
  cells: CellDraft[];
  /** Markdown of blocks that are not expectations (prose, images, HTML). */
  description: string[];
}

/**
 * A bullet typed into the text (`• item<br>• item`, `- item<br>- item` in a table cell) is list markup,
 * not words: a glyph, or a list marker before a space.
 */
const TYPED_BULLET = /^(?:[•◦‣▪●○∙·]|[-*+](?=\s))\s*/u;

/** A category's name from a label cell: `**Reliability:**` names Reliability. */
export function categoryName(text: string): string {
  return text.replace(/\s*[:：]$/u, '');
}

export function expectation(piece: Piece, ctx: Ctx): Expectation {
  if (ctx.countOnly) return COUNTED;
  const typed = TYPED_BULLET.exec(piece.text);
  if (typed) {
    const mdBullet = TYPED_BULLET.exec(piece.markdown);
    const text = piece.text.slice(typed[0].length);
    const markdown = mdBullet ? piece.markdown.slice(mdBullet[0].length) : piece.markdown;
    return { id: hashText(text), text, markdown, position: offsetToPosition(ctx.source, piece.offset + (mdBullet?.[0].length ?? 0), ctx.lineStarts) };
  }
  return { id: hashText(piece.text), text: piece.text, markdown: piece.markdown, position: offsetToPosition(ctx.source, piece.offset, ctx.lineStarts) };
}

/** GFM escapes `|` inside table cells; outside the table the escape would show, so drop it. */
export function unescapePipes(e: Expectation): Expectation {
  return e.markdown.includes('\\|') ? { ...e, markdown: e.markdown.replace(/\\\|/g, '|') } : e;
}

export function sliceOf(nodes: RootContent[], ctx: Ctx): string {
  const first = nodes[0]?.position?.start.offset;
  const last = nodes[nodes.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return '';
  return ctx.source.slice(first, last).trim();
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A Markdown-only link list (navigation), not an expectation. */
function isLinkOnly(children: PhrasingContent[]): boolean {
  const meaningful = children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return meaningful.length > 0 && meaningful.every((c) => c.type === 'link' || c.type === 'linkReference');
}

/** A list item's own paragraphs, the text of its expectation; undefined when it has none, or only one of links. */
function itemParagraphs(item: ListItem): Paragraph[] | undefined {
  const paragraphs = item.children.filter((c): c is Paragraph => c.type === 'paragraph');
  if (paragraphs.length === 0 || (paragraphs.length === 1 && isLinkOnly(paragraphs[0]!.children))) return undefined;
  return paragraphs;
}

/** One expectation from a whole list item's own paragraphs (nested lists are separate expectations). */
export function itemPiece(item: ListItem, ctx: Ctx): Piece | undefined {
  const paragraphs = itemParagraphs(item);
  if (!paragraphs) return undefined;
  const text = fold(paragraphs.map((p) => plainText(p)).join(' '));
  if (!text) return undefined;
  const start = paragraphs[0]!.position!.start.offset!;
  const end = paragraphs[paragraphs.length - 1]!.position!.end.offset!;
  return { text, markdown: cleanMarkdown(ctx.source.slice(start, end)) || text, offset: start };
}

/** A list item's expectation (itemPiece's), remembered by the item in a history walk. */
export function itemExpectation(item: ListItem, ctx: Ctx): Expectation | undefined {
  // A count-only pass needs only whether itemPiece gives a piece: some text beyond white space.
  if (ctx.countOnly) return itemParagraphs(item)?.some((p) => hasPlainText(p.children)) ? COUNTED : undefined;
  const read = (): Expectation[] => {
    const piece = itemPiece(item, ctx);
    return piece ? [expectation(piece, ctx)] : [];
  };
  return (ctx.memo ? ctx.memo(item.children, read, shiftExpectations, undefined, LIST_ITEM) : read())[0];
}

/** Every bullet, at any depth, one expectation. */
export function listExpectations(list: List, ctx: Ctx, out: Expectation[] = []): Expectation[] {
  for (const item of list.children) {
    const e = itemExpectation(item, ctx);
    if (e) out.push(e);
    markItem(item, ctx, e !== undefined);
    for (const child of item.children) if (child.type === 'list') listExpectations(child, ctx, out);
  }
  return out;
}

/** An item's own blocks (not its nested lists) are an expectation, or markup when they hold only links. */
function markItem(item: ListItem, ctx: Ctx, read: boolean): void {
  if (!ctx.roles) return;
  for (const child of item.children) {
    if (child.type === 'list') continue;
    if (child.type === 'paragraph') ctx.roles.node(child, read ? (ctx.expectationRole ?? 'expectation') : 'markup');
    else ctx.roles.node(child, 'level-description');
  }
}

/**
 * `cell`: the GFM table cell `p` is the content of; its parse depends on its text alone, so a history
 * walk may look it up by text. `after`: `p` is what follows a label in a paragraph whose children are
 * `after` (splitLabel's rest, a new array each time): a history walk remembers it by that paragraph.
 */
export function paragraphExpectations(p: Paragraph | PhrasingContent[], ctx: Ctx, cell?: TableCell, after?: readonly PhrasingContent[]): Expectation[] {
  const children = Array.isArray(p) ? p : p.children;
  if (isLinkOnly(children)) {
    if (ctx.roles) for (const c of children) ctx.roles.node(c, 'markup');
    return [];
  }
  // splitSentences gives a piece exactly when some text holds more than white space.
  if (ctx.countOnly) return hasPlainText(children) ? [COUNTED] : [];
  const read = () => splitSentences(children, ctx.source).map((piece) => expectation(piece, ctx));
  const out = !ctx.memo ? read() : after ? ctx.memo(after, read, shiftExpectations, undefined, LABEL_REST) : ctx.memo(children, read, shiftExpectations, cell && sameText(cell, ctx));
  if (ctx.roles) for (const c of children) ctx.roles.node(c, ctx.expectationRole ?? 'expectation');
  return out;
}

/** The memo slots of a labelled paragraph's expectations (those after its label), of a list item's, and of a cell's text. */
const LABEL_REST = 'label-rest';
const LIST_ITEM = 'list-item';
const CELL_TEXT = 'cell-text';

/** A memo's `shift` for a value that holds no position. */
const unshifted = <T>(value: T): T => value;

/** A table cell's text, folded (fold(plainText(cell))), remembered by the cell in a history walk. */
export function cellText(cell: TableCell, ctx: Ctx): string {
  const read = () => fold(plainText(cell));
  return ctx.memo ? ctx.memo(cell.children, read, unshifted, undefined, CELL_TEXT) : read();
}

function sameText(cell: TableCell, ctx: Ctx): SameText | undefined {
  const start = cell.position?.start;
  const end = cell.position?.end.offset;
  if (start?.offset === undefined || end === undefined) return undefined;
  return { text: `${start.column}\u0000${ctx.source.slice(start.offset, end)}`, line: start.line, offset: start.offset };
}

/**
 * Expectations moved down `lines` lines (a section read before, now elsewhere in the file), in a new
 * array. Unmoved, the objects themselves serve again: nothing downstream changes an expectation.
 */
function shiftExpectations(es: Expectation[], lines: number): Expectation[] {
  if (lines === 0) return es.slice();
  return es.map((e) => ({ ...e, position: { ...e.position, line: e.position.line + lines } }));
}

/** A short paragraph that only names what follows ("**Examples**", "For instance:"). */
export function isLabelOnly(p: Paragraph): boolean {
  const text = fold(plainText(p));
  if (!text || words(text) > 6) return false;
  const only = p.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  return text.endsWith(':') || (only.length === 1 && (only[0]!.type === 'strong' || only[0]!.type === 'emphasis'));
}

// ---- labels: `**Category:** text`, `**Category**: text`, `Category: text` ---------------------

export interface Labelled {
  label: string;
  position: Position;
  rest: PhrasingContent[];
}

const LABEL_TEXT = /^\s*([\p{L}][\p{L}\p{N}\p{M} &/'’().+-]{0,48}?)\s*[:：]\s+/u;
const LABEL_ALONE = /^\s*([\p{L}][\p{L}\p{N}\p{M} &/'’().+-]{0,48}?)\s*[:：]\s*$/u;
const SEPARATOR = /^\s*(?:[:：]|\s[—–-]\s)\s*/;
/** `Craft — Writes tested code`: a plain label before a spaced dash, capitalized, a few words. */
const LABEL_DASH = /^\s*(\p{Lu}[\p{L}\p{N}\p{M} &/'’+]{0,30}?)\s+[—–-]\s+(?=\S)/u;

function plausibleLabel(label: string): boolean {
  const n = words(label);
  return n >= 1 && n <= 6 && label.length <= 60 && !/[.!?]$/.test(label);
}

function restText(node: Text, consumedValue: number, ctx: Ctx, sourcePattern: RegExp): PhrasingContent[] {
  const s = node.position!.start.offset!;
  const e = node.position!.end.offset!;
  const m = sourcePattern.exec(ctx.source.slice(s, e));
  const consumed = m ? m[0].length : consumedValue;
  const value = node.value.slice(consumedValue);
  if (!value.trim()) return [];
  const start = offsetToPosition(ctx.source, s + consumed, ctx.lineStarts);
  return [{ type: 'text', value, position: { start: { ...start, offset: s + consumed }, end: node.position!.end } }];
}

export function splitLabel(children: PhrasingContent[], ctx: Ctx): Labelled | undefined {
  const first = children[0];
  if (!first) return undefined;
  // `***Evolves**: …`: one marker too many leaves a stray `*` before the bold label; the label is meant.
  if (first.type === 'text' && /^[*_]$/.test(first.value) && children[1]?.type === 'strong') return splitLabel(children.slice(1), ctx);
  const position = positionOf(first);
  if (first.type === 'strong' || first.type === 'emphasis') {
    const raw = fold(plainText(first));
    const second = children[1];
    // `**Category:** text`, and `**Category.** text` (a bold run-in heading ending with a full stop).
    if (raw.endsWith(':') || raw.endsWith('：') || (raw.endsWith('.') && !raw.slice(0, -1).includes('.') && children.length > 1 && words(raw) <= 4)) {
      const label = raw.slice(0, -1).trim();
      // A bold label may be a coded level's whole title (`**L3 · Leads projects across teams:**`, a
      // ladder written category by category): longer than a category's name, still a label.
      if (!plausibleLabel(label) && !(label.length <= 100 && parseLevelTitle(label).code !== undefined)) return undefined;
      const rest = children.slice(1);
      if (rest[0]?.type === 'text') rest.splice(0, 1, ...restText(rest[0], rest[0].value.length - rest[0].value.trimStart().length, ctx, /^\s*/));
      return { label, position, rest };
    }
    if (second?.type === 'text' && /^[ \t]*\n/.test(second.value) && plausibleLabel(raw)) {
      // `**Category**` then the text on the next line of the same paragraph.
      return { label: raw, position, rest: [...restText(second, /^\s*/.exec(second.value)![0].length, ctx, /^\s*/), ...children.slice(2)] };
    }
    if (second?.type === 'text' && SEPARATOR.test(second.value)) {
      if (!plausibleLabel(raw)) return undefined;
      const consumed = SEPARATOR.exec(second.value)![0].length;
      return { label: raw, position, rest: [...restText(second, consumed, ctx, SEPARATOR), ...children.slice(2)] };
    }
    if (children.every((c, i) => i === 0 || (c.type === 'text' && !c.value.trim())) && plausibleLabel(raw)) {
      return { label: raw, position, rest: [] };
    }
    return undefined;
  }
  if (first.type === 'text') {
    const alone = children.length === 1 ? LABEL_ALONE.exec(first.value) : null;
    if (alone && plausibleLabel(alone[1]!)) return { label: alone[1]!.trim(), position, rest: [] };
    const m = LABEL_TEXT.exec(first.value);
    if (m && plausibleLabel(m[1]!) && words(m[1]!) <= 4) {
      return { label: m[1]!.trim(), position, rest: [...restText(first, m[0].length, ctx, LABEL_TEXT), ...children.slice(1)] };
    }
  }
  return undefined;
}

// ---- level bodies in each shape ---------------------------------------------------------------

/** Records where a level uses a category (ParseFacts.occurrences), with the track being read when there is one. */
/**
 * A table's levels with those titled "All levels" (a column of a matrix, a row of a table of levels)
 * taken out: what every level shares, their filled cells the shared cells.
 */
export function splitAllLevels(levels: Level[]): { levels: Level[]; shared: Cell[] } {
  const all = levels.filter((l) => isAllLevelsTitle(l.title));
  if (all.length === 0) return { levels, shared: [] };
  return { levels: levels.filter((l) => !all.includes(l)), shared: all.flatMap((l) => l.cells.filter((c) => c.expectations.length > 0)) };
}

export function noteOccurrence(ctx: Ctx, levelKey: string, category: string, position: Position): void {
  // Written out rather than spread: every cell of every level read passes here (the same keys, in order).
  ctx.facts.occurrences.push(ctx.track ? { track: ctx.track, levelKey, category, position } : { levelKey, category, position });
}

function addCell(cells: CellDraft[], category: string, position: Position, expectations: Expectation[], ctx: Ctx, levelKey: string): void {
  noteOccurrence(ctx, levelKey, category, position);
  const existing = cells.find((c) => c.category === category);
  if (existing) existing.expectations.push(...expectations);
  else cells.push({ category, position, expectations });
}

/** A sub-heading that only gathers the level's categories ("### Expectations" over "#### Craft"). */
export const WRAPPER_TITLE = /^(?:(?:key |core )?(?:expectations?|behaviou?rs?|competenc(?:y|ies)|responsibilities|skills?|criteria|requirements|what we expect|what is expected))$/i;

/** Category sections under sub-headings (the "headings and lists" shape); deeper headings stay inside their section. */
function readHeadedSections(blocks: RootContent[], ctx: Ctx, levelKey: string, content: Content): void {
  const depth = Math.min(...blocks.filter((b): b is Heading => b.type === 'heading').map((h) => h.depth));
  let i = 0;
  while (i < blocks.length) {
    const heading = blocks[i++] as Heading;
    const body: RootContent[] = [];
    while (i < blocks.length && !(blocks[i]!.type === 'heading' && (blocks[i] as Heading).depth <= depth)) body.push(blocks[i++]!);
    ctx.roles?.node(heading, 'category-label');
    const title = headingTitle(heading);
    // A wrapper whose body names categories of its own (deeper headings, labels): those are the categories.
    if (WRAPPER_TITLE.test(title) && namesCategories(body, ctx, levelKey)) {
      const inner = readLevelBody(body, ctx, levelKey).content;
      for (const cell of inner.cells) mergeCell(content.cells, cell);
      content.description.push(...inner.description);
      continue;
    }
    addCell(content.cells, title, positionOf(heading), blockExpectations(body, ctx), ctx, levelKey);
  }
}

/** Whether blocks read as a level's body give categories of their own, every one (a scouting read). */
function namesCategories(blocks: RootContent[], ctx: Ctx, levelKey: string): boolean {
  const { content } = readLevelBody(blocks, { ...ctx, roles: undefined, facts: { tables: [], occurrences: [] }, countOnly: true }, levelKey);
  return content.cells.length > 0 && content.cells.every((c) => c.category !== FALLBACK_CATEGORY);
}

/** Expectations of a category's body: bullets, sentences of paragraphs, every cell of a table. */
export function blockExpectations(blocks: RootContent[], ctx: Ctx): Expectation[] {
  const out: Expectation[] = [];
  for (const block of blocks) {
    if (block.type === 'list') listExpectations(block, ctx, out);
    else if (block.type === 'paragraph' && !isLabelOnly(block)) out.push(...paragraphExpectations(block, ctx));
    else if (block.type === 'blockquote') out.push(...blockExpectations(block.children as RootContent[], ctx));
    else if (block.type === 'table') {
      for (const row of block.children) for (const cell of row.children) out.push(...paragraphExpectations(cell.children, ctx, cell).map(unescapePipes));
      markTableStructure(block, ctx);
    } else {
      // A label paragraph ("**Examples**"), a deeper heading, an image or HTML: it names or decorates its section.
      ctx.roles?.node(block, block.type === 'paragraph' || block.type === 'heading' ? 'category-label' : 'markup');
    }
  }
  return out;
}

/** The header and delimiter rows of a table: the header names the columns, the delimiter is markup. */
function markTableStructure(table: Table, ctx: Ctx, headerRole: 'category-label' | 'level-heading' = 'category-label'): void {
  if (!ctx.roles) return;
  ctx.roles.node(table, 'markup', true);
  const header = table.children[0];
  if (header?.position) ctx.roles.mark(header.position.start.line, header.position.start.line, headerRole);
}

const GENERIC_HEADER = /^(?:categor(?:y|ies)|areas?|competenc(?:y|ies)|dimensions?|skills?|pillars?|themes?|topics?|attributes?|descriptions?|expectations?|behaviou?rs?|details?|criteria|what|how|levels?|)$/i;

/** First-column values that are data (years, numbers, dates, amounts), not category names. */
const DATA_VALUE = /^[\s\d.,:%$€£¥+/()~–—-]*\d[\s\d.,:%$€£¥+/()~–—-]*(?:\s*(?:k|m|bn|st|nd|rd|th|q[1-4]|h[12]))?$|^(?:q[1-4]|h[12])\s*\d{2,4}$|^\d{4}-\d{2}(?:-\d{2})?$/i;

/** A table whose first column holds years, numbers or dates is data (a history, a headcount), not categories. */
export function isDataTable(table: Table): boolean {
  const values = table.children.slice(1).map((row) => (row.children[0] ? fold(plainText(row.children[0])) : '')).filter(Boolean);
  return values.length > 0 && values.every((v) => DATA_VALUE.test(v));
}

/** A two-column table per level: `| Category | Description |`. */
export function readTable(table: Table, ctx: Ctx, levelKey: string, content: Content): void {
  const columns = table.children[0]?.children.length ?? 0;
  ctx.facts.tables.push({
    position: positionOf(table),
    columns,
    rows: table.children.map((row) => ({ position: positionOf(row), cells: row.children.length })),
  });
  const [header, ...body] = table.children;
  const headerTexts = header ? header.children.map((c) => fold(plainText(c))) : [];
  // A header whose second cell reads like an expectation is really the first row.
  const headerIsRow = headerTexts.length >= 2 && !headerTexts.every((t) => GENERIC_HEADER.test(t)) && words(headerTexts[1] ?? '') >= 6;
  const rows = headerIsRow && header ? [header, ...body] : body;
  markTableStructure(table, ctx);
  let last: CellDraft | undefined;
  for (const row of rows) {
    const [first, ...rest] = row.children;
    if (!first) continue;
    const category = categoryName(fold(plainText(first)));
    ctx.roles?.node(row, 'category-label');
    const expectations = rest.flatMap((cell) => paragraphExpectations(cell.children, ctx, cell)).map(unescapePipes);
    if (!category && last) {
      // An empty first cell continues the row above.
      last.expectations.push(...expectations);
      continue;
    }
    if (!category) {
      if (expectations.length > 0) addCell(content.cells, FALLBACK_CATEGORY, positionOf(row), expectations, ctx, levelKey);
      continue;
    }
    addCell(content.cells, category, positionOf(first), expectations, ctx, levelKey);
    last = content.cells.find((c) => c.category === category);
  }
}

type LabelUnit = { kind: 'paragraph'; block: Paragraph; lab?: Labelled } | { kind: 'item'; item: ListItem; lab?: Labelled };

/** A list item's label: `**Cat:** text`, `Cat: text`, or a short line with a nested list under it. */
function itemLabel(item: ListItem, ctx: Ctx): Labelled | undefined {
  const para = item.children[0]?.type === 'paragraph' ? (item.children[0] as Paragraph) : undefined;
  if (!para) return undefined;
  const lab = splitLabel([...para.children], ctx);
  if (lab) return lab;
  // `- Craft — Writes tested code`: in a bullet, not in prose, where a dash is only punctuation.
  const first = para.children[0];
  const d = first?.type === 'text' ? LABEL_DASH.exec(first.value) : null;
  if (d && plausibleLabel(d[1]!) && words(d[1]!) <= 3) {
    return { label: d[1]!.trim(), position: positionOf(first!), rest: [...restText(first as Text, d[0].length, ctx, LABEL_DASH), ...para.children.slice(1)] };
  }
  if (item.children.some((c) => c.type === 'list')) {
    const text = fold(plainText(para));
    if (words(text) <= 4 && !/[.!?]$/.test(text)) return { label: text, position: positionOf(para), rest: [] };
  }
  return undefined;
}

/**
 * Labelled bullets or paragraphs: `**Category:** text`, `- Category: text`, nested bullets under a label.
 * A label is a category when it behaves like one: declared or used by other levels too, or one of many
 * in this level (most of its items carry one). A one-off "Several specialties: …" among plain bullets is text.
 */
export function readLabelled(blocks: RootContent[], ctx: Ctx, levelKey: string, unlabelledTo: 'category' | 'description' = 'category'): Content {
  const content: Content = { cells: [], description: [] };
  const units: LabelUnit[] = [];
  // Each paragraph's and item's label, found once for both passes below.
  const found = new Map<Paragraph | ListItem, Labelled | undefined>();
  const labelOf = (node: Paragraph | ListItem): Labelled | undefined => {
    if (!found.has(node)) found.set(node, node.type === 'paragraph' ? splitLabel([...node.children], ctx) : itemLabel(node, ctx));
    return found.get(node);
  };
  let underLabel = false;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const lab = labelOf(block);
      units.push({ kind: 'paragraph', block, lab });
      underLabel = lab !== undefined && lab.rest.length === 0;
    } else if (block.type === 'list') {
      // The items of a list a label names (`**Craft**` then bullets) are that label's, not voters.
      if (!underLabel) for (const item of block.children) units.push({ kind: 'item', item, lab: labelOf(item) });
      underLabel = false;
    } else underLabel = false;
  }
  // Prose paragraphs are descriptions, not candidates: only items and labelled paragraphs vote.
  const voters = units.filter((u) => u.kind === 'item' || u.lab);
  const labelledVotes = voters.filter((u) => u.lab).length;
  // Beside tables or category sections, one stray "Note: …" is prose: labels there need company.
  const manyLabels = labelledVotes * 2 > voters.length && (unlabelledTo === 'category' || labelledVotes >= 2);
  const accepted = (lab: Labelled | undefined): Labelled | undefined =>
    lab && (manyLabels || ctx.knownLabels?.has(lab.label.toLowerCase())) ? lab : undefined;

  let pending: { label: string; position: Position } | undefined;
  const unlabelled: Expectation[] = [];
  let unlabelledAt: Position | undefined;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const lab = accepted(labelOf(block));
      if (lab && lab.rest.length === 0) {
        // `**Impact**` or `Impact:` alone: names the list that follows.
        pending = { label: lab.label, position: lab.position };
        ctx.roles?.node(block, 'category-label');
        continue;
      }
      if (lab) {
        ctx.roles?.node(block, 'category-label');
        addCell(content.cells, lab.label, lab.position, paragraphExpectations(lab.rest, ctx, undefined, block.children), ctx, levelKey);
        pending = undefined;
        continue;
      }
      if (pending) {
        // `**Category**` on its own, then paragraphs: the paragraphs are that category's cell.
        addCell(content.cells, pending.label, pending.position, paragraphExpectations(block, ctx), ctx, levelKey);
        continue;
      }
      if (ctx.proseLevels && unlabelledTo === 'category' && !isLabelOnly(block)) {
        unlabelled.push(...paragraphExpectations(block, ctx));
        unlabelledAt ??= positionOf(block);
        continue;
      }
      content.description.push(sliceOf([block], ctx));
      ctx.roles?.node(block, 'level-description');
      continue;
    }
    if (block.type === 'list') {
      if (pending) {
        addCell(content.cells, pending.label, pending.position, listExpectations(block, ctx), ctx, levelKey);
        pending = undefined;
        continue;
      }
      const plain: ListItem[] = [];
      // The cell of the labelled item before, in this list: a bullet without a label among labelled
      // ones (a label lost in an edit) belongs with the item above it, not with the level's last label.
      let above: CellDraft | undefined;
      for (const item of block.children) {
        const lab = accepted(labelOf(item));
        if (!lab) {
          plain.push(item);
          if (unlabelledTo === 'description') continue;
          const into = above?.expectations ?? unlabelled;
          const e = itemExpectation(item, ctx);
          if (e) {
            into.push(e);
            if (!above) unlabelledAt ??= positionOf(item);
          }
          markItem(item, ctx, e !== undefined);
          for (const list of item.children.filter((c): c is List => c.type === 'list')) listExpectations(list, ctx, into);
          continue;
        }
        const para = item.children[0] as Paragraph;
        ctx.roles?.node(para, 'category-label');
        const expectations = lab.rest.length ? paragraphExpectations(lab.rest, ctx, undefined, para.children) : [];
        // Continuation paragraphs of the same item belong to the same label.
        for (const extra of item.children.slice(1)) {
          if (extra.type === 'paragraph') expectations.push(...paragraphExpectations(extra, ctx));
          else if (extra.type === 'list') listExpectations(extra, ctx, expectations);
          else ctx.roles?.node(extra, 'level-description');
        }
        addCell(content.cells, lab.label, lab.position, expectations, ctx, levelKey);
        above = content.cells.find((c) => c.category === lab.label);
      }
      if (unlabelledTo === 'description' && plain.length > 0) {
        // Plain bullets beside tables or category sections introduce the level: they are its description.
        const md = plain.length === block.children.length ? sliceOf([block], ctx) : plain.map((item) => sliceOf([item as unknown as RootContent], ctx)).join('\n');
        content.description.push(md);
        for (const item of plain) ctx.roles?.node(item, 'level-description');
      }
      continue;
    }
    pending = undefined;
    const md = sliceOf([block], ctx);
    if (md) content.description.push(md);
    ctx.roles?.node(block, 'level-description');
  }
  // Bullets with no label above them keep a cell of their own: put with the level's last label, they
  // would be read as a category they never named.
  if (unlabelled.length > 0) addCell(content.cells, FALLBACK_CATEGORY, unlabelledAt!, unlabelled, ctx, levelKey);
  return content;
}

/**
 * Read one level's body, whatever mix it is written in: tables, labelled paragraphs or bullets, and
 * category sub-headings all contribute categories; no reading wins by discarding another.
 */
export function readLevelBody(blocks: RootContent[], ctx: Ctx, levelKey: string): { content: Content; shape: 'table' | 'headings' | 'labelled' } {
  const firstHeading = blocks.findIndex((b) => b.type === 'heading');
  const lead = firstHeading < 0 ? blocks : blocks.slice(0, firstHeading);
  const headed = firstHeading < 0 ? [] : blocks.slice(firstHeading);
  const tables = lead.filter((b): b is Table => b.type === 'table' && (b.children[0]?.children.length ?? 0) >= 2 && !isDataTable(b));
  const content: Content = { cells: [], description: [] };
  // Plain bullets are expectations only where nothing else in the level names categories.
  const unlabelledTo = tables.length > 0 || headed.length > 0 ? 'description' : 'category';
  let run: RootContent[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const part = readLabelled(run, ctx, levelKey, unlabelledTo);
    for (const cell of part.cells) mergeCell(content.cells, cell);
    content.description.push(...part.description);
    run = [];
  };
  for (const block of lead) {
    if (tables.includes(block as Table)) {
      flush();
      readTable(block as Table, ctx, levelKey, content);
    } else run.push(block);
  }
  flush();
  if (headed.length > 0) readHeadedSections(headed, ctx, levelKey, content);
  const shape = headed.length > 0 ? 'headings' : tables.length > 0 ? 'table' : 'labelled';
  return { content, shape };
}

function mergeCell(cells: CellDraft[], cell: CellDraft): void {
  const existing = cells.find((c) => c.category === cell.category);
  if (existing) existing.expectations.push(...cell.expectations);
  else cells.push(cell);
}

export { markTableStructure };
export type { BlockContent };
