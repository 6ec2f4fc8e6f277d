import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LadderSchema } from '../../scripts/model/ladder.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { runRules } from '../../scripts/rules/index.js';
import { defaultConfig } from '../../scripts/config/index.js';
import { unreadLines } from '../../scripts/parse/roles.js';
import { haveSharedData, SHARED_DATA } from '../helpers/shared-data.js';

// Files from public repositories nobody here wrote (../shared/data). Counts were read off the files'
// own headings and bullets by hand: 7 `## D… ` headings with 5 labelled bullets each, and so on.
const DATA = SHARED_DATA;

const expected: Record<string, { tracks: number; levels: number; categories: number; shared: number; shape: string; expectations: number }> = {
  'jorgef-engineeringladders/Developer.md': { tracks: 1, levels: 7, categories: 22, shared: 0, shape: 'labelled', expectations: 35 },
  'jorgef-engineeringladders/EngineeringManager.md': { tracks: 1, levels: 3, categories: 8, shared: 0, shape: 'labelled', expectations: 15 },
  // Not ladders: an essay with comparison tables, and a two-column comparison of two roles.
  'jorgef-engineeringladders/Managing-Managers.md': { tracks: 1, levels: 0, categories: 0, shared: 0, shape: 'headings', expectations: 0 },
  'jorgef-engineeringladders/TechLead-EngineeringManager.md': { tracks: 1, levels: 0, categories: 0, shared: 0, shape: 'headings', expectations: 0 },
  'jorgef-engineeringladders/TechLead.md': { tracks: 1, levels: 4, categories: 13, shared: 0, shape: 'labelled', expectations: 20 },
  'jorgef-engineeringladders/TechnicalProgramManager.md': { tracks: 1, levels: 4, categories: 11, shared: 0, shape: 'labelled', expectations: 20 },
  'monzo-progression-framework/backend.md': { tracks: 1, levels: 6, categories: 5, shared: 0, shape: 'yaml', expectations: 135 },
  'monzo-progression-framework/product-design.md': { tracks: 1, levels: 6, categories: 3, shared: 0, shape: 'headings', expectations: 39 },
  'monzo-progression-framework/user-research.md': { tracks: 1, levels: 6, categories: 3, shared: 0, shape: 'headings', expectations: 42 },
  'monzo-progression-framework/visual-design.md': { tracks: 1, levels: 6, categories: 3, shared: 0, shape: 'headings', expectations: 37 },
  // Two tracks: IC1–IC5 as labelled bullets, then M3–M6 in an HTML table under "Management Levels"
  // (100 <li> in the table, 4 of them the "Years of experience" summary rows: 96 expectations).
  'sourcegraph-handbook/engineering-framework.md': { tracks: 2, levels: 9, categories: 6, shared: 4, shape: 'labelled', expectations: 136 },
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
}

const have = haveSharedData('the real-world parse tests');

// skipIf still collects the body: read the folder only when it is there to read.
describe.skipIf(!have)('real-world ladders', () => {
  const files = have ? walk(join(DATA, 'ladders')) : [];
  it('has an expectation for every file', () => {
    expect(files.map((f) => relative(join(DATA, 'ladders'), f)).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const file of files) {
    const name = relative(join(DATA, 'ladders'), file);
    it(name, () => {
      const source = readFileSync(file);
      const parsed = parseLadder(source, name);
      const { ladder, diagnostics } = parsed;
      expect(diagnostics).toEqual([]);
      const want = expected[name]!;
      if (want.levels === 0) {
        // Not a ladder: validation says why, at a place in the file.
        const found = runRules([parsed], defaultConfig()).filter((d) => d.severity === 'error');
        expect(found.map((d) => [d.ruleId, d.file, d.position.line > 0])).toEqual([['no-levels', name, true]]);
      }
      const count = ladder!.levels.reduce((n, l) => n + l.cells.reduce((m, c) => m + c.expectations.length, 0), 0);
      expect({ tracks: ladder!.tracks.length, levels: ladder!.levels.length, categories: ladder!.categories.length, shared: ladder!.shared.length, shape: ladder!.shape, expectations: count }).toEqual(want);
      LadderSchema.parse(ladder);
      // Every non-blank line was read as something (show --format annotated prints which).
      expect(unreadLines(source.toString('utf8'), parsed.facts.roles ?? [])).toEqual([]);
      // Every level and expectation points at its own text in the file.
      const lines = source.toString('utf8').split(/\r?\n/);
      for (const level of ladder!.levels) {
        // HTML-table levels may spell the code with markup (`<abbr>M</abbr>3`): compare the line's text.
        if (ladder!.shape !== 'yaml') expect(lines[level.position.line - 1]!.replace(/<[^>]+>/g, '')).toContain(level.code ?? level.title.slice(0, 10));
        for (const cell of level.cells) {
          for (const e of cell.expectations) {
            const at = lines[e.position.line - 1]!.slice(e.position.column - 1);
            const probe = ladder!.shape === 'yaml' ? e.text.slice(0, 12) : e.markdown.slice(0, 12);
            expect(at, `${level.key}/${cell.category}: ${e.text}`).toContain(probe);
          }
        }
      }
    });
  }
});

describe.skipIf(!have)('real edit histories: every committed version parses', () => {
  const dir = join(DATA, 'history');
  for (const file of have ? walk(dir) : []) {
    const name = relative(dir, file);
    it(name, () => {
      const source = readFileSync(file);
      const { ladder, diagnostics, facts } = parseLadder(source, name);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(unreadLines(source.toString('utf8'), facts.roles ?? [])).toEqual([]);
      expect(ladder!.levels.length).toBeGreaterThanOrEqual(3);
      for (const level of ladder!.levels) expect(level.cells.length, `${name} ${level.title}`).toBeGreaterThan(0);
    });
  }
});
