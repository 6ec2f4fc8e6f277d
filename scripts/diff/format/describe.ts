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

const n = (count: number | undefined) => (count === undefined ? undefined : `${count} expectation${count === 1 ? '' : 's'}`);

export function describe(c: Change, levelLabel: (title: string) => string = (t) => t): Description {
  switch (c.kind) {
    case 'ladder-added':
      return { symbol: '+', lead: 'Ladder added', subject: c.after, note: n(c.expectations) };
    case 'ladder-removed':
      return { symbol: '-', lead: 'Ladder removed', subject: c.before, note: n(c.expectations) };
    case 'ladder-renamed':
      return { symbol: '~', lead: 'Ladder id changed', subject: c.before, target: c.after };
    case 'metadata-changed':
      return { symbol: '~', lead: `${capital(c.field ?? 'metadata')} changed`, subject: c.before || '(none)', target: c.after || '(none)' };
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

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
