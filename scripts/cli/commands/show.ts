import { safeLine } from '../../model/sanitize.js';
import { loadConfig } from '../../config/index.js';
import { UsageError, UserError } from '../../model/errors.js';
import { tracksWithLevels, type Ladder, type Position } from '../../model/ladder.js';
import { annotate } from '../../parse/roles.js';
import { readFileSync } from 'node:fs';
import { oneOf, parse } from '../args.js';
import { formatStylish, wantsColor } from '../report.js';
import type { Command } from '../runtime.js';
import { findLadderFiles, loadLadderFile } from '../../load/workspace.js';

/**
 * The model with the fields tools rely on (DESIGN §2) first: `levels` is every level, track by track
 * (each names its `track`); `tracks[].levels[]` groups the same levels by track.
 */
export function showJson(ladder: Ladder): string {
  const { id, title, categories, levels, tracks: _tracks, ...rest } = ladder;
  return `${JSON.stringify({ id, title, categories, levels, tracks: tracksWithLevels(ladder), ...rest }, null, 2)}\n`;
}

const at = (p: Position) => `${p.line}:${p.column}`;

/** An outline for people: levels, their categories and expectations, each with line:column. */
export function showText(ladder: Ladder): string {
  const out = [
    `${ladder.title} (${ladder.id})`,
    `file: ${ladder.file}  shape: ${ladder.shape}  status: ${ladder.status}`,
  ];
  if (ladder.owners.length) out.push(`owners: ${ladder.owners.join(', ')}`);
  out.push(`categories: ${ladder.categories.join(', ') || '(none)'}`);
  const cells = (list: Ladder['shared'], indent: string) => {
    for (const cell of list) {
      out.push(`${indent}${cell.category}  [${at(cell.position)}]`);
      for (const e of cell.expectations) out.push(`${indent}  - ${e.text}  [${at(e.position)}]`);
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
      out.push('', `${i + 1}. ${level.code && level.code !== level.title ? `${level.code} · ` : ''}${level.title}  (key ${level.key})  [${at(level.position)}]`);
      cells(level.cells, '   ');
    });
  }
  // An outline for a terminal: ladder text loses control characters, bidi overrides and invisibles.
  return `${out.map(safeLine).join('\n')}\n`;
}

export const command: Command = {
  summary: `Print the parsed model of one ladder: levels, categories, expectations and their positions.
Exit 1 (diagnostics on stderr) when the file cannot be parsed.

Options:
  --format json|text|annotated
                       json (default) is the model for tools; text is an outline for people;
                       annotated prints the file with the role each line was read in (as git blame
                       does): frontmatter, title, intro, track-heading, level-heading,
                       level-description, category-label, expectation, shared-expectation, note,
                       markup. A line no reader accounted for shows UNREAD.`,
  usage: 'ladder show <file> [--format json|text|annotated]',
  async run(args, rt) {
    const { values, positionals } = parse(args, { format: { type: 'string' } });
    const format = oneOf('format', values.format, ['json', 'text', 'annotated'] as const, 'json');
    if (positionals.length !== 1) throw new UsageError(`expected one ladder file, got ${positionals.length}`);
    const config = loadConfig(rt.cwd);
    const files = findLadderFiles(rt.cwd, config, positionals);
    if (files.length !== 1) throw new UserError(`"${positionals[0]}" names ${files.length} ladder files, expected one`);
    const result = loadLadderFile(rt.cwd, files[0]!, config);
    if (result.diagnostics.length > 0) {
      rt.stderr.write(formatStylish(result.diagnostics, { color: wantsColor(rt.stderr, rt.env) }));
    }
    if (!result.ladder) return 1;
    if (format === 'annotated') {
      rt.stdout.write(annotate(readFileSync(files[0]!, 'utf8'), result.facts.roles ?? []));
      return 0;
    }
    rt.stdout.write(format === 'json' ? showJson(result.ladder) : showText(result.ladder));
    return 0;
  },
};
