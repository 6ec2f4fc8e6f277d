import type { Nodes, Parent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { plainBlocks } from '../../parse/plain-blocks.js';
import { isPlainText } from '../../parse/plain-text.js';

/** A piece of inline text with the emphasis it carries. `\n` inside text is a hard line break. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  /** Only http(s) and mailto targets survive; anything else renders as plain text. */
  link?: string;
}

export type Block =
  | { kind: 'heading'; level: number; spans: Span[] }
  | { kind: 'paragraph'; depth: number; marker?: string; quote?: boolean; tight?: boolean; spans: Span[] }
  | { kind: 'code'; depth: number; text: string }
  | { kind: 'rule' };

type Style = Omit<Span, 'text'>;

const processor = unified().use(remarkParse).use(remarkGfm);

/** micromark's tree; for links, emphasis, code and lists in forms that read one way, built without it (plainBlocks). */
function parse(markdown: string): Root {
  return plainBlocks(markdown, false) ?? processor.parse(markdown);
}

const BR = /^<br\s*\/?>$/i;

/** Ladder text is untrusted: a link becomes clickable only for web and mail targets. */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^(https?:|mailto:)/i.test(trimmed)) return undefined;
  try {
    return new URL(trimmed).href;
  } catch {
    return undefined;
  }
}

/** HTML is never interpreted: tags are dropped, `<br>` becomes a line break, the text between tags stays. */
function stripTags(html: string): string {
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/<!--[\s\S]*?(-->|$)|<\/?[A-Za-z][^>]*>?/g, '');
}

function inline(node: Nodes, style: Style, out: Span[]): void {
  switch (node.type) {
    case 'text':
      out.push({ ...style, text: node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ') });
      return;
    case 'inlineCode':
      out.push({ ...style, code: true, text: node.value });
      return;
    case 'break':
      out.push({ ...style, text: '\n' });
      return;
    case 'html':
      if (BR.test(node.value.trim())) out.push({ ...style, text: '\n' });
      return;
    // Images and footnote markers carry no ladder text (the parser drops them from `text` as well).
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return;
    case 'emphasis':
      return children(node, { ...style, italic: true }, out);
    case 'strong':
      return children(node, { ...style, bold: true }, out);
    case 'delete':
      return children(node, { ...style, strike: true }, out);
    case 'link': {
      const link = safeUrl(node.url);
      return children(node, link ? { ...style, link } : style, out);
    }
    default:
      if ('children' in node) return children(node, style, out);
      if ('value' in node && typeof node.value === 'string') out.push({ ...style, text: node.value });
  }
}

function children(node: Parent, style: Style, out: Span[]): void {
  for (const child of node.children) inline(child as Nodes, style, out);
}

const PHRASING = new Set(['text', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'inlineCode', 'break', 'html', 'image', 'imageReference', 'footnoteReference']);

/**
 * Inline Markdown (an expectation, a title) as spans. When the text happens to parse as a block
 * construct ("1. …", "# …", "> …") the markers are taken back from the source so no text is lost.
 */
export function inlineSpans(markdown: string, style: Style = {}): Span[] {
  // Most expectations: the parser would give this one text span, at ~0.3 ms each.
  if (isPlainText(markdown)) return [{ ...style, text: markdown }];
  const out: Span[] = [];
  const flatten = (node: Nodes): void => {
    if (PHRASING.has(node.type)) return inline(node, style, out);
    if (node.type === 'paragraph') return children(node, style, out);
    const start = node.position?.start.offset;
    if ('children' in node && node.children.length > 0) {
      const first = node.children[0]?.position?.start.offset;
      if (node.type !== 'root' && start !== undefined && first !== undefined && first > start) {
        const marker = markdown.slice(start, first).trim();
        if (marker) out.push({ ...style, text: `${marker} ` });
      }
      node.children.forEach((child, i) => {
        if (i > 0) out.push({ ...style, text: ' ' });
        flatten(child as Nodes);
      });
      return;
    }
    const end = node.position?.end.offset;
    if (node.type === 'code') out.push({ ...style, code: true, text: node.value });
    else if (start !== undefined && end !== undefined) {
      const raw = markdown.slice(start, end);
      out.push({ ...style, text: node.type === 'html' ? stripTags(raw) : raw });
    }
  };
  flatten(parse(markdown));
  return out;
}

/** Block Markdown (intro, notes, level descriptions) as a flat list of headings, paragraphs and code. */
export function markdownBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  const spansOf = (node: Parent): Span[] => {
    const spans: Span[] = [];
    children(node, {}, spans);
    return spans;
  };
  const block = (node: RootContent, depth: number, quote: boolean, marker?: string): void => {
    switch (node.type) {
      case 'paragraph':
        out.push({ kind: 'paragraph', depth, quote, spans: spansOf(node), ...(marker ? { marker } : {}) });
        return;
      case 'heading':
        out.push({ kind: 'heading', level: node.depth, spans: spansOf(node) });
        return;
      case 'code':
        out.push({ kind: 'code', depth, text: node.value });
        return;
      case 'html': {
        const text = stripTags(node.value).trim();
        if (text) out.push({ kind: 'paragraph', depth, quote, spans: [{ text }] });
        return;
      }
      case 'thematicBreak':
        out.push({ kind: 'rule' });
        return;
      case 'blockquote':
        for (const child of node.children) block(child, depth, true);
        return;
      case 'list':
        node.children.forEach((item, i) => {
          const bullet = node.ordered ? `${(node.start ?? 1) + i}.` : '•';
          const mark = item.checked == null ? bullet : item.checked ? '☑' : '☐';
          if (item.children.length === 0) out.push({ kind: 'paragraph', depth: depth + 1, quote, marker: mark, spans: [] });
          item.children.forEach((child, j) => block(child, depth + 1, quote, j === 0 ? mark : undefined));
        });
        return;
      case 'table':
        // A table in prose (often navigation) reads fine as one line per row.
        node.children.forEach((row, r) => {
          const spans: Span[] = [];
          row.children.forEach((cell, c) => {
            if (c > 0) spans.push({ text: '  ·  ' });
            children(cell, r === 0 ? { bold: true } : {}, spans);
          });
          out.push({ kind: 'paragraph', depth, quote, tight: true, spans });
        });
        return;
      case 'definition':
      case 'yaml':
        return;
      default:
        if ('children' in node) {
          const spans: Span[] = [];
          children(node as Parent, {}, spans);
          if (spans.length) out.push({ kind: 'paragraph', depth, quote, spans });
        }
    }
  };
  for (const child of parse(markdown).children) block(child, 0, false);
  return out;
}

