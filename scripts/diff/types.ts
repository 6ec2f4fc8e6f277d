import type { Position } from '../model/ladder.js';
import type { EditClass } from './classify/classes.js';
import type { Bump, ChangeKind, Impact } from './kinds.js';
import type { Segment } from './similarity.js';

export type LadderStatus = 'added' | 'removed' | 'renamed' | 'modified' | 'unchanged';

/** The level name used for expectations shared by every level. */
export const ALL_LEVELS = 'All levels';

/** One change, as DESIGN.md §3 prints it; extra fields are optional additions to the contract. */
export interface Change {
  kind: ChangeKind;
  impact: Impact;
  bump: Bump;
  /** The track (level set) the change is in, when the ladder has several: its title, head side. */
  track?: string;
  /** Rewordings (and moves that were reworded), retitles: what the edit does to the demand. */
  class?: EditClass;
  /** Level where the change lands (its title): head side, base side when the level is gone. */
  level?: string;
  /** The level's stable key (its code, else a slug of its title), beside the title. */
  levelKey?: string;
  fromLevel?: string;
  fromLevelKey?: string;
  category?: string;
  fromCategory?: string;
  /** metadata-changed: which frontmatter field. */
  field?: string;
  before?: string;
  after?: string;
  /** Why the class (or a move's impact), in words: "'with some guidance' removed: more autonomy expected". */
  reasons?: string[];
  /** Rewordings (and moves that were reworded): word-level segments of before → after. */
  highlight?: Segment[];
  /** level-reordered: 1-based rank among the levels, before and after. */
  fromIndex?: number;
  toIndex?: number;
  /** level/ladder added or removed: how many expectations came or went with it. */
  expectations?: number;
  /** Where it is in the head file (the base file for removals). */
  position?: Position;
  /** Derived ladders that inherit the changed cell and so change with it: "sre SRE2" (child id and level). */
  inheritedBy?: string[];
}

export interface LadderDiff {
  id: string;
  /** When renamed: the id at base. */
  fromId?: string;
  title: string;
  status: LadderStatus;
  bump: Bump;
  /** Head file (base file when removed). */
  file?: string;
  fromFile?: string;
  /** The head's frontmatter `effective` date (YYYY-MM-DD), when it has one. */
  effective?: string;
  changes: Change[];
}

export interface DiffResult {
  base: string;
  head: string;
  bump: Bump;
  ladders: LadderDiff[];
}
