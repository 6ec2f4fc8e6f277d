import { levelLabel, type Ladder, type Level, type Position } from '../model/ladder.js';
import { SHARED, sameWords, type CategoryPair, type Item, type LadderAlignment, type LevelPair } from './align.js';
import { slug } from '../parse/text.js';
import { EDIT_CLASSES, type EditClass } from './classify/classes.js';
import { classifyRewordingKept, defaultLexiconCompiled, typoReasons } from './classify/classify.js';
import type { Lexicon } from './classify/signals.js';
import { CHANGE_KINDS, KINDS, type ChangeKind, type Impact } from './kinds.js';
import { bumpFor, maxBump, type BumpPolicy } from './policy.js';
import { highlight } from './similarity.js';
import { ALL_LEVELS, type Change } from './types.js';
import { byCodePoint } from '../model/order.js';
import { textCache } from './reuse.js';

/** Highlights by the pair of texts: a release's diff meets again the rewordings its commits made. */
const highlights = textCache<ReturnType<typeof highlight>>((h) => h.map((s) => ({ ...s })));
const pairKey = (before: string, after: string) => `${before}\u0000${after}`;

/**
 * Judging: turns an alignment into the list of changes, each with its impact (from the registry,
 * or from the direction of a move) and its bump (from the policy). Deterministic order: ladder-wide
 * changes, then categories, then level by level (junior first), by category, then by position.
 */
export function judge(al: LadderAlignment, policy: BumpPolicy = {}, lexicon: Lexicon = defaultLexiconCompiled()): Change[] {
  const j = judgement(al, policy, lexicon);
  const { base, head } = al;
  if (!base || !head) {
    ladderAddedOrRemoved(j);
    return finish(j.out);
  }
  ladderChanges(j, base, head);
  categoryChanges(j);
  levelChanges(j);
  matchedExpectations(j);
  unmatchedExpectations(j);
  return finish(j.out);
}

/** What the steps of judge share: the alignment, the policy, the lexicon and the list they add to. */
interface Judgement {
  al: LadderAlignment;
  policy: BumpPolicy;
  lexicon: Lexicon;
  out: Array<{ change: Change; key: SortKey }>;
  add(kind: ChangeKind, fields: Omit<Change, 'kind' | 'impact' | 'bump'>, key: SortKey, impact?: Impact): void;
}

function judgement(al: LadderAlignment, policy: BumpPolicy, lexicon: Lexicon): Judgement {
  const out: Judgement['out'] = [];
  return {
    al,
    policy,
    lexicon,
    out,
    add(kind, fields, key, impact) {
      const imp = impact ?? (fields.class ? EDIT_CLASSES[fields.class].impact : KINDS[kind].impact);
      out.push({ change: ordered({ kind, impact: imp, bump: bumpFor(kind, imp, policy, fields.class), ...fields }), key });
    },
  };
}

function ladderAddedOrRemoved({ al, add }: Judgement): void {
  if (!al.base && al.head) add('ladder-added', { after: al.head.title, expectations: al.headItems.length, position: pos(al.head.position) }, [0]);
  if (al.base && !al.head) add('ladder-removed', { before: al.base.title, expectations: al.baseItems.length, position: pos(al.base.position) }, [0]);
}

/** The ladder's id, title, owners, status, intro and notes. */
function ladderChanges({ add }: Judgement, base: Ladder, head: Ladder): void {
  if (base.id !== head.id) add('ladder-renamed', { before: base.id, after: head.id, position: pos(head.position) }, [0]);
  for (const [field, before, after] of metadata(base, head)) {
    if (before !== after) add('metadata-changed', { field, before, after, position: pos(head.position) }, [0]);
  }
  if (proseDiffers(base.intro, head.intro)) add('prose-changed', { field: 'intro', before: base.intro, after: head.intro, position: pos(head.position) }, [0]);
  const notes = (l: Ladder) => l.notes.map((n) => `${n.title ?? ''}\n${n.markdown}`).join('\n\n');
  if (proseDiffers(notes(base), notes(head))) {
    add('prose-changed', { field: 'notes', before: notes(base), after: notes(head), position: pos(head.notes[0]?.position ?? head.position) }, [3]);
  }
}

