import type { Root, RootContent, Table } from 'mdast';
import type { Point, Position } from 'unist';
import { lfTwin, withCrlf } from './line-endings.js';
import { bodyOf, parseMarkdown } from './markdown.js';
import { plainBlocks, plainDefinitions } from './plain-blocks.js';
import { cellsOf, plainHead, plainRow, type Cells } from './plain-table.js';
import { referencesOf } from './plain-text.js';
import { lineStartsOf } from './text.js';

/**
 * Markdown → mdast, reusing the parse of every top-level section it has seen before. Reading a
 * file's history, most commits touch one level section: the other sections come from the cache,
 * with their positions shifted, so only the touched text goes through micromark again.
 *
 * A file is cut before ATX headings that certainly start a top-level block (column 1, after a blank
 * line, outside front matter, fenced code and HTML blocks that may span blank lines). CommonMark
 * parses such a section the same alone as in the whole file, except for link reference and footnote
 * definitions, which act across the file: in a file that holds one, a section that may refer to a
 * label is parsed with definitions of the file's labels after it (withDefinitions).
 */
export interface ChunkedMarkdown {
  (source: string): Root;
  readonly stats: { chunks: number; reused: number; whole: number; memoHits: number; memoMisses: number; rowsReused: number; rowsParsed: number; rowsPlain: number; htmlOnly: number; plainOnly: number };
  /**
   * What the parser derives from a block's inline content, computed once per cached section: `key` is
   * a `children` array of a paragraph, table cell or list item this parser returned. A reused section
   * hands back the value computed on an earlier copy, moved by `shift` to where the section is now.
   * `compute` must depend only on the nodes and the source text they cover (no file-wide context).
   * `slot` names what is derived, when one array serves more than one reading (a labelled paragraph's
   * text after its label, beside the whole paragraph's): each slot keeps its own value.
   */
  memo<T>(key: readonly unknown[], compute: () => T, shift: (value: T, lines: number, offset: number) => T, same?: SameText, slot?: string): T;
  /** A value computed once per distinct `key` (a file name and text the value depends on alone), kept while few. */
  remember<T>(key: string, compute: () => T): T;
}

/**
 * For content whose parse depends on its own text alone (a GFM table cell), the text, where it
 * starts and its first column: a section parsed again still finds a cell it has seen, unchanged.
 */
export interface SameText {
  text: string;
  line: number;
  offset: number;
}

/** Node types whose `children` arrays are remembered as copies of a cached section's. */
const MEMO_PARENTS = new Set(['paragraph', 'tableCell', 'listItem']);

/** Where a section's copy stands: `of` names the array in every copy of one cached section. */
interface Origin {
  of: object;
  lines: number;
  offset: number;
}

/** A cached section: its nodes as last placed in a file, moved down `lines` lines and `offset` characters. */
interface Placed {
  children: RootContent[];
  end: Point | undefined;
  lines: number;
  offset: number;
}

export interface ChunkOptions {
  /**
   * Source characters of the sections kept, least recently used out first. The default 4 Mi holds every
   * section of a few hundred ladders (the bench's 200 are 2.7 MB); a walk of 2,000 keeps the recently
   * touched ones, re-parsing the rest when a commit touches them. At 16 Mi the walk of 2,000 ladders
   * peaked at 1,051 MiB, at 4 Mi 758 MiB, with changelog --all on table-heavy as fast as before.
   */
  maxChars?: number;
}

