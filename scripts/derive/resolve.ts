import type { Diagnostic, Related } from '../model/diagnostic.js';
import { levelLabel, type Cell, type Expectation, type Ladder, type Level, type Origin, type Position } from '../model/ladder.js';
import type { ParseResult } from '../parse/types.js';
import { expectationKey, nameKey, q, qList, suggest } from '../rules/text.js';
import { cellHash, readMarker } from './markers.js';

// Derived ladders: `extends: <parent id>` inherits the parent's levels and categories, and the child's
// body writes only what differs (see README "Derived ladders"). Pure: ladders in, resolved ladders and
// diagnostics out. The loader calls it after parsing every file, the rules call it for what the loader
// did not resolve (a fixture, a subset of files), so it runs once per ladder: `derivedFrom` marks it.

/** What resolving one child gave: its resolved ladder and what went wrong, at the child's lines. */
interface Resolved {
  ladder: Ladder;
  diagnostics: Diagnostic[];
}

/**
 * Every ladder with `extends` in `results`, resolved against its parent among `results` and `context`
 * (the rest of the repository, not reported on). Other results come back as they are.
 */
export function resolveDerived(results: readonly ParseResult[], context: readonly Ladder[] = []): ParseResult[] {
  if (!results.some((r) => needsResolving(r.ladder))) return [...results];
  const facts = new Map<Ladder, ParseResult>();
  for (const r of results) if (r.ladder) facts.set(r.ladder, r);
  const byId = new Map<string, Ladder>();
  // The checked files win over context; within each, the first file by path (duplicate-id reports the rest).
  for (const l of [...results.flatMap((r) => (r.ladder ? [r.ladder] : [])), ...context]) if (!byId.has(l.id.toLowerCase())) byId.set(l.id.toLowerCase(), l);
  const memo = new Map<Ladder, Resolved>();

  const resolveOne = (ladder: Ladder): Resolved => {
    const keys = facts.get(ladder)?.facts.frontmatter?.keys ?? {};
    const at = keys.extends ?? ladder.position;
    const parentId = ladder.meta.extends!;
    const { cycle: chain, tooDeep } = cycleFrom(ladder, byId);
    const parent = byId.get(parentId.toLowerCase());
    if (tooDeep) {
      return unresolved(ladder, parentId, problem('extends-too-deep', ladder.file, at, `Ladder ${q(ladder.id)} has more than ${MAX_EXTENDS_DEPTH} ancestors through \`extends\`, expected at most ${MAX_EXTENDS_DEPTH}: derive from a ladder nearer the root`));
    }
    if (chain) {
      const through = chain.length > 1 ? ` through ${chain.slice(1).map(q).join(' → ')}` : '';
      return unresolved(ladder, parentId, problem('extends-cycle', ladder.file, at, `Ladder ${q(ladder.id)} extends itself${through}, expected a parent that does not derive from it`));
    }
    if (!parent) {
      const guess = suggest(parentId, [...byId.values()].map((l) => l.id).filter((id) => id !== ladder.id));
      return unresolved(ladder, parentId, problem('extends-unknown-parent', ladder.file, at, `Unknown parent ladder ${q(parentId)} in \`extends\`${guess ? ` (did you mean ${q(guess)}?)` : ''}, expected the id of another ladder`));
    }
    // Ancestors are resolved before their children (see resolve), so this is the parent as published.
    return merge(ladder, memo.get(parent)?.ladder ?? parent, keys);
  };

  /** Ancestors first, top down: a long chain of `extends` never recurses deeply. */
  const resolve = (ladder: Ladder): Resolved => {
    const chain: Ladder[] = [];
    const seen = new Set<Ladder>();
    for (let cur: Ladder | undefined = ladder; cur && needsResolving(cur) && !memo.has(cur) && !seen.has(cur); cur = byId.get(cur.meta.extends!.toLowerCase())) {
      seen.add(cur);
      chain.push(cur);
    }
    for (const l of chain.reverse()) memo.set(l, resolveOne(l));
    return memo.get(ladder) ?? { ladder, diagnostics: [] };
  };

  return results.map((r) => {
    if (!r.ladder || !needsResolving(r.ladder)) return r;
    const done = resolve(r.ladder);
    return { ...r, ladder: done.ladder, diagnostics: [...r.diagnostics, ...done.diagnostics] };
  });
}

/**
 * Ladders without their parse facts (a history walk keeps only ladders) resolved against `context`;
 * what goes wrong is left to validate, which reports it at the child's lines.
 */
