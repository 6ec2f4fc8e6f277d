import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { safeLine as clean } from '../model/sanitize.js';
import type { ComparedItem, ItemKind, LevelComparison } from './levels.js';

/** What each kind of item is called, as a heading over its list (one home for these words). */
export const KIND_HEADINGS: Record<ItemKind, string> = {
  adds: 'Adds',
  stronger: 'Asks more strongly',
  different: 'Asks differently',
  weaker: 'Asks less strongly',
  carried: 'Carries over',
  'not-repeated': 'Not repeated at the higher level',
};

const KIND_ORDER: readonly ItemKind[] = ['adds', 'stronger', 'different', 'weaker', 'carried', 'not-repeated'];

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** "Platform Engineering: P1 · Learns the platform → P3 · Leads systems (Individual contributor track)". */
export function comparisonTitle(c: LevelComparison): string {
  return `${c.ladder.title}: ${c.lower.label} → ${c.higher.label}${c.track.title ? ` (${c.track.title} track)` : ''}`;
}

/** The sentence that says how the two levels were compared, and why. */
export function viewNote(c: LevelComparison): string {
  const measured = `${percent(c.cumulative.share)} of a level's expectations are repeated at the next level`;
  return c.view === 'cumulative'
    ? `This ladder is cumulative: each level lists only what it adds (${measured}). So everything up to ${short(c.lower)} is compared with everything up to ${short(c.higher)}: what ${short(c.lower)} asks still holds at ${short(c.higher)}.`
    : `Each level is compared as written (${measured}).`;
}

function short(l: LevelComparison['lower']): string {
  return l.code || l.title;
}

/** "3 added, 1 asked more strongly, 5 carried over". */
export function countsLine(c: LevelComparison): string {
  const words: Record<ItemKind, string> = {
    adds: 'added',
    stronger: 'asked more strongly',
    different: 'asked differently',
    weaker: 'asked less strongly',
    carried: 'carried over',
    'not-repeated': 'not repeated',
  };
  const parts = KIND_ORDER.filter((k) => c.counts[k] > 0).map((k) => `${c.counts[k]} ${words[k]}`);
  return parts.length ? parts.join(', ') : 'no expectations at either level';
}

function groups(items: ComparedItem[]): Array<[ItemKind, ComparedItem[]]> {
  return KIND_ORDER.flatMap((k) => {
    const list = items.filter((i) => i.kind === k);
    return list.length ? [[k, list] as [ItemKind, ComparedItem[]]] : [];
  });
}

/** The parts of one item after its text, in words: where it was, how it read, why its class. */
function extras(i: ComparedItem): string[] {
  const out: string[] = [];
  if (i.level) out.push(`at ${i.level}`);
  if (i.fromCategory) out.push(`under ${i.fromCategory} at the lower level`);
  if (i.was !== undefined) out.push(`was: “${i.was}”`);
  return out;
}

// ---- text ----------------------------------------------------------------------------------------

export function formatCompareText(c: LevelComparison): string {
  const s = clean;
  const lines = [s(comparisonTitle(c)), s(viewNote(c)), s(countsLine(c))];
  for (const cat of c.categories) {
    lines.push('', s(cat.category));
    if (cat.items.length === 0) lines.push('  (nothing at either level)');
    for (const [kind, items] of groups(cat.items)) {
      lines.push(`  ${KIND_HEADINGS[kind]}`);
      for (const i of items) {
        const more = extras(i);
        lines.push(`    - ${s(i.text)}${more.length ? `  (${s(more.join('; '))})` : ''}`);
        if (i.reasons?.length && kind !== 'carried') lines.push(`      ${s(i.reasons.join('; '))}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---- Markdown ------------------------------------------------------------------------------------

const processor = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', listItemIndent: 'one' });
const t = (value: string): PhrasingContent => ({ type: 'text', value: clean(value) });

/** Built as an mdast tree and serialized once, so ladder text is escaped by the serializer. */
export function formatCompareMarkdown(c: LevelComparison): string {
  const root: Root = { type: 'root', children: [] };
  const add = (...nodes: RootContent[]) => root.children.push(...nodes);
  add({ type: 'heading', depth: 2, children: [t(comparisonTitle(c))] });
  add({ type: 'paragraph', children: [t(viewNote(c))] });
  add({ type: 'paragraph', children: [{ type: 'strong', children: [t(countsLine(c))] }] });
  for (const cat of c.categories) {
    add({ type: 'heading', depth: 3, children: [t(cat.category)] });
    if (cat.items.length === 0) add({ type: 'paragraph', children: [t('Nothing at either level.')] });
    for (const [kind, items] of groups(cat.items)) {
      add({ type: 'paragraph', children: [{ type: 'strong', children: [t(KIND_HEADINGS[kind])] }] });
      const list: List = {
        type: 'list',
        ordered: false,
        spread: false,
        children: items.map((i): ListItem => {
          const more = extras(i);
          const notes = [...(more.length ? [more.join('; ')] : []), ...(i.reasons?.length && kind !== 'carried' ? [i.reasons.join('; ')] : [])];
          const after: PhrasingContent[] = notes.length ? [t(' — '), { type: 'emphasis', children: [t(notes.join(' — '))] }] : [];
          return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [t(i.text), ...after] }] };
        }),
      };
      add(list);
    }
  }
  return processor.stringify(root);
}

// ---- JSON ----------------------------------------------------------------------------------------

/** The view model itself (STYLE #13): what tools rely on. */
export function formatCompareJson(c: LevelComparison): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}
