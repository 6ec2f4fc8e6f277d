import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/config/index.js';
import { cellHash } from '../../scripts/derive/index.js';
import { formatJson } from '../../scripts/diff/format/json.js';
import { Repo } from '../../scripts/git/index.js';
import { diffRevisions, scopedDiff } from '../../scripts/load/index.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { runLadder } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';

// Derived ladders (`extends:`) through the real CLI, in a real git repository: a small Kitchen ladder
// and a Pastry ladder adapted from it.

const KITCHEN = `---
title: Kitchen
id: kitchen
categories: [Technique, Teamwork]
---

# Kitchen

## K1 · Prepares a station

### Technique

- Keeps knives sharp and the station clean during service.
- Follows each recipe card exactly.

### Teamwork

- Calls out when a dish leaves the pass.

## K2 · Runs a station

### Technique

- Adjusts seasoning by tasting, not by the card alone.

### Teamwork

- Shows new cooks how the station is set up.

## K3 · Runs the line

### Technique

- Designs dishes that the line can plate in under two minutes.

### Teamwork

- Keeps the line calm on the busiest nights.
`;

const kitchenK2Teamwork = () => cellHash(parseLadder(Buffer.from(KITCHEN), 'ladders/kitchen.md').ladder!.levels[1]!.cells[1]!);

const pastry = (hash: string) => `---
title: Pastry
id: pastry
extends: kitchen
levelMap: { P1: K1, P2: K2 }
---

# Pastry

## P1 · Prepares a pastry station

### Technique (add)

- Weighs every ingredient instead of measuring by volume.

### Technique (remove)

- Follows each recipe card exactly.

## P2 · Runs the pastry station

### Teamwork (override ${hash})

- Plans the next day's doughs with the bread baker before leaving.

## P3 · Leads pastry for the restaurant

### Technique

- Writes the seasonal dessert menu and costs each plate.

### Teamwork

- Agrees the dessert timings with the head chef before each service.
`;

let repo: TempRepo;
beforeEach(async () => {
  repo = await makeRepo();
  await repo.write('ladders/kitchen.md', KITCHEN);
  await repo.write('ladders/pastry.md', pastry(kitchenK2Teamwork()));
});
afterEach(async () => repo.cleanup());

const ladder = (argv: string[]) => runLadder(repo.root, argv);

