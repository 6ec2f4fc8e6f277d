import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, Text } from 'mdast';
import type { Expectation, Position } from '../model/ladder.js';
import type { ParseFacts } from './types.js';
import { cleanMarkdown, fold, hashText, offsetToPosition, plainText, positionOf, splitSentences, type Piece } from './text.js';

/** What every shape reader needs: the source, its line index, and where to record facts. */
export interface Ctx {
  source: string;
  file: string;
  lineStarts: number[];
  facts: ParseFacts;
}

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

export function expectation(piece: Piece, ctx: Ctx): Expectation {
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

/** One expectation from a whole list item's own paragraphs (nested lists are separate expectations). */
export function itemPiece(item: ListItem, ctx: Ctx): Piece | undefined {
  const paragraphs = item.children.filter((c): c is Paragraph => c.type === 'paragraph');
  if (paragraphs.length === 0) return undefined;
  if (paragraphs.length === 1 && isLinkOnly(paragraphs[0]!.children)) return undefined;
  const text = fold(paragraphs.map((p) => plainText(p)).join(' '));
  if (!text) return undefined;
  const start = paragraphs[0]!.position!.start.offset!;
  const end = paragraphs[paragraphs.length - 1]!.position!.end.offset!;
  return { text, markdown: cleanMarkdown(ctx.source.slice(start, end)) || text, offset: start };
}

/** Every bullet, at any depth, one expectation. */
export function listExpectations(list: List, ctx: Ctx, out: Expectation[] = []): Expectation[] {
  for (const item of list.children) {
    const piece = itemPiece(item, ctx);
    if (piece) out.push(expectation(piece, ctx));
    for (const child of item.children) if (child.type === 'list') listExpectations(child, ctx, out);
  }
  return out;
}

export function paragraphExpectations(p: Paragraph | PhrasingContent[], ctx: Ctx): Expectation[] {
  const children = Array.isArray(p) ? p : p.children;
  if (isLinkOnly(children)) return [];
  return splitSentences(children, ctx.source).map((piece) => expectation(piece, ctx));
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
  const position = positionOf(first);
  if (first.type === 'strong' || first.type === 'emphasis') {
    const raw = fold(plainText(first));
    const second = children[1];
    if (raw.endsWith(':') || raw.endsWith('：')) {
      const label = raw.slice(0, -1).trim();
      if (!plausibleLabel(label)) return undefined;
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

function addCell(cells: CellDraft[], category: string, position: Position, expectations: Expectation[], ctx: Ctx, levelKey: string): void {
  ctx.facts.occurrences.push({ levelKey, category, position });
  const existing = cells.find((c) => c.category === category);
  if (existing) existing.expectations.push(...expectations);
  else cells.push({ category, position, expectations });
}

/** Blocks under category sub-headings (the "headings and lists" shape). */
export function readHeadings(blocks: RootContent[], ctx: Ctx, levelKey: string): Content {
  const depth = Math.min(...blocks.filter((b): b is Heading => b.type === 'heading').map((h) => h.depth));
  const content: Content = { cells: [], description: [] };
  let i = 0;
  const before: RootContent[] = [];
  while (i < blocks.length && !(blocks[i]!.type === 'heading' && (blocks[i] as Heading).depth === depth)) before.push(blocks[i++]!);
  if (before.length) content.description.push(sliceOf(before, ctx));
  while (i < blocks.length) {
    const heading = blocks[i++] as Heading;
    const body: RootContent[] = [];
    while (i < blocks.length && !(blocks[i]!.type === 'heading' && (blocks[i] as Heading).depth <= depth)) body.push(blocks[i++]!);
    addCell(content.cells, fold(plainText(heading)), positionOf(heading), blockExpectations(body, ctx), ctx, levelKey);
  }
  return content;
}

/** Expectations of a category's body: bullets, sentences of paragraphs. */
export function blockExpectations(blocks: RootContent[], ctx: Ctx): Expectation[] {
  const out: Expectation[] = [];
  for (const block of blocks) {
    if (block.type === 'list') listExpectations(block, ctx, out);
    else if (block.type === 'paragraph' && !isLabelOnly(block)) out.push(...paragraphExpectations(block, ctx));
    else if (block.type === 'blockquote') out.push(...blockExpectations(block.children as RootContent[], ctx));
  }
  return out;
}

const GENERIC_HEADER = /^(?:categor(?:y|ies)|areas?|competenc(?:y|ies)|dimensions?|skills?|pillars?|themes?|topics?|attributes?|descriptions?|expectations?|behaviou?rs?|details?|criteria|what|how|levels?|)$/i;

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
  let last: CellDraft | undefined;
  for (const row of rows) {
    const [first, ...rest] = row.children;
    if (!first) continue;
    const category = fold(plainText(first));
    const expectations = rest.flatMap((cell) => paragraphExpectations(cell.children, ctx)).map(unescapePipes);
    if (!category && last) {
      // An empty first cell continues the row above.
      last.expectations.push(...expectations);
      continue;
    }
    if (!category) continue;
    addCell(content.cells, category, positionOf(first), expectations, ctx, levelKey);
    last = content.cells.find((c) => c.category === category);
  }
}

/** Labelled bullets or paragraphs: `**Category:** text`, `- Category: text`, nested bullets under a label. */
export function readLabelled(blocks: RootContent[], ctx: Ctx, levelKey: string): Content {
  const content: Content = { cells: [], description: [] };
  let pending: { label: string; position: Position } | undefined;
  const unlabelled: Expectation[] = [];
  let unlabelledAt: Position | undefined;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const lab = splitLabel([...block.children], ctx);
      if (lab && lab.rest.length === 0) {
        // `**Impact**` or `Impact:` alone: names the list that follows.
        pending = { label: lab.label, position: lab.position };
        continue;
      }
      if (lab) {
        addCell(content.cells, lab.label, lab.position, paragraphExpectations(lab.rest, ctx), ctx, levelKey);
        pending = undefined;
        continue;
      }
      if (pending) {
        // `**Category**` on its own, then paragraphs: the paragraphs are that category's cell.
        addCell(content.cells, pending.label, pending.position, paragraphExpectations(block, ctx), ctx, levelKey);
        continue;
      }
      content.description.push(sliceOf([block], ctx));
      continue;
    }
    if (block.type === 'list') {
      if (pending) {
        addCell(content.cells, pending.label, pending.position, listExpectations(block, ctx), ctx, levelKey);
        pending = undefined;
        continue;
      }
      for (const item of block.children) {
        const para = item.children[0]?.type === 'paragraph' ? (item.children[0] as Paragraph) : undefined;
        const nested = item.children.filter((c): c is List => c.type === 'list');
        let lab = para ? splitLabel([...para.children], ctx) : undefined;
        if (!lab && para && nested.length > 0) {
          const text = fold(plainText(para));
          if (words(text) <= 4 && !/[.!?]$/.test(text)) lab = { label: text, position: positionOf(para), rest: [] };
        }
        if (!lab) {
          const piece = itemPiece(item, ctx);
          if (piece) {
            unlabelled.push(expectation(piece, ctx));
            unlabelledAt ??= positionOf(item);
          }
          for (const list of nested) listExpectations(list, ctx, unlabelled);
          continue;
        }
        const expectations = lab.rest.length ? paragraphExpectations(lab.rest, ctx) : [];
        // Continuation paragraphs of the same item belong to the same label.
        for (const extra of item.children.slice(1)) {
          if (extra.type === 'paragraph') expectations.push(...paragraphExpectations(extra, ctx));
          else if (extra.type === 'list') listExpectations(extra, ctx, expectations);
        }
        addCell(content.cells, lab.label, lab.position, expectations, ctx, levelKey);
      }
      continue;
    }
    pending = undefined;
    const md = sliceOf([block], ctx);
    if (md) content.description.push(md);
  }
  if (unlabelled.length > 0) {
    if (content.cells.length === 0) addCell(content.cells, FALLBACK_CATEGORY, unlabelledAt!, unlabelled, ctx, levelKey);
    else content.cells[content.cells.length - 1]!.expectations.push(...unlabelled);
  }
  return content;
}

/** Decide how one level's body is written and read it. */
export function readLevelBody(blocks: RootContent[], ctx: Ctx, levelKey: string): { content: Content; shape: 'table' | 'headings' | 'labelled' } {
  if (blocks.some((b) => b.type === 'heading')) return { content: readHeadings(blocks, ctx, levelKey), shape: 'headings' };
  const tables = blocks.filter((b): b is Table => b.type === 'table' && (b.children[0]?.children.length ?? 0) >= 2);
  if (tables.length > 0) {
    const content: Content = { cells: [], description: [] };
    for (const block of blocks) {
      if (tables.includes(block as Table)) readTable(block as Table, ctx, levelKey, content);
      else {
        const md = sliceOf([block], ctx);
        if (md) content.description.push(md);
      }
    }
    return { content, shape: 'table' };
  }
  return { content: readLabelled(blocks, ctx, levelKey), shape: 'labelled' };
}

export type { BlockContent };
