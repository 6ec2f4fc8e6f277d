import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLadder } from '../helpers/cli.js';
import { FakeGitHub } from '../github/server.js';

/**
 * Golden CLI cases: argv + a fixture repo → exit code, stdout, stderr (stored as lines for readable diffs).
 * Re-capture on purpose with `UPDATE=1 npx vitest run --config test/vitest.config.ts test/golden`, then review the diff.
 */
interface Case {
  name: string;
  /** Fixture folder (under test/golden); with `history`, copied into a fresh git repository first. */
  cwd: string;
  /**
   * Commits made on top of the copied fixture, oldest first (a file set to null is deleted), each
   * with a fixed author and date so changelogs are stable; `tag` tags it. The first commit holds the fixture.
   */
  history?: Array<{ message: string; files?: Record<string, string | null>; edit?: Record<string, [string, string]>; tag?: string }>;
  argv: string[];
  env?: Record<string, string>;
  /** Commands run first, their output not kept (`build` before `verify`). */
  before?: string[][];
  /** Run against a local fake GitHub (test/github/server.ts) holding these open pull requests of acme/ladders. */
  github?: { pulls: number[] };
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

  const temps: string[] = [];
  /** A git repository from the fixture and the case's history, in a temp folder. */
  const repoFor = (c: Case): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-golden-'));
    temps.push(dir);
    cpSync(path.join(import.meta.dirname, c.cwd), dir, { recursive: true });
    const git = (args: string[], date?: string) =>
      execFileSync('git', args, {
        cwd: dir,
        env: {
          ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1',
          GIT_AUTHOR_NAME: 'Ada Example', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada Example', GIT_COMMITTER_EMAIL: 'ada@example.com',
          ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
        },
        stdio: 'pipe',
      });
    git(['init', '-q', '-b', 'main']);
    c.history!.forEach((step, i) => {
      for (const [file, content] of Object.entries(step.files ?? {})) {
        const at = path.join(dir, file);
        if (content === null) rmSync(at, { force: true });
        else {
          mkdirSync(path.dirname(at), { recursive: true });
          writeFileSync(at, content);
        }
      }
      for (const [file, [from, to]] of Object.entries(step.edit ?? {})) {
        const at = path.join(dir, file);
        const text = readFileSync(at, 'utf8');
        if (!text.includes(from)) throw new Error(`${c.name}: "${from}" is not in ${file}`);
        writeFileSync(at, text.replace(from, to));
      }
      const date = `2024-01-${String(10 + i).padStart(2, '0')}T12:00:00Z`;
      git(['add', '-A']);
      git(['commit', '-q', '--allow-empty', '-m', step.message], date);
      if (step.tag) git(['tag', '-a', step.tag, '-m', step.tag], date);
    });
    return dir;
  };

  for (const c of cases) {
    it(c.name, async () => {
      const cwd = c.history ? repoFor(c) : path.join(import.meta.dirname, c.cwd);
      let gh: FakeGitHub | undefined;
      if (c.github) {
        gh = await FakeGitHub.start();
        for (const n of c.github.pulls) gh.addPull('acme/ladders', n);
      }
      for (const argv of c.before ?? []) {
        const first = await runLadder(cwd, argv, { env: c.env ?? {} });
        if (first.code !== 0) throw new Error(`${c.name}: ${argv.join(' ')} failed: ${first.stderr}`);
      }
      let run;
      try {
        run = await runLadder(cwd, c.argv, { env: { ...(c.env ?? {}), ...(gh ? gh.env() : {}) } });
      } finally {
        await gh?.close();
      }
      // What differs from run to run: the fake server's ports and the build's timing.
      const stable = (text: string) => text.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:PORT').replace(/ in \d+\.\d s\b/g, ' in N s');
      run = { ...run, stdout: stable(run.stdout), stderr: stable(run.stderr) };
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
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
    if (update) writeFileSync(FILE, `${JSON.stringify(cases, null, 2)}\n`);
  });
});
