import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareLevelRefs, comparePairs, formatCompareMarkdown, formatCompareText, resolveLevel, type LevelComparison } from '../../scripts/compare/index.js';
import { UsageError } from '../../scripts/model/errors.js';
import { parseLadder } from '../../scripts/parse/index.js';

const parse = (path: string, file: string) => parseLadder(readFileSync(new URL(path, import.meta.url)), file).ladder!;
const growth = parse('../fixtures/compare/growth.md', 'ladders/growth.md');
const engineering = parse('../fixtures/sample-ladders/engineering.md', 'ladders/engineering.md');

/** Per category, per kind, the texts: what a reader sees. */
function shape(c: LevelComparison) {
  return Object.fromEntries(
    c.categories.map((cat) => [cat.category, cat.items.map((i) => `${i.kind}: ${i.text}${i.was ? ` (was: ${i.was})` : ''}${i.class ? ` [${i.class}]` : ''}`)]),
  );
}

describe('compareLevels: any two levels of one track', () => {
  it('says what the higher level adds, asks more strongly (with the diff reasons) and does not repeat', () => {
    const c = compareLevelRefs(growth, 'engineering/E1', 'E3');
    expect(c.view).toBe('direct');
    expect(c.cumulative.detected).toBe(false);
    expect(shape(c)).toEqual({
      Craft: [
        'adds: Sets the technical direction of several services.',
        'stronger: Leads design reviews across several teams independently. (was: Contributes to design reviews with guidance.) [raised]',
        'not-repeated: Writes tested changes to one service.',
      ],
      Collaboration: ['adds: Mentors new joiners.', 'not-repeated: Asks for review early.', 'not-repeated: Helps new joiners with their setup.'],
      Delivery: ['adds: Plans a quarter of work for the team.', 'adds: Plans a year of work across several teams.', 'not-repeated: Ships small changes every week.'],
    });
    const stronger = c.categories[0]!.items.find((i) => i.kind === 'stronger')!;
    expect(stronger.reasons).toEqual(["'with guidance' → 'independently': more autonomy expected", "'several teams' added: a wider scope", "'Contributes to' → 'Leads': a stronger role"]);
    expect(c.counts).toEqual({ adds: 4, stronger: 1, weaker: 0, different: 0, carried: 0, 'not-repeated': 4 });
    // The side-by-side lists are each level as written.
    expect(c.categories[0]!.lower).toEqual(['Writes tested changes to one service.', 'Contributes to design reviews with guidance.']);
  });

  it('takes the two levels in either order, by code, title or "code · title", case-insensitively', () => {
    const a = compareLevelRefs(growth, 'staff ENGINEER', 'Senior engineer');
    const b = compareLevelRefs(growth, 'engineering/e2', 'E3 · Staff engineer');
    expect(a).toEqual(b);
    expect([a.lower.label, a.higher.label]).toEqual(['E2 · Senior engineer', 'E3 · Staff engineer']);
    expect([a.lower.rank, a.higher.rank]).toEqual([2, 3]);
  });

  it('carries over what is unchanged and says when a level asks less strongly', () => {
    const c = compareLevelRefs(growth, 'management/E1', 'management/E2');
    expect(shape(c)).toEqual({
      Collaboration: ['weaker: Runs one-to-ones with every report every month. (was: Runs one-to-ones with every report every week.) [lowered]'],
      Delivery: ['carried: Plans a quarter of work for the team.'],
    });
    expect(c.track).toEqual({ key: 'management', title: 'Management', levels: 2 });
  });

  it('detects a cumulative ladder, says so with the measured share, and compares everything up to each level', () => {
    const c = compareLevelRefs(engineering, 'L2', 'L3');
    expect(c.cumulative).toEqual({ detected: true, share: 0, threshold: 0.25 });
    expect(c.view).toBe('cumulative');
    const quality = c.categories.find((x) => x.category === 'Technical quality')!;
    // Nothing is "new" that L1 or L2 already asked: they carry over, each with the level that states it.
    expect(quality.items.filter((i) => i.kind === 'adds').every((i) => i.level === 'L3')).toBe(true);
    expect(quality.items.filter((i) => i.kind === 'carried').map((i) => i.level)).toEqual(['L1', 'L1', 'L1', 'L2', 'L2', 'L2', 'L2']);
    expect(quality.lower.length).toBe(7);
    expect(quality.higher.length).toBe(11);
    expect(formatCompareText(c)).toContain("This ladder is cumulative: each level lists only what it adds (0% of a level's expectations are repeated at the next level)");
    // A wider pair: what L2 and L3 state is added since L1.
    const wide = compareLevelRefs(engineering, 'L1', 'L3');
    expect(new Set(wide.categories.flatMap((x) => x.items.filter((i) => i.kind === 'adds').map((i) => i.level)))).toEqual(new Set(['L2', 'L3']));
  });

  it('names a bad level reference as a usage error listing the valid ones', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      throw new Error('expected a usage error');
    };
    expect(err(() => resolveLevel(growth, 'E9'))).toBe(
      'no level "E9" in growth; valid levels: engineering/E1 (Engineer), engineering/E2 (Senior engineer), E3 (Staff engineer), management/E1 (Team lead), management/E2 (Manager of managers)',
    );
    expect(err(() => resolveLevel(growth, 'e1'))).toContain('ambiguous');
    expect(err(() => compareLevelRefs(growth, 'engineering/E1', 'management/E2'))).toContain('different tracks');
    expect(err(() => compareLevelRefs(growth, 'E3', 'e3'))).toContain('two different levels');
  });

  it('offers every pair within each track, adjacent pairs first, never across tracks', () => {
    const pairs = comparePairs(growth).map((c) => `${c.track.key}:${c.lower.key}-${c.higher.key}`);
    expect(pairs).toEqual(['engineering:E1-E2', 'engineering:E2-E3', 'engineering:E1-E3', 'management:E1-E2']);
  });

  it('formats ladder text safely: no terminal escapes in text, Markdown escaped by the serializer', () => {
    const hostile = structuredClone(growth);
    const cell = hostile.levels[1]!.cells[0]!;
    cell.expectations.push({ id: 'x', text: 'Ships \u001b[31m<b>*now*</b>', markdown: 'Ships \u001b[31m<b>*now*</b>', position: { line: 1, column: 1 } });
    const c = compareLevelRefs(hostile, 'engineering/E1', 'engineering/E2');
    expect(formatCompareText(c)).not.toContain('\u001b');
    const md = formatCompareMarkdown(c);
    expect(md).toContain('Ships \\[31m\\<b>\\*now\\*\\</b>');
  });
});
