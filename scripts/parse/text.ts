import { hash } from 'node:crypto';
import type { Node, Parent } from 'unist';
import type { PhrasingContent } from 'mdast';
import type { Position } from '../model/ladder.js';

/**
 * Text fold() leaves as it is: printable ASCII with single spaces inside (NFC and the white-space
 * rules change nothing there). Most ladder text is such; one scan then replaces three passes.
 */
const NOT_FOLDED = /[^\x21-\x7e ]| {2}|^ | $/;

/** Collapse every run of white space to one space; NFC so equal text hashes equally. */
export function fold(text: string): string {
  if (!NOT_FOLDED.test(text)) return text;
  // A sentence cut after a full stop starts with the space that followed it: trimmed, it is usually
  // folded already (white space at the ends is all that collapsing and trim() would change there).
  const trimmed = text.trim();
  if (trimmed.length !== text.length && !NOT_FOLDED.test(trimmed)) return trimmed;
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Heading attributes of kramdown, pandoc and MkDocs (`## Senior {#senior}`, `{: .tier}`): no part of the title. */
const HEADING_ATTRIBUTES = /\s*\{[:#.][^{}]*\}$/;

/** A heading's title: its text folded, without trailing heading attributes. */
export function headingTitle(heading: Node): string {
  const text = fold(plainText(heading));
  return text.endsWith('}') ? text.replace(HEADING_ATTRIBUTES, '') : text;
}

/** How many words fold()ed text holds: it has one space between words and none around them. */
export function foldedWords(folded: string): number {
  if (!folded) return 0;
  let n = 1;
  for (let i = folded.indexOf(' '); i >= 0; i = folded.indexOf(' ', i + 1)) n++;
  return n;
}

/** The expectation id: crypto.hash, one call for a short text (no Hash object per expectation). */
export function hashText(text: string): string {
  return hash('sha256', fold(text), 'hex').slice(0, 12);
}

export function slug(text: string): string {
  return (
    fold(text)
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'untitled'
  );
}

export function positionOf(node: Node | undefined): Position {
  const p = node?.position;
  if (!p) return { line: 1, column: 1 };
  return { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
}

/** Plain text of inline content: emphasis and links unwrapped, code kept, HTML tags and images dropped. */
export function plainText(node: Node): string {
  const n = node as Node & { value?: string; children?: Node[]; alt?: string };
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return n.value ?? '';
    case 'break':
      return ' ';
    case 'html':
      return /^<br\s*\/?>$/i.test((n.value ?? '').trim()) ? ' ' : '';
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return '';
    default:
      return n.children ? n.children.map(plainText).join('') : '';
  }
}

// ---- sentences ---------------------------------------------------------------------------------

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
/** Abbreviations after which a sentence never ends, whatever follows. */
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.\s?g|i\.\s?e|vs|cf|approx|incl|esp|viz|a\.k\.a|w\.r\.t|resp|ca|Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Nr|Fig|Vol|p|pp)\.$/i;

/** Initialisms such as U.S. or U.K. (letters with dots) rarely end a sentence in a ladder. */
const INITIALISM = /(?:^|\s)(?:\p{Lu}\.){2,}$/u;

function segments(text: string): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  for (const seg of segmenter.segment(text)) raw.push([seg.index, seg.index + seg.segment.length]);
  return raw;
}

/** ASCII letters, digits, spaces and punctuation that ends no sentence (quotes and brackets only close one right after its stop). */
const PLAIN = `[A-Za-z0-9 ,;:'"()/&%+-]`;
/** Text whose only sentence ends are full stops followed by spaces and a capital (or by the end). */
const PLAIN_SENTENCES = new RegExp(`^${PLAIN}*(?:\\. +[A-Z]${PLAIN}*)*(?:\\. *)?$`);
const FULL_STOP = /\. +(?=[A-Z])/g;

/**
 * What Intl.Segmenter answers for plain text, without it: there the sentence rules (UAX #29) break only
 * after a full stop and its spaces, before the capital that follows (SB11); a stop before anything else
 * (a digit, a lower-case letter, a quote or bracket) is left to the segmenter. Most ladder sentences are
 * such text, and the segmenter was the parse's largest cost after micromark. Undefined: not plain.
 * Exported for its test, which holds it to the segmenter.
 */
export function plainSentences(text: string): Array<[number, number]> | undefined {
  if (!PLAIN_SENTENCES.test(text)) return undefined;
  const raw: Array<[number, number]> = [];
  let start = 0;
  for (const m of text.matchAll(FULL_STOP)) {
    const end = m.index + m[0].length;
    raw.push([start, end]);
    start = end;
  }
  if (start < text.length) raw.push([start, text.length]);
  return raw;
}

/** Split text into sentences with Intl.Segmenter, without splitting after "e.g." and the like. Returns [start, end) pairs. */
export function sentenceRanges(text: string): Array<[number, number]> {
  if (!/[.!?…][)"'”’»\]]*\s|[。！？]./.test(text)) return text.trim() ? [[0, text.length]] : [];
  const raw = plainSentences(text) ?? segments(text);
  const out: Array<[number, number]> = [];
  for (const range of raw) {
    const prev = out[out.length - 1];
    const piece = text.slice(range[0], range[1]).trim();
    if (prev) {
      const before = text.slice(prev[0], prev[1]).trimEnd();
      // Merge after abbreviations, before a lower-case continuation, and stray punctuation.
      if (ABBREVIATIONS.test(before) || INITIALISM.test(before) || /^[\p{Ll}\d(,;:)]/u.test(piece) || !/[\p{L}\p{N}]/u.test(piece)) {
        prev[1] = range[1];
        continue;
      }
    }
    out.push([range[0], range[1]]);
  }
  return out.filter(([a, b]) => text.slice(a, b).trim() !== '');
}

// ---- inline runs: plain text with a map back to source offsets ----------------------------------

export interface InlineRun {
  plain: string;
  /** For each plain character, its source offset; length plain.length + 1 (end sentinel). */
  map: number[];
  /** Plain-text indexes where a sentence may not end (inside emphasis, links, code). */
  locked: Array<[number, number]>;
  /** Plain-text indexes of hard breaks (`<br>`, line breaks in cells): always a boundary. */
  hard: number[];
}

function mapTextNode(value: string, source: string, start: number, end: number, run: InlineRun): void {
  // The text as written (no escape, reference or wrapped indentation): character i is at start + i,
  // which is where the walk below would find each one.
  if (end - start === value.length && source.startsWith(value, start)) {
    run.plain += value;
    for (let i = 0; i < value.length; i++) run.map.push(start + i);
    return;
  }
  let p = start;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    // Walk the source to this character, past escapes, character references and stripped indentation.
    let at = -1;
    let extra = false;
    for (let guard = 0; p < end && guard < 16; guard++) {
      if (source[p] === ch) {
        at = p++;
        break;
      }
      if (source[p] === '\\' && source[p + 1] === ch) {
        at = p;
        p += 2;
        break;
      }
      if (source[p] === '&') {
        const semi = source.indexOf(';', p);
        if (semi > p && semi - p < 12) {
          at = p;
          p = semi + 1;
          // A reference may decode to a surrogate pair: both halves share its offset.
          extra = i + 1 < value.length && /[\uDC00-\uDFFF]/.test(value[i + 1]!);
          break;
        }
      }
      p++;
    }
    if (at < 0) at = Math.min(p, end);
    run.plain += ch;
    run.map.push(at);
    if (extra) {
      run.plain += value[++i]!;
      run.map.push(at);
    }
  }
}

function appendRun(nodes: PhrasingContent[], source: string, run: InlineRun, outer: number | undefined): void {
  for (const node of nodes) {
    const s = node.position?.start.offset ?? 0;
    const e = node.position?.end.offset ?? s;
    // Inside emphasis or a link every character maps to the container's start, so a piece never
    // starts or ends between a container's delimiters.
    const at = outer ?? s;
    const from = run.plain.length;
    if (node.type === 'text') {
      if (outer === undefined) mapTextNode(node.value, source, s, e, run);
      else for (let k = 0; k < node.value.length; k++) (run.plain += node.value[k], run.map.push(at));
    } else if (node.type === 'inlineCode') {
      run.plain += node.value;
      for (let k = 0; k < node.value.length; k++) run.map.push(at);
      run.locked.push([from, run.plain.length]);
    } else if (node.type === 'break' || (node.type === 'html' && /^<br\s*\/?>$/i.test(node.value.trim()))) {
      if (outer === undefined) run.hard.push(run.plain.length);
      run.plain += ' ';
      run.map.push(at);
    } else if ('children' in node) {
      appendRun((node as Parent).children as PhrasingContent[], source, run, at);
      run.locked.push([from, run.plain.length]);
    }
    // html, images, footnote references: no plain text; their source stays with what follows.
  }
}

/**
 * Whether inlineRun(nodes).plain holds anything but white space: some text or code, at any depth,
 * with a character fold() keeps. splitSentences gives at least one piece exactly then.
 */
export function hasPlainText(nodes: readonly PhrasingContent[]): boolean {
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode') {
      if (/\S/.test(node.value)) return true;
    } else if ('children' in node && hasPlainText((node as Parent).children as PhrasingContent[])) return true;
  }
  return false;
}

