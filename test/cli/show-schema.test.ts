import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { frontmatterJsonSchema, FrontmatterSchema, LadderSchema } from '../../scripts/model/ladder.js';
import { runLadder } from '../helpers/cli.js';
import { SAMPLE_LADDERS } from '../helpers/sample-ladders.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
let root: string;
const put = (rel: string, content: string | Uint8Array) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
};
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-show-'));
  put('ladders/devrel.md', readFileSync(path.join(SAMPLE_LADDERS, 'devrel.md')));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ladder show', () => {
  it('--format json prints the model: id, title, categories, levels → cells → expectations with positions', async () => {
    const run = await runLadder(root, ['show', 'ladders/devrel.md']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const model = JSON.parse(run.stdout);
    expect(Object.keys(model).slice(0, 4)).toEqual(['id', 'title', 'categories', 'levels']);
    // `tracks[].levels[]` groups the same levels by track; without them the output is the model itself.
    const { tracks, ...rest } = model;
    expect(tracks.map((t: { key: string }) => t.key)).toEqual(['main']);
    expect(tracks[0].levels).toEqual(model.levels);
    const bare = { ...rest, tracks: tracks.map(({ levels: _levels, ...t }: { levels: unknown }) => t) };
    expect(LadderSchema.parse(bare)).toEqual(bare);
    expect(model).toMatchObject({ id: 'devrel', title: 'Developer Relations', file: 'ladders/devrel.md', categories: ['Technical quality', 'Collaboration', 'Execution'] });
    expect(model.levels).toHaveLength(4);
    const source = readFileSync(path.join(root, 'ladders/devrel.md'), 'utf8').split('\n');
    // Each expectation's position points at its text in the file.
    for (const level of model.levels) {
      expect(source[level.position.line - 1]).toContain(level.title);
      for (const cell of level.cells) {
        for (const e of cell.expectations) {
          const line = source[e.position.line - 1]!;
          expect(line.slice(e.position.column - 1).startsWith(e.markdown.slice(0, 20))).toBe(true);
        }
      }
    }
    expect(JSON.parse((await runLadder(root, ['show', 'ladders/devrel.md', '--format', 'json'])).stdout)).toEqual(model);
  });

  it('--format text prints an outline with positions', async () => {
    const run = await runLadder(root, ['show', 'ladders/devrel.md', '--format', 'text']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Developer Relations (devrel)',
      'file: ladders/devrel.md  shape: table  status: active',
      'owners: @acme/devrel-leads',
      'categories: Technical quality, Collaboration, Execution',
    ]);
    expect(lines).toContain('1. DR1 · Solves scoped problems  (key DR1)  [15:1]');
    expect(lines).toContain('   Technical quality  [21:1]');
    expect(run.stdout).toMatch(/^ {5}- Writes sample code that runs against the current API version .*\[21:27\]$/m);
  });

  it('--format annotated prints every line with the role it was read in, none unread', async () => {
    const run = await runLadder(root, ['show', 'ladders/devrel.md', '--format', 'annotated']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const source = readFileSync(path.join(root, 'ladders/devrel.md'), 'utf8').replace(/\n$/, '').split('\n');
    const lines = run.stdout.replace(/\n$/, '').split('\n');
    expect(lines).toHaveLength(source.length);
    lines.forEach((line, i) => {
      const m = /^(\S*)\s+(\d+) │ ?(.*)$/.exec(line)!;
      expect(Number(m[2])).toBe(i + 1);
      expect(m[3]).toBe(source[i]!.trimEnd());
      // Blank lines have no role; every other line has one, and none is UNREAD.
      expect(m[1] === '', `line ${i + 1}`).toBe(source[i]!.trim() === '');
      expect(m[1]).not.toBe('UNREAD');
    });
    expect(lines.find((l) => /│ ## DR1/.test(l))).toMatch(/^level-heading /);
    expect(lines.find((l) => /│ \| Technical quality/.test(l))).toMatch(/^expectation /);
    expect(lines[0]).toMatch(/^frontmatter /);
  });

  it('exits 1 with the diagnostics on stderr when the file cannot be parsed', async () => {
    put('ladders/bin.md', Buffer.from([0x23, 0x00, 0x01]));
    expect(await runLadder(root, ['show', 'ladders/bin.md'])).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'ladders/bin.md',
        '  ladders/bin.md:1:2  error    Unexpected binary content (NUL byte), expected a UTF-8 Markdown file  binary-file',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    });
  });

  it('exits 1 for a missing file and 2 for anything but one file', async () => {
    expect(await runLadder(root, ['show', 'ladders/nope.md'])).toEqual({ code: 1, stdout: '', stderr: 'ladder show: no such file or folder: "ladders/nope.md"\n' });
    expect((await runLadder(root, ['show'])).code).toBe(2);
    expect((await runLadder(root, ['show', 'a.md', 'b.md'])).code).toBe(2);
    expect((await runLadder(root, ['show', 'ladders/devrel.md', '--format', 'yaml'])).code).toBe(2);
  });
});

describe('ladder schema', () => {
  it('prints the frontmatter JSON Schema that accepts valid frontmatter shapes', async () => {
    const run = await runLadder(root, ['schema']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const schema = JSON.parse(run.stdout);
    expect(schema).toEqual(frontmatterJsonSchema());
    expect(schema.properties.status.enum).toEqual(['draft', 'active', 'deprecated']);
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(FrontmatterSchema.shape).sort());
  });

  it('--out writes the same text to a file', async () => {
    expect((await runLadder(root, ['schema', '--out', 'out/schema.json'])).code).toBe(0);
    expect(readFileSync(path.join(root, 'out/schema.json'), 'utf8')).toBe((await runLadder(root, ['schema'])).stdout);
  });

  it('templates/frontmatter.schema.json is current (regenerate: ladder schema --out templates/frontmatter.schema.json)', async () => {
    const committed = readFileSync(path.join(ROOT, 'templates/frontmatter.schema.json'), 'utf8');
    expect(committed).toBe((await runLadder(root, ['schema'])).stdout);
  });
});
