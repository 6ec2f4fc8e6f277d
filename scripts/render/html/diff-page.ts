import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { diffHtmlParts } from '../../diff/format/html.js';
import type { DiffView } from '../../diff/index.js';
import { siteFooter, siteHeader, siteName } from './chrome.js';
import { renderPage, type Theme } from './page.js';
import type { SiteInfo } from './types.js';

/**
 * `diff.html`: the diff formatter's review page inside the site's shell. The formatter builds its
 * page as hast (every ladder text escaped by its serializer); this takes that page's body and its
 * stylesheet, minus the page-level rules the shell already owns.
 */
export function renderDiffPage(view: DiffView, site: SiteInfo, theme: Theme): string {
  const { body, css } = diffHtmlParts(view);
  const root: Root = { type: 'root', children: body as Root['children'] };
  visit(root, 'element', (node: Element, _i, parent) => {
    if (node.tagName === 'table') labelCells(node);
    // Column headers get the scope the site's own tables have.
    if (node.tagName === 'th' && node.properties.scope === undefined && parent?.type === 'element' && parent.tagName === 'tr') {
      node.properties.scope = 'col';
    }
  });
  // The review page's own <header> holds its h1; inside <main> it is not a banner landmark.
  return renderPage(
    { ...theme, css: `${theme.css}\n/* diff review (scripts/diff/format/html.ts) */\n${css}\n${DARK_FIXES}` },
    {
      title: `${diffTitle(view)} · ${siteName(site)}`,
      lang: site.lang ?? 'en',
      header: siteHeader(site, 'diff'),
      main: body,
      footer: siteFooter(site),
    },
  );
}

function diffTitle(view: DiffView): string {
  return `Ladder diff ${view.base} → ${view.head}`;
}

/**
 * Narrow screens stack the tables (ladder.css): each data cell gets its column's header as
 * `data-label`, shown before it, and an empty count cell is marked so it can be left out.
 */
function labelCells(table: Element): void {
  const text = (n: ElementContent): string => (n.type === 'text' ? n.value : n.type === 'element' ? n.children.map(text).join('') : '');
  const rows: Element[] = [];
  visit(table, 'element', (n: Element) => {
    if (n.tagName === 'tr') rows.push(n);
  });
  const head = rows[0];
  if (!head) return;
  const labels = head.children.filter((c): c is Element => c.type === 'element').map(text);
  for (const row of rows.slice(1)) {
    const cells = row.children.filter((c): c is Element => c.type === 'element');
    // A row whose first cell is a row-spanning header from a row above is one cell short: align from the right.
    const offset = labels.length - cells.length;
    cells.forEach((cell, i) => {
      if (cell.tagName !== 'td') return;
      cell.properties.dataLabel = labels[i + offset] ?? '';
      if (cell.children.every((c) => text(c).trim() === '')) cell.properties.className = [...((cell.properties.className as string[] | undefined) ?? []), 'empty'];
    });
  }
}

// The formatter's red impact label is 3.4:1 on the dark background; a lighter red keeps 4.5:1.
const DARK_FIXES = `@media (prefers-color-scheme: dark) { .impact-breaking .impact, .impact-raises-bar .impact { color: #ff9492; } }`;
