import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigSchema } from '../../scripts/config/index.js';
import {
  EDIT_CLASS_IDS,
  SIGNALS,
  SIGNAL_IDS,
  assessRewording,
  buildLexicon,
  classifyRewording,
  diffLadders,
  typoReasons,
  type EditClass,
} from '../../scripts/diff/index.js';
import { FIXTURES, fixtureCases, readCase } from './fixtures.js';

interface Labelled {
  name: string;
  expected: EditClass;
  given: EditClass | undefined;
}

/** Every fixture case whose single change is a classified rewording: the expected class and what the diff gives. */
function labelled(): Labelled[] {
  const out: Labelled[] = [];
  for (const name of fixtureCases()) {
    const expected = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as { ladders: Array<{ changes: Array<{ kind: string; class?: EditClass }> }> };
    const want = expected.ladders.flatMap((l) => l.changes).filter((c) => c.kind === 'expectation-reworded' && c.class);
    if (want.length !== 1) continue;
    const { base, head, renames } = readCase(name);
    const got = diffLadders(base ? [base] : [], head ? [head] : [], { renames }).ladders.flatMap((l) => l.changes).find((c) => c.kind === 'expectation-reworded');
    out.push({ name, expected: want[0]!.class!, given: got?.class });
  }
  return out;
}

