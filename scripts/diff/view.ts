import type { CategoryPair, Item, LadderAlignment, LevelPair } from './align.js';
import { SHARED, ownsMatch, sameWords } from './align.js';
import { levelLabel } from '../model/ladder.js';
import type { LadderComparison } from './diff.js';
import { IMPACTS, type Bump, type Impact } from './kinds.js';
import { highlight, type Segment } from './similarity.js';
import { ALL_LEVELS, type Change, type DiffResult, type LadderDiff } from './types.js';

/**
 * The one view model every formatter (text, markdown, html) renders; json prints the DiffResult itself.
 * Built once from the diff and the alignments, so formatters only lay out, never decide.
 */
export interface DiffView {
  base: string;
  head: string;
  bump: Bump;
  counts: Record<Impact, number>;
  ladders: LadderView[];
}

export interface LadderView extends Pick<LadderDiff, 'id' | 'fromId' | 'title' | 'status' | 'bump' | 'file'> {
  counts: Record<Impact, number>;
  /** Changes grouped by level in ladder order; `level` undefined = ladder-wide (metadata, categories). */
  groups: ChangeGroup[];
  /** Side-by-side rows of every level with a change (html). */
  levels: LevelSide[];
  /** A level title as headed in this ladder: with its code ("L3 · Leads projects"). */
  levelLabel: (title: string) => string;
}

export interface ChangeGroup {
  /** The track's title, when the ladder has several. */
  track?: string;
  level?: string;
  /** Heading: the level's code and title ("L3 · Leads projects"), or "Ladder". */
  heading: string;
  changes: Change[];
}

export type RowStatus = 'same' | 'reworded' | 'added' | 'removed' | 'moved-in' | 'moved-out';

export interface Row {
  status: RowStatus;
  before?: string;
  after?: string;
  /** Word segments for a reworded (or moved and reworded) expectation. */
  highlight?: Segment[];
  /** Where a moved expectation came from or went to: "L2 · Mid / Craft". */
  elsewhere?: string;
}

export interface CategorySide {
  name: string;
  fromName?: string;
  status: 'same' | 'added' | 'removed' | 'renamed';
  rows: Row[];
}

export interface LevelSide {
  heading: string;
  fromHeading?: string;
  status: 'same' | 'added' | 'removed' | 'renamed';
  categories: CategorySide[];
}

export function buildView(result: DiffResult, comparisons: readonly LadderComparison[]): DiffView {
  const byDiff = new Map(comparisons.map((c) => [c.diff, c.tracks]));
  const ladders = result.ladders.map((d) => ladderView(d, byDiff.get(d) ?? []));
  return { base: result.base, head: result.head, bump: result.bump, counts: sum(ladders.map((l) => l.counts)), ladders };
}

function ladderView(diff: LadderComparison['diff'], parts: LadderComparison['tracks']): LadderView {
  const headings = new Map<string, string>();
  const key = (track: string | undefined, title: string) => `${track ?? ''}\u0000${title}`;
  for (const { track, alignment: al } of parts) {
    for (const l of [...(al.base?.levels ?? []), ...(al.head?.levels ?? [])]) headings.set(key(track, l.title), levelLabel(l));
  }
  const inTrack = (track: string | undefined, heading: string) => (track === undefined ? heading : `${track} · ${heading}`);
  const groups: ChangeGroup[] = [];
  for (const c of diff.changes) {
    const last = groups[groups.length - 1];
    if (last && last.level === c.level && last.track === c.track) last.changes.push(c);
    else {
      const heading = c.level === undefined ? (c.track ?? 'Ladder') : inTrack(c.track, headings.get(key(c.track, c.level)) ?? c.level);
      groups.push({ ...(c.track !== undefined ? { track: c.track } : {}), level: c.level, heading, changes: [c] });
    }
  }
  const counts = sum([]);
  for (const c of diff.changes) counts[c.impact]++;
  return {
    id: diff.id,
    ...(diff.fromId !== undefined ? { fromId: diff.fromId } : {}),
    title: diff.title,
    status: diff.status,
    bump: diff.bump,
    ...(diff.file !== undefined ? { file: diff.file } : {}),
    counts,
    groups,
    levels: diff.changes.length > 0 ? parts.flatMap((p) => sides(p.alignment).map((side) => (p.track === undefined ? side : inTrackSide(side, p.track)))) : [],
    levelLabel: (title) => headings.get(key(undefined, title)) ?? [...headings].find(([k]) => k.endsWith(`\u0000${title}`))?.[1] ?? title,
  };
}

function inTrackSide(side: LevelSide, track: string): LevelSide {
  return { ...side, heading: `${track} · ${side.heading}`, ...(side.fromHeading ? { fromHeading: `${track} · ${side.fromHeading}` } : {}) };
}