describe('ladder show on a derived ladder', () => {
  it('--format json: the resolved ladder, each expectation with its origin', async () => {
    const run = await ladder(['show', 'ladders/pastry.md']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const model = JSON.parse(run.stdout);
    expect(model.derivedFrom).toEqual(['kitchen']);
    expect(model.categories).toEqual(['Technique', 'Teamwork']);
    // Mapped levels take the child's codes and titles; K3 is not mapped, so not inherited; P3 is the child's own.
    expect(model.levels.map((l: { key: string; title: string }) => `${l.key} ${l.title}`)).toEqual([
      'P1 Prepares a pastry station',
      'P2 Runs the pastry station',
      'P3 Leads pastry for the restaurant',
    ]);
    const cell = (level: number, category: string) => model.levels[level].cells.find((c: { category: string }) => c.category === category);
    const texts = (c: { expectations: Array<{ text: string; origin: { kind: string } }> }) => c.expectations.map((e) => `${e.origin.kind}: ${e.text}`);
    expect(texts(cell(0, 'Technique'))).toEqual([
      'inherited: Keeps knives sharp and the station clean during service.',
      'added: Weighs every ingredient instead of measuring by volume.',
    ]);
    expect(texts(cell(1, 'Teamwork'))).toEqual(["overridden: Plans the next day's doughs with the bread baker before leaving."]);
    expect(texts(cell(1, 'Technique'))).toEqual(['inherited: Adjusts seasoning by tasting, not by the card alone.']);
    expect(texts(cell(2, 'Technique'))).toEqual(['added: Writes the seasonal dessert menu and costs each plate.']);
    // An inherited expectation points at its text in the parent's file.
    const inherited = cell(1, 'Technique').expectations[0];
    expect(inherited.origin).toEqual({ kind: 'inherited', ladder: 'kitchen', file: 'ladders/kitchen.md', level: 'K2', levelLabel: 'K2 · Runs a station', category: 'Technique' });
    expect(KITCHEN.split('\n')[inherited.position.line - 1]!.slice(inherited.position.column - 1)).toBe(inherited.text);
  });

  it('--format text: the outline says where each expectation comes from', async () => {
    const run = await ladder(['show', 'ladders/pastry.md', '--format', 'text']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('extends: kitchen\n');
    expect(run.stdout).toMatch(/- Keeps knives sharp and the station clean during service\. {2}\[ladders\/kitchen\.md:13:3\] {2}\(inherited from kitchen K1 \/ Technique\)/);
    expect(run.stdout).toMatch(/- Weighs every ingredient instead of measuring by volume\. {2}\[14:3\] {2}\(added in pastry\)/);
    expect(run.stdout).toContain('(overridden in pastry)');
    expect(run.stdout).not.toContain('Follows each recipe card exactly');
  });

  it('a missing parent: exit 1, the error at the extends line, nothing printed', async () => {
    await repo.write('ladders/pastry.md', pastry('00000000').replace('extends: kitchen', 'extends: kitchn'));
    const run = await ladder(['show', 'ladders/pastry.md']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('ladders/pastry.md:4:10  error    Unknown parent ladder `kitchn` in `extends` (did you mean `kitchen`?), expected the id of another ladder  extends-unknown-parent');
  });
});

describe('ladder validate with derived ladders', () => {
  it('is clean on a resolved child; rules see the inherited structure (no missing category)', async () => {
    expect(await ladder(['validate'])).toEqual({ code: 0, stdout: '✔ 2 ladders checked, no problems\n', stderr: '' });
    // A subset: the parent is read as context, so the child still resolves.
    expect(await ladder(['validate', 'ladders/pastry.md'])).toEqual({ code: 0, stdout: '✔ 1 ladder checked, no problems\n', stderr: '' });
  });

  it('a cycle is an error at each extends line, exit 1, no stack trace', async () => {
    await repo.write('ladders/kitchen.md', KITCHEN.replace('id: kitchen\n', 'id: kitchen\nextends: pastry\n'));
    const run = await ladder(['validate', '--format', 'json']);
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout) as Array<{ file: string; ruleId: string; line: number; column: number; message: string }>;
    const cycles = found.filter((d) => d.ruleId === 'extends-cycle');
    expect(cycles.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'ladders/kitchen.md:4:10 Ladder `kitchen` extends itself through `pastry`, expected a parent that does not derive from it',
      'ladders/pastry.md:4:10 Ladder `pastry` extends itself through `kitchen`, expected a parent that does not derive from it',
    ]);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+\)/);
  });

  it('stale-override: the parent rewords a cell the child overrides; the warning names the new hash', async () => {
    await repo.write('ladders/kitchen.md', KITCHEN.replace('Shows new cooks how the station is set up.', 'Trains new cooks on the station until they run it alone.'));
    const run = await ladder(['validate']);
    expect(run.code).toBe(0);
    const hash = cellHash(parseLadder(Buffer.from(await repo.read('ladders/kitchen.md')), 'k.md').ladder!.levels[1]!.cells[1]!);
    expect(run.stdout).toContain(`ladders/pastry.md:22:1  warning  \`kitchen K2 / Teamwork\` changed since this override was written (hash \`${kitchenK2Teamwork()}\`, now \`${hash}\`); review the override against the parent's new text, then write \`Teamwork (override ${hash})\`  stale-override`);
    expect(run.stdout).toContain('↳ ladders/kitchen.md:26:1  the parent\'s cell is here');
  });

  it('a finding on inherited text is reported once, in the parent file', async () => {
    await repo.write('ladders/kitchen.md', KITCHEN.replace('Keeps knives sharp and the station clean during service.', 'Keeps knives sharp. TBD'));
    const run = await ladder(['validate', '--format', 'json']);
    const found = (JSON.parse(run.stdout) as Array<{ file: string; ruleId: string }>).filter((d) => d.ruleId === 'placeholder-text');
    expect(found.map((d) => d.file)).toEqual(['ladders/kitchen.md']);
    // Validated alone, the child still reports it, in the parent's file and saying who inherits it.
    const alone = await ladder(['validate', 'ladders/pastry.md', '--format', 'json']);
    const own = (JSON.parse(alone.stdout) as Array<{ file: string; ruleId: string; message: string }>).filter((d) => d.ruleId === 'placeholder-text');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ file: 'ladders/kitchen.md' });
    expect(own[0]!.message).toMatch(/\(inherited by pastry\)$/);
  });

  it('override or remove of a cell the parent lacks, and a levelMap to a missing level', async () => {
    await repo.write('ladders/pastry.md', pastry(kitchenK2Teamwork()).replace('P2: K2', 'P2: K7').replace('### Technique (remove)', '### Plating (remove)'));
    const run = await ladder(['validate']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ladders/pastry.md:5:11  error    `levelMap` maps `P2` to `K7`, which `kitchen` has no level of');
    expect(run.stdout).toContain('ladders/pastry.md:16:1  error    Cannot remove `Plating`: `kitchen K1` has no such category, expected one of `Technique` or `Teamwork`  extends-unknown-cell');
  });

  it('ladder fmt keeps the markers: a derived ladder round-trips', async () => {
    const before = await repo.read('ladders/pastry.md');
    expect((await ladder(['fmt', '--check'])).code).toBe(0);
    // Out of canonical form (other bullets, no blank lines): fmt rewrites it, markers and all, as it was.
    await repo.write('ladders/pastry.md', before.replace(/^- /gm, '* ').replace('(add)\n\n', '(add)\n'));
    expect((await ladder(['fmt', '--check'])).code).toBe(1);
    expect((await ladder(['fmt'])).code).toBe(0);
    expect(await repo.read('ladders/pastry.md')).toBe(before);
  });
});

