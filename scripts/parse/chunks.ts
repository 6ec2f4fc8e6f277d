import type { Root, RootContent, Table } from 'mdast';
import type { Point, Position } from 'unist';
import { parseMarkdown } from './markdown.js';

/**
 * Markdown → mdast, reusing the parse of every top-level section it has seen before. Reading a
 * file's history, most commits touch one level section: the other sections come from the cache,
 * with their positions shifted, so only the touched text goes through micromark again.
 *
 * A file is cut before ATX headings that certainly start a top-level block (column 1, after a blank
 * line, outside front matter, fenced code and HTML blocks that may span blank lines). CommonMark
 * parses such a section the same alone as in the whole file, except for link reference and footnote
 * definitions, which act across the file: a file that may hold one is parsed whole.
 */
export interface ChunkedMarkdown {
  (source: string): Root;
  readonly stats: { chunks: number; reused: number; whole: number; memoHits: number; memoMisses: number; rowsReused: number; rowsParsed: number };
  /**
   * What the parser derives from a block's inline content, computed once per cached section: `key` is
   * a `children` array of a paragraph, table cell or list item this parser returned. A reused section
   * hands back the value computed on an earlier copy, moved by `shift` to where the section is now.
   * `compute` must depend only on the nodes and the source text they cover (no file-wide context).
   */
  memo<T>(key: readonly unknown[], compute: () => T, shift: (value: T, lines: number, offset: number) => T, same?: SameText): T;
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
   * Source characters of the sections kept, least recently used out first. A parsed section takes
   * about 9× its text in memory: the default 16 Mi keeps every section of ~1,000 ladders in ~150 MB.
   */
  maxChars?: number;
}