export function createChunkedMarkdown(opts: ChunkOptions = {}): ChunkedMarkdown {
  const max = opts.maxChars ?? 4 * 1024 * 1024;
  const cache = new Map<string, Placed>();
  let chars = 0;
  const stats = { chunks: 0, reused: 0, whole: 0, memoHits: 0, memoMisses: 0, rowsReused: 0, rowsParsed: 0, rowsPlain: 0, htmlOnly: 0, plainOnly: 0 };
  // Copy → the cached array it was copied from; cached array → the value derived on one of its copies.
  const origins = new WeakMap<readonly unknown[], Origin>();
  type Derived = WeakMap<object, { value: unknown; lines: number; offset: number }>;
  const derivedBySlot = new Map<string, Derived>();
  const byText = new Map<string, { value: unknown; line: number; offset: number }>();
  const remembered = new Map<string, unknown>();
  // With no section kept (a single read), no row is kept either: each file is read on its own.
  const rows = tableRows(stats, max > 0);
  /** A section's tree, from the builders that need no micromark when they can; the tree is the caller's own. */
  const build = (text: string, first: boolean): Root => {
    const blocks = htmlBlocks(text);
    if (blocks) stats.htmlOnly++;
    const simple = blocks ? undefined : plainBlocks(text, first);
    if (simple) stats.plainOnly++;
    return blocks ?? simple ?? rows.parse(text);
  };
  /**
   * The builders take no carriage return: a CR LF section is built as its LF twin, then copied with its
   * offsets and line endings put back (line-endings.ts), leaving the twin's nodes to the table rows that
   * keep them (LF, for the next LF twin); any other section with a CR goes to micromark.
   */
  const section = (text: string, first: boolean): Root => {
    if (!text.includes('\r')) return build(text, first);
    const lf = lfTwin(text);
    return lf === undefined ? rows.parse(text) : withCrlf(build(lf, first));
  };
  /** The definitions each section makes, as lines that define the same labels (by the section's text alone). */
  const definitionsOf = new Map<string, readonly string[]>();
  /** `alone` gets the trees parsed here (this parse's own: a section that defines every label of the file reads as it does alone). */
  const ownDefinitions = (text: string, alone: Map<string, Root>): readonly string[] => {
    if (!DEFINITION.test(text)) return [];
    let found = definitionsOf.get(text);
    if (!found) {
      const plain = plainDefinitions(text);
      if (plain) stats.plainOnly++;
      const tree = plain ?? parseMarkdown(text);
      alone.set(text, tree);
      found = synthetic(tree);
      if (max > 0) {
        if (definitionsOf.size >= MAX_REMEMBERED) definitionsOf.delete(definitionsOf.keys().next().value!);
        definitionsOf.set(text, found);
      }
    }
    return found;
  };
  // Whether the file last parsed defines labels: the same text may then mean something else (memo).
  let defining = false;
  const parse = (source: string): Root => {
    const cuts = cutPoints(source);
    if (!cuts) {
      stats.whole++;
      return parseMarkdown(source);
    }
    const texts = cuts.map((c, i) => source.slice(c.offset, i + 1 < cuts.length ? cuts[i + 1]!.offset : source.length));
    // Link reference and footnote definitions act across the file: a section that may use one is parsed
    // with every label the file defines (definitions of those labels after it, then taken off), and is
    // known by its text and those labels.
    const alone = new Map<string, Root>();
    const owns = texts.map((t) => ownDefinitions(t, alone));
    const labels = [...new Set(owns.flat())].sort();
    defining = labels.length > 0;
    const context = defining ? `\u0000${labels.join('\n')}` : '';
    const refs = defining ? referencesOf(labels) : undefined;
    const children: RootContent[] = [];
    let end: Point | undefined;
    for (let i = 0; i < cuts.length; i++) {
      const start = cuts[i]!;
      const text = texts[i]!;
      const lines = start.line - 1;
      // A `[` in the frontmatter's YAML refers to nothing.
      const referring = defining && (i === 0 ? bodyOf(text) : text).includes('[');
      const key = referring ? text + context : text;
      let placed = cache.get(key);
      if (placed) {
        stats.reused++;
        cache.delete(key); // refresh its place in the eviction order
        // The nodes stay where they were (a section above it kept its length): the same nodes serve
        // again, as the parse reads mdast and never changes it; else a moved copy replaces them.
        if (placed.lines !== lines || placed.offset !== start.offset) {
          const dl = lines - placed.lines;
          const doff = start.offset - placed.offset;
          placed = {
            children: placed.children.map((n) => shifted(n, dl, doff, origins, lines, start.offset)),
            end: placed.end && point(placed.end, dl, doff),
            lines,
            offset: start.offset,
          };
        }
      } else {
        stats.chunks++;
        // A section that defines every label of the file itself reads as it does alone.
        // A referring section of plain blocks reads its references itself (plainBlocks with `refs`).
        const plain = referring && !text.includes('\r') ? plainBlocks(text, start.offset === 0, refs) : undefined;
        if (plain) stats.plainOnly++;
        const tree = !referring ? section(text, start.offset === 0) : (plain ?? (new Set(owns[i]).size === labels.length ? aloneTree(alone, text) : withDefinitions(text, labels)));
        if (!tree) {
          // The definitions did not stand apart after the section (an open block took them): whole.
          stats.whole++;
          return parseMarkdown(source);
        }
        placed = {
          // With nothing kept (a single read) nobody else holds the fresh tree: it is moved, not copied.
          children: max === 0 ? moved(tree.children, lines, start.offset) : tree.children.map((n) => shifted(n, lines, start.offset, origins, lines, start.offset)),
          end: tree.position && point(tree.position.end, lines, start.offset),
          lines,
          offset: start.offset,
        };
        chars += text.length;
        for (const old of cache.keys()) {
          if (chars <= max) break;
          cache.delete(old);
          chars -= old.length;
        }
      }
      if (text.length <= max) cache.set(key, placed);
      else chars -= text.length;
      for (const node of placed.children) children.push(node);
      end = placed.end;
    }
    return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: end ?? { line: 1, column: 1, offset: 0 } } };
  };
  const memo = <T>(key: readonly unknown[], compute: () => T, shift: (value: T, lines: number, offset: number) => T, same?: SameText, slot = ''): T => {
    const o = origins.get(key);
    if (!o) return compute();
    let derived = derivedBySlot.get(slot);
    if (!derived) derivedBySlot.set(slot, (derived = new WeakMap()));
    const hit = derived.get(o.of);
    if (hit) {
      stats.memoHits++;
      return shift(hit.value as T, o.lines - hit.lines, o.offset - hit.offset);
    }
    // Only content of a section this parser cut (never of a file parsed whole, where link
    // definitions may change what the same text means) is looked up by its text.
    // Not in a file that defines labels either: there the same text may be a reference or not.
    const seen = same && !defining ? byText.get(same.text) : undefined;
    if (seen) stats.memoHits++;
    else stats.memoMisses++;
    const value = seen ? shift(seen.value as T, same!.line - seen.line, same!.offset - seen.offset) : compute();
    // Kept as a copy (`shift` by nothing): the caller owns the array it gets and may add to it.
    const kept = shift(value, 0, 0);
    derived.set(o.of, { value: kept, lines: o.lines, offset: o.offset });
    if (same && !seen && !defining) {
      if (byText.size >= MAX_REMEMBERED) byText.delete(byText.keys().next().value!);
      byText.set(same.text, { value: kept, line: same.line, offset: same.offset });
    }
    return value;
  };
  const remember = <T>(key: string, compute: () => T): T => {
    if (remembered.has(key)) return remembered.get(key) as T;
    const value = compute();
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, value);
    return value;
  };
  return Object.assign(parse, { stats, memo, remember });
}