export function resolveLadders(ladders: readonly Ladder[], context: readonly Ladder[] = []): Ladder[] {
  const bare = (ladder: Ladder): ParseResult => ({ ladder, diagnostics: [], facts: { tables: [], occurrences: [] } });
  return resolveDerived(ladders.map(bare), context).map((r) => r.ladder!);
}

/** Whether some parsed file names a parent (`extends`) that is not among them: the loaders then read the rest as context. */
export function parentMissing(results: readonly ParseResult[]): boolean {
  const ids = new Set(results.flatMap((r) => (r.ladder ? [r.ladder.id.toLowerCase()] : [])));
  return results.some((r) => typeof r.ladder?.meta.extends === 'string' && !ids.has(r.ladder.meta.extends.toLowerCase()));
}

/** A ladder that names a parent and has not been resolved yet. */
function needsResolving(ladder: Ladder | undefined): boolean {
  return !!ladder && typeof ladder.meta.extends === 'string' && ladder.derivedFrom === undefined;
}

/** How many ancestors a ladder may have: each level of `extends` copies its parent, so a chain must stay short. */
export const MAX_EXTENDS_DEPTH = 8;

/**
 * The ids after `ladder` on its way back to itself (`cycle`), or `tooDeep` when its ancestry runs
 * past MAX_EXTENDS_DEPTH; the walk stops there, so a hostile chain costs little.
 */
function cycleFrom(ladder: Ladder, byId: ReadonlyMap<string, Ladder>): { cycle?: string[]; tooDeep?: boolean } {
  const seen = new Set<Ladder>();
  const path: string[] = [ladder.id];
  let cur: Ladder | undefined = ladder;
  while (cur && typeof cur.meta.extends === 'string') {
    seen.add(cur);
    const next = byId.get(cur.meta.extends.toLowerCase());
    if (next === ladder) return { cycle: path };
    if (!next || seen.has(next)) return {}; // a cycle further up is that ladder's error
    if (path.length > MAX_EXTENDS_DEPTH) return { tooDeep: true };
    path.push(next.id);
    cur = next;
  }
  return {};
}

function problem(ruleId: string, file: string, position: Position, message: string, related?: Related[]): Diagnostic {
  return { file, position, severity: 'error', ruleId, message, ...(related?.length ? { related } : {}) };
}

/** A child whose parent cannot be read: its own cells, markers dropped, so the rules still see its text. */
function unresolved(ladder: Ladder, parentId: string, diagnostic: Diagnostic): Resolved {
  const strip = (cells: Cell[]) => cells.flatMap((c) => {
    const m = readMarker(c.category);
    return m.op === 'remove' ? [] : [{ ...c, category: m.category }];
  });
  const levels = ladder.levels.map((l) => ({ ...l, cells: strip(l.cells) }));
  const shared = strip(ladder.shared);
  return { ladder: { ...ladder, levels, shared, categories: categoriesOf(ladder.meta.categories ?? [], levels, shared), derivedFrom: [parentId] }, diagnostics: [diagnostic] };
}

/** Declared (or parent) order first, then every other category in use, by first appearance; unused ones dropped unless declared. */
function categoriesOf(order: readonly string[], levels: readonly Level[], shared: readonly Cell[], declared = true): string[] {
  const used = new Map<string, string>();
  for (const c of [...shared, ...levels.flatMap((l) => l.cells)]) if (!used.has(nameKey(c.category))) used.set(nameKey(c.category), c.category);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of order) {
    if ((declared || used.has(nameKey(name))) && !seen.has(nameKey(name))) {
      out.push(name);
      seen.add(nameKey(name));
    }
  }
  for (const [key, name] of used) if (!seen.has(key)) out.push(name);
  return out;
}

function originOf(kind: Origin['kind'], ladder: Ladder, level: Level | undefined, category?: string): Origin {
  return {
    kind,
    ladder: ladder.id,
    file: ladder.file,
    ...(level ? { level: level.key, levelLabel: levelLabel(level) } : {}),
    ...(category !== undefined ? { category } : {}),
  };
}

/** A parent's cell as the child inherits it: text that was already inherited keeps its first origin. */
function inheritCell(cell: Cell, parent: Ladder, level: Level | undefined): Cell {
  const own = originOf('inherited', parent, level, cell.category);
  const keep = (o: Origin | undefined) => (o?.kind === 'inherited' ? o : own);
  return { ...cell, origin: keep(cell.origin), expectations: cell.expectations.map((e) => ({ ...e, origin: keep(e.origin) })) };
}

