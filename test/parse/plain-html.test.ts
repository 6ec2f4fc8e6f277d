// HTML tables built without parse5 (scripts/parse/plain-html.ts) must be parse5's trees in all a reader uses.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { generateLadders, renderLadder, rng } from '../../scripts/bench/corpus.js';
import { plainHtml, type HtmlNode, type HtmlRoot } from '../../scripts/parse/plain-html.js';
import { SHARED_DATA, haveSharedData, markdownFiles } from '../helpers/shared-data.js';

type Projected = string | { tag: string; colSpan: unknown; rowSpan: unknown; start: number | undefined; end: number | undefined; children: Projected[] };

/** What readers of a table use: tag names, colspan and rowspan, where elements start and end, and the text (comments dropped). */
function project(children: ReadonlyArray<HtmlNode | ElementContent | Root['children'][number]>): Projected[] {
  const out: Projected[] = [];
  for (const c of children) {
    if (c.type === 'text') {
      if (typeof out[out.length - 1] === 'string') out[out.length - 1] += c.value;
      else out.push(c.value);
    } else if (c.type === 'element') {
      const p = c.position as { start: { offset?: number }; end: { offset?: number } } | undefined;
      out.push({ tag: c.tagName, colSpan: (c.properties as { colSpan?: unknown }).colSpan, rowSpan: (c.properties as { rowSpan?: unknown }).rowSpan, start: p?.start.offset, end: p?.end.offset, children: project(c.children as HtmlNode[]) });
    }
  }
  return out;
}

const same = (html: string, tree: HtmlRoot) => expect(project(tree.children), JSON.stringify(html)).toEqual(project(fromHtml(html, { fragment: true }).children));

// Pieces a handbook's table is written with, and pieces that make HTML build something else.
const pieces = [
  '<table>', '<table class="levels">', '</table>', '<thead>', '</thead>', '<tbody>', '</tbody>', '<tfoot>', '</tfoot>', '<tr>', '</tr>',
  '<th>', '<th scope="row" rowspan="3">', '</th>', '<td>', '<td colspan="5">', '<td colspan=2 colspan="3">', '<td rowspan="2">', '<td rowspan=2 colspan="2" rowspan="4">', '<td rowspan="0">', '<TD>', '</td>', '</TD>',
  '<ul>', '</ul>', '<ol>', '</ol>', '<li>', '</li>', '<p>', '</p>', '<strong>', '</strong>', '<em>', '</em>', '<code>', '</code>', '<br>', '<br/>', '<br />',
  'Ships work.', 'Owns outcomes', ' ', '\n', '\n  ', '\n\n', '<!-- L1 -->', '<!---->', '<!-->', '<!-- a -- b -->',
  // and what must be left to parse5
  '<div>', '</div>', '<a href="#x">', '</a>', '<abbr title="x">', '</abbr>', '&amp;', 'x & y', '&lt;b&gt;', '&#39;',
  '<td/>', '</br>', '&copy;', '&ampx', '&#x41;', 'a < b', '<table>', '<caption>', '<td colspan="0">', '<td colspan="x">', '<li', '\u00a0', '<td\u00a0x="1">', '<p>',
];

