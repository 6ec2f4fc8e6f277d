import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../scripts/config/index.js';
import { LadderSchema, tracksWithLevels, type Ladder } from '../../scripts/model/ladder.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { unreadLines } from '../../scripts/parse/roles.js';
import { runRules } from '../../scripts/rules/index.js';

// Files in the shapes real ladders take where a rule of thumb misreads them. Each expected.json is
// written by hand: tracks, levels (key, title, description), and per category either the expected
// texts or their count; `problems` lists what validate reports ("severity rule line:col").
const DIR = join(import.meta.dirname, '..', 'fixtures', 'read');

interface ExpectedLevel {
  key: string;
  title: string;
  description?: string;
  cells: Record<string, string[] | number>;
}
interface Expected {
  tracks: Array<{ key: string; title: string; description?: string; levels: ExpectedLevel[] }>;
  intro?: string;
  /** The "All levels" cells, when the fixture names them. */
  shared?: Record<string, string[]>;
  /** The category groups (a bold row, a group column), when the fixture names them. */
  groups?: Array<{ title: string; categories: string[] }>;
  notes: string[];
  problems: string[];
}

/** The model in the expectation's terms: counts where the fixture gives a count, texts where it gives texts. */
function view(ladder: Ladder, want: Expected): Expected {
  return {
    tracks: tracksWithLevels(ladder).map((t, ti) => ({
      key: t.key,
      title: t.title,
      ...(t.description !== undefined ? { description: t.description } : {}),
      levels: t.levels.map((l, li) => ({
        key: l.key,
        title: l.title,
        ...(l.description !== undefined ? { description: l.description } : {}),
        cells: Object.fromEntries(
          l.cells.map((c) => {
            const spec = want.tracks[ti]?.levels[li]?.cells[c.category];
            return [c.category, typeof spec === 'number' ? c.expectations.length : c.expectations.map((e) => e.text)];
          }),
        ),
      })),
    })),
    ...(want.intro !== undefined ? { intro: ladder.intro } : {}),
    ...(want.shared !== undefined ? { shared: Object.fromEntries(ladder.shared.map((c) => [c.category, c.expectations.map((e) => e.text)])) } : {}),
    ...(want.groups !== undefined ? { groups: ladder.categoryGroups ?? [] } : {}),
    notes: ladder.notes.map((n) => n.markdown),
    problems: [],
  };
}

describe('reading real-world shapes (test/fixtures/read)', () => {
  for (const name of readdirSync(DIR).sort()) {
    it(name, () => {
      const source = readFileSync(join(DIR, name, 'input.md'));
      const want = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Expected & { note?: string };
      const parsed = parseLadder(source, `ladders/${name}.md`);
      const ladder = parsed.ladder!;
      LadderSchema.parse(ladder);
      const problems = runRules([parsed], defaultConfig()).map((d) => `${d.severity} ${d.ruleId} ${d.position.line}:${d.position.column}`);
      const { note: _note, ...expected } = want;
      expect({ ...view(ladder, want), problems }).toEqual(expected);
      expect(unreadLines(source.toString('utf8'), parsed.facts.roles ?? [])).toEqual([]);
    });
  }
});

describe('an "All levels" section beside a table of levels', () => {
  const table = '| Area | A1 · Analyst | A2 · Senior analyst |\n|---|---|---|\n| Analysis | Answers well-defined questions with existing data. | Frames open questions and picks the method. |\n';
  it('holding only prose, stays intro, and its lines are intro lines', () => {
    const source = `# Analytics\n\n## All levels\n\nThese apply to everyone at every step.\n\n## Levels\n\n${table}`;
    const parsed = parseLadder(source, 'ladders/analytics.md');
    expect(parsed.ladder!.shared).toEqual([]);
    expect(parsed.ladder!.intro).toBe('## All levels\n\nThese apply to everyone at every step.');
    // roles: index = line number.
    expect(parsed.facts.roles?.[3]).toBe('intro');
    expect(parsed.facts.roles?.[5]).toBe('intro');
  });
  it('holding expectations, gives the shared cells, its lines shared expectations', () => {
    const source = `# Analytics\n\n## All levels\n\n- **Integrity:** States the limits of every analysis they share.\n\n## Levels\n\n${table}`;
    const parsed = parseLadder(source, 'ladders/analytics.md');
    expect(parsed.ladder!.shared.map((c) => c.category)).toEqual(['Integrity']);
    expect(parsed.facts.roles?.[3]).toBe('category-label');
    expect(parsed.facts.roles?.[5]).toBe('shared-expectation');
  });
});

describe('a ladder written category by category', () => {
  const source = [
    '# Platform engineering',
    '',
    '## Technical skills',
    '',
    '### Junior engineer',
    '- Writes small changes with tests.',
    '',
    '### Senior engineer',
    '- Designs services other teams depend on.',
    '',
    '### Staff engineer',
    '- Sets the technical direction for several teams.',
    '',
    '## Collaboration',
    '',
    '### Junior engineer',
    '- Shares progress and asks for help when stuck.',
    '',
    '### Senior engineer',
    '- Mentors engineers on the team.',
    '',
    '### Senior engineer',
    '- Runs the design reviews.',
    '',
  ].join('\n');
  it('gives the rules its levels and categories where they are written', () => {
    const parsed = parseLadder(source, 'ladders/platform.md');
    expect(parsed.ladder!.levels.map((l) => [l.title, l.cells.map((c) => c.category)])).toEqual([
      ['Junior engineer', ['Technical skills', 'Collaboration']],
      ['Senior engineer', ['Technical skills', 'Collaboration']],
      ['Staff engineer', ['Technical skills']],
    ]);
    // The Senior cell of Collaboration holds both sections' bullets; the second is reported where it starts.
    expect(parsed.ladder!.levels[1]!.cells[1]!.expectations.map((e) => e.text)).toEqual(['Mentors engineers on the team.', 'Runs the design reviews.']);
    const problems = runRules([parsed], defaultConfig()).map((d) => `${d.ruleId} ${d.position.line}:${d.position.column} ${d.message}`);
    expect(problems).toEqual([
      'missing-category 11:1 Level `Staff engineer` lacks category `Collaboration`, expected every category the ladder uses',
      'duplicate-category 22:1 Unexpected duplicate category `Collaboration` in level `Senior engineer`, expected each category once per level',
    ]);
    expect([3, 5, 6].map((line) => parsed.facts.roles?.[line])).toEqual(['category-label', 'level-heading', 'expectation']);
  });
  it('takes a bold label that is a coded level’s whole title as a label, however long', () => {
    const labelled = ['# Support', '', '## Customers', '', '- **S1 · Answers the queue within the agreed time (renamed):** Closes tickets from the queue.', '- **S2 · Owns the relationship with key accounts:** Calls key accounts each month.', '', '## Product', '', '- **S1 · Answers the queue within the agreed time (renamed):** Knows the main features.', '- **S2 · Owns the relationship with key accounts:** Files precise bug reports.', ''].join('\n');
    const ladder = parseLadder(labelled, 'ladders/support.md').ladder!;
    expect(ladder.levels.map((l) => [l.key, l.title, l.cells.map((c) => `${c.category}: ${c.expectations.map((e) => e.text).join(' ')}`)])).toEqual([
      ['S1', 'Answers the queue within the agreed time (renamed)', ['Customers: Closes tickets from the queue.', 'Product: Knows the main features.']],
      ['S2', 'Owns the relationship with key accounts', ['Customers: Calls key accounts each month.', 'Product: Files precise bug reports.']],
    ]);
  });
});
