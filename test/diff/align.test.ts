import { describe, expect, test } from 'vitest';
import {
  CHANGE_KINDS,
  EDIT_CLASSES,
  type Bump,
  type EditClass,
  type Impact,
  DEFAULT_BUMPS,
  IMPACTS,
  KINDS,
  REWORD_THRESHOLD,
  bumpFor,
  diffLadder,
  diffLadders,
  maxBump,
  similarity,
  words,
  type Change,
} from '../../scripts/diff/index.js';
import { ladder } from './build.js';
import { diffArrays } from 'diff';
import fc from 'fast-check';
import { lcsLength, overlap } from '../../scripts/diff/similarity.js';

const kinds = (changes: Change[]) => changes.map((c) => c.kind);

describe('registry and policy', () => {
  test('every change kind of DESIGN.md §3 is registered, with a label and a known impact', () => {
    const design = [
      'ladder-added', 'ladder-removed', 'ladder-renamed', 'level-added', 'level-removed', 'level-renamed', 'level-reordered',
      'category-added', 'category-removed', 'category-renamed', 'expectation-added', 'expectation-removed',
      'expectation-reworded', 'expectation-moved', 'metadata-changed',
    ];
    // DESIGN's kinds, plus the ones we added (intro, notes and level descriptions edited).
    expect([...CHANGE_KINDS].sort()).toEqual([...design, 'prose-changed'].sort());
    for (const k of CHANGE_KINDS) {
      expect(KINDS[k].label).toMatch(/^[A-Z]/);
      expect(IMPACTS).toContain(KINDS[k].impact);
    }
  });

  test('default bumps follow the DESIGN table', () => {
    const table: Array<[Parameters<typeof bumpFor>[0], Parameters<typeof bumpFor>[1], string]> = [
      ['level-removed', 'breaking', 'major'],
      ['level-renamed', 'breaking', 'major'],
      ['category-removed', 'breaking', 'major'],
      ['ladder-removed', 'breaking', 'major'],
      ['expectation-added', 'raises-bar', 'major'],
      ['expectation-moved', 'raises-bar', 'major'],
      ['expectation-removed', 'lowers-bar', 'minor'],
      ['expectation-moved', 'lowers-bar', 'minor'],
      ['level-added', 'editorial', 'minor'],
      ['category-added', 'editorial', 'minor'],
      ['ladder-added', 'editorial', 'minor'],
      ['category-renamed', 'editorial', 'minor'],
      ['level-reordered', 'editorial', 'minor'],
      ['metadata-changed', 'metadata', 'minor'],
    ];
    for (const [kind, impact, bump] of table) {
      expect(KINDS[kind].impact === impact || kind === 'expectation-moved', kind).toBe(true);
      expect(bumpFor(kind, impact), kind).toBe(bump);
    }
    // A rewording's impact and bump come from its class.
    const classes: Array<[EditClass, Impact, Bump]> = [
      ['typo', 'editorial', 'patch'],
      ['clarified', 'editorial', 'minor'],
      ['raised', 'raises-bar', 'major'],
      ['lowered', 'lowers-bar', 'minor'],
      ['changed', 'needs-review', 'major'],
    ];
    for (const [cls, impact, bump] of classes) {
      expect(EDIT_CLASSES[cls].impact, cls).toBe(impact);
      expect(bumpFor('expectation-reworded', impact, {}, cls), cls).toBe(bump);
    }
    // A level retitled by case, hyphens or spelling only is a typo fix.
    expect(bumpFor('level-renamed', 'editorial', {}, 'typo')).toBe('patch');
  });

  test('config overrides the bump per class, then per kind, then per impact', () => {
    expect(bumpFor('expectation-reworded', 'editorial', { editorial: 'minor' }, 'typo')).toBe('minor');
    expect(bumpFor('expectation-reworded', 'editorial', { editorial: 'minor', classes: { typo: 'none' } }, 'typo')).toBe('none');
    expect(bumpFor('expectation-reworded', 'raises-bar', { kinds: { 'expectation-reworded': 'minor' } }, 'raised')).toBe('minor');
    expect(bumpFor('expectation-reworded', 'raises-bar', { kinds: { 'expectation-reworded': 'minor' }, classes: { raised: 'patch' } }, 'raised')).toBe('patch');
    expect(bumpFor('level-added', 'editorial', { kinds: { 'level-added': 'patch' }, editorial: 'major' })).toBe('patch');
    expect(bumpFor('expectation-added', 'raises-bar', { kinds: { 'level-added': 'patch' } })).toBe('major');
  });

  test('config overrides the bump per impact, rewordings included', () => {
    expect(bumpFor('expectation-reworded', 'editorial', { editorial: 'patch' }, 'clarified')).toBe('patch');
    expect(bumpFor('level-added', 'editorial', { editorial: 'patch' })).toBe('patch');
    expect(bumpFor('expectation-removed', 'lowers-bar', { 'lowers-bar': 'major' })).toBe('major');
    expect(bumpFor('expectation-removed', 'lowers-bar', { editorial: 'none' })).toBe(DEFAULT_BUMPS['lowers-bar']);
    const base = ladder({ levels: { 'L1 · One': { Craft: ['Writes tests for new code.'] } } });
    // "all new code": the bar is raised (major); config may say otherwise per impact or per class.
    const head = ladder({ levels: { 'L1 · One': { Craft: ['Writes tests for all new code.'] } } });
    expect(diffLadder(base, head).bump).toBe('major');
    expect(diffLadder(base, head, { 'raises-bar': 'none' }).bump).toBe('none');
    expect(diffLadders([base], [head], { policy: { classes: { raised: 'minor' } } }).bump).toBe('minor');
    const typo = ladder({ levels: { 'L1 · One': { Craft: ['Writes tests for new  code'] } } });
    expect(diffLadder(base, typo).bump).toBe('patch');
    expect(diffLadder(base, typo, { editorial: 'none' }).bump).toBe('none');
  });

  test('maxBump orders none < patch < minor < major', () => {
    expect(maxBump([])).toBe('none');
    expect(maxBump(['patch', 'none'])).toBe('patch');
    expect(maxBump(['minor', 'major', 'patch'])).toBe('major');
  });
});

