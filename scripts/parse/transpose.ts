import { MAIN_TRACK, type Cell, type Level, type Note, type Track } from '../model/ladder.js';
import { FALLBACK_CATEGORY } from './content.js';
import { codeSeries, levelAxis, looksLikeLevelTitle, parseLevelTitle } from './level-title.js';
import type { LineRoles } from './roles.js';
import { slug } from './text.js';
import type { ParseFacts } from './types.js';

/** A heading that can only name a level set, never a category. */
const TRACK_ONLY = /\b(?:tracks?|paths?|ladders?|individual contributors?|ics?)\b/i;
/** Of two sections, one titled so is a track (management beside engineering), not a category. */
const PAIR_TRACK = /\b(?:management|leadership|people)\b/i;

type Reading = { levels: Level[]; tracks: Track[]; notes: Note[] };

/**
 * A ladder written category by category (`## Code quality`, then `### Junior` or `- **Junior:** …`
 * under it) is first read with the depth that names the categories as levels, or, when its level
 * sub-headings carry codes (`### L1` under each category), as one track per category. The reading is
 * turned round when it reads so:
 * - one track whose "levels" are not titled like levels while their categories are (levelAxis);
 * - tracks of one level set (each names a level another names too), each level holding only
 *   bullets, no track titled like a track or a level (of two, the very same levels, and neither
 *   titled like management or leadership).
 * Each level then gathers its cells from the sections in file order, each section a category; a
 * section's own prose becomes a note titled by it; the line roles and the category occurrences
 * follow. Undefined when the reading stands as it is.
 */
export function transposeCategoryMajor(read: Reading, title: string, facts: ParseFacts, roles: LineRoles | undefined): Reading | undefined {
  const { levels, tracks } = read;
  if (levels.length === 0) return undefined;
  // One category per section: [category, level title or label, cell] in file order.
  let cells: Array<{ track: string; category: string; level: Pick<Level, 'key' | 'code' | 'title'>; position: Level['position']; cell: Cell }>;
  let notes: Note[];
  let occurrence: (o: ParseFacts['occurrences'][number]) => ParseFacts['occurrences'][number];
  let turned: Track[] = [{ key: MAIN_TRACK, title }];
  if (tracks.length === 1) {
    const labels = [...new Set(levels.flatMap((l) => l.cells.map((c) => c.category)))];
    if (levelAxis(levels.map((l) => l.code ?? l.title), labels) !== 'rows') return undefined;
    // Sections titled like tracks (`## Management` beside `## Engineering`) are level sets: each its own track.
    const asTracks = levels.some((l) => TRACK_ONLY.test(l.title)) || (levels.length === 2 && levels.some((l) => PAIR_TRACK.test(l.title)));
    if (asTracks) turned = levels.map((l) => ({ key: slug(l.title), title: l.title, position: l.position }));
    const trackOf = new Map(levels.map((l, i) => [l.key, turned[asTracks ? i : 0]!.key]));
    cells = levels.flatMap((l) => l.cells.map((cell) => ({ track: trackOf.get(l.key)!, category: asTracks ? FALLBACK_CATEGORY : l.title, level: parseLevelTitle(cell.category), position: cell.position, cell })));
    notes = levels.filter((l) => l.description).map((l) => ({ title: l.title, markdown: l.description!, position: l.position }));
    const titleOf = new Map(levels.map((l) => [l.key, l.title]));
    occurrence = (o) => {
      const moved = { levelKey: parseLevelTitle(o.category).key, category: asTracks ? FALLBACK_CATEGORY : (titleOf.get(o.levelKey) ?? o.levelKey), position: o.position };
      return asTracks ? { track: trackOf.get(o.levelKey) ?? MAIN_TRACK, ...moved } : moved;
    };
    roles?.remap({ 'level-heading': asTracks ? 'track-heading' : 'category-label', 'category-label': 'level-heading', 'level-description': 'note' });
  } else {
    // Two sections may be two tracks of the same codes (an IC and a management track): then only the
    // very same levels, under headings that name no track, are two categories.
    const pair = tracks.length === 2;
    if (tracks.some((t) => TRACK_ONLY.test(t.title) || looksLikeLevelTitle(t.title) || (pair && PAIR_TRACK.test(t.title)))) return undefined;
    if (levels.some((l) => l.cells.length !== 1 || l.cells[0]!.category !== FALLBACK_CATEGORY)) return undefined;
    const keysOf = (t: Track) => levels.filter((l) => l.track === t.key).map((l) => l.key);
    if (pair && keysOf(tracks[0]!).join('\u0000') !== keysOf(tracks[1]!).join('\u0000')) return undefined;
    // One level set: each section names some level another names too, or all are codes of one series
    // (P1 … P4, each written where its behaviours start); tracks of their own codes share neither.
    const keys = tracks.map((t) => new Set(keysOf(t)));
    const shared = keys.every((own, i) => keys.some((other, j) => j !== i && [...own].some((k) => other.has(k))));
    const series = new Set(levels.map((l) => codeSeries(l.code)?.series || '\u0000'));
    if (!shared && !(series.size === 1 && !series.has('\u0000'))) return undefined;
    const trackTitle = new Map(tracks.map((t) => [t.key, t.title]));
    cells = levels.map((l) => ({ track: MAIN_TRACK, category: trackTitle.get(l.track)!, level: l, position: l.position, cell: l.cells[0]! }));
    notes = [
      ...tracks.filter((t) => t.description).map((t) => ({ title: t.title, markdown: t.description!, position: t.position ?? levels[0]!.position })),
      ...levels.filter((l) => l.description).map((l) => ({ title: `${trackTitle.get(l.track)} · ${l.title}`, markdown: l.description!, position: l.position })),
    ];
    const keyOf = new Map(levels.map((l) => [`${l.track}\u0000${l.key}`, l.key]));
    occurrence = (o) => ({ levelKey: keyOf.get(`${o.track}\u0000${o.levelKey}`) ?? o.levelKey, category: trackTitle.get(o.track ?? '') ?? o.category, position: o.position });
    roles?.remap({ 'track-heading': 'category-label', 'level-description': 'note' });
  }
  const out = new Map<string, Level>();
  for (const { track, category, level: t, position, cell } of cells) {
    let level = out.get(`${track}\u0000${t.key}`);
    if (!level) out.set(`${track}\u0000${t.key}`, (level = { key: t.key, track, ...(t.code ? { code: t.code } : {}), title: t.title, position, cells: [] }));
    const existing = level.cells.find((c) => c.category === category);
    if (existing) existing.expectations.push(...cell.expectations);
    else level.cells.push({ category, position: cell.position, expectations: [...cell.expectations] });
  }
  facts.occurrences = facts.occurrences.map(occurrence);
  // Each section lists its levels junior first, some only where they differ: one order agreeing with all.
  const sections = new Map<string, string[]>();
  for (const c of cells) {
    const id = `${c.track}\u0000${c.category}`;
    const list = sections.get(id) ?? [];
    if (!list.includes(`${c.track}\u0000${c.level.key}`)) list.push(`${c.track}\u0000${c.level.key}`);
    sections.set(id, list);
  }
  const order = mergeOrders([...sections.values()], (id) => out.get(id)?.code);
  return { levels: order.map((id) => out.get(id)!), tracks: turned, notes: [...notes, ...read.notes].sort((a, b) => a.position.line - b.position.line) };
}

