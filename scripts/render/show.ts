import { levelLabel, tracksWithLevels, type Ladder, type Origin, type Position } from '../model/ladder.js';
import { safeLine } from '../model/sanitize.js';

// `ladder show`'s two views of the model: JSON for tools (DESIGN §2) and an outline for people.

/**
 * The model with the fields tools rely on (DESIGN §2) first: `levels` is every level, track by track
 * (each names its `track`); `tracks[].levels[]` groups the same levels by track.
 */
export function showJson(ladder: Ladder): string {
  const { id, title, categories, levels, tracks: _tracks, ...rest } = ladder;
  return `${JSON.stringify({ id, title, categories, levels, tracks: tracksWithLevels(ladder), ...rest }, null, 2)}\n`;
}

const at = (p: Position) => `${p.line}:${p.column}`;
/** line:column, with the file in front when the text is inherited from another ladder's file. */
const where = (o: { position: Position; origin?: Origin }, ladder: Pick<Ladder, 'file'>) =>
  o.origin?.kind === 'inherited' && o.origin.file !== ladder.file ? `${o.origin.file}:${at(o.position)}` : at(o.position);

/** Where a derived ladder's expectation comes from, in words: "inherited from engineering L3 · Owns a system / Collaboration". */
export function originText(origin: Origin, ladder: Pick<Ladder, 'id'>): string {
  if (origin.kind === 'added') return `added in ${ladder.id}`;
  if (origin.kind === 'overridden') return `overridden in ${ladder.id}`;
  const place = [origin.level ?? 'All levels', origin.category].filter(Boolean).join(' / ');
  return `inherited from ${origin.ladder} ${place}`;
}

/** An outline for people: levels, their categories and expectations, each with line:column. */
export function showText(ladder: Ladder): string {
  const out = [
    `${ladder.title} (${ladder.id})`,
    `file: ${ladder.file}  shape: ${ladder.shape}  status: ${ladder.status}`,
  ];
  if (ladder.owners.length) out.push(`owners: ${ladder.owners.join(', ')}`);
  if (ladder.derivedFrom) out.push(`extends: ${ladder.derivedFrom.join(' → ')}`);
  out.push(`categories: ${ladder.categories.join(', ') || '(none)'}`);
  const cells = (list: Ladder['shared'], indent: string) => {
    for (const cell of list) {
      out.push(`${indent}${cell.category}  [${where(cell, ladder)}]`);
      for (const e of cell.expectations) out.push(`${indent}  - ${e.text}  [${where(e, ladder)}]${e.origin ? `  (${originText(e.origin, ladder)})` : ''}`);
    }
  };
  if (ladder.shared.length) {
    out.push('', 'All levels');
    cells(ladder.shared, '  ');
  }
  const multi = ladder.tracks.length > 1;
  for (const track of tracksWithLevels(ladder)) {
    if (multi) out.push('', `Track: ${track.title}  (key ${track.key})${track.position ? `  [${at(track.position)}]` : ''}`);
    track.levels.forEach((level, i) => {
      out.push('', `${i + 1}. ${levelLabel(level)}  (key ${level.key})  [${where(level, ladder)}]`);
      cells(level.cells, '   ');
    });
  }
  // An outline for a terminal: ladder text loses control characters, bidi overrides and invisibles.
  return `${out.map(safeLine).join('\n')}\n`;
}
