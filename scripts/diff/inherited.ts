import type { Ladder } from '../model/ladder.js';
import { nameKey } from '../rules/text.js';
import { ALL_LEVELS, type LadderDiff } from './types.js';

// A parent's change reaches every ladder that extends it and inherits the changed cell (scripts/derive/):
// each such change names them, "inherited by sre SRE2", so its reviewers know whose ladder it also changes.

const key = (ladder: string, level: string | undefined, category?: string) =>
  `${ladder}\u0000${level ?? ALL_LEVELS}\u0000${category === undefined ? '' : nameKey(category)}`;

/** Who inherits what: parent cell (and parent level) → "child LEVEL", from both revisions' resolved ladders. */
function inheritors(ladders: readonly Ladder[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const note = (k: string, who: string) => {
    const set = out.get(k) ?? new Set<string>();
    set.add(who);
    out.set(k, set);
  };
  for (const child of ladders) {
    if (!child.derivedFrom) continue;
    for (const level of child.levels) {
      const who = `${child.id} ${level.code ?? level.key}`;
      // A level the child restates still takes its place and cells from the parent's level.
      if (level.origin && level.origin.kind !== 'added') note(key(level.origin.ladder, level.origin.level), who);
      for (const cell of level.cells) if (cell.origin?.kind === 'inherited') note(key(cell.origin.ladder, cell.origin.level, cell.origin.category), who);
    }
    for (const cell of child.shared) if (cell.origin?.kind === 'inherited') note(key(cell.origin.ladder, cell.origin.level, cell.origin.category), `${child.id} ${ALL_LEVELS}`);
  }
  return out;
}

/**
 * Sets `inheritedBy` on each change of a parent ladder whose cell (or, for level changes, level) a
 * derived ladder inherits at either revision; overridden and removed cells are not inherited.
 */
export function markInherited(diffs: readonly LadderDiff[], base: readonly Ladder[], head: readonly Ladder[]): void {
  const index = inheritors([...base, ...head]);
  if (index.size === 0) return;
  for (const diff of diffs) {
    for (const change of diff.changes) {
      const cellWide = change.kind.startsWith('expectation-') || change.kind.startsWith('category-');
      const level = change.level === ALL_LEVELS ? undefined : (change.levelKey ?? change.level);
      if (change.level === undefined && !cellWide) continue;
      const found = new Set<string>();
      const look = (k: string) => index.get(k)?.forEach((w) => found.add(w));
      if (cellWide) {
        for (const category of [change.category, change.fromCategory]) if (category !== undefined) look(key(diff.id, level, category));
        if (change.fromLevelKey !== undefined && change.category !== undefined) look(key(diff.id, change.fromLevelKey, change.category));
      } else look(key(diff.id, level));
      if (found.size > 0) change.inheritedBy = [...found].sort();
    }
  }
}
