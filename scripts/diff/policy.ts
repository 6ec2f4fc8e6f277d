import { EDIT_CLASSES, type EditClass } from './classify/classes.js';
import { BUMPS, KINDS, type Bump, type ChangeKind, type Impact } from './kinds.js';

/**
 * Config `bump`: a bump per impact (the keys themselves), and, more specific, per change kind
 * (`kinds`) and per edit class of a rewording (`classes`). The most specific setting wins.
 */
export type BumpPolicy = Partial<Record<Impact, Bump>> & {
  kinds?: Partial<Record<ChangeKind, Bump>>;
  classes?: Partial<Record<EditClass, Bump>>;
};

/** The default policy: a new or raised expectation is major, a deletion or clarification minor. */
export const DEFAULT_BUMPS: Readonly<Record<Impact, Bump>> = {
  breaking: 'major',
  'raises-bar': 'major',
  'lowers-bar': 'minor',
  // The demand changed and the tool cannot tell which way: a reviewer decides, major until then.
  'needs-review': 'major',
  editorial: 'minor',
  metadata: 'minor',
};

/**
 * The bump one change calls for. Configured settings first, the most specific winning (class, then
 * kind, then impact): `bump: {editorial: minor}` makes every editorial change minor, typo fixes
 * included, unless `classes: {typo: …}` says otherwise. Then the defaults: the class's own bump (a
 * typo fix is a patch), the kind's exception (prose is a patch), the impact's.
 */
export function bumpFor(kind: ChangeKind, impact: Impact, policy: BumpPolicy = {}, cls?: EditClass): Bump {
  const configured = (cls && EDIT_CLASSES[cls].impact === impact ? policy.classes?.[cls] : undefined) ?? policy.kinds?.[kind] ?? policy[impact];
  if (configured) return configured;
  if (cls && EDIT_CLASSES[cls].impact === impact) return EDIT_CLASSES[cls].bump;
  const def: { impact: Impact; bump?: Bump } = KINDS[kind];
  if (def.bump && def.impact === impact) return def.bump;
  return DEFAULT_BUMPS[impact];
}

export function maxBump(bumps: Iterable<Bump>): Bump {
  let best = 0;
  for (const b of bumps) best = Math.max(best, BUMPS.indexOf(b));
  return BUMPS[best]!;
}