type Row = Table['children'][number];

/**
 * Where a row's cells lie on its line: the `|` that opens each cell and where its trimmed text
 * starts and ends. Only for rows a padding change may rewrite: `|` first and last, no tab, no
 * backslash (so no escaped `|`); anything else is looked up by its exact text alone.
 */
interface Layout extends Cells {
  /** The cells' trimmed texts, the key a row is known by whatever pads them. */
  key: string;
}

function layoutOf(line: string): Layout | undefined {
  const cells = cellsOf(line);
  return cells && { key: cells.starts.map((s, i) => line.slice(s, cells.ends[i])).join('\u0001'), ...cells };
}

/** A cached row's nodes and where its line stood in the text it was parsed from. */
interface KnownRow {
  node: Row;
  line: number;
  offset: number;
  /** Set when the row is known by its layout: its cells are moved one by one to a new padding. */
  layout?: Layout;
}

/**
 * Whether micromark cut a parsed row where `layout` says: one cell per `|`, each from its `|` to the
 * next (the last to the line's end), everything inside within the cell's trimmed text, on one line.
 */
function fitsLayout(row: Row, layout: Layout, line: number, offset: number, length: number): boolean {
  if (row.children.length !== layout.pipes.length) return false;
  const at = (p: Point | undefined, x: number) => p?.line === line && p.offset === offset + x && p.column === x + 1;
  if (!at(row.position?.start, 0) || !at(row.position?.end, length)) return false;
  const within = (nodes: readonly unknown[], lo: number, hi: number): boolean =>
    nodes.every((n) => {
      const node = n as { position?: Position; children?: unknown[] };
      const p = node.position;
      if (!p || p.start.line !== line || p.end.line !== line || p.start.offset === undefined || p.end.offset === undefined) return false;
      if (p.start.offset < offset + lo || p.end.offset > offset + hi || p.start.column !== p.start.offset - offset + 1 || p.end.column !== p.end.offset - offset + 1) return false;
      return node.children === undefined || within(node.children, lo, hi);
    });
  return row.children.every((cell, i) => {
    const end = i + 1 < layout.pipes.length ? layout.pipes[i + 1]! : length;
    return at(cell.position?.start, layout.pipes[i]!) && at(cell.position?.end, end) && within(cell.children, layout.starts[i]!, layout.ends[i]!);
  });
}

