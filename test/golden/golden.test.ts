import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLadder } from '../helpers/cli.js';

/**
 * Golden CLI cases: argv + a fixture repo → exit code, stdout, stderr (stored as lines for readable diffs).
 * Re-capture on purpose with `UPDATE=1 npx vitest run --config test/vitest.config.ts test/golden`, then review the diff.
 */
interface Case {
  name: string;
  cwd: string;
  argv: string[];
  env?: Record<string, string>;
  exit: number;
  stdout: string[];
  stderr: string[];
}

const FILE = path.join(import.meta.dirname, 'cases.json');
const cases = JSON.parse(readFileSync(FILE, 'utf8')) as Case[];
const update = process.env.UPDATE === '1';
const lines = (text: string) => text.split('\n');

describe('golden CLI cases', () => {
  it('have unique names', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const run = await runLadder(path.join(import.meta.dirname, c.cwd), c.argv, { env: c.env ?? {} });
      if (update) {
        Object.assign(c, { exit: run.code, stdout: lines(run.stdout), stderr: lines(run.stderr) });
        return;
      }
      expect({ exit: run.code, stdout: lines(run.stdout), stderr: lines(run.stderr) }).toEqual({
        exit: c.exit,
        stdout: c.stdout,
        stderr: c.stderr,
      });
    });
  }

  afterAll(() => {
    if (update) writeFileSync(FILE, `${JSON.stringify(cases, null, 2)}\n`);
  });
});