const TAGS = ['table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'p', 'strong', 'em', 'b', 'i', 'code', 'span', 'br', 'div', 'a', 'abbr', 'caption', 'img'];
const INLINE = ['text', 'strong', 'em', 'code', 'br', 'a', 'abbr', 'sup'];
const ALLOWED: Record<string, string[]> = {
  table: ['thead', 'tbody', 'tfoot'],
  thead: ['tr'],
  tbody: ['tr'],
  tfoot: ['tr'],
  tr: ['th', 'td'],
  th: ['text', 'ul', 'p', ...INLINE],
  td: ['text', 'ul', 'ol', 'p', 'div', ...INLINE],
  div: ['text', 'ul', 'p', 'div', ...INLINE],
  a: ['text', 'strong', 'abbr'],
  abbr: ['text'],
  ul: ['li'],
  ol: ['li'],
  li: ['text', 'ul', 'p', ...INLINE],
  p: INLINE,
  strong: INLINE,
  em: INLINE,
  code: ['text'],
};

/**
 * A table as the tags spell it, elements opened and closed in order, now and then one where HTML
 * would not keep it (a list item in a list item, a row in a cell, a paragraph in a paragraph).
 */
function nested(next: () => number, tag = 'table', depth = 0): string {
  const pick = <T>(a: readonly T[]) => a[Math.floor(next() * a.length)]!;
  const inner = Array.from({ length: depth > 5 ? 0 : 1 + Math.floor(next() * 3) }, () => {
    const child = next() < 0.04 ? pick(TAGS) : pick(ALLOWED[tag] ?? ['text']);
    const gap = pick(['', '', '\n', '\n  ']);
    if (child === 'text') return pick(['Ships work.', 'text', ' x ', 'R&amp;D', 'x & y', '&lt;tag&gt;', '&copy;']);
    if (child === 'br') return '<br>';
    return `${gap}<${child}${child === 'td' && next() < 0.3 ? ' colspan="2"' : ''}>${nested(next, child, depth + 1)}</${child}>`;
  }).join('');
  return depth === 0 ? `<table>${inner}</table>` : inner;
}

function table(next: () => number): string {
  const pick = <T>(a: readonly T[]) => a[Math.floor(next() * a.length)]!;
  const r = next();
  if (r < 0.3) return nested(next);
  if (r < 0.6) return Array.from({ length: 1 + Math.floor(next() * 24) }, () => pick(pieces)).join('');
  // A well-formed table, then now and then one piece changed.
  const cell = () => pick(['<td>Ships work.</td>', '<td>\n<ul>\n<li>One</li>\n<li><strong>Two</strong> more</li>\n</ul>\n</td>', '<td colspan="3"><p>Summary <em>here</em>.</p></td>', '<th scope="row">L1 · Grows</th>', '<td><p>Lead</p><ul><li>x<br>y</li></ul></td>', '<td></td>']);
  const row = () => `<tr>${Array.from({ length: 1 + Math.floor(next() * 3) }, cell).join(pick(['', '\n', '\n  ']))}</tr>`;
  const parts = ['<table>', '\n', '<thead><tr><th>Level</th><th>Craft</th></tr></thead>', pick(['\n', '\n\n', '']), '<tbody>', ...Array.from({ length: 1 + Math.floor(next() * 3) }, row), '<!-- end -->', '</tbody>', '\n', '</table>'];
  if (next() < 0.5) parts[Math.floor(next() * parts.length)] = pick(pieces);
  return parts.join('');
}

describe('HTML tables built without parse5', () => {
  it('are parse5\'s trees (tags, colspan, text, element offsets) whenever they are built', () => {
    let built = 0;
    let declined = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const next = rng(seed);
        for (let k = 0; k < 10; k++) {
          const html = table(next);
          const tree = plainHtml(html);
          if (!tree) {
            declined++;
            continue;
          }
          built++;
          same(html, tree);
        }
      }),
      { numRuns: 1500 },
    );
    expect(built).toBeGreaterThan(2000);
    expect(declined).toBeGreaterThan(3000);
  });

  it('builds the generated HTML-table ladders, and the real ones where it builds them, as parse5 does', () => {
    const tables: string[] = [];
    for (const l of generateLadders({ ladders: 6, seed: 4, shapes: ['html'] })) {
      const text = renderLadder(l);
      tables.push(text.slice(text.indexOf('<table'), text.lastIndexOf('</table>') + 8));
    }
    const real = haveSharedData('the real HTML tables');
    if (real) {
      for (const f of markdownFiles(SHARED_DATA)) {
        const text = readFileSync(f, 'utf8');
        const at = text.search(/^<table/im);
        if (at >= 0) tables.push(text.slice(at, text.indexOf('</table>', at) + 8));
      }
    }
    let built = 0;
    for (const html of tables) {
      const tree = plainHtml(html);
      if (tree) {
        built++;
        same(html, tree);
      }
    }
    // The six generated tables, and the real handbook's (links, abbreviations, divs, a bare `&`).
    expect(built).toBeGreaterThanOrEqual(real ? 20 : 6);
  });

  it('leaves to parse5 what HTML would build otherwise', () => {
    for (const html of ['<table><tr><td>x</td></tr></table>', '<table>x<tbody></tbody></table>', '<table><tbody><tr><td><p><ul></ul></p></td></tr></tbody></table>', '<table><tbody><tr><td>a &copy; b</td></tr></tbody></table>', '<table><tbody><tr><td>x</tbody></table>', '<table>',
      // Nested where HTML closes the outer element first, or moves the inner one.
      '<table><tbody><tr><td><ul><li>a<li>b</li></li></ul></td></tr></tbody></table>', '<table><tbody><tr><tr></tr></tr></tbody></table>', '<table><tbody><td>x</td></tbody></table>',
      '<table><tbody><tr><td><a href="#x">a<a>b</a></a></td></tr></tbody></table>', '<table><tbody><tr><td><p>a<p>b</p></p></td></tr></tbody></table>']) {
      expect(plainHtml(html), html).toBeUndefined();
    }
  });
});
