import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLadderFiles, globToRegExp, loadWorkspace, safeParse } from '../../scripts/load/workspace.js';
import { ConfigSchema, defaultConfig } from '../../scripts/config/index.js';
import { UserError } from '../../scripts/model/errors.js';

const LADDER = '# T\n\n## L1 · One\n\n- Writes code.\n\n## L2 · Two\n\n- Designs systems.\n';
let root: string;
const put = (rel: string, text = LADDER) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
const rel = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-ws-'));
  for (const f of ['ladders/b.md', 'ladders/a.md', 'ladders/team/c.md', 'ladders/README.md', 'ladders/_partial.md', 'ladders/notes.txt', 'ladders/draft.md', 'other/x.md', 'other/y.md']) put(f);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findLadderFiles', () => {
  it('walks laddersDir recursively, skipping README.md, _*.md, non-Markdown and config.ignore, in a stable order', () => {
    const config = ConfigSchema.parse({ ignore: ['draft.md'] });
    expect(rel(findLadderFiles(root, config))).toEqual(['ladders/a.md', 'ladders/b.md', 'ladders/team/c.md']);
  });

  it('honours laddersDir and ignore globs', () => {
    expect(rel(findLadderFiles(root, ConfigSchema.parse({ laddersDir: 'other' })))).toEqual(['other/x.md', 'other/y.md']);
    expect(rel(findLadderFiles(root, ConfigSchema.parse({ ignore: ['team/**', 'd*.md'] })))).toEqual(['ladders/a.md', 'ladders/b.md']);
  });

  it('takes explicit files (whatever their name), folders and quoted globs (filtered like folders)', () => {
    const config = defaultConfig();
    expect(rel(findLadderFiles(root, config, ['ladders/README.md']))).toEqual(['ladders/README.md']);
    expect(rel(findLadderFiles(root, config, ['other']))).toEqual(['other/x.md', 'other/y.md']);
    expect(rel(findLadderFiles(root, config, ['ladders/**/*.md', 'other/y.md']))).toEqual([
      'ladders/a.md',
      'ladders/b.md',
      'ladders/draft.md',
      'ladders/team/c.md',
      'other/y.md',
    ]);
    expect(rel(findLadderFiles(root, config, [path.join(root, 'ladders/a.md')]))).toEqual(['ladders/a.md']);
  });

  it('fails with one user error naming a path that does not exist or a glob that matches nothing', () => {
    expect(() => findLadderFiles(root, defaultConfig(), ['ladders/nope.md'])).toThrow(UserError);
    expect(() => findLadderFiles(root, defaultConfig(), ['ladders/nope.md'])).toThrow('no such file or folder: "ladders/nope.md"');
    expect(() => findLadderFiles(root, defaultConfig(), ['nowhere/*.md'])).toThrow('no files match "nowhere/*.md"');
    expect(() => findLadderFiles(root, ConfigSchema.parse({ laddersDir: 'missing' }))).toThrow(/ladder folder "missing" does not exist/);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['*.md', 'a.md', true],
    ['*.md', 'x/a.md', false],
    ['**/*.md', 'a.md', true],
    ['**/*.md', 'x/y/a.md', true],
    ['ladders/{a,b}.md', 'ladders/b.md', true],
    ['ladders/{a,b}.md', 'ladders/c.md', false],
    ['a?.md', 'ab.md', true],
    ['a.md', 'aXmd', false],
  ])('%s ~ %s = %s', (glob, file, ok) => {
    expect(globToRegExp(glob).test(file)).toBe(ok);
  });
});

describe('loadWorkspace', () => {
  it('parses every ladder with paths relative to the root', () => {
    const results = loadWorkspace({ cwd: root });
    expect(results.map((r) => r.ladder?.file)).toEqual(['ladders/a.md', 'ladders/b.md', 'ladders/draft.md', 'ladders/team/c.md']);
    expect(results.every((r) => r.ladder?.levels.length === 2)).toBe(true);
  });

  it('pins the shape from config.shapes by ladder id', () => {
    const table = '# T\n\n## L1 · One\n\n| Category | Expectations |\n| --- | --- |\n| Craft | Writes code. |\n\n## L2 · Two\n\n| Category | Expectations |\n| --- | --- |\n| Craft | Designs systems. |\n';
    put('ladders/a.md', table);
    expect(loadWorkspace({ cwd: root }, ['ladders/a.md'])[0]!.ladder!.shape).toBe('table');
    const pinned = loadWorkspace({ cwd: root }, ['ladders/a.md'], ConfigSchema.parse({ shapes: { a: 'matrix' } }));
    expect(pinned[0]!.ladder?.shape).toBe('matrix');
  });

  it('turns a parser crash into a parse-error diagnostic instead of a stack trace', () => {
    const result = safeParse(new Uint8Array([35, 32, 84]), 'ladders/x.md', {}, () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(result.ladder).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: 'ladders/x.md', ruleId: 'parse-error', severity: 'error', position: { line: 1, column: 1 } }),
    ]);
    expect(result.diagnostics[0]!.message).toContain('Maximum call stack size exceeded');
  });
});

describe('loadWorkspace afterEach', () => {
  // The release build keeps its heap in bounds between files (a HeapBudget) through this callback.
  it('is called once per ladder file read, in order', () => {
    for (const n of [1, 2, 3]) put(`ladders/team-${n}.md`, LADDER.replace('# T', `# Team ${n}`));
    const seen: number[] = [];
    const results = loadWorkspace({ cwd: root }, [], undefined, () => seen.push(seen.length));
    expect(results.map((r) => r.ladder?.title)).toEqual(expect.arrayContaining(['Team 1', 'Team 2', 'Team 3']));
    expect(seen).toEqual(results.map((_, i) => i));
  });
});