function categoryChanges({ al, add, lexicon }: Judgement): void {
  for (const p of al.categories) {
    if (p.base === undefined) add('category-added', { category: p.head, after: p.head }, [1, p.rank]);
    else if (p.head === undefined) add('category-removed', { category: p.base, before: p.base }, [1, p.rank]);
    else if (p.base !== p.head) {
      const typo = typoReasons(p.base, p.head, lexicon);
      add('category-renamed', { ...(typo ? { class: 'typo' as const } : {}), category: p.head, fromCategory: p.base, before: p.base, after: p.head, ...(typo ? { reasons: typo } : {}) }, [1, p.rank]);
    }
  }
}

/** Levels added, removed, renamed (a retyped title is a typo), reordered, and their descriptions. */
function levelChanges({ al, add, lexicon }: Judgement): void {
  for (const p of al.levels) {
    if (p.base?.index === SHARED) continue;
    const key: SortKey = [2, p.rank, 0];
    const b = p.base?.level;
    const h = p.head?.level;
    if (!b && h) add('level-added', { level: h.title, levelKey: h.key, after: levelLabel(h), expectations: count(h), position: pos(h.position) }, key);
    else if (b && !h) add('level-removed', { level: b.title, levelKey: b.key, before: levelLabel(b), expectations: count(b), position: pos(b.position) }, key);
    else if (b && h) {
      if (levelLabel(b) !== levelLabel(h)) {
        // Readers know a level by its code and title: one retyped (case, hyphens, spelling) is the same level.
        const typo = b.code === h.code ? typoReasons(b.title, h.title, lexicon) : undefined;
        add('level-renamed', {
          ...(typo ? { class: 'typo' as const } : {}),
          level: h.title, levelKey: h.key, fromLevel: b.title !== h.title ? b.title : undefined, fromLevelKey: b.title !== h.title || b.key !== h.key ? b.key : undefined,
          before: levelLabel(b), after: levelLabel(h), ...(typo ? { reasons: typo } : {}), position: pos(h.position),
        }, key);
      }
      if (proseDiffers(b.description ?? '', h.description ?? '')) {
        add('prose-changed', { field: 'description', level: h.title, levelKey: h.key, before: b.description ?? '', after: h.description ?? '', position: pos(h.position) }, key);
      }
      if (p.reordered) {
        add('level-reordered', { level: h.title, levelKey: h.key, fromIndex: p.base!.index + 1, toIndex: p.head!.index + 1, position: pos(h.position) }, key);
      }
    }
  }
}

const levelName = (p: LevelPair) => nameOf(p.head ?? p.base);
const levelKeyOf = (p: LevelPair) => keyOf(p.head ?? p.base);
const catName = (p: CategoryPair) => (p.head ?? p.base)!;
const itemKey = (lp: LevelPair, cp: CategoryPair, i: Item): SortKey => [2, lp.rank, 1, cp.rank, i.exp.position.line, i.exp.position.column];

