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
  properties: { colSpan?: number };
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
 * `<name>` or `</name>` with nothing else in it, as most tags are written, read without a regular
 * expression: the match START (`end` false) or END would give (name, no attributes, not self-closing).
 */
function simpleTag(html: string, at: number, end: boolean): [string, string, string, string] | undefined {
  let k = at + 1;
  if ((html.charCodeAt(k) === 47) !== end) return undefined;
  if (end) k++;
  const from = k;
  for (let c = html.charCodeAt(k); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (k > from && c >= 48 && c <= 57); c = html.charCodeAt(++k));
  if (k === from || html.charCodeAt(k) !== 62) return undefined;
  return [html.slice(at, k + 1), html.slice(from, k), '', ''];
}

export function plainHtml(html: string): HtmlRoot | undefined {
  if (/[\r\0]/.test(html)) return undefined;
  const root: HtmlRoot = { type: 'root', children: [] };
  const stack: Array<{ tag: string; node: HtmlRoot | HtmlElement }> = [{ tag: '', node: root }];
  let at = 0;
  const text = (to: number): boolean => {
    if (to <= at) return true;
    const value = decode(html.slice(at, to));
    if (value === undefined) return false;
    const top = stack[stack.length - 1]!;
    if (!CONTENT[top.tag]!.has('text') && /[^ \n\t\f]/.test(value)) return false;
    const last = top.node.children[top.node.children.length - 1];
    if (last?.type === 'text') last.value += value;
    else top.node.children.push({ type: 'text', value });
    return true;
  };
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (!text(lt < 0 ? html.length : lt)) return undefined;
    if (lt < 0) break;
    at = lt;
    const top = stack[stack.length - 1]!;
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      const value = close < 0 ? '' : html.slice(at + 4, close);
      // `<!-->`, `<!--->` and `--!>` end a comment early: left to the parser.
      if (close < 0 || value.startsWith('>') || value.startsWith('->') || value.includes('--!>') || value.includes('<!--') || value.endsWith('-')) return undefined;
      top.node.children.push({ type: 'comment', value });
      at = close + 3;
      continue;
    }
    const start = simpleTag(html, at, false) ?? ((START.lastIndex = at), START.exec(html));
    if (start) {
      const tag = start[1]!.toLowerCase();
      const selfClosing = start[3] === '/';
      if (!CONTENT[top.tag]!.has(tag) || (selfClosing && tag !== 'br')) return undefined;
      // A link inside a link is closed by HTML's adoption agency, not nested.
      if (tag === 'a' && stack.some((e) => e.tag === 'a')) return undefined;
      const properties: HtmlElement['properties'] = {};
      // Only a cell's colspan is read; of two, the first wins.
      const attributes = start[2]!;
      if (attributes && (tag === 'td' || tag === 'th') && /colspan/i.test(attributes)) {
        for (const a of attributes.matchAll(ATTRIBUTE)) {
          if (a[1]!.toLowerCase() !== 'colspan') continue;
          const value = a[2] ?? a[3] ?? a[4] ?? '';
          if (!/^[1-9][0-9]{0,2}$/.test(value)) return undefined;
          properties.colSpan = Number(value);
          break;
        }
      }
      at += start[0].length;
      const node: HtmlElement = { type: 'element', tagName: tag, properties, children: [], position: { start: { offset: lt }, end: { offset: at } } };
      top.node.children.push(node);
      if (tag !== 'br') stack.push({ tag, node });
      continue;
    }
    const end = simpleTag(html, at, true) ?? ((END.lastIndex = at), END.exec(html));
    if (!end || end[1]!.toLowerCase() !== top.tag || top.tag === '') return undefined;
    at += end[0].length;
    (top.node as HtmlElement).position.end.offset = at;
    stack.pop();
  }
  return stack.length === 1 ? root : undefined;
}