/**
 * A section that is one GFM table (the level sections of table-shaped ladders are cut before their
 * table) changes a row or two from one version to the next. A body row parses the same under a
 * header of as many columns whatever rows surround it, and the same whatever spaces pad its cells
 * (a padded table pads every row anew when one cell grows): rows seen before are reused, their
 * cells moved to the new padding, and the others parsed each under the header alone. Only when most
 * rows are known: parsing rows one by one costs more than the whole table. A table parsed whole
 * teaches its rows for next time.
 */
function tableRows(stats: ChunkedMarkdown['stats'], memory: boolean): { parse(text: string): Root } {
  const heads = new Map<string, { align: Table['align']; header: Row }>();
  const scratch = new WeakMap<readonly unknown[], Origin>();
  const known = new Map<string, KnownRow>();
  const keep = <K, V>(m: Map<K, V>, k: K, v: V) => {
    if (!memory) return;
    if (m.size >= MAX_REMEMBERED) m.delete(m.keys().next().value!);
    m.set(k, v);
  };
  /** The lines of a text that is a table alone: header, delimiter row, body rows starting with `|`, then only blank lines. */
  const split = (text: string) => {
    if (!text.startsWith('|') || text.includes('\r')) return undefined;
    const lines = text.split('\n');
    let n = lines.length;
    while (n > 0 && lines[n - 1] === '') n--;
    if (n < 3) return undefined;
    for (let i = 2; i < n; i++) if (!lines[i]!.startsWith('|')) return undefined;
    const head = `${lines[0]}\n${lines[1]}\n`;
    // Rows known by layout are keyed by the header's column count, not its text (its padding changes too).
    const columns = layoutOf(lines[0]!)?.pipes.length;
    return { head, lines, n, columns };
  };
  const keys = (t: { head: string; columns: number | undefined }, line: string) => {
    const layout = t.columns === undefined ? undefined : layoutOf(line);
    return { exact: t.head + line, layout, byLayout: layout && `${t.columns}\u0000${layout.key}` };
  };
  const lookup = (t: { head: string; columns: number | undefined }, line: string): KnownRow | undefined => {
    const k = keys(t, line);
    return known.get(k.exact) ?? (k.byLayout !== undefined ? known.get(k.byLayout) : undefined);
  };
  const teach = (t: { head: string; columns: number | undefined }, line: string, row: Row, at: number, offset: number) => {
    const k = keys(t, line);
    if (k.layout && k.byLayout !== undefined && fitsLayout(row, k.layout, at, offset, line.length)) keep(known, k.byLayout, { node: row, line: at, offset, layout: k.layout });
    else keep(known, k.exact, { node: row, line: at, offset });
  };
  const learn = (text: string, tree: Root) => {
    const t = split(text);
    const table = tree.children[0];
    if (!t || tree.children.length !== 1 || table?.type !== 'table' || table.children.length !== t.n - 1) return;
    keep(heads, t.head, { align: table.align, header: table.children[0]! });
    let offset = t.head.length;
    for (let i = 2; i < t.n; i++) {
      teach(t, t.lines[i]!, table.children[i - 1]!, i + 1, offset);
      offset += t.lines[i]!.length + 1;
    }
  };
  /** The header and alignment of a table head not seen before: the head parsed alone, a table without body rows. */
  const headOf = (head: string) => {
    const seen = heads.get(head);
    if (seen) return seen;
    const tree = parseMarkdown(head);
    const table = tree.children[0];
    if (tree.children.length !== 1 || table?.type !== 'table' || table.children.length !== 1) return undefined;
    const value = { align: table.align, header: table.children[0]! };
    keep(heads, head, value);
    return value;
  };
  const parse = (text: string): Root => {
    const t = split(text);
    if (!t) return learnt(text);
    const fresh = plainHead(t.lines[0]!, t.lines[1]!);
    const head = fresh ?? headOf(t.head);
    if (!head) return learnt(text);
    const body = t.lines.slice(2, t.n);
    // Each row is built where it stands when plain (plain-table.ts), else looked up, else parsed below.
    const plain: Array<Row | undefined> = [];
    const rows: Array<KnownRow | undefined> = [];
    let missing = 0;
    let offset = t.head.length;
    for (const [i, line] of body.entries()) {
      const built = plainRow(line, i + 3, offset, head.header.children.length);
      const known = built ? undefined : lookup(t, line);
      plain.push(built);
      rows.push(known);
      if (!built && !known) missing++;
      offset += line.length + 1;
    }
    if (missing * 2 > body.length) return learnt(text);
    const children: Row[] = [fresh ? fresh.header : structuredClone(head.header)];
    offset = t.head.length;
    for (let i = 0; i < body.length; i++) {
      const line = body[i]!;
      const built = plain[i];
      if (built) {
        stats.rowsPlain++;
        children.push(built);
        offset += line.length + 1;
        continue;
      }
      let row = rows[i];
      if (row) stats.rowsReused++;
      else {
        stats.rowsParsed++;
        const mini = parseMarkdown(t.head + line);
        const table = mini.children[0];
        if (mini.children.length !== 1 || table?.type !== 'table' || table.children.length !== 2) return learnt(text);
        teach(t, line, table.children[1]!, 3, t.head.length);
        row = { node: table.children[1]!, line: 3, offset: t.head.length };
      }
      children.push(row.layout ? relaid(row, line, i + 3, offset, scratch) : shifted(row.node, i + 3 - row.line, offset - row.offset, scratch, 0, 0));
      offset += line.length + 1;
    }
    const end = t.lines.length;
    return {
      type: 'root',
      children: [{ type: 'table', align: head.align ? [...head.align] : head.align, children, position: { start: { line: 1, column: 1, offset: 0 }, end: { ...children.at(-1)!.position!.end } } }],
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: end, column: t.lines[end - 1]!.length + 1, offset: text.length } },
    };
  };
  const learnt = (text: string): Root => {
    const tree = parseMarkdown(text);
    learn(text, tree);
    return tree;
  };
  return { parse };
}