function inheritLevel(level: Level, parent: Ladder, rename?: string): Level {
  const origin = level.origin?.kind === 'inherited' ? level.origin : originOf('inherited', parent, level);
  return {
    ...level,
    ...(rename !== undefined ? { key: rename, code: rename } : {}),
    cells: level.cells.map((c) => inheritCell(c, parent, level)),
    origin,
  };
}

/** The parent's level (by key, then code) a child key names. */
function findLevel(levels: readonly Level[], key: string): Level | undefined {
  const k = key.toLowerCase();
  return levels.find((l) => l.key.toLowerCase() === k) ?? levels.find((l) => l.code?.toLowerCase() === k);
}

function merge(child: Ladder, parent: Ladder, keys: Record<string, Position>): Resolved {
  const diagnostics: Diagnostic[] = [];
  const map = child.meta.levelMap;
  let levels: Level[];
  if (map) {
    levels = [];
    for (const [childKey, parentKey] of Object.entries(map)) {
      const p = findLevel(parent.levels, parentKey);
      if (!p) {
        const keysOf = parent.levels.map((l) => l.code ?? l.key);
        const guess = suggest(parentKey, keysOf);
        diagnostics.push(problem('extends-unknown-level', child.file, keys.levelMap ?? keys.extends ?? child.position,
          `\`levelMap\` maps ${q(childKey)} to ${q(parentKey)}, which ${q(parent.id)} has no level of${guess ? ` (did you mean ${q(guess)}?)` : ''}, expected one of ${qList(keysOf, 8, 'or')}`,
          [{ file: parent.file, position: parent.position, message: `${q(parent.id)} is defined here` }]));
        continue;
      }
      levels.push(inheritLevel(p, parent, childKey));
    }
  } else levels = parent.levels.map((p) => inheritLevel(p, parent));

  const tracks = new Set(parent.tracks.map((t) => t.key));
  for (const own of child.levels) {
    const target = findLevel(levels, own.key) ?? (own.code ? findLevel(levels, own.code) : undefined);
    if (target) {
      const inheritedFrom = target.origin;
      const merged: Level = {
        ...target,
        key: target.key,
        code: own.code ?? target.code,
        title: own.title,
        position: own.position,
        ...(own.description !== undefined ? { description: own.description } : {}),
        cells: mergeCells(target.cells, own.cells, child, parent, own, target, diagnostics),
        // The child writes this level's section: its title and marked cells are the child's, the rest inherited.
        origin: { ...(inheritedFrom ?? originOf('inherited', parent, target)), kind: 'overridden' },
      };
      levels[levels.indexOf(target)] = merged;
    } else {
      // A level the parent lacks is the child's own; it joins the parent's track of the same key, else the first.
      const track = tracks.has(own.track) ? own.track : (levels[levels.length - 1]?.track ?? parent.tracks[0]?.key ?? own.track);
      const added: Level = {
        ...own,
        track,
        cells: mergeCells([], own.cells, child, parent, own, undefined, diagnostics),
        origin: originOf('added', child, own),
      };
      const last = levels.map((l) => l.track).lastIndexOf(track);
      levels.splice(last < 0 ? levels.length : last + 1, 0, added);
    }
  }
  const shared = mergeCells(parent.shared.map((c) => inheritCell(c, parent, undefined)), child.shared, child, parent, undefined, undefined, diagnostics, true);
  const usedTracks = parent.tracks.filter((t) => levels.some((l) => l.track === t.key));
  const extraTracks = child.tracks.filter((t) => !tracks.has(t.key) && levels.some((l) => l.track === t.key));
  const categories = categoriesOf(child.meta.categories ?? parent.categories, levels, shared, child.meta.categories !== undefined);
  const groups = child.categoryGroups ?? parent.categoryGroups?.map((g) => ({ ...g, categories: g.categories.filter((c) => categories.includes(c)) })).filter((g) => g.categories.length > 0);
  const { categoryGroups: _drop, ...rest } = child;
  const ladder: Ladder = {
    ...rest,
    ...(groups?.length ? { categoryGroups: groups } : {}),
    categories,
    tracks: [...usedTracks, ...extraTracks],
    levels,
    shared,
    derivedFrom: [parent.id, ...(parent.derivedFrom ?? [])],
  };
  return { ladder, diagnostics };
}