export function createChunkedMarkdown(opts: ChunkOptions = {}): ChunkedMarkdown {
  const max = opts.maxChars ?? 16 * 1024 * 1024;
  const cache = new Map<string, Placed>();
  let chars = 0;
  const stats = { chunks: 0, reused: 0, whole: 0, memoHits: 0, memoMisses: 0, rowsReused: 0, rowsParsed: 0 };
  // Copy → the cached array it was copied from; cached array → the value derived on one of its copies.
  const origins = new WeakMap<readonly unknown[], Origin>();
  const derived = new WeakMap<object, { value: unknown; lines: number; offset: number }>();
  const byText = new Map<string, { value: unknown; line: number; offset: number }>();
  const remembered = new Map<string, unknown>();
  const rows = tableRows(stats);
  const parse = (source: string): Root => {
    const cuts = cutPoints(source);
    if (!cuts) {
      stats.whole++;
      return parseMarkdown(source);
    }
    const children: RootContent[] = [];
    let end: Point | undefined;
    for (let i = 0; i < cuts.length; i++) {
      const start = cuts[i]!;
      const text = source.slice(start.offset, i + 1 < cuts.length ? cuts[i + 1]!.offset : source.length);
      const lines = start.line - 1;
      let placed = cache.get(text);
      if (placed) {
        stats.reused++;
        cache.delete(text); // refresh its place in the eviction order
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
        const tree = rows.parse(text);
        placed = {
          children: tree.children.map((n) => shifted(n, lines, start.offset, origins, lines, start.offset)),
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
      if (text.length <= max) cache.set(text, placed);
      else chars -= text.length;
      for (const node of placed.children) children.push(node);
      end = placed.end;
    }
    return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: end ?? { line: 1, column: 1, offset: 0 } } };
  };
  const memo = <T>(key: readonly unknown[], compute: () => T, shift: (value: T, lines: number, offset: number) => T, same?: SameText): T => {
    const o = origins.get(key);
    if (!o) return compute();
    const hit = derived.get(o.of);
    if (hit) {
      stats.memoHits++;
      return shift(hit.value as T, o.lines - hit.lines, o.offset - hit.offset);
    }
    // Only content of a section this parser cut (never of a file parsed whole, where link
    // definitions may change what the same text means) is looked up by its text.
    const seen = same ? byText.get(same.text) : undefined;
    if (seen) stats.memoHits++;
    else stats.memoMisses++;
    const value = seen ? shift(seen.value as T, same!.line - seen.line, same!.offset - seen.offset) : compute();
    // Kept as a copy (`shift` by nothing): the caller owns the array it gets and may add to it.
    const kept = shift(value, 0, 0);
    derived.set(o.of, { value: kept, lines: o.lines, offset: o.offset });
    if (same && !seen) {
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
 * A section that is one GFM table (the level sections of table-shaped ladders are cut before their
 * table) changes a row or two from one version to the next. A body row parses the same under the
 * same header and delimiter row whatever rows surround it, so rows seen before are reused and the
 * others parsed each under the header alone. Only when most rows are known: parsing rows one by one
 * costs more than the whole table. A table parsed whole teaches its rows for next time.
 */
function tableRows(stats: ChunkedMarkdown['stats']): { parse(text: string): Root } {
  const heads = new Map<string, { align: Table['align']; header: Row }>();
  const scratch = new WeakMap<readonly unknown[], Origin>();
  const known = new Map<string, { node: Row; line: number; offset: number }>();
  const keep = <K, V>(m: Map<K, V>, k: K, v: V) => {
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
    return { head: `${lines[0]}\n${lines[1]}\n`, lines, n };
  };
  const learn = (text: string, tree: Root) => {
    const t = split(text);
    const table = tree.children[0];
    if (!t || tree.children.length !== 1 || table?.type !== 'table' || table.children.length !== t.n - 1) return;
    keep(heads, t.head, { align: table.align, header: table.children[0]! });
    let offset = t.head.length;
    for (let i = 2; i < t.n; i++) {
      keep(known, t.head + t.lines[i]!, { node: table.children[i - 1]!, line: i + 1, offset });
      offset += t.lines[i]!.length + 1;
    }
  };
  const parse = (text: string): Root => {
    const t = split(text);
    const head = t && heads.get(t.head);
    if (!t || !head) return learnt(text);
    const body = t.lines.slice(2, t.n);
    if (body.filter((r) => !known.has(t.head + r)).length * 2 > body.length) return learnt(text);
    const children: Row[] = [structuredClone(head.header)];
    let offset = t.head.length;
    for (let i = 0; i < body.length; i++) {
      const key = t.head + body[i]!;
      let row = known.get(key);
      if (row) stats.rowsReused++;
      else {
        stats.rowsParsed++;
        const mini = parseMarkdown(key);
        const table = mini.children[0];
        if (mini.children.length !== 1 || table?.type !== 'table' || table.children.length !== 2) return learnt(text);
        row = { node: table.children[1]!, line: 3, offset: t.head.length };
        keep(known, key, row);
      }
      children.push(shifted(row.node, i + 3 - row.line, offset - row.offset, scratch, 0, 0));
      offset += body[i]!.length + 1;
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

/** Entries of the text-keyed caches, oldest out first: a few times the cells of a large ladder set. */
const MAX_REMEMBERED = 1 << 16;

const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:/m;
// CommonMark HTML blocks 1–5 run until an end marker, across blank lines.
const HTML_OPEN: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** Whether a text may hold a link reference or footnote definition, which acts across the whole file. */
export function mayHoldDefinitions(source: string): boolean {
  return DEFINITION.test(source);
}

/** Where sections start (line number and offset), or undefined when the file must be parsed whole. */
function cutPoints(source: string): Array<{ line: number; offset: number }> | undefined {
  if (mayHoldDefinitions(source) || /\r(?!\n)/.test(source)) return undefined;
  const cuts = [{ line: 1, offset: 0 }];
  let offset = 0;
  let line = 1;
  let fence: { char: string; size: number } | undefined;
  let html: RegExp | undefined;
  let blank = true;
  let frontmatter = source.startsWith('---\n') || source.startsWith('---\r\n');
  let first = true;
  while (offset < source.length) {
    const nl = source.indexOf('\n', offset);
    const next = nl < 0 ? source.length : nl + 1;
    const text = source.slice(offset, nl < 0 ? source.length : nl).replace(/\r$/, '');
    if (frontmatter) {
      if (!first && /^---\s*$/.test(text)) frontmatter = false;
    } else if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.size) fence = undefined;
    } else if (html) {
      if (html.test(text)) html = undefined;
    } else {
      // A heading, or a table (`|` in column 1), after a blank line starts a top-level block: every
      // container and paragraph before it has ended (lists need indentation to go on).
      if (blank && line > 1 && (ATX.test(text) || text.startsWith('|'))) cuts.push({ line, offset });
      const open = FENCE.exec(text);
      if (open && !(open[1]![0] === '`' && text.slice(text.indexOf(open[1]!) + open[1]!.length).includes('`'))) {
        fence = { char: open[1]![0]!, size: open[1]!.length };
      } else {
        for (const [start, end] of HTML_OPEN) {
          if (start.test(text)) {
            if (!end.test(text.replace(start, ''))) html = end;
            break;
          }
        }
      }
    }
    blank = text.trim() === '';
    first = false;
    offset = next;
    line++;
  }
  return cuts;
}

function point(p: Point, lines: number, offset: number): Point {
  return { line: p.line + lines, column: p.column, ...(p.offset !== undefined ? { offset: p.offset + offset } : {}) };
}

/**
 * A deep copy of a node with every position moved down by `lines` and `offset`; the copies of
 * memoised `children` arrays are recorded with where the section now stands (`atLines`, `atOffset`).
 */
function shifted<T>(node: T, lines: number, offset: number, origins: WeakMap<readonly unknown[], Origin>, atLines: number, atOffset: number): T {
  if (Array.isArray(node)) return node.map((n) => shifted(n, lines, offset, origins, atLines, atOffset)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const memoParent = MEMO_PARENTS.has((node as { type?: string }).type ?? '');
  for (const [k, v] of Object.entries(node)) {
    if (k === 'position' && v && typeof v === 'object') {
      const p = v as Position;
      out[k] = { start: point(p.start, lines, offset), end: point(p.end, lines, offset) };
    } else {
      out[k] = shifted(v, lines, offset, origins, atLines, atOffset);
      // A token, not the array copied: it keeps no nodes alive once the section leaves the cache.
      if (memoParent && k === 'children' && Array.isArray(v)) origins.set(out[k] as unknown[], { of: origins.get(v)?.of ?? {}, lines: atLines, offset: atOffset });
    }
  }
  return out as T;
}