/**
 * A row known by its layout, placed on `line` (at `offset`) as padded there: each cell spans its new
 * `|` to the next, and its content moves along the line by as much as its trimmed text moved.
 */
function relaid(known: KnownRow, text: string, line: number, offset: number, origins: WeakMap<readonly unknown[], Origin>): Row {
  const was = known.layout!;
  const now = layoutOf(text)!;
  const at = (x: number): Point => ({ line, column: x + 1, offset: offset + x });
  // Keys in the order mdast-util-from-markdown gives them: type, children, position.
  return {
    type: 'tableRow',
    children: known.node.children.map((cell, i) => ({
      type: 'tableCell',
      children: shifted(cell.children, line - known.line, offset + now.starts[i]! - (known.offset + was.starts[i]!), origins, 0, 0, now.starts[i]! - was.starts[i]!),
      position: { start: at(now.pipes[i]!), end: at(i + 1 < now.pipes.length ? now.pipes[i + 1]! : text.length) },
    })),
    position: { start: at(0), end: at(text.length) },
  };
}

/**
 * Entries of each text-keyed cache, oldest out first: more than the cells and rows of a few hundred
 * ladders. A history of 2,000 ladders touches far more than any bound keeps; there, 32,768 entries a
 * cache held 160 MB more than 8,192 (changelog --all peak: 929 against 768 MiB) for 4% of the time.
 */
