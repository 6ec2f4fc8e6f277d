import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Html } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { plainBlocks } from '../../parse/plain-blocks.js';
import { isPlainText } from '../../parse/plain-text.js';

/**
 * GitHub's schema, tightened for a page that must make no requests and keep one h1:
 * no images (their src would be fetched from wherever a PR points), no focus-order or key tricks.
 */
const DROP_TAGS = new Set(['img', 'picture', 'source']);
const DROP_ATTRS = new Set(['tabIndex', 'accessKey']);
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !DROP_TAGS.has(t)),
  attributes: {
    ...defaultSchema.attributes,
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((a) => typeof a !== 'string' || !DROP_ATTRS.has(a)),
  },
};

/** Images become their alt text, so the words survive while nothing is fetched. */
function imagesToAlt() {
  return (tree: Root) => {
    visit(tree, 'element', (node, index, parent) => {
      if (!DROP_TAGS.has(node.tagName) || !parent || index === undefined) return;
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
      parent.children.splice(index, 1, ...(alt ? [{ type: 'text' as const, value: alt }] : []));
      return index;
    });
  };
}

// Raw HTML is dropped, except a line break, which real table cells use for layout.
const BR = /^<br\s*\/?>$/i;
const remarkRehypeOptions = {
  handlers: {
    html: (_state: unknown, node: Html): Element | undefined =>
      BR.test(node.value.trim()) ? { type: 'element', tagName: 'br', properties: {}, children: [] } : undefined,
  },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, remarkRehypeOptions)
  .use(imagesToAlt)
  .use(rehypeSanitize, sanitizeSchema)
  .freeze();

export interface MarkdownOptions {
  /**
   * Depth the shallowest heading of the fragment is moved to, so user headings nest under the
   * page's own and the page keeps exactly one h1. Headings deeper than 6 become 6.
   */
  headingBase?: number;
  /** Unwrap a lone paragraph, for text that sits inside a list item or table cell. */
  inline?: boolean;
  /** Where same-page (`#x`) and relative links point in the built site; default: ids as sanitized. */
  links?: LinkResolver;
}

/**
 * The href to use for a same-page (`#x`) or relative link of the source, or null to keep the
 * link's text without a link (a relative target that is not part of the release).
 */
export type LinkResolver = (href: string) => string | null;

/** Sanitize prefixes ids with `user-content-`; same-page links follow, as on GitHub. */
export const defaultLinks: LinkResolver = (href) => (href.startsWith('#') ? `#user-content-${href.slice(1)}` : href);

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:|^\/\//i;

/** Untrusted Markdown to sanitized hast nodes. Never returns raw HTML, scripts, handlers or images. */
export function markdownToHast(markdown: string, opts: MarkdownOptions = {}): ElementContent[] {
  // Most expectations: the pipeline would return this same text node, at ~0.4 ms each.
  if (isPlainText(markdown)) {
    const text: ElementContent = { type: 'text', value: markdown };
    return opts.inline ? [text] : [{ type: 'element', tagName: 'p', properties: {}, children: [text] }];
  }
  // Links, emphasis, code, lists in forms that read one way: the tree micromark would make, built without it (then the same pipeline).
  const tree = processor.runSync(plainBlocks(markdown, false) ?? processor.parse(markdown)) as Root;
  shiftHeadings(tree, opts.headingBase ?? 3);
  resolveLinks(tree, opts.links ?? defaultLinks);
  scopeHeaderCells(tree);
  const nodes = tree.children.filter((n) => !(n.type === 'text' && n.value.trim() === '')) as RootContent[];
  if (opts.inline && nodes.length === 1 && nodes[0]!.type === 'element' && nodes[0]!.tagName === 'p') {
    return nodes[0]!.children;
  }
  return nodes.filter((n): n is ElementContent => n.type !== 'doctype');
}

const HEADING = /^h([1-6])$/;

function shiftHeadings(tree: Root, base: number): void {
  let min = 7;
  visit(tree, 'element', (node) => {
    const m = HEADING.exec(node.tagName);
    if (m) min = Math.min(min, Number(m[1]));
  });
  if (min === 7) return;
  visit(tree, 'element', (node) => {
    const m = HEADING.exec(node.tagName);
    if (m) node.tagName = `h${Math.min(6, Number(m[1]) - min + base)}`;
  });
}

function resolveLinks(tree: Root, resolve: LinkResolver): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'a') return;
    const href = node.properties.href;
    // The sanitizer removes unsafe hrefs and leaves an inert <a>: keep its text only.
    if (typeof href === 'string' && href !== '') {
      if (ABSOLUTE.test(href)) return;
      const to = resolve(href);
      if (to !== null) {
        node.properties.href = to;
        return;
      }
    }
    if (!parent || index === undefined) return;
    parent.children.splice(index, 1, ...node.children);
    return index;
  });
}

/** Header cells of tables written in Markdown get a scope, as the page's own tables have. */
function scopeHeaderCells(tree: Root): void {
  visit(tree, 'element', (node, _index, parent) => {
    if (node.tagName === 'th' && parent?.type === 'element' && parent.tagName === 'tr') node.properties.scope = 'col';
  });
}
