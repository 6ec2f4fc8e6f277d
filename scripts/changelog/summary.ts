import { groupOf, type GroupId } from './groups.js';
import type { Change, LadderDiff } from '../diff/index.js';

/**
 * One sentence per changed ladder, for people rather than maintainers: "Raised the bar at L3 in
 * Collaboration; renamed L4 to “Staff engineer”; clarified the wording of 2 expectations." Places are
 * named by level code (else title) and category; the quotes and pull requests stay in the details.
 */
export function summarizeLadder(diff: LadderDiff): string | undefined {
  const phrases: string[] = [];
  const byGroup = new Map<GroupId, Change[]>();
  for (const c of diff.changes) byGroup.set(groupOf(c), [...(byGroup.get(groupOf(c)) ?? []), c]);
  const of = (g: GroupId) => byGroup.get(g) ?? [];

  if (diff.status === 'added') return 'New ladder.';
  if (diff.status === 'removed') return 'Removed.';
  if (diff.status === 'renamed' && diff.fromId) phrases.push(`now published as ${diff.id} (was ${diff.fromId})`);

  for (const c of of('breaking')) {
    if (c.kind === 'level-removed') phrases.push(`removed ${short(c.level, c.levelKey)}`);
    else if (c.kind === 'level-renamed') phrases.push(`renamed ${short(c.fromLevel, c.fromLevelKey)} to “${c.level}”`);
    else if (c.kind === 'category-removed') phrases.push(`removed the category ${c.category}`);
  }
  const places = (list: Change[], verb: string) => {
    if (list.length) phrases.push(`${verb} at ${where(list)}`);
  };
  places(of('raises-bar'), 'raised the bar');
  places(of('lowers-bar'), 'lowered the bar');
  places(of('needs-review'), 'changed what is asked (direction unclear)');
  for (const c of of('added')) {
    if (c.kind === 'level-added') phrases.push(`added ${short(c.level, c.levelKey)}`);
    else if (c.kind === 'category-added') phrases.push(`added the category ${c.category}`);
  }
  const editorial = of('editorial');
  for (const c of editorial) {
    if (c.kind === 'category-renamed') phrases.push(`renamed the category ${c.fromCategory} to ${c.category}`);
    if (c.kind === 'level-reordered') phrases.push(`reordered ${short(c.level, c.levelKey)}`);
    if (c.kind === 'level-renamed') phrases.push(`corrected the title of ${short(c.level, c.levelKey)}`);
  }
  const reworded = editorial.filter((c) => c.kind === 'expectation-reworded' || c.kind === 'expectation-moved');
  const typos = reworded.filter((c) => c.class === 'typo').length;
  const wording = reworded.length - typos;
  const prose = editorial.length - reworded.length - editorial.filter((c) => ['category-renamed', 'level-reordered', 'level-renamed'].includes(c.kind)).length;
  if (wording) phrases.push(`clarified the wording of ${wording} ${wording === 1 ? 'expectation' : 'expectations'}`);
  if (typos) phrases.push(`fixed ${typos === 1 ? 'a typo' : `${typos} typos`}`);
  if (prose) phrases.push('edited the explanatory text');
  const fields = [...new Set(of('metadata').map((c) => c.field ?? 'details'))];
  if (fields.length) phrases.push(`updated its ${fields.join(' and ')}`);
  if (!phrases.length) return undefined;
  const text = phrases.join('; ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** "L3 in Collaboration and Execution, L4 in Craft": levels in order of appearance, their categories. */
function where(list: Change[]): string {
  const levels = new Map<string, Set<string>>();
  for (const c of list) {
    const level = c.level === undefined ? 'every level' : short(c.level, c.levelKey);
    const set = levels.get(level) ?? new Set<string>();
    if (c.category) set.add(c.category);
    levels.set(level, set);
  }
  return [...levels].map(([level, cats]) => (cats.size ? `${level} in ${and([...cats])}` : level)).join(', ');
}

function and(list: string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** The level as a reader says it: its code (`L3`), else its title. */
function short(title: string | undefined, key: string | undefined): string {
  if (title === undefined) return 'a level';
  return key !== undefined && /\d/.test(key) && key === key.toUpperCase() && key !== title ? key : `“${title}”`;
}
