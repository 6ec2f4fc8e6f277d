import type { Root, RootContent } from 'mdast';
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
  readonly stats: { chunks: number; reused: number; whole: number };
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
  const cache = new Map<string, Root>();
  let chars = 0;
  const stats = { chunks: 0, reused: 0, whole: 0 };
  const parse = (source: string): Root => {
    const cuts = cutPoints(source);
    if (!cuts) {
      stats.whole++;
      return parseMarkdown(source);
    }
    const children: RootContent[] = [];
    let last: Root | undefined;
    let lastStart = { line: 1, offset: 0 };
    for (let i = 0; i < cuts.length; i++) {
      const start = cuts[i]!;
      const end = i + 1 < cuts.length ? cuts[i + 1]!.offset : source.length;
      const text = source.slice(start.offset, end);
      let tree = cache.get(text);
      if (tree) {
        stats.reused++;
        cache.delete(text); // refresh its place in the eviction order
      } else {
        stats.chunks++;
        tree = parseMarkdown(text);
        chars += text.length;
        for (const old of cache.keys()) {
          if (chars <= max) break;
          cache.delete(old);
          chars -= old.length;
        }
      }
      if (text.length <= max) cache.set(text, tree);
      else chars -= text.length;
      for (const node of tree.children) children.push(shifted(node, start.line - 1, start.offset));
      last = tree;
      lastStart = start;
    }
    const end = last?.position ? point(last.position.end, lastStart.line - 1, lastStart.offset) : { line: 1, column: 1, offset: 0 };
    return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
  };
  return Object.assign(parse, { stats });
}

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

/** Where sections start (line number and offset), or undefined when the file must be parsed whole. */
function cutPoints(source: string): Array<{ line: number; offset: number }> | undefined {
  if (DEFINITION.test(source) || /\r(?!\n)/.test(source)) return undefined;
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
      if (blank && ATX.test(text) && line > 1) cuts.push({ line, offset });
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

/** A deep copy of a cached node with every position moved down by `lines` and `offset`. */
function shifted<T>(node: T, lines: number, offset: number): T {
  if (Array.isArray(node)) return node.map((n) => shifted(n, lines, offset)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'position' && v && typeof v === 'object') {
      const p = v as Position;
      out[k] = { start: point(p.start, lines, offset), end: point(p.end, lines, offset) };
    } else out[k] = shifted(v, lines, offset);
  }
  return out as T;
}
