import type { Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { IMPACTS, IMPACT_LABELS, KINDS } from '../kinds.js';
import type { Segment } from '../similarity.js';
import type { Change } from '../types.js';
import type { DiffView, LadderView } from '../view.js';
import { defuseMentions, safeLine } from '../../model/sanitize.js';
import { describe, judgement } from './describe.js';

/**
 * The PR comment: a summary table, then one collapsible section per changed ladder with its changes
 * grouped by level. Built as an mdast tree and serialized by remark, so every piece of ladder text
 * (untrusted: it comes from the PR) goes through the serializer's escaping, and the raw HTML we add
 * (<details>/<summary>) is serialized by hast-util-to-html.
 */
export function formatMarkdown(view: DiffView): string {
  const changed = view.ladders.filter((l) => l.status !== 'unchanged');
  const root: Root = { type: 'root', children: [] };
  const add = (...nodes: RootContent[]) => root.children.push(...nodes);
  add({
    type: 'heading',
    depth: 3,
    children: [t('Ladder changes '), { type: 'inlineCode', value: safe(view.base) }, t(' → '), { type: 'inlineCode', value: safe(view.head) }],
  });
  if (changed.length === 0) {
    add(p([t('No change to any ladder: the edits are formatting only.')]));
    return stringify(root);
  }
  add(p([t('Version bump: '), strong(view.bump), t(` (${totals(view)}).`)]));
  add(summaryTable(changed));
  const unchanged = view.ladders.length - changed.length;
  if (unchanged > 0) add(p([t(`${unchanged} other ladder${unchanged === 1 ? '' : 's'} unchanged.`)]));
  for (const l of changed) {
    const summary = h('summary', [h('strong', safe(l.id)), safe(` — ${l.title}: ${l.status}, ${l.bump}`)]);
    add({ type: 'html', value: `<details>\n${toHtml(summary)}` });
    for (const g of l.groups) {
      add({ type: 'heading', depth: 4, children: [t(g.heading)] });
      add({ type: 'list', ordered: false, spread: false, children: g.changes.map((c) => ({ type: 'listItem', spread: false, children: [p(item(c, l.levelLabel))] })) });
    }
    add({ type: 'html', value: '</details>' });
  }
  return stringify(root);
}

const processor = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', listItemIndent: 'one' });

function stringify(root: Root): string {
  return processor.stringify(root);
}

function totals(view: DiffView): string {
  const parts = IMPACTS.filter((i) => view.counts[i] > 0).map((i) => `${view.counts[i]} ${IMPACT_LABELS[i].toLowerCase()}`);
  return parts.join(', ');
}

function summaryTable(ladders: LadderView[]): Table {
  const row = (cells: PhrasingContent[][]): TableRow => ({ type: 'tableRow', children: cells.map((children) => ({ type: 'tableCell', children })) });
  const header = row([[t('Ladder')], [t('Bump')], ...IMPACTS.map((i) => [t(IMPACT_LABELS[i])])]);
  const body = ladders.map((l) =>
    row([
      [t(l.fromId !== undefined ? `${l.fromId} → ${l.id}` : l.id), t(` (${l.status})`)],
      [strong(l.bump)],
      ...IMPACTS.map((i) => [t(l.counts[i] ? String(l.counts[i]) : '')]),
    ]),
  );
  return { type: 'table', align: ['left', 'left', ...IMPACTS.map(() => 'right' as const)], children: [header, ...body] };
}

function item(c: Change, levelLabel: (title: string) => string): PhrasingContent[] {
  const d = describe(c, levelLabel);
  const out: PhrasingContent[] = [];
  if (c.kind === 'expectation-moved') out.push(strong('Moved'), t(` ${d.lead}: `));
  else if (c.kind.startsWith('expectation-')) out.push(strong(VERB[c.kind] ?? KINDS[c.kind].label), t(` (${d.lead}): `));
  else out.push(strong(d.lead), t(': '));
  if (c.highlight) out.push(...segments(c.highlight));
  else if (d.subject !== undefined) {
    out.push(t(d.subject));
    if (d.target !== undefined) out.push(t(' → '), t(d.target));
  }
  if (d.note) out.push(t(` (${d.note})`));
  out.push(t(' · '), { type: 'emphasis', children: [t(`${IMPACT_LABELS[c.impact].toLowerCase()}, ${c.bump}`)] });
  const j = judgement(c);
  if (j) {
    out.push({ type: 'break' });
    if (j.class) out.push(strong(j.class), t(j.reasons ? ': ' : ''));
    if (j.reasons) out.push(t(j.reasons));
  }
  return out;
}

const VERB: Partial<Record<Change['kind'], string>> = {
  'expectation-added': 'Added',
  'expectation-removed': 'Removed',
  'expectation-reworded': 'Reworded',
};

/** ~~removed~~ **added**, with edge spaces kept outside the marks (a mark cannot start or end with one). */
function segments(segs: Segment[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let prev: Segment['type'] | undefined;
  for (const s of segs) {
    if (s.type === 'same') {
      out.push(t(s.text));
    } else {
      const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(s.text) ?? [];
      if (lead) out.push(t(lead));
      else if (prev && prev !== 'same' && prev !== s.type) out.push(t(' '));
      if (core) out.push(s.type === 'removed' ? { type: 'delete', children: [t(core)] } : strong(core));
      if (trail) out.push(t(trail));
    }
    prev = s.type;
  }
  return out;
}

function p(children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}
function strong(value: string): PhrasingContent {
  return { type: 'strong', children: [t(value)] };
}
function safe(value: string): string {
  return defuseMentions(safeLine(value));
}
function t(value: string): PhrasingContent {
  return { type: 'text', value: safe(value) };
}
