import type { Change, LadderDiff } from '../diff/index.js';
import { uniqueRefs, type Ref } from './refs.js';

/** The changes one commit made to the ladders it touched (diffed against its first parent). */
export interface CommitDiff {
  ref: Ref;
  ladders: LadderDiff[];
}

/**
 * Which commits brought each release-level change in. The release's entries are the changes between
 * its two tags (so churn that cancels out never shows); each is traced through the per-commit changes
 * of the commits in between, following rewordings, moves and renames, back to the commit that added
 * it (or forward to the one that removed it). Refs come out oldest first, one per pull request.
 */
export function attribute(release: readonly LadderDiff[], commits: readonly CommitDiff[]): Map<Change, Ref[]> {
  const out = new Map<Change, Ref[]>();
  for (const ladder of release) {
    const renames = releaseRenames(ladder);
    for (const change of ladder.changes) {
      const found = trace(ladder, change, renames, commits);
      const hits = found.length > 0 ? found : loose(ladder, change, commits);
      hits.sort((a, b) => a - b);
      out.set(change, uniqueRefs(hits.map((i) => commits[i]!.ref)));
    }
  }
  return out;
}

/** Mutable position of an expectation (or level, category, field value) while walking the commits. */
interface State {
  ladder: string;
  level?: string;
  category?: string;
  /** Expectation text, level label, category name or metadata value, depending on the kind. */
  value?: string;
}

type Step = { stop: true } | { stop: false; next: Partial<State> };
/** Does this commit's change explain the state? Undefined: no; a step: yes, and where to look next. */
type Explain = (x: Change, s: State) => Step | undefined;

const HEAD_SIDE_EXPECTATION = new Set(['expectation-added', 'expectation-reworded', 'expectation-moved']);
const BASE_SIDE_EXPECTATION = new Set(['expectation-removed', 'expectation-reworded', 'expectation-moved']);

function trace(ladder: LadderDiff, c: Change, renames: ReleaseRenames, commits: readonly CommitDiff[]): number[] {
  const id = ladder.id;
  const baseId = ladder.fromId ?? ladder.id;
  const stopAt = (value: string | undefined): Step => (value !== undefined && value === c.before ? { stop: true } : { stop: false, next: {} });
  switch (c.kind) {
    case 'expectation-added':
    case 'expectation-reworded':
    case 'expectation-moved':
      return backward(commits, { ladder: id, level: c.level, category: c.category, value: c.after }, (x, s) => {
        if (x.kind === 'level-added' && x.level === s.level) return { stop: true };
        if (!HEAD_SIDE_EXPECTATION.has(x.kind) || x.after !== s.value || x.level !== s.level || x.category !== s.category) return undefined;
        if (x.kind === 'expectation-added') return { stop: true };
        const back = { level: x.fromLevel ?? x.level, category: x.fromCategory ?? x.category, value: x.before };
        // Back where the release started from (same text, same place): earlier commits are not part of it.
        const atBase = c.kind !== 'expectation-added' && back.value === c.before &&
          back.level === (c.fromLevel ?? c.level) && back.category === (c.fromCategory ?? c.category);
        return atBase ? { stop: true } : { stop: false, next: back };
      });
    case 'expectation-removed':
      return forward(commits, { ladder: baseId, level: renames.level(c.level), category: renames.category(c.category), value: c.before }, (x, s) => {
        if (x.kind === 'level-removed' && x.level === s.level) return { stop: true };
        if (!BASE_SIDE_EXPECTATION.has(x.kind) || x.before !== s.value) return undefined;
        if ((x.fromLevel ?? x.level) !== s.level || (x.fromCategory ?? x.category) !== s.category) return undefined;
        if (x.kind === 'expectation-removed') return { stop: true };
        return { stop: false, next: { level: x.level, category: x.category, value: x.after } };
      });
    case 'level-added':
    case 'level-renamed':
      return traceName(commits, id, c, 'level-added', 'level-renamed', stopAt);
    case 'level-removed':
      return traceRemovedName(commits, baseId, c, 'level-removed', 'level-renamed');
    case 'category-added':
    case 'category-renamed':
      return traceName(commits, id, c, 'category-added', 'category-renamed', stopAt);
    case 'category-removed':
      return traceRemovedName(commits, baseId, c, 'category-removed', 'category-renamed');
    case 'metadata-changed':
    case 'prose-changed':
      return backward(commits, { ladder: id, value: c.after }, (x, s) => {
        if (x.kind !== c.kind || x.field !== c.field || x.level !== c.level || x.after !== s.value) return undefined;
        return stopAt(x.before);
      }, 'label');
    case 'ladder-added':
      return commitsWhere(commits, (l) => l.status === 'added' && l.id === id);
    case 'ladder-removed':
      return commitsWhere(commits, (l) => l.status === 'removed' && l.id === baseId);
    case 'ladder-renamed':
      return commitsWhere(commits, (l) => l.status === 'renamed' && (l.id === id || l.fromId === baseId));
    case 'level-reordered':
      return commitsWhere(commits, (l) => l.id === id && l.changes.some((x) => x.kind === 'level-reordered' && x.level === c.level));
    default:
      return []; // a kind added later: the loose match still finds its commits
  }
}

