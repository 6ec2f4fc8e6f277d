import type { Change } from '../diff/index.js';

/**
 * The changelog's sections within a ladder, in reading order: what a reader must act on first.
 * They follow the diff's impacts, except that editorial additions (a new level, category or ladder)
 * get their own "Added" section, and metadata (title, owners, status) is kept apart from wording
 * edits in its own last section: it changes who looks after a ladder, not what it asks of anyone.
 */
export const GROUPS = {
  breaking: 'Breaking',
  'raises-bar': 'Raises the bar',
  'lowers-bar': 'Lowers the bar',
  'needs-review': 'Needs review',
  added: 'Added',
  editorial: 'Editorial',
  metadata: 'Metadata',
} as const;

export type GroupId = keyof typeof GROUPS;
export const GROUP_ORDER = Object.keys(GROUPS) as GroupId[];

const ADDITIONS = new Set<Change['kind']>(['ladder-added', 'level-added', 'category-added']);

export function groupOf(c: Change): GroupId {
  if (c.impact === 'editorial' && ADDITIONS.has(c.kind)) return 'added';
  return c.impact;
}
