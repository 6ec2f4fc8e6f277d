import type { ElementContent, Root } from 'hast';
import type { Child } from 'hastscript';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { IMPACTS, IMPACT_LABELS, KINDS } from '../kinds.js';
import type { Segment } from '../similarity.js';
import type { Change } from '../types.js';
import type { DiffView, LadderView, LevelSide, Row } from '../view.js';
import { safeLine } from '../../model/sanitize.js';
import { describe, judgement } from './describe.js';

/**
 * A standalone review page: summary, then per ladder its changes and a side-by-side view of each
 * changed level. Built as a hast tree, so every text node is escaped by the serializer; a CSP that
 * allows no script and no remote load is the second line of defence.
 */
export function formatHtml(view: DiffView): string {
  const { title, body, css } = diffHtmlParts(view);
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { httpEquiv: 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', safeLine(title)),
          h('style', `${css}\n${PAGE_CSS}`),
        ]),
        h('body', body),
      ]),
    ],
  };
  return `${toHtml(tree)}\n`;
}

/**
 * The review page's parts as hast: its title, the body's elements (every ladder text made safe) and its
 * stylesheet. formatHtml wraps them in a standalone page; the release's diff.html puts them in the site's
 * shell, taking the tree itself, never re-reading the page.
 */
export function diffHtmlParts(view: DiffView): { title: string; body: ElementContent[]; css: string } {
  const changed = view.ladders.filter((l) => l.status !== 'unchanged');
  const title = `Ladder diff ${view.base} → ${view.head}`;
  const body: ElementContent[] = [
    h('header', [
      h('h1', ['Ladder diff ', h('code', view.base), ' → ', h('code', view.head)]),
      h('p', ['Version bump: ', h('strong', { className: ['bump', `bump-${view.bump}`] }, view.bump), ` · ${totals(view.counts)}`]),
    ]),
    changed.length === 0 ? h('p', 'No change to any ladder: the edits are formatting only.') : summary(changed),
    ...changed.map(ladderSection),
  ];
  const root: Root = { type: 'root', children: body as Root['children'] };
  visit(root, 'text', (node) => {
    node.value = safeLine(node.value);
  });
  return { title, body, css: CSS };
}

function totals(counts: DiffView['counts']): string {
  const parts = IMPACTS.filter((i) => counts[i] > 0).map((i) => `${counts[i]} ${IMPACT_LABELS[i].toLowerCase()}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

function summary(ladders: LadderView[]) {
  return h('table', { className: ['summary'] }, [
    h('thead', h('tr', [h('th', 'Ladder'), h('th', 'Status'), h('th', 'Bump'), ...IMPACTS.map((i) => h('th', IMPACT_LABELS[i]))])),
    h(
      'tbody',
      ladders.map((l) =>
        h('tr', [
          h('td', h('a', { href: `#${anchor(l.id)}` }, l.fromId !== undefined ? `${l.fromId} → ${l.id}` : l.id)),
          h('td', l.status),
          h('td', h('span', { className: ['bump', `bump-${l.bump}`] }, l.bump)),
          ...IMPACTS.map((i) => h('td', { className: ['num'] }, l.counts[i] ? String(l.counts[i]) : '')),
        ]),
      ),
    ),
  ]);
}

function ladderSection(l: LadderView) {
  return h('section', { className: ['ladder'], id: anchor(l.id) }, [
    h('h2', [l.title, ' ', h('small', `(${l.id}${l.file ? `, ${l.file}` : ''})`), ' ', h('span', { className: ['bump', `bump-${l.bump}`] }, l.bump)]),
    ...l.groups.flatMap((g) => [
      h('h3', g.heading),
      h('ul', { className: ['changes'] }, g.changes.map((c) => h('li', { className: [`impact-${c.impact}`] }, ...changeItem(c, l.levelLabel)))),
    ]),
    ...(l.levels.length > 0 ? [h('h3', 'Side by side'), ...l.levels.map(levelTable)] : []),
  ]);
}

function changeItem(c: Change, levelLabel: (title: string) => string): Child[] {
  const d = describe(c, levelLabel);
  const out: Child[] = [h('span', { className: ['impact'] }, IMPACT_LABELS[c.impact]), ' '];
  if (c.kind === 'expectation-moved') out.push(h('strong', 'Moved'), ` ${d.lead}: `);
  else if (c.kind.startsWith('expectation-')) out.push(h('strong', KINDS[c.kind].label), ` (${d.lead}): `);
  else out.push(h('strong', d.lead), ': ');
  if (c.highlight) out.push(...inline(c.highlight));
  else if (d.subject !== undefined) out.push(d.target !== undefined ? `${d.subject} → ${d.target}` : d.subject);
  if (d.note) out.push(` (${d.note})`);
  out.push(' ', h('span', { className: ['bump', `bump-${c.bump}`] }, c.bump));
  const j = judgement(c);
  if (j) {
    out.push(
      h('div', { className: ['why'] }, [
        ...(j.class ? [h('span', { className: ['class', `class-${j.class}`] }, j.class), j.reasons ? ': ' : ''] : []),
        ...(j.reasons ? [h('span', { className: ['reasons'] }, j.reasons)] : []),
      ]),
    );
  }
  return out;
}

