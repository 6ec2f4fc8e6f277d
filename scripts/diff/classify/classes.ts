import type { Bump, Impact } from '../kinds.js';

/**
 * What a rewording does to the demand (DESIGN.md §3): the one home of the edit classes, each with
 * the impact it carries and its default bump. A typo fix is a patch, a clarification minor, a raised
 * bar major, a lowered bar minor; a change whose direction the classifier cannot tell needs review.
 */
export const EDIT_CLASSES = {
  typo: { impact: 'editorial', bump: 'patch', label: 'Typo', summary: 'spelling, punctuation, hyphenation, British/American spelling or an article' },
  clarified: { impact: 'editorial', bump: 'minor', label: 'Clarified', summary: 'other words, same demand' },
  raised: { impact: 'raises-bar', bump: 'major', label: 'Raises the bar', summary: 'more autonomy, scope, frequency, quantity or a stronger verb' },
  lowered: { impact: 'lowers-bar', bump: 'minor', label: 'Lowers the bar', summary: 'the reverse of raised' },
  changed: { impact: 'needs-review', bump: 'major', label: 'Changed', summary: 'the demand changed, its direction is unclear' },
} as const satisfies Record<string, { impact: Impact; bump: Bump; label: string; summary: string }>;

export type EditClass = keyof typeof EDIT_CLASSES;
export const EDIT_CLASS_IDS = Object.keys(EDIT_CLASSES) as EditClass[];

/** A classified edit: its class and, in words, why. */
export interface Verdict {
  class: EditClass;
  reasons: string[];
}