/**
 * The child's cells of one level laid over the parent's: `(add)` appends, `(override <hash>)` replaces,
 * `(remove)` drops the cell (or, with items, just those expectations); a new category is added, an
 * unmarked cell of an existing one overrides it.
 */
function mergeCells(
  inherited: readonly Cell[],
  own: readonly Cell[],
  child: Ladder,
  parent: Ladder,
  ownLevel: Level | undefined,
  parentLevel: Level | undefined,
  diagnostics: Diagnostic[],
  shared = false,
): Cell[] {
  const cells = [...inherited];
  // "engineering L2 / Collaboration": the parent's id and level key, as the diff's "inherited by" names them.
  const from = parentLevel?.origin?.kind === 'inherited' ? parentLevel.origin : undefined;
  const levelName = shared ? 'All levels' : parentLevel ? (from?.level ?? parentLevel.key) : undefined;
  const where = (category?: string) => q([`${from?.ladder ?? parent.id}${levelName ? ` ${levelName}` : ''}`, category].filter(Boolean).join(' / '));
  const added = (e: Expectation, category: string): Expectation => ({ ...e, origin: originOf('added', child, ownLevel, category) });
  for (const cell of own) {
    const marker = readMarker(cell.category);
    const i = cells.findIndex((c) => nameKey(c.category) === nameKey(marker.category));
    const existing = i >= 0 ? cells[i]! : undefined;
    const op = marker.op ?? (existing ? 'override' : 'add');
    if (!existing && (op === 'override' || op === 'remove')) {
      const have = cells.map((c) => c.category);
      diagnostics.push(problem('extends-unknown-cell', child.file, cell.position,
        `Cannot ${op} ${q(marker.category)}: ${parentLevel || shared ? `${where()} has no such category` : `the level ${q(ownLevel ? levelLabel(ownLevel) : '')} is not inherited (no parent level of that key)`}, expected ${have.length ? `one of ${qList(have, 8, 'or')}` : 'a cell the parent has'}${op === 'override' ? ', or `(add)` for a new category' : ''}`));
      if (op === 'remove') continue;
    }
    if (!existing || op === 'add') {
      const news = cell.expectations.map((e) => added(e, existing?.category ?? marker.category));
      if (existing) cells[i] = { ...existing, expectations: [...existing.expectations, ...news] };
      else cells.push({ category: marker.category, position: cell.position, expectations: news, origin: originOf('added', child, ownLevel, marker.category) });
      continue;
    }
    if (op === 'override') {
      const hash = cellHash(existing);
      const related: Related[] = [{ file: existing.origin?.file ?? parent.file, position: existing.position, message: `the parent's cell is here` }];
      const write = `\`${marker.category} (override ${hash})\``;
      if (!marker.basedOn) {
        diagnostics.push({ file: child.file, position: cell.position, severity: 'warning', ruleId: 'stale-override',
          message: `Override of ${where(existing.category)} records no hash of the parent's cell, expected ${write} so a later change to the parent's cell is flagged`, related });
      } else if (!hash.startsWith(marker.basedOn)) {
        diagnostics.push({ file: child.file, position: cell.position, severity: 'warning', ruleId: 'stale-override',
          message: `${where(existing.category)} changed since this override was written (hash ${q(marker.basedOn)}, now ${q(hash)}); review the override against the parent's new text, then write ${write}`, related });
      }
      const origin = originOf('overridden', child, ownLevel, existing.category);
      cells[i] = { category: existing.category, position: cell.position, expectations: cell.expectations.map((e) => ({ ...e, origin })), origin };
      continue;
    }
    // remove: the whole cell, or the listed expectations of it.
    if (cell.expectations.length === 0) {
      cells.splice(i, 1);
      continue;
    }
    let left = existing.expectations;
    for (const e of cell.expectations) {
      const k = expectationKey(e.text);
      const j = left.findIndex((x) => expectationKey(x.text) === k);
      if (j < 0) {
        diagnostics.push(problem('extends-unknown-cell', child.file, e.position,
          `Cannot remove ${q(e.text)}: ${where(existing.category)} has no such expectation, expected its text as the parent writes it`,
          [{ file: existing.origin?.file ?? parent.file, position: existing.position, message: `the parent's cell is here` }]));
        continue;
      }
      left = [...left.slice(0, j), ...left.slice(j + 1)];
    }
    if (left.length === 0) cells.splice(i, 1);
    else cells[i] = { ...existing, expectations: left };
  }
  return cells;
}