/**
 * One order of all items that keeps the order of every list wherever the lists agree (a topological
 * sort of "comes before"). Where the lists do not say, level codes of one series decide (`SE2` before
 * `SE3`); otherwise, and in a contradiction, the item seen first.
 */
export function mergeOrders(lists: readonly string[][], codeOf: (item: string) => string | undefined = () => undefined): string[] {
  const first = new Map<string, number>();
  const after = new Map<string, Set<string>>();
  const before = new Map<string, number>();
  for (const list of lists) {
    list.forEach((item, i) => {
      if (!first.has(item)) first.set(item, first.size);
      if (!after.has(item)) after.set(item, new Set());
      if (!before.has(item)) before.set(item, 0);
      const next = list[i + 1];
      if (next !== undefined && !after.get(item)!.has(next)) {
        after.get(item)!.add(next);
        before.set(next, (before.get(next) ?? 0) + 1);
      }
    });
  }
  const out: string[] = [];
  const left = new Set(first.keys());
  while (left.size > 0) {
    // The first-seen item nothing left must precede; in a contradiction (a cycle), the first-seen item.
    const ready = [...left].filter((x) => (before.get(x) ?? 0) === 0);
    const pool = ready.length ? ready : [...left];
    const codes = pool.map((x) => codeSeries(codeOf(x)));
    const series = codes.every((c) => c && c.series === codes[0]!.series);
    const pick = series ? pool[codes.reduce((a, c, i) => (c!.n < codes[a]!.n ? i : a), 0)]! : pool.reduce((a, b) => (first.get(b)! < first.get(a)! ? b : a));
    out.push(pick);
    left.delete(pick);
    for (const n of after.get(pick) ?? []) before.set(n, (before.get(n) ?? 0) - 1);
  }
  return out;
}