export function inlineRun(nodes: PhrasingContent[], source: string): InlineRun {
  const run: InlineRun = { plain: '', map: [], locked: [], hard: [] };
  appendRun(nodes, source, run, undefined);
  const last = nodes[nodes.length - 1];
  run.map.push(last?.position?.end.offset ?? run.map[run.map.length - 1] ?? 0);
  return run;
}

export interface Piece {
  text: string;
  markdown: string;
  /** Source offset where the piece starts. */
  offset: number;
}

/**
 * Split inline content into expectations: one per sentence (and per hard break), never inside
 * emphasis, a link or code, with the Markdown source of each piece sliced from the file.
 */
export function splitSentences(nodes: PhrasingContent[], source: string, sentences = true): Piece[] {
  if (nodes.length === 0) return [];
  const run = inlineRun(nodes, source);
  const cuts = new Set<number>(run.hard);
  if (sentences) {
    for (const [, end] of sentenceRanges(run.plain)) {
      if (end >= run.plain.length) continue;
      if (run.locked.some(([a, b]) => end > a && end < b)) continue;
      cuts.add(end);
    }
  }
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), run.plain.length];
  const pieces: Piece[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const a = bounds[i]!;
    const b = bounds[i + 1]!;
    const text = fold(run.plain.slice(a, b));
    if (!text) continue;
    const first = a + (run.plain.slice(a, b).length - run.plain.slice(a, b).trimStart().length);
    // Start the Markdown slice at the first non-space of this piece; end it where the next begins.
    const isFirst = pieces.length === 0 && i === 0;
    const sStart = isFirst ? (nodes[0]!.position?.start.offset ?? 0) : run.map[first]!;
    const sEnd = i + 1 === bounds.length - 1 ? run.map[run.plain.length]! : run.map[b]!;
    const markdown = cleanMarkdown(source.slice(sStart, Math.max(sStart, sEnd)));
    pieces.push({ text, markdown: markdown || text, offset: sStart });
  }
  return pieces;
}

/** Trim a Markdown slice: surrounding space, a dangling `<br>`, and line-wrap indentation. */
export function cleanMarkdown(md: string): string {
  return md
    .replace(/(?:\s*<br\s*\/?>\s*)+$/i, '')
    .replace(/^(?:\s*<br\s*\/?>\s*)+/i, '')
    .replace(/[ \t]*\r?\n[ \t]*/g, '\n')
    .trim();
}

export function offsetToPosition(source: string, offset: number, lineStarts: number[]): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  void source;
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