describe('ladder diff when a parent changes', () => {
  it('names the children that inherit the changed cell, and diffs their resolved ladders', async () => {
    await repo.commit('kitchen and pastry');
    await repo.tag('v1.0.0');
    await repo.write('ladders/kitchen.md', KITCHEN
      .replace('Keeps knives sharp and the station clean during service.', 'Keeps knives sharp and the station spotless during service.')
      .replace('Shows new cooks how the station is set up.', 'Trains new cooks on the station until they run it alone.'));
    await repo.commit('kitchen: K1 and K2 reworded');
    const run = await ladder(['diff', 'v1.0.0', 'HEAD', '--format', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { ladders: Array<{ id: string; status: string; changes: Array<{ levelKey: string; category: string; inheritedBy?: string[] }> }> };
    const kitchen = result.ladders.find((l) => l.id === 'kitchen')!;
    expect(kitchen.changes.map((c) => [c.levelKey, c.category, c.inheritedBy])).toEqual([
      ['K1', 'Technique', ['pastry P1']],
      // pastry overrides K2 Teamwork: the change does not reach it.
      ['K2', 'Teamwork', undefined],
    ]);
    const child = result.ladders.find((l) => l.id === 'pastry')!;
    expect(child.status).toBe('modified');
    expect(child.changes.map((c) => [c.levelKey, c.category])).toEqual([['P1', 'Technique']]);

    const text = await ladder(['diff', 'v1.0.0', 'HEAD']);
    expect(text.stdout).toMatch(/~ Technique: Keeps knives sharp and the station .*during service\. \(inherited by pastry P1\)/);
    const md = await ladder(['diff', 'v1.0.0', 'HEAD', '--format', 'markdown']);
    expect(md.stdout).toContain('(inherited by pastry P1)');
    const log = await ladder(['changelog']);
    expect(log.stdout).toContain('(inherited by pastry P1)');
    expect(log.stdout).toContain('### Pastry');
  });

  it('the scoped pull-request diff equals the full diff when only the parent changed', async () => {
    const base = await repo.commit('kitchen and pastry');
    await repo.write('ladders/kitchen.md', KITCHEN.replace('Calls out when a dish leaves the pass.', 'Calls out clearly when a dish leaves the pass.'));
    const head = await repo.commit('kitchen: K1 teamwork');
    const git = await Repo.open(repo.root);
    try {
      const config = loadConfig(repo.root);
      const full = await diffRevisions(git, config, repo.root, base, head);
      const scoped = await scopedDiff(git, config, repo.root, base, head);
      expect(formatJson(scoped.result)).toBe(formatJson(full.result));
      expect(scoped.result.ladders.find((l) => l.id === 'pastry')!.status).toBe('modified');
      expect(scoped.changed).toEqual(['ladders/kitchen.md']);
    } finally {
      git.close();
    }
  });
});

it('the bundled ladders include a derived one', () => {
  const sre = path.join(import.meta.dirname, '..', '..', 'ladders', 'sre.md');
  expect(parseLadder(readFileSync(sre), 'ladders/sre.md').ladder!.meta.extends).toBe('engineering');
});