describe('similarity', () => {
  test('compares words, not punctuation, case or emphasis', () => {
    expect(words('Owns **the** on-call  rota, end-to-end.')).toEqual(['owns', 'the', 'on', 'call', 'rota', 'end', 'to', 'end']);
    expect(similarity(words('Ships regularly.'), words('ships REGULARLY'))).toBe(1);
    expect(similarity(words('Ships regularly.'), words('Ships often.'))).toBe(0.5);
    expect(similarity(words('a b c'), words('x y z'))).toBe(0);
  });

  test('atLeast gives up early but never changes a score that reaches it', () => {
    const a = words('Leads the review after an incident in their service.');
    const b = words('Leads the blameless review after every incident in their service.');
    const full = similarity(a, b);
    expect(full).toBeCloseTo(16 / 19, 10);
    expect(similarity(a, b, REWORD_THRESHOLD)).toBe(full);
    expect(similarity(a, words('Runs the quarterly planning for the group.'), REWORD_THRESHOLD)).toBe(0);
  });

  // similarity counts a longest common subsequence; it used to read one off jsdiff's shortest edit
  // script, given up past maxEditLength. The two must agree on every pair and bound.
  test('scores as jsdiff shortest edit script did, bound and all', () => {
    const viaJsdiff = (a: string[], b: string[], atLeast: number) => {
      const total = a.length + b.length;
      if (total === 0) return 1;
      if (overlap(a, b) < atLeast) return 0;
      const parts = diffArrays(a, b, { maxEditLength: Math.floor(total * (1 - atLeast)) });
      if (!parts) return 0;
      const common = parts.reduce((n, p) => n + (p.added || p.removed ? 0 : p.count), 0);
      const score = (2 * common) / total;
      return score >= atLeast ? score : 0;
    };
    // Few distinct words, so that lists share many in many orders (the ties a search can get wrong).
    const list = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'the', 'team'), { maxLength: 24 });
    fc.assert(
      fc.property(list, list, fc.constantFrom(0, 0.3, REWORD_THRESHOLD, 0.8, 1), (a, b, atLeast) => {
        expect(similarity(a, b, atLeast)).toBe(viaJsdiff(a, b, atLeast));
        expect(lcsLength(a, b)).toBe(lcsLength(b, a));
      }),
      { numRuns: 3000, seed: 16 },
    );
    expect(lcsLength(words('x a b c y'), words('a c b'))).toBe(2);
  });
});

