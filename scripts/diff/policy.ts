import { BUMPS, KINDS, type Bump, type ChangeKind, type Impact } from './kinds.js';

/** Bump per impact; config `bump` overrides any of them (DESIGN.md §3). */
export type BumpPolicy = Partial<Record<Impact, Bump>>;

/** The default policy: a new or raised expectation is major, a deletion or clarification minor. */
export const DEFAULT_BUMPS: Readonly<Record<Impact, Bump>> = {
  breaking: 'major',
  'raises-bar': 'major',
  'lowers-bar': 'minor',
  editorial: 'minor',
  metadata: 'minor',
};

/**
 * The bump one change calls for. A configured bump for the impact wins over everything, including a
 * kind's own exception (a rewording is a patch by default, but `bump: {editorial: minor}` makes it minor).
 */
export function bumpFor(kind: ChangeKind, impact: Impact, policy: BumpPolicy = {}): Bump {
  const configured = policy[impact];
  if (configured) return configured;
  const def: { impact: Impact; bump?: Bump } = KINDS[kind];
  if (def.bump && def.impact === impact) return def.bump;
  return DEFAULT_BUMPS[impact];
}

export function maxBump(bumps: Iterable<Bump>): Bump {
  let best = 0;
  for (const b of bumps) best = Math.max(best, BUMPS.indexOf(b));
  return BUMPS[best]!;
}