function levelTable(level: LevelSide) {
  const rows: ElementContent[] = [];
  for (const cat of level.categories) {
    cat.rows.forEach((row, i) => {
      const head =
        i === 0
          ? [h('th', { rowSpan: cat.rows.length, scope: 'row', className: [`cat-${cat.status}`] }, cat.fromName !== undefined ? [h('del', cat.fromName), ' ', h('ins', cat.name)] : cat.name)]
          : [];
      rows.push(h('tr', { className: [`row-${row.status}`] }, [...head, beforeCell(row), afterCell(row)]));
    });
  }
  const heading = level.fromHeading !== undefined ? [h('del', level.fromHeading), ' → ', h('ins', level.heading)] : [level.heading];
  return h('div', { className: ['level', `level-${level.status}`] }, [
    h('h4', [...heading, level.status === 'added' || level.status === 'removed' ? ` (${level.status})` : '']),
    h('table', { className: ['side'] }, [
      h('thead', h('tr', [h('th', 'Category'), h('th', 'Before'), h('th', 'After')])),
      h('tbody', rows),
    ]),
  ]);
}

function beforeCell(row: Row) {
  switch (row.status) {
    case 'added':
      return h('td');
    case 'removed':
      return h('td', h('del', row.before));
    case 'moved-in':
      return h('td', { className: ['note'] }, `moved from ${row.elsewhere}`);
    case 'moved-out':
      return h('td', [row.highlight ? side(row.highlight, 'removed') : h('del', row.before), h('div', { className: ['note'] }, `moved to ${row.elsewhere}`)]);
    default:
      return h('td', row.highlight ? side(row.highlight, 'removed') : row.before);
  }
}

function afterCell(row: Row) {
  switch (row.status) {
    case 'removed':
      return h('td');
    case 'added':
      return h('td', h('ins', row.after));
    case 'moved-out':
      return h('td', { className: ['note'] }, `moved to ${row.elsewhere}`);
    case 'moved-in':
      return h('td', [row.highlight ? side(row.highlight, 'added') : h('ins', row.after), h('div', { className: ['note'] }, `moved from ${row.elsewhere}`)]);
    default:
      return h('td', row.highlight ? side(row.highlight, 'added') : row.after);
  }
}

/** One side of a rewording: unchanged words plus only this side's changed words, marked. */
function side(segs: Segment[], keep: 'added' | 'removed') {
  return h(
    'span',
    segs.filter((s) => s.type === 'same' || s.type === keep).map((s) => (s.type === 'same' ? { type: 'text' as const, value: s.text } : h(keep === 'added' ? 'ins' : 'del', s.text))),
  );
}

/** Both sides inline: removed then added, a space apart when they touch. */
function inline(segs: Segment[]): ElementContent[] {
  const out: ElementContent[] = [];
  segs.forEach((s, i) => {
    if (s.type === 'same') return void out.push({ type: 'text', value: s.text });
    if (s.type === 'added' && segs[i - 1]?.type === 'removed') out.push({ type: 'text', value: ' ' });
    out.push(h(s.type === 'added' ? 'ins' : 'del', s.text));
  });
  return out;
}

function anchor(id: string): string {
  return `ladder-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The standalone page's own layout: a site shell that embeds the review has its own. */
const PAGE_CSS = `body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }`;

/** The review's components (colours, tables, changes): the same in the standalone page and in a site. */
const CSS = `
:root { color-scheme: light dark; --ins: #d7f5dd; --del: #fbdada; --muted: #6a737d; --line: #d0d7de; }
@media (prefers-color-scheme: dark) { :root { --ins: #1f4d2c; --del: #5c2126; --muted: #8b949e; --line: #30363d; } }
code { font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.6rem; vertical-align: top; text-align: left; }
table.side td { width: 42%; }
td.num { text-align: right; }
ins { background: var(--ins); text-decoration: none; }
del { background: var(--del); }
.note { color: var(--muted); font-style: italic; font-size: 0.9em; }
.row-same td { color: var(--muted); }
.row-added td:last-child, .row-moved-in td:last-child { background: var(--ins); }
.row-removed td:nth-last-child(2), .row-moved-out td:nth-last-child(2) { background: var(--del); }
ul.changes { padding-left: 1.2rem; }
.impact { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
.impact-breaking .impact, .impact-raises-bar .impact, .impact-needs-review .impact { color: #cf222e; }
.why { font-size: 0.9em; color: var(--muted); }
.class { font-weight: 600; text-transform: uppercase; font-size: 0.85em; letter-spacing: 0.03em; }
.class-raised, .class-changed { color: #cf222e; } .class-lowered { color: #9a6700; }
.bump { font-size: 0.8em; padding: 0 0.4em; border-radius: 0.6em; border: 1px solid var(--line); }
.bump-major { background: var(--del); } .bump-minor { background: #fff3bf; color: #000; } .bump-patch { background: var(--ins); }
section.ladder { border-top: 2px solid var(--line); margin-top: 2rem; }
`;