const MAX_REMEMBERED = 1 << 13;

const ATX = /^#{1,6}(?:[ \t]|$)/;
/** A line that may open an HTML block of kind 6 or 7 (kinds 1–5 are HTML_OPEN's). */
const HTML_TAG_LINE = /^ {0,3}<\/?[A-Za-z]/;
/** An HTML block (CommonMark kind 6) opened by `<table` in column 1. */
const HTML_TABLE = /^<table(?:[ \t>]|\/>|$)/i;
/**
 * A line that opens a CommonMark HTML block of kind 6 (up to three spaces, `<` or `</`, one of these
 * names, then a space, `>`, `/>` or the line's end): such a block runs to the next blank line,
 * whatever it holds. A few of the spec's names, those a table and its cells are written with.
 */
const HTML_BLOCK_6 = /^ {0,3}<\/?(?:table|caption|colgroup|col|thead|tbody|tfoot|tr|th|td|ul|ol|li|p|div)(?: |>|\/>|$)/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/**
 * Where a link reference or footnote definition may be: a bracketed label and a colon anywhere, since a
 * definition may stand in a list item or a block quote (`- [x]: url`, `> [x]: url`) or be indented in
 * one, and its label may span lines. A superset: the section's own parse says which are definitions.
 * A label holds no unescaped bracket and at most 999 characters, which also keeps the search linear
 * on untrusted text (from every `[` of a file with no `]`, it would otherwise run to the end).
 */
const DEFINITION = /\[(?:[^[\]\\]|\\.){1,999}\]:/;
/** A line that starts with a definition's label and colon (a section is cut before it). */
const LINE_DEFINITION = /^\[(?:[^[\]\\]|\\.){1,999}\]:/;
// CommonMark HTML blocks 1–5 run until an end marker, across blank lines.
const HTML_OPEN: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** A tree ownDefinitions parsed for this text in this parse, taken (each is used once), else a fresh one. */
function aloneTree(alone: Map<string, Root>, text: string): Root {
  const tree = alone.get(text);
  alone.delete(text);
  return tree ?? plainDefinitions(text) ?? parseMarkdown(text);
}

