import type { Bump, Change, DiffResult, LadderStatus } from '../diff/index.js';
import { attribute, type CommitDiff } from './attribute.js';
import { GROUPS, GROUP_ORDER, groupOf, type GroupId } from './groups.js';
import type { Ref } from './refs.js';
import { sentence } from './sentence.js';
import { summarizeLadder } from './summary.js';

/** One release (or the unreleased changes) as history gives it. */
export interface ReleaseInput {
  /** The release's tag; absent for changes not released yet. */
  version?: string;
  /** Epoch seconds of the release's commit, for the heading's date. */
  date?: number;
  /** Previous release (or the start of history) → this release. */
  diff: DiffResult;
  /** The commits in between that touched ladder files, oldest first, with their own diffs. */
  commits: CommitDiff[];
  /** Whether any ladder file changed at all: tells "formatting only" from "nothing". */
  touched: boolean;
}

export interface ChangelogView {
  releases: ReleaseView[];
}

export interface ReleaseView {
  /** "v1.2.0", or UNRELEASED. */
  name: string;
  /** YYYY-MM-DD (UTC). */
  date?: string;
  bump: Bump;
  /** One line instead of ladders, when no expectation changed. */
  note?: string;
  /** For people: one sentence per changed ladder ("Raised the bar at L3 in Collaboration; renamed L4 to …"). */
  summary: Array<{ id: string; title: string; text: string }>;
  ladders: LadderSection[];
}

export interface LadderSection {
  id: string;
  title: string;
  status: LadderStatus;
  /** The day this version of the ladder takes effect (its frontmatter `effective`), when it says one. */
  effective?: string;
  groups: Array<{ id: GroupId; label: string; entries: Entry[] }>;
  /** The judged changes themselves, for views by level and category (a ladder's page of changes). */
  changes: Change[];
}

export interface Entry {
  subject?: string;
  text: string;
  refs: Ref[];
}

export const UNRELEASED = 'Unreleased';
export const FORMATTING_ONLY = 'Formatting only; no change to expectations.';
export const NO_CHANGE = 'No change to the ladders.';

/** Releases newest first, as given: the caller orders them. */
export function buildChangelog(releases: readonly ReleaseInput[]): ChangelogView {
  return { releases: releases.map(releaseView) };
}

export function releaseView(r: ReleaseInput): ReleaseView {
  const refs = attribute(r.diff.ladders, r.commits);
  const ladders: LadderSection[] = [];
  for (const l of r.diff.ladders) {
    if (l.changes.length === 0) continue;
    const byGroup = new Map<GroupId, Entry[]>();
    for (const c of l.changes) {
      const g = groupOf(c);
      const list = byGroup.get(g) ?? [];
      list.push({ ...sentence(c), refs: refs.get(c) ?? [] });
      byGroup.set(g, list);
    }
    ladders.push({
      id: l.id,
      title: l.title,
      status: l.status,
      ...(l.effective !== undefined && l.status !== 'removed' ? { effective: l.effective } : {}),
      groups: GROUP_ORDER.filter((g) => byGroup.has(g)).map((g) => ({ id: g, label: GROUPS[g], entries: byGroup.get(g)! })),
      // Without the word-level highlight: the page shows before and after, and the view crosses a thread.
      changes: l.changes.map(({ highlight: _h, ...c }) => c),
    });
  }
  return {
    name: r.version ?? UNRELEASED,
    ...(r.date !== undefined ? { date: isoDate(r.date) } : {}),
    bump: r.diff.bump,
    ...(ladders.length === 0 ? { note: r.touched ? FORMATTING_ONLY : NO_CHANGE } : {}),
    summary: r.diff.ladders.flatMap((l) => {
      const text = summarizeLadder(l);
      return text ? [{ id: l.id, title: l.title, text }] : [];
    }),
    ladders,
  };
}

function isoDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10);
}