/** Matched expectations: reworded in place (with their class), or moved (judged by direction and rewording). */
function matchedExpectations({ al, add, out, policy, lexicon }: Judgement): void {
  for (const m of al.matches) {
    const lb = al.levelOf('base', m.base.slot)!;
    const lh = al.levelOf('head', m.head.slot)!;
    const cb = al.categoryOf('base', m.base.category)!;
    const ch = al.categoryOf('head', m.head.category)!;
    const before = m.base.exp.text;
    const after = m.head.exp.text;
    const changed = !sameWords(m);
    const at = itemKey(lh, ch, m.head);
    const verdict = changed ? classifyRewordingKept(before, after, lexicon) : undefined;
    if (lb === lh && cb === ch) {
      if (verdict) {
        add('expectation-reworded', {
          class: verdict.class, level: levelName(lh), levelKey: levelKeyOf(lh), category: catName(ch), before, after,
          reasons: verdict.reasons, highlight: highlights(pairKey(before, after), () => highlight(before, after)), position: pos(m.head.exp.position),
        }, at);
      }
      continue;
    }
    // Moving to a more junior level asks it of more people: the bar rises there. Moving it to a more
    // senior one stops asking it at the level it left: the bar is lowered there.
    const direction: Impact = lh.rank < lb.rank ? 'raises-bar' : lh.rank > lb.rank ? 'lowers-bar' : 'editorial';
    const reasons: string[] = [];
    if (direction === 'raises-bar') reasons.push(`moved to a more junior level: the bar is raised at ${levelLabelOf(lh)}`);
    if (direction === 'lowers-bar') reasons.push(`moved to a more senior level: the bar is lowered at ${levelLabelOf(lb)}`);
    if (verdict) reasons.push(...verdict.reasons);
    const impact = movedImpact(direction, verdict?.class);
    const classBump = verdict ? bumpFor('expectation-reworded', EDIT_CLASSES[verdict.class].impact, policy, verdict.class) : 'none';
    out.push({
      change: ordered({
        kind: 'expectation-moved',
        impact,
        bump: maxBump([bumpFor('expectation-moved', impact, policy), verdict && verdict.class !== 'typo' && verdict.class !== 'clarified' ? classBump : 'none']),
        ...(verdict ? { class: verdict.class } : {}),
        level: levelName(lh),
        levelKey: levelKeyOf(lh),
        fromLevel: lb !== lh ? levelName(lb) : undefined,
        fromLevelKey: lb !== lh ? levelKeyOf(lb) : undefined,
        category: catName(ch),
        fromCategory: cb !== ch ? catName(cb) : undefined,
        before,
        after,
        ...(reasons.length > 0 ? { reasons } : {}),
        highlight: changed ? highlights(pairKey(before, after), () => highlight(before, after)) : undefined,
        position: pos(m.head.exp.position),
      }),
      key: at,
    });
  }
}

/** Expectations with no partner; those of a level that came or went as a whole are counted by level-added/removed instead. */
function unmatchedExpectations({ al, add }: Judgement): void {
  for (const i of al.baseItems) {
    const lp = al.levelOf('base', i.slot)!;
    if (i.match || !lp.head) continue;
    const cp = al.categoryOf('base', i.category)!;
    const example = exampleBeside(al.baseItems, i);
    add('expectation-removed', { level: levelName(lp), levelKey: levelKeyOf(lp), category: catName(cp), before: i.exp.text, ...(example ? { reasons: ['an example removed: the expectation it illustrates stands'] } : {}), position: pos(i.exp.position) }, itemKey(lp, cp, i), example ? 'editorial' : undefined);
  }
  for (const i of al.headItems) {
    const lp = al.levelOf('head', i.slot)!;
    if (i.match || !lp.base) continue;
    const cp = al.categoryOf('head', i.category)!;
    const example = exampleBeside(al.headItems, i);
    add('expectation-added', { level: levelName(lp), levelKey: levelKeyOf(lp), category: catName(cp), after: i.exp.text, ...(example ? { reasons: ['an example added: it illustrates an expectation beside it, the same demand'] } : {}), position: pos(i.exp.position) }, itemKey(lp, cp, i), example ? 'editorial' : undefined);
  }
}

/** An example sentence or bullet ("For example, …", "E.g. …", "Examples: …"): it illustrates, it asks nothing new. */
const EXAMPLE_OPENING = /^(?:[*_]+)?(?:for (?:example|instance)\b|e\.\s?g\.?(?=[\s,:])|eg[,:]|examples?\s*(?:[:\-–—]|include\b|of this\b)|such as\b|analog(?:y|ies)\s*:|this (?:could|might|may) (?:include|look like|mean)\b)/i;

/**
 * Item `i` is an example and an expectation that is not one stands in its cell, matched on both
 * sides: the demand it illustrates did not come or go with it.
 */
function exampleBeside(items: LadderAlignment['baseItems'], i: LadderAlignment['baseItems'][number]): boolean {
  if (!EXAMPLE_OPENING.test(i.exp.text.trim())) return false;
  return items.some((x) => x !== i && x.slot === i.slot && x.category === i.category && x.match !== undefined && !EXAMPLE_OPENING.test(x.exp.text.trim()));
}