/** Lines that define the labels a tree defines (link references and footnotes), each with a placeholder destination. */
function synthetic(tree: Root): string[] {
  const out: string[] = [];
  const visit = (node: { type: string; label?: string | null; children?: unknown[] }) => {
    if (node.type === 'definition' && node.label) out.push(`[${node.label}]: x`);
    else if (node.type === 'footnoteDefinition' && node.label) out.push(`[^${node.label}]: x`);
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(tree);
  return out;
}

/**
 * A section's tree as the whole file gives it, where other sections define labels: the section parsed
 * with definitions of every label after it (a blank line apart, so each stands alone), which are then
 * taken off again. Undefined when they did not parse as the last blocks of their own (the section ends
 * in an open fence or HTML block): the caller parses the file whole.
 */
function withDefinitions(text: string, labels: readonly string[]): Root | undefined {
  const gap = text.endsWith('\n\n') || text === '' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  const tree = parseMarkdown(`${text}${gap}${labels.join('\n\n')}\n`);
  const n = tree.children.length - labels.length;
  const added = tree.children.slice(Math.max(0, n));
  if (n < 0 || added.some((c) => (c.type !== 'definition' && c.type !== 'footnoteDefinition') || (c.position?.start.offset ?? 0) < text.length)) return undefined;
  tree.children.length = n;
  const starts = lineStartsOf(text);
  tree.position = { start: { line: 1, column: 1, offset: 0 }, end: { line: starts.length, column: text.length - starts.at(-1)! + 1, offset: text.length } };
  return tree;
}

/** Whether a text may hold a link reference or footnote definition, which acts across the whole file. */
export function mayHoldDefinitions(source: string): boolean {
  return DEFINITION.test(source);
}

/** Where sections start (line number and offset), or undefined when the file must be parsed whole. */
function cutPoints(source: string): Array<{ line: number; offset: number }> | undefined {
  if (/\r(?!\n)/.test(source)) return undefined;
  const cuts = [{ line: 1, offset: 0 }];
  let offset = 0;
  let line = 1;
  let fence: { char: string; size: number } | undefined;
  let html: RegExp | undefined;
  // Whether the last line was blank as CommonMark counts it: spaces and tabs only (a no-break space is text).
  let blank = true;
  // Whether the lines since the last cut are an HTML table's blocks of kind 6 at the top level; whether
  // this line may be inside an HTML block of kind 6 or 7, which only a blank line ends and in which
  // nothing (a fence, a comment) opens.
  let htmlRun = false;
  let raw = false;
  let frontmatter = source.startsWith('---\n') || source.startsWith('---\r\n');
  let first = true;
  while (offset < source.length) {
    const nl = source.indexOf('\n', offset);
    const next = nl < 0 ? source.length : nl + 1;
    const text = source.slice(offset, nl < 0 ? source.length : nl).replace(/\r$/, '');
    const empty = /^[ \t]*$/.test(text);
    if (frontmatter) {
      if (!first && /^---\s*$/.test(text)) frontmatter = false;
    } else if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.size) fence = undefined;
    } else if (html) {
      if (html.test(text)) html = undefined;
    } else if (raw) {
      if (empty) raw = false;
      // A fence, or a comment (or other raw block) left open on its line, inside what may be an HTML
      // block: whether it opens anything depends on which kind of block that is, which these lines
      // cannot tell. The file is parsed whole. (`<!-- L2 -->` closes where it opens: nothing to tell.)
      else if (FENCE.test(text) || HTML_OPEN.some(([start, end]) => start.test(text) && !end.test(text.replace(start, '')))) return undefined;
    } else {
      // A heading, a table (`|` in column 1), an HTML table or a definition (`[label]:` in column 1, as
      // files end with their links' targets), after a blank line, starts a top-level block: every
      // container and paragraph before it has ended (lists need indentation to go on).
      const htmlTable = blank && line > 1 && HTML_TABLE.test(text);
      if (blank && line > 1 && (ATX.test(text) || text.startsWith('|') || htmlTable || (text.startsWith('[') && LINE_DEFINITION.test(text)))) {
        cuts.push({ line, offset });
        htmlRun = htmlTable;
      } else if (htmlRun && blank && !empty && !HTML_BLOCK_6.test(text)) {
        // After an HTML table's blocks (htmlBlocks reads them), what follows a blank line starts at the
        // top level with nothing open: a paragraph, a list, anything parses the same alone.
        cuts.push({ line, offset });
        htmlRun = false;
      }
      const open = FENCE.exec(text);
      if (open && !(open[1]![0] === '`' && text.slice(text.indexOf(open[1]!) + open[1]!.length).includes('`'))) {
        fence = { char: open[1]![0]!, size: open[1]!.length };
      } else {
        const kind = HTML_OPEN.find(([start]) => start.test(text));
        if (kind) {
          if (!kind[1].test(text.replace(kind[0], ''))) html = kind[1];
        } else if (HTML_TAG_LINE.test(text)) raw = true;
      }
    }
    blank = empty;
    first = false;
    offset = next;
    line++;
  }
  return cuts;
}

/** Sections without a cache, for single reads. */
let oneShot: ChunkedMarkdown | undefined;

/**
 * Markdown → mdast for one read of a file (no history to reuse): the file is cut in sections as the
 * history walk cuts it, so that its plain sections (plainBlocks), plain table rows (plainRow) and
 * HTML tables' blocks (htmlBlocks) are built without micromark, and only the rest goes through it.
 * The same tree as the whole file's parse (test/parse/chunks.test.ts). On the 76 real files of
 * ../shared/data this halves the Markdown parse; on the bench's 200 ladders it is a tenth of it.
 */
export function parseMarkdownOnce(source: string): Root {
  oneShot ??= createChunkedMarkdown({ maxChars: 0 });
  return oneShot(source);
}

