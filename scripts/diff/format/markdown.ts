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
/** What a cut comment leaves out, for its note: whole ladder sections, and the one cut partway. */
export interface MarkdownCut {
  /** The summaries of the ladder sections left out entirely. */
  sections: string[];
  /** Level groups left out. */
  headings: number;
  /** The summary of the section cut partway, if any. */
  inside?: string;
}

export interface MarkdownOptions {
  /** Characters the result may take (a PR comment's budget); past it, whole level groups are left out. */
  limit?: number;
  /** The note that says what was left out (it counts towards the limit). */
  note?: (cut: MarkdownCut) => string;
}

export function formatMarkdown(view: DiffView, opts: MarkdownOptions = {}): string {
  const changed = view.ladders.filter((l) => l.status !== 'unchanged');
  const head: RootContent[] = [
    {
      type: 'heading',
      depth: 3,
      children: [t('Ladder changes '), { type: 'inlineCode', value: safe(view.base) }, t(' → '), { type: 'inlineCode', value: safe(view.head) }],
    },
  ];
  if (changed.length === 0) {
    head.push(p([t('No change to any ladder: the edits are formatting only.')]));
    return stringify({ type: 'root', children: head });
  }
  head.push(p([t('Version bump: '), strong(view.bump), t(` (${totals(view)}).`)]));
  head.push(summaryTable(changed));
  const unchanged = view.ladders.length - changed.length;
  if (unchanged > 0) head.push(p([t(`${unchanged} other ladder${unchanged === 1 ? '' : 's'} unchanged.`)]));
  // Every piece is serialized on its own and the pieces joined as remark joins blocks, so a budget can
  // be met by leaving out whole pieces (level groups), decided here on the view, never by re-reading text.
  const piece = (nodes: RootContent[]) => stringify({ type: 'root', children: nodes }).replace(/\n$/, '');
  const sections = changed.map((l) => {
    const summary = `${l.id} — ${l.title}: ${l.status}, ${l.bump}`;
    return {
      summary,
      open: piece([{ type: 'html', value: `<details>\n${toHtml(h('summary', [h('strong', safe(l.id)), safe(` — ${l.title}: ${l.status}, ${l.bump}`)]))}` }]),
      groups: l.groups.map((g) =>
        piece([
          { type: 'heading', depth: 4, children: [t(g.heading)] },
          { type: 'list', ordered: false, spread: false, children: g.changes.map((c) => ({ type: 'listItem', spread: false, children: [p(item(c, l.levelLabel))] })) },
        ]),
      ),
      close: '</details>',
    };
  });
  const top = head.map((n) => piece([n]));
  const whole = [...top, ...sections.flatMap((x) => [x.open, ...x.groups, x.close])].join('\n\n');
  if (opts.limit === undefined || whole.length + 1 <= opts.limit) return `${whole}\n`;
  return `${cutToFit(top, sections, opts.limit, opts.note ?? (() => ''))}\n`;
}

/** The pieces that fit `limit` with the note: whole groups in order, the open section closed, the rest named. */
function cutToFit(top: string[], sections: Array<{ summary: string; open: string; groups: string[]; close: string }>, limit: number, note: (cut: MarkdownCut) => string): string {
  const worst = note({ sections: sections.map((x) => x.summary), headings: sections.reduce((n, x) => n + x.groups.length, 0), inside: sections[0]?.summary });
  // The note's length is bounded by the worst case; what is kept must leave room for it and the closing tag.
  const budget = limit - 1 - worst.length - 2 * '\n\n'.length - '</details>'.length;
  const out = [...top];
  let used = out.join('\n\n').length;
  const fits = (text: string) => used + 2 + text.length <= budget;
  let cut: MarkdownCut | undefined;
  for (const [i, x] of sections.entries()) {
    if (!fits(x.open)) {
      cut = { sections: sections.slice(i).map((s) => s.summary), headings: 0 };
      break;
    }
    out.push(x.open);
    used += 2 + x.open.length;
    const kept = x.groups.findIndex((g) => {
      if (!fits(g)) return true;
      out.push(g);
      used += 2 + g.length;
      return false;
    });
    out.push(x.close);
    used += 2 + x.close.length;
    if (kept >= 0) {
      cut = { sections: sections.slice(i + 1).map((s) => s.summary), headings: x.groups.length - kept, inside: x.summary };
      break;
    }
  }
  if (cut) out.push(note(cut));
  return out.join('\n\n');
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