describe('the rewording classifier', () => {
  const cases = labelled();

  test('at least 8 fixture cases per class, in both shapes', () => {
    for (const cls of EDIT_CLASS_IDS) expect(cases.filter((c) => c.expected === cls).length, cls).toBeGreaterThanOrEqual(8);
    const shapes = new Set(cases.map((c) => readCase(c.name).base!.shape));
    // Both shapes at least (the track fixtures add matrix ones).
    expect([...shapes]).toEqual(expect.arrayContaining(['headings', 'table']));
  });

  test('confusion table over the fixtures (rows: expected, columns: given); printed with CONFUSION=1', () => {
    const table = Object.fromEntries(EDIT_CLASS_IDS.map((e) => [e, Object.fromEntries([...EDIT_CLASS_IDS, 'none'].map((g) => [g, 0]))]));
    for (const c of cases) table[c.expected]![c.given ?? 'none']!++;
    if (process.env.CONFUSION) {
      const cols = [...EDIT_CLASS_IDS, 'none'];
      const lines = [`| expected \\ given | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`];
      for (const e of EDIT_CLASS_IDS) lines.push(`| ${e} | ${cols.map((g) => table[e]![g]).join(' | ')} |`);
      console.log(lines.join('\n'));
    }
    // No edit that changes the demand comes out editorial.
    for (const e of ['raised', 'lowered', 'changed'] as const) expect(table[e]!.typo! + table[e]!.clarified!, e).toBe(0);
    const right = cases.filter((c) => c.given === c.expected).length;
    expect(right / cases.length).toBeGreaterThanOrEqual(0.95);
  });

  test('hand-labelled probe edits (test/fixtures/classify/probes.tsv): none that changes the demand is editorial, 90% get their class', () => {
    const rows = readFileSync(new URL('../fixtures/classify/probes.tsv', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.split('\t') as [EditClass, string, string]);
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const table = Object.fromEntries(EDIT_CLASS_IDS.map((e) => [e, Object.fromEntries(EDIT_CLASS_IDS.map((g) => [g, 0]))]));
    const editorialMisses: string[] = [];
    for (const [want, before, after] of rows) {
      const got = classifyRewording(before, after).class;
      table[want]![got]!++;
      if (!['typo', 'clarified'].includes(want) && ['typo', 'clarified'].includes(got)) editorialMisses.push(`${before} → ${after}`);
    }
    if (process.env.CONFUSION) {
      const lines = [`| expected \\ given | ${EDIT_CLASS_IDS.join(' | ')} |`, `|---|${EDIT_CLASS_IDS.map(() => '---:').join('|')}|`];
      for (const e of EDIT_CLASS_IDS) lines.push(`| ${e} | ${EDIT_CLASS_IDS.map((g) => table[e]![g]).join(' | ')} |`);
      console.log(lines.join('\n'));
    }
    expect(editorialMisses).toEqual([]);
    const right = EDIT_CLASS_IDS.reduce((n, e) => n + table[e]![e]!, 0);
    expect(right / rows.length).toBeGreaterThanOrEqual(0.9);
  });

  test('the five examples of issue 13', () => {
    expect(classifyRewording('Mentors one or two engineers.', 'Mentors four or five engineers.').class).toBe('raised');
    expect(classifyRewording('Breaks work into milestones and delivers them close to plan.', 'Breaks work into milestones and never misses a deadline.').class).toBe('raised');
    expect(classifyRewording('Is the person others turn to when an outage is confusing.', 'Is not the person others turn to when an outage is confusing.').class).toBe('changed');
    expect(classifyRewording('Solves scoped problems, with some guidance.', 'Solves scoped problems independently.')).toEqual({
      class: 'raised',
      reasons: ["'with some guidance' → 'independently': more autonomy expected"],
    });
    expect(typoReasons('Owns a system end to end', 'Owns a system end-to-end')).toEqual(["'end to end' → 'end-to-end': hyphenation"]);
  });

  test('a word that carries a signal is never taken for a misspelling', () => {
    expect(classifyRewording('Is now the person others ask.', 'Is not the person others ask.').class).toBe('changed');
    expect(classifyRewording('Supports their team.', 'Supports their teams.').class).toBe('raised');
    expect(classifyRewording('Writes tests and docs.', 'Writes tests or docs.').class).toBe('lowered');
    expect(classifyRewording('Mentors 3 engineers.', 'Mentors 4 engineers.').class).toBe('raised');
    // Short words a letter apart are other words, signal or not.
    expect(classifyRewording('Reviews some designs of the team.', 'Reviews same designs of the team.').class).not.toBe('typo');
  });

  test('a word of manner added or removed alone says how, not how much: clarified', () => {
    for (const [before, after, word] of [
      ['Gives feedback to peers.', 'Gives constructive feedback to peers.', 'constructive'],
      ['Gives actionable feedback in code reviews.', 'Gives specific, actionable feedback in code reviews.', 'specific'],
      ['Communicates clearly with stakeholders.', 'Communicates with stakeholders.', 'clearly'],
    ]) {
      const verdict = classifyRewording(before!, after!);
      expect(verdict.class, before).toBe('clarified');
      expect(verdict.reasons.join(' '), before).toContain(word);
    }
    // Replaced by another word, or joined to the demand by "and", it is not alone; and only as written
    // ("helps" is no "helpful", "manager" no "manageable").
    expect(classifyRewording('Reviews clear onboarding plans for the team.', 'Reviews observable onboarding plans for the team.').class).not.toBe('clarified');
    expect(classifyRewording('Provides helpful feedback in code reviews.', 'Provides helpful and actionable feedback in code reviews.').class).toBe('raised');
    expect(classifyRewording('Reports progress to their manager.', 'Reports progress to the customer.').class).toBe('changed');
  });

  test('a verb said as a light verb and its noun ("provides mentorship" / "mentors") is the same act', () => {
    for (const [before, after, said] of [
      ['Provides mentorship to junior engineers.', 'Mentors junior engineers.', "'Provides mentorship' → 'Mentors'"],
      ['Mentors junior engineers.', 'Provides mentorship to junior engineers.', "'Mentors' → 'Provides mentorship'"],
      ['Makes decisions about the architecture of their area.', 'Decides on the architecture of their area.', "'Makes decisions' → 'Decides'"],
      ['Writes tests for their code.', 'Tests their code.', "'Writes tests' → 'Tests'"],
      ['Writes clear documentation for the features they build.', 'Documents the features they build clearly.', "→ 'Documents'"],
      ['Takes the lead on incidents.', 'Leads incidents.', "'Takes the lead' → 'Leads'"],
    ]) {
      const verdict = classifyRewording(before!, after!);
      expect(verdict.class, before).toBe('clarified');
      expect(verdict.reasons.join(' '), before).toContain(said);
    }
    // The noun must meet a verb standing where a verb does, and a verb added beside it is more asked.
    expect(classifyRewording('Gives feedback to peers.', 'Gives feedback and reviews to peers.').class).toBe('raised');
    expect(classifyRewording('Writes code.', 'Writes and reviews code.').class).toBe('raised');
    expect(classifyRewording('Writes documentation for their features.', 'Writes the features their documentation describes.').class).not.toBe('clarified');
    // Without a light verb, a stronger verb is still a stronger role.
    expect(classifyRewording('Contributes to decisions about architecture.', 'Decides on architecture.').class).toBe('raised');
  });

  test('how deeply something is known is a scale: basic < working / good < solid / proficient < deep / expert', () => {
    for (const [before, after, cls] of [
      ['Has a good understanding of our systems.', 'Has a deep understanding of our systems.', 'raised'],
      ['Has a basic understanding of our systems.', 'Has a solid understanding of our systems.', 'raised'],
      ['Has expert knowledge of the payments domain.', 'Has working knowledge of the payments domain.', 'lowered'],
      ['Is proficient in SQL.', 'Is an expert in SQL.', 'raised'],
      ['Understands our systems.', 'Has a deep understanding of our systems.', 'raised'],
      ['Has a strong grasp of the domain.', 'Has a thorough grasp of the domain.', 'clarified'],
    ] as const) {
      const verdict = classifyRewording(before, after);
      expect(verdict.class, before).toBe(cls);
      if (cls !== 'clarified') expect(verdict.reasons.join(' '), before).toMatch(/knowledge expected/);
    }
    // Only as a qualifier of knowing: "a good listener" is no proficiency.
    expect(assessRewording('Is a good listener.', 'Is a strong listener.').evidence.map((e) => e.signal)).not.toContain('proficiency');
  });

  test('a synonym joined by "and" to the word it doubles asks nothing more', () => {
    for (const [before, after] of [
      ['Mentors others.', 'Mentors and coaches others.'],
      ['Mentors and coaches others.', 'Mentors others.'],
      ['Fixes bugs in their area.', 'Fixes and resolves bugs in their area.'],
    ] as const) {
      const verdict = classifyRewording(before, after);
      expect(verdict.class, before).toBe('clarified');
      expect(verdict.reasons.join(' '), before).toMatch(/beside its synonym/);
    }
    // Another verb joined so is another demand.
    expect(classifyRewording('Mentors others.', 'Mentors and reviews others.').class).toBe('raised');
  });

  test('an "or" among examples lists one more example, not an alternative that meets the demand', () => {
    const verdict = classifyRewording('Shares knowledge, for example through talks.', 'Shares knowledge, for example through talks or blog posts.');
    expect(verdict.class).toBe('clarified');
    expect(verdict.reasons.join(' ')).toContain('examples added');
    // Outside examples it still is one.
    expect(classifyRewording('Shares knowledge through talks.', 'Shares knowledge through talks or blog posts.').class).toBe('lowered');
  });

  test('a long signal word misspelt on one side is a typo fix, not a change of the demand', () => {
    for (const [before, after] of [
      ['Works independantly on features.', 'Works independently on features.'],
      ['Writes occassional blog posts.', 'Writes occasional blog posts.'],
      ['Works independently on features.', 'Works independantly on features.'],
    ]) {
      const verdict = classifyRewording(before!, after!);
      expect(verdict.class, before).toBe('typo');
      expect(verdict.reasons.join(' '), before).toMatch(/spelling/);
    }
  });

  test('"without guidance" is autonomy, not a negation', () => {
    const a = assessRewording('Ships features with guidance.', 'Ships features without guidance.');
    expect(a.class).toBe('raised');
    expect(a.evidence.map((e) => e.signal)).not.toContain('negation');
  });

  test('deterministic: the same pair gives the same verdict', () => {
    const pair = ['Leads the review after an incident.', 'Leads the blameless review after every incident.'] as const;
    expect(classifyRewording(...pair)).toEqual(classifyRewording(...pair));
  });

  test('one registry of signals with stable ids', () => {
    expect(SIGNALS.map((s) => s.id)).toEqual(SIGNAL_IDS);
    expect(new Set(SIGNAL_IDS).size).toBe(SIGNAL_IDS.length);
    for (const s of SIGNALS) expect(s.summary.length, s.id).toBeGreaterThan(10);
    for (const id of ['quantity', 'negation', 'frequency', 'autonomy', 'scope', 'verb', 'hedge', 'subject']) expect(SIGNAL_IDS).toContain(id);
  });

  test('an organization extends the word lists in config', () => {
    const before = 'Improves tooling for their team.';
    const after = 'Improves tooling for their tribe.';
    expect(classifyRewording('Coordinates with their squad.', 'Coordinates with their guild.').reasons).toEqual(["'guild' added: more is asked"]);
    const config = ConfigSchema.parse({ signals: { scope: { teams: ['guild'] }, synonyms: [['tribe', 'team']] } });
    const lexicon = buildLexicon(config.signals);
    expect(classifyRewording('Coordinates with their squad.', 'Coordinates with their guild.', lexicon)).toEqual({
      class: 'raised',
      reasons: ["'squad' → 'guild': a wider scope"],
    });
    expect(classifyRewording(before, after, lexicon).class).not.toBe('changed');
  });

  test('config: bump per kind and per class; unknown ids and tiers are errors', () => {
    const config = ConfigSchema.parse({ bump: { editorial: 'patch', kinds: { 'level-added': 'patch' }, classes: { clarified: 'patch' } } });
    expect(config.bump.classes).toEqual({ clarified: 'patch' });
    expect(() => ConfigSchema.parse({ bump: { classes: { tpyo: 'patch' } } })).toThrow();
    expect(() => ConfigSchema.parse({ bump: { kinds: { 'level-moved': 'patch' } } })).toThrow();
    expect(() => ConfigSchema.parse({ bump: { sideways: 'patch' } })).toThrow();
    expect(() => ConfigSchema.parse({ signals: { scope: { galaxy: ['universe'] } } })).toThrow();
    expect(() => ConfigSchema.parse({ signals: { mood: ['happy'] } })).toThrow();
  });
});