/** What parseMarkdownOnce's sections came to so far (tests). */
export function parseMarkdownOnceStats(): ChunkedMarkdown['stats'] | undefined {
  return oneShot?.stats;
}

/**
 * The tree of a section that is only HTML blocks of kind 6 and blank lines (an HTML table, however its
 * authors spaced it), made without micromark: each block is an `html` node holding its lines as
 * written, from its first line to the line before the next blank one. Undefined for anything else
 * (another kind of block, a tab, a carriage return, a NUL), which micromark then reads as before.
 * A table edited in one cell re-reads all of it: its Markdown parse was most of a version's cost.
 */
export function htmlBlocks(text: string): Root | undefined {
  if (!/^ {0,3}</.test(text) || /[\t\r\0]/.test(text)) return undefined;
  const children: RootContent[] = [];
  let line = 1;
  let offset = 0;
  let open: { line: number; offset: number } | undefined;
  let last = { line: 1, column: 1, offset: 0 };
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    const content = text.slice(offset, end);
    if (/^ *$/.test(content)) {
      if (open) children.push(htmlNode(text, open, last));
      open = undefined;
    } else {
      if (!open) {
        if (!HTML_BLOCK_6.test(content)) return undefined;
        open = { line, offset };
      }
      last = { line, column: end - offset + 1, offset: end };
    }
    if (nl < 0) break;
    offset = nl + 1;
    line++;
  }
  if (open) children.push(htmlNode(text, open, last));
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line, column: lastLine.length + 1, offset: text.length } } };
}

function htmlNode(text: string, start: { line: number; offset: number }, end: Point & { offset: number }): RootContent {
  return { type: 'html', value: text.slice(start.offset, end.offset), position: { start: { line: start.line, column: 1, offset: start.offset }, end } };
}

function point(p: Point, lines: number, offset: number, columns = 0): Point {
  return p.offset !== undefined ? { line: p.line + lines, column: p.column + columns, offset: p.offset + offset } : { line: p.line + lines, column: p.column + columns };
}

/**
 * A fresh tree's nodes moved in place down `lines` lines and on by `offset` (every node's position,
 * through `children`): shifted() without the copy, for a tree no one else holds. Only a single read
 * (parseMarkdownOnce) moves trees, and its reader gets no memo, so nothing is recorded for one.
 */
function moved<T extends RootContent[]>(nodes: T, lines: number, offset: number): T {
  for (const node of nodes) {
    const p = node.position;
    if (p) {
      p.start = point(p.start, lines, offset);
      p.end = point(p.end, lines, offset);
    }
    const children = (node as { children?: RootContent[] }).children;
    if (Array.isArray(children)) moved(children, lines, offset);
  }
  return nodes;
}

/**
 * A deep copy of a node with every position moved down by `lines`, right by `columns` (a table row
 * padded anew: relaid) and on by `offset`; the copies of memoised `children` arrays are recorded with
 * where the section now stands (`atLines`, `atOffset`).
 */
function shifted<T>(node: T, lines: number, offset: number, origins: WeakMap<readonly unknown[], Origin>, atLines: number, atOffset: number, columns = 0): T {
  if (Array.isArray(node)) {
    const out = new Array<unknown>(node.length);
    for (let i = 0; i < node.length; i++) out[i] = shifted(node[i], lines, offset, origins, atLines, atOffset, columns);
    return out as T;
  }
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const memoParent = MEMO_PARENTS.has((node as { type?: string }).type ?? '');
  // for…in, not Object.entries: no array of pairs per node (mdast nodes are plain objects).
  for (const k in node) {
    const v = (node as Record<string, unknown>)[k];
    if (k === 'position' && v && typeof v === 'object') {
      const p = v as Position;
      out[k] = { start: point(p.start, lines, offset, columns), end: point(p.end, lines, offset, columns) };
    } else {
      out[k] = shifted(v, lines, offset, origins, atLines, atOffset, columns);
      // A token, not the array copied: it keeps no nodes alive once the section leaves the cache.
      if (memoParent && k === 'children' && Array.isArray(v)) origins.set(out[k] as unknown[], { of: origins.get(v)?.of ?? {}, lines: atLines, offset: atOffset });
    }
  }
  return out as T;
}