/**
 * Walks from the newest commit back. After each commit, the state's names are mapped through that
 * commit's renames, so it names things as the commit's parent did. `label`: the value is a level or
 * category label, whose `before` becomes the next value.
 */
/**
 * A level or category name that came in (added, or renamed to it): walk back through renames to the
 * commit that added it, or, for a rename, to the one that still had the old name.
 */
function traceName(
  commits: readonly CommitDiff[],
  ladder: string,
  c: Change,
  added: Change['kind'],
  renamed: Change['kind'],
  stopAt: (value: string | undefined) => Step,
): number[] {
  return backward(commits, { ladder, value: c.after }, (x, s) => {
    if (x.after !== s.value) return undefined;
    if (x.kind === added) return { stop: true };
    return x.kind === renamed ? (c.kind === renamed ? stopAt(x.before) : { stop: false, next: {} }) : undefined;
  }, 'label');
}

/** A level or category name that went: walk forward through renames to the commit that removed it. */
function traceRemovedName(commits: readonly CommitDiff[], ladder: string, c: Change, removed: Change['kind'], renamed: Change['kind']): number[] {
  return forward(commits, { ladder, value: c.before }, (x, s) => {
    if (x.before !== s.value) return undefined;
    if (x.kind === removed) return { stop: true };
    return x.kind === renamed ? { stop: false, next: { value: x.after } } : undefined;
  });
}

function backward(commits: readonly CommitDiff[], start: State, explain: Explain, mode: 'item' | 'label' = 'item'): number[] {
  const hits: number[] = [];
  const s: State = { ...start };
  for (let i = commits.length - 1; i >= 0; i--) {
    const l = commits[i]!.ladders.find((d) => d.id === s.ladder);
    if (!l) continue;
    for (const x of l.changes) {
      const step = explain(x, s);
      if (!step) continue;
      hits.push(i);
      if (step.stop) return hits;
      Object.assign(s, step.next);
      if (mode === 'label') s.value = x.before;
      break;
    }
    if (mode === 'item') toBase(l, s);
    if (l.fromId !== undefined) s.ladder = l.fromId;
  }
  return hits;
}

/** Walks from the oldest commit forward, mapping the state's names to each commit's head names first. */
function forward(commits: readonly CommitDiff[], start: State, explain: Explain): number[] {
  const hits: number[] = [];
  const s: State = { ...start };
  for (let i = 0; i < commits.length; i++) {
    const l = commits[i]!.ladders.find((d) => (d.fromId ?? d.id) === s.ladder);
    if (!l) continue;
    toHead(l, s);
    s.ladder = l.id;
    for (const x of l.changes) {
      const step = explain(x, s);
      if (!step) continue;
      hits.push(i);
      if (step.stop) return hits;
      Object.assign(s, step.next);
      break;
    }
  }
  return hits;
}

function toBase(l: LadderDiff, s: State): void {
  for (const x of l.changes) {
    if (x.kind === 'level-renamed' && x.fromLevel !== undefined && x.level === s.level) s.level = x.fromLevel;
    else if (x.kind === 'category-renamed' && x.category === s.category) s.category = x.fromCategory;
  }
}

function toHead(l: LadderDiff, s: State): void {
  for (const x of l.changes) {
    if (x.kind === 'level-renamed' && x.fromLevel !== undefined && x.fromLevel === s.level) s.level = x.level;
    else if (x.kind === 'category-renamed' && x.fromCategory === s.category) s.category = x.category;
  }
}

function commitsWhere(commits: readonly CommitDiff[], test: (l: LadderDiff) => boolean): number[] {
  const hits: number[] = [];
  commits.forEach((c, i) => {
    if (c.ladders.some(test)) hits.push(i);
  });
  return hits;
}

/** Last resort when the trace finds nothing: any commit with a change of the same kind and text. */
function loose(ladder: LadderDiff, c: Change, commits: readonly CommitDiff[]): number[] {
  return commitsWhere(commits, (l) =>
    (l.id === ladder.id || l.id === ladder.fromId) &&
    l.changes.some((x) => x.kind === c.kind && x.field === c.field && (c.after !== undefined ? x.after === c.after : x.before === c.before)),
  );
}

interface ReleaseRenames {
  /** A release-level (head) level title as the base named it. */
  level(name: string | undefined): string | undefined;
  category(name: string | undefined): string | undefined;
}

// Removals name their level and category as the head does; the forward walk starts from the base.
function releaseRenames(l: LadderDiff): ReleaseRenames {
  const levels = new Map<string, string>();
  const categories = new Map<string, string>();
  for (const x of l.changes) {
    if (x.kind === 'level-renamed' && x.level !== undefined && x.fromLevel !== undefined) levels.set(x.level, x.fromLevel);
    if (x.kind === 'category-renamed' && x.category !== undefined && x.fromCategory !== undefined) categories.set(x.category, x.fromCategory);
  }
  return {
    level: (n) => (n === undefined ? n : (levels.get(n) ?? n)),
    category: (n) => (n === undefined ? n : (categories.get(n) ?? n)),
  };
}