type SortKey = number[];

function finish(out: Array<{ change: Change; key: SortKey }>): Change[] {
  return out
    .sort((a, b) => compareKeys(a.key, b.key) || kindRank(a.change) - kindRank(b.change) || byCodePoint(text(a.change), text(b.change)))
    .map((x) => x.change);
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const d = (a[k] ?? -Infinity) - (b[k] ?? -Infinity);
    if (d !== 0) return d;
  }
  return 0;
}

const kindRank = (c: Change) => CHANGE_KINDS.indexOf(c.kind);
const text = (c: Change) => `${c.field ?? ''}\u0000${c.before ?? ''}\u0000${c.after ?? ''}`;

function nameOf(slot: { index: number; level?: Level } | undefined): string {
  if (!slot || slot.index === SHARED || !slot.level) return ALL_LEVELS;
  return slot.level.title;
}

function keyOf(slot: { index: number; level?: Level } | undefined): string | undefined {
  if (!slot || slot.index === SHARED || !slot.level) return undefined;
  return slot.level.key;
}

function levelLabelOf(p: LevelPair): string {
  const slot = p.head ?? p.base;
  return !slot || slot.index === SHARED || !slot.level ? ALL_LEVELS : levelLabel(slot.level);
}

/**
 * A move's impact, with the class of its rewording: the same direction stays, a direction the
 * rewording does not contradict is taken, and opposite or unclear ones need a reviewer.
 */
function movedImpact(direction: Impact, cls: EditClass | undefined): Impact {
  if (!cls || cls === 'typo' || cls === 'clarified') return direction;
  const own = EDIT_CLASSES[cls].impact;
  if (own === 'needs-review') return own;
  if (direction === 'editorial' || direction === own) return own;
  return 'needs-review';
}

/** A level's label (model's levelLabel) from what a change carries: its title and stable key (a code, else the title's slug). */
export function labelFromChange(title: string | undefined, key: string | undefined): string {
  if (title === undefined) return '';
  // Codes are normalized upper case with a digit (`L3`, `IC2`); slugs are lower case.
  const code = key !== undefined && key !== slug(title) && /\d/.test(key) && key === key.toUpperCase() ? key : undefined;
  return levelLabel({ code, title });
}

function count(level: Level): number {
  return level.cells.reduce((n, c) => n + c.expectations.length, 0);
}

function metadata(base: Ladder, head: Ladder): Array<[string, string, string]> {
  const owners = (l: Ladder) => [...l.owners].sort().join(', ');
  return [
    ['title', base.title, head.title],
    ['owners', owners(base), owners(head)],
    ['status', base.status, head.status],
    ['effective', base.meta.effective ?? '', head.meta.effective ?? ''],
  ];
}

/** Whether two texts read differently as prose; the same text never does (most diffs compare unchanged texts). */
function proseDiffers(a: string, b: string): boolean {
  return a !== b && prose(a) !== prose(b);
}

/**
 * Prose compared by its words only: Markdown punctuation, table rules, HTML tags and comments, link
 * targets, images and white space are formatting, so re-wrapping, bolding or swapping an image is
 * no change; changed words are.
 */
export function prose(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/:?-{3,}:?/g, ' ')
    .replace(/[*_`~#>|\\]+/g, ' ')
    .replace(/^\s*[-+]\s/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function pos(p: Position): Position {
  return { line: p.line, column: p.column };
}

/** Fixed key order and no undefined fields, so JSON output is byte-stable. */
function ordered(c: Change): Change {
  const keys: Array<keyof Change> = [
    'kind', 'impact', 'bump', 'class', 'level', 'levelKey', 'fromLevel', 'fromLevelKey', 'category', 'fromCategory', 'field', 'before', 'after',
    'reasons', 'highlight', 'fromIndex', 'toIndex', 'expectations', 'position',
  ];
  const out: Record<string, unknown> = {};
  for (const k of keys) if (c[k] !== undefined) out[k] = c[k];
  return out as unknown as Change;
}
