import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostileCases } from '../../scripts/bench/hostile.js';
import { stopGuard } from '../../scripts/load/parse-guard.js';
import { runLadder } from '../helpers/cli.js';

// Issue 19, item 3: each hostile input (at the size reported) ends in a positioned diagnostic with a
// rule id, in well under a second or two; `node .build/scripts/bench/hostile.js` reports the timings.
const ROOT = path.join(import.meta.dirname, '..', '..');
let root: string;
const put = (rel: string, content: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
};
const ladder = (argv: string[]) => runLadder(root, argv);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-budgets-'));
  put('ladders/devrel.md', readFileSync(path.join(ROOT, 'ladders/devrel.md'), 'utf8'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));
afterAll(() => stopGuard());

const EXPECTED: Record<string, RegExp> = {
  'nested-list-line': /:20:1\s+error\s+Unexpected list or block quote nested \d+ levels deep, expected at most 32\s+nesting-too-deep/,
  'nested-list-indent': /:1:1\s+error\s+File is 1918 KiB, expected at most 256 KiB for a ladder\s+file-too-large/,
  'nested-quote': /:20:1\s+error\s+Unexpected list or block quote nested \d+ levels deep, expected at most 32\s+nesting-too-deep/,
  'nested-emphasis': /:20:\d+\s+error\s+Unexpected emphasis nested more than 32 levels deep, expected at most 32\s+nesting-too-deep/,
  'nested-links': /:20:\d+\s+error\s+Unexpected link brackets nested more than 32 levels deep, expected at most 32\s+nesting-too-deep/,
  'table-5k': /:1010:1\s+error\s+Unexpected table row 1,001 \(the first table is at line 10\), expected at most 1,000 table rows in a file\s+table-too-long/,
  'table-20k': /:1:1\s+error\s+File is 488 KiB, expected at most 256 KiB.*file-too-large/,
  'table-80k': /:1:1\s+error\s+File is 1953 KiB, expected at most 256 KiB.*file-too-large/,
  'matrix-60k': /:1:1\s+error\s+File is \d+ KiB, expected at most 256 KiB.*file-too-large/,
  'sentences-10k': /:12:1\s+error\s+Unexpected table row of more than 500 sentences, expected at most 500.*too-many-sentences/,
  'block-words': /:20:1\s+error\s+Unexpected paragraph of more than 20,000 characters, expected at most 20,000.*block-too-long/,
  'sentences-100k': /:1:1\s+error\s+File is 391 KiB, expected at most 256 KiB.*file-too-large/,
  'near-tables': /:\d+:\d+\s+error\s+Unexpected duplicate level title/,
  'long-word': /:1:1\s+error\s+File is 1465 KiB.*file-too-large/,
};

describe('hostile inputs end in a positioned diagnostic, and the other ladders are still checked', () => {
  // near-emphasis and near-lines are within every budget: the benchmark times them (seconds), not tests.
  it.each(hostileCases().filter((c) => EXPECTED[c.id]).map((c) => [c.id, c] as const))('%s', async (id, c) => {
    put('ladders/hostile.md', c.text);
    const v = await ladder(['validate', '--format', 'stylish']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(new RegExp(`ladders/hostile\\.md${EXPECTED[id]!.source}`));
    expect(v.stdout).not.toMatch(/ladders\/devrel\.md/); // checked, clean
    expect(v.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, 0 warnings\)/);
  });

  it('the shallower versions still parse (budgets leave real ladders alone)', async () => {
    put('ladders/fine.md', hostileCases(0.003).find((c) => c.id === 'nested-list-line')!.text);
    const v = await ladder(['validate']);
    expect(v.stdout).not.toMatch(/nesting-too-deep|table-too-long|too-many/);
  });

  it('diff refuses a hostile file at a revision with the same positioned diagnostic', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' } });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    put('ladders/hostile.md', hostileCases().find((c) => c.id === 'nested-links')!.text);
    git('add', '.');
    git('commit', '-q', '-m', 'hostile');
    const d = await ladder(['diff', 'HEAD~1', 'HEAD']);
    expect(d.code).toBe(1);
    // The head is read strictly (issue 13): the diagnostic as validate prints it, then one line.
    expect(d.stderr).toMatch(/ladders\/hostile\.md:20:\d+ +error +Unexpected link brackets nested more than 32 levels deep, expected at most 32 +nesting-too-deep\n/);
    expect(d.stderr).toMatch(/ladder diff: cannot read the ladders at HEAD: \d+ errors?; fix (?:it|them) first \(ladder validate\)\n$/);
  });
});

describe('the wall-clock guard', () => {
  it('turns a parse slower than the limit into too-complex while the run goes on', async () => {
    // Within every budget, but ~100 KiB of emphasis takes remark far longer than the 50 ms allowed here.
    const slow = `# Slow\n\n## L1 · One\n\n### Craft\n\n- x\n\n${'*a '.repeat(30).concat('\n\n').repeat(1100)}`;
    put('ladders/slow.md', slow);
    process.env.LADDER_PARSE_TIMEOUT_MS = '50';
    try {
      const v = await ladder(['validate']);
      expect(v.code).toBe(1);
      expect(v.stdout).toMatch(/ladders\/slow\.md:1:1\s+error\s+Unexpected file that takes more than 0\.05 s to parse, expected a ladder that parses in seconds.*too-complex/);
      expect(v.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)/);
    } finally {
      delete process.env.LADDER_PARSE_TIMEOUT_MS;
    }
    // With the default limit the same file parses (in the worker) and is checked as usual.
    const again = await ladder(['validate']);
    expect(again.stdout).not.toMatch(/too-complex/);
  });
});
