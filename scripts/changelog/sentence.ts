import { KINDS, labelFromChange, type Change, type ChangeKind, type EditClass } from '../diff/index.js';
import { quote } from './text.js';

/** One entry as a reader sees it: the place it concerns (bold) and what happened there, as a sentence. */
export interface Sentence {
  /** "Senior · Collaboration", "L5 · Principal", "Owners"; absent for ladder-wide changes. */
  subject?: string;
  text: string;
}

const count = (n: number | undefined) => (n === undefined ? '' : `, with ${n === 1 ? 'its 1 expectation' : `its ${n} expectations`}`);
const withCount = (n: number | undefined) => (n === undefined ? '' : `, with ${n} expectation${n === 1 ? '' : 's'}`);

/** What a rewording did, as the changelog says it. */
const REWORDED: Record<EditClass, string> = {
  typo: 'typo fixed',
  clarified: 'clarified',
  raised: 'bar raised',
  lowered: 'bar lowered',
  changed: 'demand changed (needs review)',
};

export function sentence(c: Change): Sentence {
  const s = sentenceOf(c);
  // A parent's change also changes the derived ladders that inherit it: say which.
  return c.inheritedBy?.length ? { ...s, text: `${s.text} (inherited by ${c.inheritedBy.join(', ')})` } : s;
}

function sentenceOf(c: Change): Sentence {
  // Levels as readers know them: code and title ("L3 · Owns a system").
  const level = c.level === undefined ? undefined : labelFromChange(c.level, c.levelKey);
  const fromLevel = c.fromLevel === undefined ? undefined : labelFromChange(c.fromLevel, c.fromLevelKey);
  const where = [c.track, level, c.category].filter(Boolean).join(' · ') || undefined;
  const why = c.reasons?.length && c.class !== 'typo' && c.class !== 'clarified' ? ` (${c.reasons.join('; ')})` : '';
  const at = (text: string): Sentence => (where === undefined ? { text } : { subject: where, text });
  switch (c.kind) {
    case 'expectation-added':
      return at(`now expects ${quote(c.after)}`);
    case 'expectation-removed':
      return at(`no longer expects ${quote(c.before)}`);
    case 'expectation-reworded':
      return at(`${c.class ? REWORDED[c.class] : 'reworded'}: ${quote(c.after)}${why}`);
    case 'expectation-moved': {
      const from = fromLevel !== undefined && c.fromCategory !== undefined
        ? `${fromLevel} · ${c.fromCategory}`
        : (fromLevel ?? c.fromCategory ?? '');
      const to = fromLevel !== undefined && c.fromCategory !== undefined
        ? where
        : fromLevel !== undefined ? level : c.category;
      const reworded = c.before !== undefined && c.before !== c.after ? ' and reworded' : '';
      // "moved to a more senior level: the bar is lowered at Junior" → "; the bar is lowered at Junior".
      const [direction, ...rest] = c.reasons ?? [];
      const bar = direction?.startsWith('moved ') ? `; ${direction.slice(direction.indexOf(': ') + 2)}` : '';
      const more = (bar ? rest : (c.reasons ?? [])).filter(() => c.class !== 'typo' && c.class !== 'clarified');
      return at(`${quote(c.after)} moved from ${from} to ${to}${reworded}${bar}${more.length ? ` (${more.join('; ')})` : ''}`);
    }
    case 'level-added':
      return { subject: c.after ?? c.level, text: `new level${withCount(c.expectations)}` };
    case 'level-removed':
      return { subject: c.before ?? c.level, text: `level removed${count(c.expectations)}` };
    case 'level-renamed':
      return { subject: c.after ?? c.level, text: c.class === 'typo' ? `level title retyped from ${quote(c.before)}` : `level renamed from ${quote(c.before)}` };
    case 'level-reordered':
      return { subject: level, text: `moved from position ${c.fromIndex} to position ${c.toIndex} in the order of levels` };
    case 'category-added':
      return { subject: c.after ?? c.category, text: 'new category' };
    case 'category-removed':
      return { subject: c.before ?? c.category, text: 'category removed' };
    case 'category-renamed':
      return { subject: c.after ?? c.category, text: `category ${c.class === 'typo' ? 'name retyped' : 'renamed'} from ${quote(c.before)}` };
    case 'ladder-added':
      return { text: `New ladder${withCount(c.expectations)}` };
    case 'ladder-removed':
      return { text: `Ladder removed${count(c.expectations)}` };
    case 'ladder-renamed':
      return { text: `Ladder id changed from ${quote(c.before)} to ${quote(c.after)}` };
    case 'metadata-changed': {
      const field = capital(c.field ?? 'metadata');
      if (!c.before) return { subject: field, text: `set to ${quote(c.after)}` };
      if (!c.after) return { subject: field, text: `removed (was ${quote(c.before)})` };
      return { subject: field, text: `changed from ${quote(c.before)} to ${quote(c.after)}` };
    }
    case 'prose-changed':
      return c.field === 'description' ? at('level description reworded') : { text: c.field === 'intro' ? 'Introduction reworded' : 'Notes reworded' };
    default:
      // A kind registered after this file was written still makes a readable line.
      return at(`${(KINDS[c.kind as ChangeKind]?.label ?? String(c.kind)).toLowerCase()}${c.after ? `: ${quote(c.after)}` : ''}`);
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
