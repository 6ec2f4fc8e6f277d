/**
 * An HTML table read without parse5, when it is written as handbooks write them: every element one
 * of the table's, a list's, a paragraph's, a `<div>` or inline markup, each opened and closed
 * explicitly and in order, where HTML keeps it as written (rows in a row group, cells in a row, only
 * whitespace between them, no paragraph or list inside a paragraph, no link inside a link), and in
 * text no character reference but the five common ones. For such a table the HTML parser's tree is
 * the one the tags spell; this builds it, with what readers of a table use: tag names, `colspan`,
 * text, and where each element starts and ends. Anything else is undefined, and parse5 reads it
 * (test/parse/plain-html.test.ts compares the two on random tables and on the real ones).
 */

export interface HtmlText {
  type: 'text';
  value: string;
}

export interface HtmlElement {
  type: 'element';
  tagName: string;
  properties: { colSpan?: number; rowSpan?: number };
  children: HtmlNode[];
  position: { start: { offset: number }; end: { offset: number } };
}

export type HtmlNode = HtmlElement | HtmlText | { type: 'comment'; value: string };

export interface HtmlRoot {
  type: 'root';
  children: HtmlNode[];
}

const PHRASING = new Set(['strong', 'em', 'b', 'i', 'u', 's', 'small', 'code', 'kbd', 'span', 'a', 'abbr', 'q', 'cite', 'mark', 'sup', 'sub']);
/** Elements each may hold, besides comments; `text` where text other than whitespace may stand. */
const FLOW = new Set(['ul', 'ol', 'p', 'div', 'br', 'text', ...PHRASING]);
const CONTENT: Record<string, ReadonlySet<string>> = {
  '': new Set(['table', 'text']),
  table: new Set(['thead', 'tbody', 'tfoot']),
  thead: new Set(['tr']),
  tbody: new Set(['tr']),
  tfoot: new Set(['tr']),
  tr: new Set(['th', 'td']),
  th: FLOW,
  td: FLOW,
  li: FLOW,
  div: FLOW,
  ul: new Set(['li']),
  ol: new Set(['li']),
  p: new Set(['br', 'text', ...PHRASING]),
  ...Object.fromEntries([...PHRASING].map((t) => [t, new Set(['br', 'text', ...PHRASING])])),
};

