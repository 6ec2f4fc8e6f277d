/**
 * The one registry of change kinds (DESIGN.md §3): stable id → default impact, default bump exception, label.
 * The alignment (align.ts) only finds changes; this table and policy.ts judge them, as oasdiff's checker/ does.
 */

export const IMPACTS = ['breaking', 'raises-bar', 'lowers-bar', 'needs-review', 'editorial', 'metadata'] as const;
export type Impact = (typeof IMPACTS)[number];

export const BUMPS = ['none', 'patch', 'minor', 'major'] as const;
export type Bump = (typeof BUMPS)[number];

export interface KindDef {
  /** Impact when the alignment does not decide it (only `expectation-moved` varies, by direction). */
  impact: Impact;
  /** Bump for this kind when it differs from its impact's default (prose is only a patch). */
  bump?: Bump;
  /** Short human label, sentence case. */
  label: string;
}

export const KINDS = {
  'ladder-added': { impact: 'editorial', label: 'Ladder added' },
  // The id names the release assets (`<id>.pdf`) and is how reviews refer to a ladder, like a level title.
  'ladder-removed': { impact: 'breaking', label: 'Ladder removed' },
  'ladder-renamed': { impact: 'breaking', label: 'Ladder renamed' },
  'metadata-changed': { impact: 'metadata', label: 'Metadata changed' },
  // Intro, notes or a level's description: read by everyone, but no expectation changed.
  'prose-changed': { impact: 'editorial', bump: 'patch', label: 'Prose changed' },
  'level-added': { impact: 'editorial', label: 'Level added' },
  'level-removed': { impact: 'breaking', label: 'Level removed' },
  'level-renamed': { impact: 'breaking', label: 'Level renamed' },
  'level-reordered': { impact: 'editorial', label: 'Level reordered' },
  'category-added': { impact: 'editorial', label: 'Category added' },
  'category-removed': { impact: 'breaking', label: 'Category removed' },
  'category-renamed': { impact: 'editorial', label: 'Category renamed' },
  // Removed before added: at one position, the old text reads first, as in any diff.
  'expectation-removed': { impact: 'lowers-bar', label: 'Expectation removed' },
  'expectation-added': { impact: 'raises-bar', label: 'Expectation added' },
  // Its impact and bump come from its edit class (classify/classes.ts): typo, clarified, raised, lowered, changed.
  'expectation-reworded': { impact: 'editorial', label: 'Expectation reworded' },
  'expectation-moved': { impact: 'editorial', label: 'Expectation moved' },
} as const satisfies Record<string, KindDef>;

export type ChangeKind = keyof typeof KINDS;

export const CHANGE_KINDS = Object.keys(KINDS) as ChangeKind[];

export const IMPACT_LABELS: Record<Impact, string> = {
  breaking: 'Breaking',
  'raises-bar': 'Raises the bar',
  'lowers-bar': 'Lowers the bar',
  'needs-review': 'Needs review',
  editorial: 'Editorial',
  metadata: 'Metadata',
};