function sum(parts: Array<Record<Impact, number>>): Record<Impact, number> {
  const out = Object.fromEntries(IMPACTS.map((i) => [i, 0])) as Record<Impact, number>;
  for (const p of parts) for (const i of IMPACTS) out[i] += p[i];
  return out;
}

function sides(al: LadderAlignment): LevelSide[] {
  const headingOf = (p: LevelPair, side?: 'base' | 'head') => {
    const slot = side === 'base' ? p.base : side === 'head' ? p.head : (p.head ?? p.base);
    return !slot || slot.index === SHARED || !slot.level ? ALL_LEVELS : levelLabel(slot.level);
  };
  const where = (lp: LevelPair, cp: CategoryPair) => `${headingOf(lp)} / ${cp.head ?? cp.base}`;
  const out: LevelSide[] = [];
  for (const lp of al.levels) {
    const baseItems = lp.base ? al.baseItems.filter((i) => i.slot === lp.base!.index) : [];
    const headItems = lp.head ? al.headItems.filter((i) => i.slot === lp.head!.index) : [];
    const categories: CategorySide[] = [];
    for (const cp of al.categories) {
      const bs = baseItems.filter((i) => cp.base !== undefined && i.category === cp.base);
      const hs = headItems.filter((i) => cp.head !== undefined && i.category === cp.head);
      if (bs.length === 0 && hs.length === 0) continue;
      const rows = cellRows(bs, hs, al, where);
      categories.push({
        name: cp.head ?? cp.base!,
        ...(cp.base !== undefined && cp.head !== undefined && cp.base !== cp.head ? { fromName: cp.base } : {}),
        status: cp.base === undefined ? 'added' : cp.head === undefined ? 'removed' : cp.base !== cp.head ? 'renamed' : 'same',
        rows,
      });
    }
    const before = lp.base ? headingOf(lp, 'base') : undefined;
    const after = lp.head ? headingOf(lp, 'head') : undefined;
    const status = !lp.base ? 'added' : !lp.head ? 'removed' : before !== after ? 'renamed' : 'same';
    const changed = status !== 'same' || categories.some((c) => c.status !== 'same' || c.rows.some((r) => r.status !== 'same'));
    if (!changed) continue;
    out.push({ heading: (after ?? before)!, ...(status === 'renamed' ? { fromHeading: before } : {}), status, categories });
  }
  return out;
}

/** Head order, with what left the cell placed after the row of the base item it followed. */
function cellRows(
  bs: Item[],
  hs: Item[],
  al: LadderAlignment,
  where: (lp: LevelPair, cp: CategoryPair) => string,
): Row[] {
  const inCell = new Set<Item>(hs);
  const rows: Row[] = [];
  const rowOfBase = new Map<Item, number>();
  for (const h of hs) {
    const m = h.match;
    if (!m) rows.push({ status: 'added', after: h.exp.text });
    else if (!ownsMatch(h)) continue; // the same words cut differently: one row, the match's own
    else if (bs.includes(m.base)) {
      rowOfBase.set(m.base, rows.length);
      const changed = !sameWords(m);
      rows.push({
        status: changed ? 'reworded' : 'same',
        before: m.base.exp.text,
        after: h.exp.text,
        ...(changed ? { highlight: highlight(m.base.exp.text, h.exp.text) } : {}),
      });
    } else {
      const from = where(al.levelOf('base', m.base.slot)!, al.categoryOf('base', m.base.category)!);
      rows.push({ status: 'moved-in', before: m.base.exp.text, after: h.exp.text, elsewhere: from, ...movedHighlight(m.base, h) });
    }
  }
  const inserts: Array<{ at: number; seq: number; row: Row }> = [];
  let anchor = -1;
  bs.forEach((b, seq) => {
    const r = rowOfBase.get(b);
    if (r !== undefined) {
      anchor = r;
      return;
    }
    const m = b.match;
    if (m && inCell.has(m.head)) return;
    const row: Row = m
      ? { status: 'moved-out', before: b.exp.text, after: m.head.exp.text, elsewhere: where(al.levelOf('head', m.head.slot)!, al.categoryOf('head', m.head.category)!), ...movedHighlight(b, m.head) }
      : { status: 'removed', before: b.exp.text };
    inserts.push({ at: anchor + 1, seq, row });
  });
  inserts.sort((x, y) => y.at - x.at || y.seq - x.seq);
  for (const ins of inserts) rows.splice(ins.at, 0, ins.row);
  return rows;
}

function movedHighlight(b: Item, h: Item): { highlight?: Segment[] } {
  return b.exp.text === h.exp.text ? {} : { highlight: highlight(b.exp.text, h.exp.text) };
}
