import { EDIT_CLASSES } from '../classify/classes.js';
import type { Change } from '../types.js';

/**
 * What each formatter says about a change, minus the typography: a symbol, a short lead and the
 * subject text. Shared so text, markdown and html never disagree on wording.
 */
export interface Description {
  /** + added, - removed, ~ changed, → moved. */
  symbol: '+' | '-' | '~' | '→';
  /** "Level renamed", "Owners changed", the category of an expectation, or where a move went. */
  lead: string;
  /** The subject as plain text (for moves and rewordings the formatter may show `highlight` instead). */
  subject?: string;
  /** A second subject shown as "subject → target" (renames, metadata, reorders). */
  target?: string;
  /** Extra remark in parentheses: "3 expectations". */
  note?: string;
}

/** Why a change was judged as it was: the class of a rewording (or retitle) and its reasons, in words. */
export interface Judgement {
  /** "raised", "typo", …; absent for changes without a class. */
  class?: string;
  /** "'with some guidance' removed: more autonomy expected; …" */
  reasons?: string;
}

export function judgement(c: Change): Judgement | undefined {
  if (!c.class && !c.reasons?.length) return undefined;
  return {
    ...(c.class ? { class: c.class } : {}),
    ...(c.reasons?.length ? { reasons: c.reasons.join('; ') } : {}),
  };
}

/** "Raises the bar", "Typo": the class's label. */
export function classLabel(cls: keyof typeof EDIT_CLASSES): string {
  return EDIT_CLASSES[cls].label;
}

const n = (count: number | undefined) => (count === undefined ? undefined : `${count} expectation${count === 1 ? '' : 's'}`);

export function describe(c: Change, levelLabel: (title: string) => string = (t) => t): Description {
  const d = describeKind(c, levelLabel);
  if (!c.inheritedBy?.length) return d;
  // A parent's change also changes the derived ladders that inherit it: say which.
  return { ...d, note: [d.note, `inherited by ${c.inheritedBy.join(', ')}`].filter(Boolean).join('; ') };
}

function describeKind(c: Change, levelLabel: (title: string) => string): Description {
  switch (c.kind) {
    case 'ladder-added':
      return { symbol: '+', lead: 'Ladder added', subject: c.after, note: n(c.expectations) };
    case 'ladder-removed':
      return { symbol: '-', lead: 'Ladder removed', subject: c.before, note: n(c.expectations) };
    case 'ladder-renamed':
      return { symbol: '~', lead: 'Ladder id changed', subject: c.before, target: c.after };
    case 'metadata-changed':
      return { symbol: '~', lead: `${capital(c.field ?? 'metadata')} changed`, subject: c.before || '(none)', target: c.after || '(none)' };
    case 'prose-changed':
      return { symbol: '~', lead: PROSE_LEADS[c.field ?? ''] ?? 'Prose changed', ...excerpt(c.before ?? '', c.after ?? '') };
    case 'category-added':
      return { symbol: '+', lead: 'Category added', subject: c.after };
    case 'category-removed':
      return { symbol: '-', lead: 'Category removed', subject: c.before };
    case 'category-renamed':
      return { symbol: '~', lead: 'Category renamed', subject: c.before, target: c.after };
    case 'level-added':
      return { symbol: '+', lead: 'Level added', subject: c.after, note: n(c.expectations) };
    case 'level-removed':
      return { symbol: '-', lead: 'Level removed', subject: c.before, note: n(c.expectations) };
    case 'level-renamed':
      return { symbol: '~', lead: 'Level renamed', subject: c.before, target: c.after };
    case 'level-reordered':
      return { symbol: '~', lead: 'Level moved in the order', subject: `position ${c.fromIndex}`, target: `position ${c.toIndex}` };
    case 'expectation-added':
      return { symbol: '+', lead: c.category ?? '', subject: c.after };
    case 'expectation-removed':
      return { symbol: '-', lead: c.category ?? '', subject: c.before };
    case 'expectation-reworded':
      return { symbol: '~', lead: c.category ?? '', subject: c.after };
    case 'expectation-moved':
      return { symbol: '→', lead: moved(c, levelLabel), subject: c.after };
  }
}

/** "from L2 · Mid → L1 · Junior (Craft)", "from Craft → Team", or both parts when both changed. */
function moved(c: Change, levelLabel: (title: string) => string): string {
  const level = (t: string | undefined) => (t === undefined ? '' : levelLabel(t));
  if (c.fromCategory === undefined) return `from ${level(c.fromLevel)} → ${level(c.level)} (${c.category ?? ''})`;
  if (c.fromLevel === undefined) return `from ${c.fromCategory} → ${c.category ?? ''}`;
  return `from ${level(c.fromLevel)} / ${c.fromCategory} → ${level(c.level)} / ${c.category ?? ''}`;
}

const PROSE_LEADS: Record<string, string> = { intro: 'Introduction changed', notes: 'Notes changed', description: 'Level description changed' };

/** Where two long texts first differ, with a little context on each side: what a reviewer needs to find the edit. */
function excerpt(before: string, after: string): { subject: string; target: string } {
  const a = before.replace(/\s+/g, ' ').trim();
  const b = after.replace(/\s+/g, ' ').trim();
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  const cut = (s: string) => {
    const start = Math.max(0, s.lastIndexOf(' ', Math.max(0, i - 40)) + 1);
    const end = Math.min(s.length, s.indexOf(' ', Math.min(s.length, s.length - j + 40)) === -1 ? s.length : s.indexOf(' ', Math.min(s.length, s.length - j + 40)));
    const body = s.slice(start, Math.min(end, start + 200));
    return `${start > 0 ? '…' : ''}${body}${start + body.length < s.length ? '…' : ''}` || '(none)';
  };
  return { subject: cut(a), target: cut(b) };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
