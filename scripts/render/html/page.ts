import { createHash } from 'node:crypto';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { serializeHtml } from './serialize.js';

/** The trusted template texts from `templates/`: the page shell, its stylesheet and the optional script. */
export interface Theme {
  /** HTML document with `data-slot` elements: csp, title, style, header, nav, main, footer, script. */
  shell: string;
  css: string;
  /** Progressive enhancement for the level comparison (shipped only on ladder pages). */
  script: string;
}

export interface PageParts {
  title: string;
  lang?: string;
  header: ElementContent[];
  /** Omitted or empty: the nav landmark is dropped. */
  nav?: ElementContent[];
  navLabel?: string;
  main: ElementContent[];
  footer: ElementContent[];
  /** Ship the theme's script (with its CSP hash); otherwise no script at all. */
  script?: boolean;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Only the inline style and, when shipped, the inline script may run; nothing may be fetched.
 * Hashes (not 'unsafe-inline') so that even a style attribute slipping past the sanitizer is inert.
 */
export function contentSecurityPolicy(css: string, script?: string): string {
  return [
    "default-src 'none'",
    `style-src ${sha256(css)}`,
    `script-src ${script === undefined ? "'none'" : sha256(script)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Fills the shell's slots with already-built hast and serializes once, so every text the page
 * shows is escaped by the serializer, never by string concatenation.
 */
export function renderPage(theme: Theme, parts: PageParts): string {
  const tree = fromHtml(theme.shell) as Root;
  const script = parts.script ? theme.script : undefined;
  const drop: Element[] = [];
  visit(tree, 'element', (node) => {
    if (node.tagName === 'html' && parts.lang) node.properties.lang = parts.lang;
    // Without a page nav the layout gives main the full width.
    if (node.tagName === 'body' && !parts.nav?.length) node.properties.className = ['no-nav'];
    const slot = node.properties.dataSlot;
    if (typeof slot !== 'string') return;
    delete node.properties.dataSlot;
    switch (slot) {
      case 'csp':
        node.properties.content = contentSecurityPolicy(theme.css, script);
        break;
      case 'title':
        node.children = [{ type: 'text', value: parts.title }];
        break;
      case 'style':
        node.children = [{ type: 'text', value: theme.css }];
        break;
      case 'script':
        if (script === undefined) drop.push(node);
        else node.children = [{ type: 'text', value: script }];
        break;
      case 'header':
      case 'main':
      case 'footer':
        node.children = parts[slot];
        break;
      case 'nav':
        if (!parts.nav?.length) drop.push(node);
        else {
          node.children = parts.nav;
          if (parts.navLabel) node.properties.ariaLabel = parts.navLabel;
        }
        break;
    }
    return 'skip';
  });
  if (drop.length) {
    const dropped = (c: ElementContent) => c.type === 'element' && drop.includes(c);
    visit(tree, 'element', (node) => {
      if (node.children.some(dropped)) node.children = node.children.filter((c) => !dropped(c));
    });
  }
  // The parser keeps the shell's newlines between elements; that is fine and stable.
  return `${serializeHtml(tree)}\n`;
}
