import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatOne } from '../../scripts/load/format-file.js';
import { main } from '../../scripts/cli/main.js';
import type { Runtime } from '../../scripts/cli/runtime.js';
import { comparableLadder, firstDifference } from '../../scripts/parse/compare.js';
import { parseLadder } from '../../scripts/parse/index.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-fmt-'));
  mkdirSync(path.join(root, 'ladders'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function ladder(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const rt: Runtime = {
    cwd: root,
    env: {},
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
  };
  const code = await main(argv, rt);
  return { code, stdout, stderr };
}

const file = (name: string) => path.join(root, 'ladders', name);
const read = (name: string) => readFileSync(file(name), 'utf8');
const listing = () => readdirSync(path.join(root, 'ladders')).sort();

const MESSY = `---
title: Messy
---
Title
=====

## L1 · Starts

* Writes *tested* code.
* Asks for help.

## L2 · Grows

* Writes __well-tested__ code.
* Helps others.
`;
const TIDY = '---\ntitle: Tidy\n---\n\n# Tidy\n\n## L1 · Starts\n\n- Writes code.\n\n## L2 · Grows\n\n- Writes better code.\n';

describe('ladder fmt', () => {
  it('--check lists the files that would change, exits 1 and touches nothing', async () => {
    writeFileSync(file('messy.md'), MESSY);
    writeFileSync(file('tidy.md'), TIDY);
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(file('messy.md'), old, old);
    const r = await ladder('fmt', '--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('ladders/messy.md\n');
    expect(r.stderr).toContain('1 file not formatted');
    expect(read('messy.md')).toBe(MESSY);
    expect(statSync(file('messy.md')).mtime.getTime()).toBe(old.getTime());
    expect(listing()).toEqual(['messy.md', 'tidy.md']);
  });

  it('rewrites changed files in place, prints them, and a second run finds nothing to do', async () => {
    writeFileSync(file('messy.md'), MESSY);
    writeFileSync(file('tidy.md'), TIDY);
    const before = parseLadder(MESSY, 'ladders/messy.md').ladder!;
    const r = await ladder('fmt');
    expect(r).toMatchObject({ code: 0, stdout: 'ladders/messy.md\n', stderr: '' });
    const formatted = read('messy.md');
    expect(formatted).toContain('# Title\n');
    expect(formatted).toContain('- Writes _tested_ code.\n');
    expect(formatted).toContain('- Writes **well-tested** code.\n');
    expect(firstDifference(comparableLadder(before), comparableLadder(parseLadder(formatted, 'ladders/messy.md').ladder!))).toBeUndefined();
    expect(read('tidy.md')).toBe(TIDY);
    expect(listing()).toEqual(['messy.md', 'tidy.md']); // no temp files left behind
    expect(await ladder('fmt')).toMatchObject({ code: 0, stdout: '' });
    expect(await ladder('fmt', '--check')).toMatchObject({ code: 0, stdout: '' });
  });

  it('formats only the paths given', async () => {
    writeFileSync(file('a.md'), MESSY);
    writeFileSync(file('b.md'), MESSY);
    expect(await ladder('fmt', 'ladders/b.md')).toMatchObject({ code: 0, stdout: 'ladders/b.md\n' });
    expect(read('a.md')).toBe(MESSY);
  });

  it('reports a file that is not UTF-8 as a positioned diagnostic, leaves it alone and formats the rest', async () => {
    const bad = Buffer.from('# T\n\n- caf\xe9\n', 'latin1');
    writeFileSync(file('bad.md'), bad);
    writeFileSync(file('messy.md'), MESSY);
    const r = await ladder('fmt');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('ladders/messy.md\n');
    expect(r.stderr).toMatch(/ladders\/bad\.md:3:6 +error +.*not-utf8/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
    expect(readFileSync(file('bad.md')).equals(bad)).toBe(true);
  });

  it('refuses to write output whose parsed model differs from the input (fmt-unsafe)', () => {
    const bytes = Buffer.from(TIDY);
    const careless = (s: string) => s.replace('better', 'worse');
    const outcome = formatOne(bytes, 'ladders/tidy.md', {}, careless);
    expect(outcome).toMatchObject({ kind: 'problem', diagnostic: { ruleId: 'fmt-unsafe', file: 'ladders/tidy.md', severity: 'error' } });
    expect(formatOne(bytes, 'ladders/tidy.md', {}, (s) => s.replace('# Tidy\n', '# Tidy\n\n'))).toMatchObject({ kind: 'changed' });
    expect(formatOne(bytes, 'ladders/tidy.md', {})).toEqual({ kind: 'unchanged' });
    const crashing = () => {
      throw new Error('boom');
    };
    expect(formatOne(bytes, 'ladders/tidy.md', {}, crashing)).toMatchObject({ kind: 'problem', diagnostic: { ruleId: 'fmt-error' } });
  });

  it('leaves an empty file alone', async () => {
    writeFileSync(file('empty.md'), '');
    expect(await ladder('fmt', '--check')).toMatchObject({ code: 0, stdout: '' });
  });

  it('rejects unknown flags and missing paths', async () => {
    expect((await ladder('fmt', '--wat')).code).toBe(2);
    const r = await ladder('fmt', 'ladders/nope.md');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.md');
  });
});

describe('ladder new', () => {
  it.each(['table', 'headings'] as const)('scaffolds a %s ladder that parses cleanly, validates and is already formatted', async (shape) => {
    const r = await ladder('new', 'platform-engineering', '--shape', shape);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('ladders/platform-engineering.md');
    const text = read('platform-engineering.md');
    const parsed = parseLadder(text, 'ladders/platform-engineering.md');
    expect(parsed.diagnostics).toEqual([]);
    const l = parsed.ladder!;
    expect(l).toMatchObject({ id: 'platform-engineering', title: 'Platform Engineering', shape, status: 'draft' });
    expect(l.levels.length).toBeGreaterThanOrEqual(3);
    for (const level of l.levels) {
      expect(level.cells.map((c) => c.category)).toEqual(l.categories);
      for (const cell of level.cells) expect(cell.expectations.length).toBeGreaterThan(0);
    }
    expect(l.notes.map((n) => n.title)).toEqual(['How to use this ladder']);
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(await ladder('validate')).toMatchObject({ code: 0, stderr: '' });
    expect(await ladder('fmt', '--check')).toMatchObject({ code: 0, stdout: '' });
  });

  it('gives the same ladder in both shapes', async () => {
    await ladder('new', 'a', '--shape', 'table', '--title', 'Role');
    await ladder('new', 'b', '--shape', 'headings', '--title', 'Role');
    const model = (name: string) => {
      const l = parseLadder(read(name), `ladders/${name}`).ladder!;
      // The guidance comment (kept in the intro) explains each shape, so it differs on purpose.
      return comparableLadder({ ...l, id: '', file: '', shape: 'table', intro: '', meta: { ...l.meta, id: '' } });
    };
    expect(firstDifference(model('a.md'), model('b.md'))).toBeUndefined();
  });

  it('keeps an unusual title intact in YAML and Markdown', async () => {
    const title = 'Data *Science*: "ML" & <AI> | #1';
    expect((await ladder('new', 'data', '--title', title)).code).toBe(0);
    const l = parseLadder(read('data.md'), 'ladders/data.md').ladder!;
    expect(l.title).toBe(title);
    expect(l.meta.title).toBe(title);
    expect(read('data.md')).toContain('# Data \\*Science\\*: "ML" & \\<AI> | #1\n');
  });

  it('refuses to overwrite an existing ladder (exit 1)', async () => {
    writeFileSync(file('devrel.md'), TIDY);
    const r = await ladder('new', 'devrel');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ladder new: ladders/devrel.md: file already exists, not overwriting it\n');
    expect(read('devrel.md')).toBe(TIDY);
    expect(listing()).toEqual(['devrel.md']);
  });

  it('refuses an id that another file already claims in its frontmatter (exit 1)', async () => {
    writeFileSync(file('dev.md'), TIDY.replace('title: Tidy', 'title: Tidy\nid: devrel'));
    const r = await ladder('new', 'devrel');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ladder new: ladders/devrel.md: ladder id "devrel" is already used by ladders/dev.md\n');
    expect(listing()).toEqual(['dev.md']);
  });

  it('creates the ladder folder when it does not exist yet', async () => {
    rmSync(path.join(root, 'ladders'), { recursive: true });
    expect((await ladder('new', 'first')).code).toBe(0);
    expect(listing()).toEqual(['first.md']);
  });

  it.each([['Platform'], ['platform_eng'], ['a--b'], ['x-'], ['../evil'], ['']])('rejects the id %j (exit 2)', async (id) => {
    const r = await ladder('new', id);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kebab-case');
    expect(listing()).toEqual([]);
  });

  it('rejects a missing id, extra words and an unknown shape (exit 2)', async () => {
    expect((await ladder('new')).code).toBe(2);
    expect((await ladder('new', 'a', 'b')).code).toBe(2);
    expect((await ladder('new', '-x')).code).toBe(2);
    expect((await ladder('new', 'a', '--shape', 'matrix')).code).toBe(2);
    expect(listing()).toEqual([]);
  });

  it("prefers the repository's own templates/", async () => {
    mkdirSync(path.join(root, 'templates'));
    writeFileSync(path.join(root, 'templates/ladder.table.md'), '---\ntitle: {{title_yaml}}\nid: {{id}}\n---\n\n# {{title_md}}\n\n## L1 · Custom\n\n- One.\n\n## L2 · Custom too\n\n- Two.\n');
    expect((await ladder('new', 'own')).code).toBe(0);
    expect(read('own.md')).toContain('## L1 · Custom');
    writeFileSync(path.join(root, 'templates/ladder.table.md'), '# {{nope}}\n');
    const r = await ladder('new', 'broken');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown template placeholder {{nope}}');
  });
});