describe('alignment', () => {
  test('one of two identical expectations removed is one removal', () => {
    const base = ladder({ levels: { 'L1 · One': { Craft: ['Writes tests.', 'Writes tests.', 'Reviews code.'] } } });
    const head = ladder({ levels: { 'L1 · One': { Craft: ['Reviews code.', 'Writes tests.'] } } });
    const d = diffLadder(base, head);
    expect(kinds(d.changes)).toEqual(['expectation-removed']);
  });

  test('reordering expectations inside a cell is no change', () => {
    const base = ladder({ levels: { 'L1 · One': { Craft: ['Writes tests.', 'Reviews code.', 'Fixes flaky builds.'] } } });
    const head = ladder({ levels: { 'L1 · One': { Craft: ['Fixes flaky builds.', 'Writes tests.', 'Reviews code.'] } } });
    expect(diffLadder(base, head)).toMatchObject({ status: 'unchanged', bump: 'none', changes: [] });
  });

  test('moved and reworded at once is one move, with a highlight, judged by direction', () => {
    const base = ladder({
      levels: { 'L1 · One': { Craft: ['Writes tests.'] }, 'L2 · Two': { Craft: ['Designs features with the product manager.'] } },
    });
    const head = ladder({
      levels: { 'L1 · One': { Craft: ['Writes tests.', 'Designs features with their product manager.'] }, 'L2 · Two': { Craft: [] } },
    });
    const [c, ...rest] = diffLadder(base, head).changes;
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      kind: 'expectation-moved', impact: 'raises-bar', bump: 'major', class: 'clarified', level: 'One', fromLevel: 'Two', category: 'Craft',
      before: 'Designs features with the product manager.', after: 'Designs features with their product manager.',
      reasons: ['moved to a more junior level: the bar is raised at L1 · One', "'the' → 'their': no word of substance changed"],
    });
    expect(c!.highlight!.filter((s) => s.type === 'added').map((s) => s.text.trim())).toEqual(['their']);
  });

  test('moved to a more junior level but made easier: the two directions need a reviewer', () => {
    const base = ladder({
      levels: { 'L1 · One': { Craft: ['Writes tests.'] }, 'L2 · Two': { Craft: ['Designs features with the product manager.'] } },
    });
    const head = ladder({
      levels: { 'L1 · One': { Craft: ['Writes tests.', 'Designs small features with the product manager.'] }, 'L2 · Two': { Craft: [] } },
    });
    const [c] = diffLadder(base, head).changes;
    expect(c).toMatchObject({
      kind: 'expectation-moved', impact: 'needs-review', bump: 'major', class: 'lowered',
      reasons: ['moved to a more junior level: the bar is raised at L1 · One', "'small' added: easier work expected"],
    });
  });

  test('an identical text elsewhere wins over a similar one in the same cell', () => {
    const base = ladder({
      levels: {
        'L1 · One': { Craft: ['Writes unit tests for each change.'] },
        'L2 · Two': { Craft: ['Writes integration tests for each change.'] },
      },
    });
    const head = ladder({ levels: { 'L1 · One': { Craft: ['Writes integration tests for each change.'] }, 'L2 · Two': { Craft: [] } } });
    const d = diffLadder(base, head);
    expect(kinds(d.changes)).toEqual(['expectation-removed', 'expectation-moved']);
    expect(d.changes[1]).toMatchObject({ level: 'One', fromLevel: 'Two', impact: 'raises-bar' });
  });

  test('shared "All levels" expectations: from there to one level lowers the bar', () => {
    const base = ladder({ shared: { Craft: ['Keeps secrets out of the repository.'] }, levels: { 'L1 · One': { Craft: ['Writes tests.'] }, 'L2 · Two': { Craft: ['Designs.'] } } });
    const head = ladder({ shared: { Craft: [] }, levels: { 'L1 · One': { Craft: ['Writes tests.'] }, 'L2 · Two': { Craft: ['Designs.', 'Keeps secrets out of the repository.'] } } });
    expect(diffLadder(base, head).changes).toMatchObject([{ kind: 'expectation-moved', impact: 'lowers-bar', level: 'Two', fromLevel: 'All levels' }]);
    const added = ladder({ shared: { Craft: ['Keeps secrets out of the repository.', 'Writes down decisions.'] }, levels: { 'L1 · One': { Craft: ['Writes tests.'] } } });
    const before = ladder({ shared: { Craft: ['Keeps secrets out of the repository.'] }, levels: { 'L1 · One': { Craft: ['Writes tests.'] } } });
    expect(diffLadder(before, added).changes).toMatchObject([{ kind: 'expectation-added', impact: 'raises-bar', level: 'All levels', category: 'Craft' }]);
  });

  test('a category is renamed only when all of its cells moved with it', () => {
    const base = ladder({
      levels: { 'L1 · One': { Delivery: ['Ships small changes.'] }, 'L2 · Two': { Delivery: ['Plans a quarter of work.'] } },
    });
    const whole = ladder({
      levels: { 'L1 · One': { Execution: ['Ships small changes.'] }, 'L2 · Two': { Execution: ['Plans a quarter of work.'] } },
    });
    expect(diffLadder(base, whole).changes).toMatchObject([{ kind: 'category-renamed', category: 'Execution', fromCategory: 'Delivery' }]);
    const partial = ladder({
      levels: { 'L1 · One': { Execution: ['Ships small changes.'] }, 'L2 · Two': { Execution: ['Runs the planning of the group.'] } },
    });
    expect(kinds(diffLadder(base, partial).changes)).toEqual([
      'category-removed', 'category-added', 'expectation-moved', 'expectation-removed', 'expectation-added',
    ]);
  });

  test('a category declared but holding no expectation comes and goes unnoticed', () => {
    const base = ladder({ levels: { 'L1 · One': { Craft: ['Writes tests.'], Empty: [] } } });
    const head = ladder({ levels: { 'L1 · One': { Craft: ['Writes tests.'] } } });
    expect(diffLadder({ ...base, categories: ['Craft', 'Empty', 'Declared only'] }, head).changes).toEqual([]);
  });

  test('a level whose code and title both changed is still matched by its content', () => {
    const base = ladder({ levels: { 'E1 · Starter': { Craft: ['Writes tests.', 'Reviews code.'] }, 'E2 · Builder': { Craft: ['Designs features.'] } } });
    const head = ladder({ levels: { 'L1 · Beginner': { Craft: ['Writes tests.', 'Reviews code.'] }, 'E2 · Builder': { Craft: ['Designs features.'] } } });
    expect(diffLadder(base, head).changes).toMatchObject([
      { kind: 'level-renamed', level: 'Beginner', fromLevel: 'Starter', before: 'E1 · Starter', after: 'L1 · Beginner' },
    ]);
  });

  test('changes carry the head position, or the base position for removals', () => {
    const base = ladder({ levels: { 'L1 · One': { Craft: ['Writes tests.', 'Reviews code.'] } } });
    const head = ladder({ levels: { 'L1 · One': { Craft: ['Writes tests.', 'Pairs weekly.', 'Mentors.'] } } });
    const byKind = Object.fromEntries(diffLadder(base, head).changes.map((c) => [c.after ?? c.before, c.position]));
    const exp = (l: typeof base, text: string) => l.levels[0]!.cells[0]!.expectations.find((e) => e.text === text)!.position;
    expect(byKind['Reviews code.']).toEqual(exp(base, 'Reviews code.'));
    expect(byKind['Pairs weekly.']).toEqual(exp(head, 'Pairs weekly.'));
    expect(byKind['Mentors.']).toEqual(exp(head, 'Mentors.'));
  });

  test('output is deterministic and inputs are not mutated', () => {
    const base = ladder({ levels: { 'L1 · One': { Craft: ['A b c d.', 'E f g h.'] }, 'L2 · Two': { Team: ['I j k l.'] } } });
    const head = ladder({ levels: { 'L2 · Two': { Team: ['I j k l m.', 'A b c d.'] }, 'L1 · One': { Craft: ['E f g h.'] } } });
    const snapshot = JSON.stringify([base, head]);
    const first = JSON.stringify(diffLadder(base, head));
    expect(JSON.stringify(diffLadder(base, head))).toBe(first);
    expect(JSON.stringify([base, head])).toBe(snapshot);
  });
});