// HTML's whitespace is these four (a no-break space is part of a name); \r was ruled out before.
const START = /<([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:[ \t\n\f]*=[ \t\n\f]*(?:"[^"]*"|'[^']*'|[^ \t\n\f"'=<>`]+))?)*)[ \t\n\f]*(\/?)>/y;
const END = /<\/([a-zA-Z][a-zA-Z0-9]*)[ \t\n\f]*>/y;
const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:[ \t\n\f]*=[ \t\n\f]*(?:"([^"]*)"|'([^']*)'|([^ \t\n\f"'=<>`]+)))?/g;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Text with its character references decoded, when each is one of ENTITIES; an `&` that starts none stays. */
function decode(text: string): string | undefined {
  if (!text.includes('&')) return text;
  let ok = true;
  const out = text.replace(/&[A-Za-z0-9#][A-Za-z0-9]*;?/g, (ref) => ENTITIES[ref] ?? ((ok = false), ref));
  return ok ? out : undefined;
}

/**
 * Where `<name>` or `</name>` with nothing else in it ends (after its `>`), as most tags are written,
 * read without a regular expression; 0 for any other tag. The name is html.slice(at + 1, end - 1)
 * (after the `/` of an end tag): what START (`end` false) or END would match, with no attributes
 * and not self-closing.
 */
function simpleTag(html: string, at: number, end: boolean): number {
  let k = at + 1;
  if ((html.charCodeAt(k) === 47) !== end) return 0;
  if (end) k++;
  const from = k;
  for (let c = html.charCodeAt(k); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (k > from && c >= 48 && c <= 57); c = html.charCodeAt(++k));
  if (k === from || html.charCodeAt(k) !== 62) return 0;
  return k + 1;
}

/** A tag as read: its name as written, its attributes' text, whether it ends in `/>`, and where it ends. */
interface Tag {
  name: string;
  attributes: string;
  selfClosing: boolean;
  end: number;
}

/** The start tag (`closing` false) or end tag at `at`, as START or END reads it; a plain one without them. */
function tagAt(html: string, at: number, closing: boolean): Tag | undefined {
  const simple = simpleTag(html, at, closing);
  if (simple > 0) return { name: html.slice(at + (closing ? 2 : 1), simple - 1), attributes: '', selfClosing: false, end: simple };
  const pattern = closing ? END : START;
  pattern.lastIndex = at;
  const m = pattern.exec(html);
  return m ? { name: m[1]!, attributes: closing ? '' : m[2]!, selfClosing: !closing && m[3] === '/', end: at + m[0].length } : undefined;
}

/** Only HTML's whitespace (space, tab, newline, form feed) in html[from, to). */
function blank(html: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = html.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 12) return false;
  }
  return true;
}

/** An open element: its tag, the children it collects, and what it may hold (CONTENT, looked up once). */
interface Open {
  tag: string;
  node: HtmlRoot | HtmlElement;
  children: HtmlNode[];
  allowed: ReadonlySet<string>;
  text: boolean;
}

function open(tag: string, node: HtmlRoot | HtmlElement): Open {
  const allowed = CONTENT[tag]!;
  return { tag, node, children: node.children, allowed, text: allowed.has('text') };
}

export function plainHtml(html: string): HtmlRoot | undefined {
  if (html.includes('\r') || html.includes('\0')) return undefined;
  const root: HtmlRoot = { type: 'root', children: [] };
  const stack: Open[] = [open('', root)];
  let top = stack[0]!;
  let at = 0;
  const text = (to: number): boolean => {
    if (to <= at) return true;
    if (!top.text && !blank(html, at, to)) return false;
    const value = decode(html.slice(at, to));
    if (value === undefined) return false;
    const children = top.children;
    const last = children[children.length - 1];
    if (last?.type === 'text') last.value += value;
    else children.push({ type: 'text', value });
    return true;
  };
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (!text(lt < 0 ? html.length : lt)) return undefined;
    if (lt < 0) break;
    at = lt;
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      const value = close < 0 ? '' : html.slice(at + 4, close);
      // `<!-->`, `<!--->` and `--!>` end a comment early: left to the parser.
      if (close < 0 || value.startsWith('>') || value.startsWith('->') || value.includes('--!>') || value.includes('<!--') || value.endsWith('-')) return undefined;
      top.children.push({ type: 'comment', value });
      at = close + 3;
      continue;
    }
    const start = tagAt(html, at, false);
    if (start) {
      const tag = start.name.toLowerCase();
      if (!top.allowed.has(tag) || (start.selfClosing && tag !== 'br')) return undefined;
      // A link inside a link is closed by HTML's adoption agency, not nested.
      if (tag === 'a' && stack.some((e) => e.tag === 'a')) return undefined;
      const properties: HtmlElement['properties'] = {};
      // Only a cell's colspan and rowspan are read; of two of a kind, the first wins.
      const attributes = start.attributes;
      if (attributes && (tag === 'td' || tag === 'th') && /colspan|rowspan/i.test(attributes)) {
        for (const a of attributes.matchAll(ATTRIBUTE)) {
          const name = a[1]!.toLowerCase();
          const key = name === 'colspan' ? 'colSpan' : name === 'rowspan' ? 'rowSpan' : undefined;
          if (!key || properties[key] !== undefined) continue;
          const value = a[2] ?? a[3] ?? a[4] ?? '';
          if (!/^[1-9][0-9]{0,2}$/.test(value)) return undefined;
          properties[key] = Number(value);
        }
      }
      at = start.end;
      const node: HtmlElement = { type: 'element', tagName: tag, properties, children: [], position: { start: { offset: lt }, end: { offset: at } } };
      top.children.push(node);
      if (tag !== 'br') stack.push((top = open(tag, node)));
      continue;
    }
    const end = tagAt(html, at, true);
    if (!end || end.name.toLowerCase() !== top.tag || top.tag === '') return undefined;
    at = end.end;
    (top.node as HtmlElement).position.end.offset = at;
    stack.pop();
    top = stack[stack.length - 1]!;
  }
  return stack.length === 1 ? root : undefined;
}
