import type { List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { safeMarkdownText } from '../model/sanitize.js';
import { formatRef } from './refs.js';
import type { ChangelogView, Entry, ReleaseView } from './view.js';

export interface MarkdownOptions {
  /** The whole file: a title and a short preamble before the releases (`--all`, release builds). */
  document?: boolean;
}

const PREAMBLE: PhrasingContent[] = [
  t(
    'All notable changes to the career ladders, newest release first: per release, per ladder, grouped by impact. ' +
      'Each entry names the level and category it concerns and the pull request that brought it in. Generated from the git history by ',
  ),
  { type: 'inlineCode', value: 'ladder changelog --all' },
  t('; edits by hand are overwritten.'),
];

/**
 * The changelog as Markdown, in Keep a Changelog's spirit. Built as an mdast tree and serialized by
 * remark, so ladder text (untrusted: it comes from pull requests) is escaped by the serializer.
 */
export function formatChangelog(view: ChangelogView, opts: MarkdownOptions = {}): string {
  const root: Root = { type: 'root', children: [] };
  if (opts.document) {
    root.children.push({ type: 'heading', depth: 1, children: [t('Changelog')] }, para(PREAMBLE));
  }
  for (const r of view.releases) root.children.push(...release(r));
  if (root.children.length === 0) return '';
  return processor.stringify(root);
}

const processor = unified().use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', listItemIndent: 'one' });

function release(r: ReleaseView): RootContent[] {
  // `[v1.2.0]` as a shortcut reference, as Keep a Changelog writes it (and so remark does not escape it).
  const heading: PhrasingContent[] = [{ type: 'linkReference', identifier: r.name.toLowerCase(), label: r.name, referenceType: 'shortcut', children: [t(r.name)] }];
  if (r.date) heading.push(t(` - ${r.date}`));
  const out: RootContent[] = [{ type: 'heading', depth: 2, children: heading }];
  if (r.note) out.push(para([t(r.note)]));
  for (const l of r.ladders) {
    out.push({ type: 'heading', depth: 3, children: [t(l.title)] });
    if (l.effective !== undefined) out.push(para([t(`Effective from ${l.effective}.`)]));
    for (const g of l.groups) {
      out.push({ type: 'heading', depth: 4, children: [t(g.label)] });
      const list: List = { type: 'list', ordered: false, spread: false, children: g.entries.map(item) };
      out.push(list);
    }
  }
  return out;
}

function item(e: Entry): ListItem {
  const children: PhrasingContent[] = [];
  if (e.subject) children.push({ type: 'strong', children: [t(e.subject)] }, t(' — '));
  children.push(t(e.text));
  if (e.refs.length > 0) {
    // Author names are free text ("@acme/everyone" included): only a real login stays a mention.
    const refs = e.refs.map((r) => formatRef({ ...r, author: LOGIN.test(r.author) ? r.author : safeMarkdownText(r.author) }));
    children.push({ type: 'text', value: ` (${refs.join('; ')})` });
  }
  return { type: 'listItem', spread: false, children: [para(children)] };
}

/** Every text node: ladder text and author names are untrusted (model/sanitize.ts). */
function t(value: string): PhrasingContent {
  return { type: 'text', value: safeMarkdownText(value) };
}

/** A GitHub login as the history names it (a noreply address, a merge commit): kept as a mention. */
const LOGIN = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

function para(children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}