describe('ladder sets', () => {
  const a = ladder({ id: 'alpha', levels: { 'L1 · One': { Craft: ['Writes tests.'] } } });
  const b = ladder({ id: 'beta', levels: { 'L1 · One': { Craft: ['Reviews code.'] } } });

  test('pairs by id, then by git renames; sorted by id; overall bump is the max', () => {
    const renamed = { ...a, id: 'gamma', file: 'ladders/gamma.md' };
    const r = diffLadders([a, b], [b, renamed], { base: 'v1', head: 'v2', renames: [{ from: 'ladders/alpha.md', to: 'ladders/gamma.md' }] });
    expect(r).toMatchObject({ base: 'v1', head: 'v2', bump: 'major' });
    expect(r.ladders.map((l) => [l.id, l.status, l.fromId])).toEqual([
      ['beta', 'unchanged', undefined],
      ['gamma', 'renamed', 'alpha'],
    ]);
    const without = diffLadders([a, b], [b, renamed]);
    expect(without.ladders.map((l) => [l.id, l.status])).toEqual([
      ['alpha', 'removed'],
      ['beta', 'unchanged'],
      ['gamma', 'added'],
    ]);
  });

  test('an id found on both sides wins over a rename git reports', () => {
    const moved = { ...a, file: 'ladders/elsewhere.md' };
    const r = diffLadders([a], [moved], { renames: [{ from: 'ladders/alpha.md', to: 'ladders/elsewhere.md' }] });
    expect(r.ladders).toMatchObject([{ id: 'alpha', status: 'unchanged', file: 'ladders/elsewhere.md', fromFile: 'ladders/alpha.md' }]);
  });
});
