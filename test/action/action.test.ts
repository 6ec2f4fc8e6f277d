import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { BUNDLE, bundleAction } from '../../scripts/action/build.js';
import { COMMENT_MARKER } from '../../scripts/github/comment-body.js';
import { FakeGitHub } from '../github/server.js';
import { SAMPLE_LADDERS } from '../helpers/sample-ladders.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('the bundle', () => {
  test('the committed scripts/action/dist/index.mjs is current (npm run build:action rebuilds it)', async () => {
    const { code } = await bundleAction();
    const committed = readFileSync(path.join(ROOT, BUNDLE));
    expect(Buffer.compare(Buffer.from(code), committed), 'stale bundle: run npm run build:action and commit it').toBe(0);
  });

  test('holds no PDF renderer or fonts, and stays under 5 MB', async () => {
    const { code, metafile } = await bundleAction();
    expect(Object.keys(metafile.inputs).filter((f) => /pdfkit|fontkit|dejavu|render\/pdf|cli\/release/.test(f))).toEqual([]);
    expect(code.length).toBeLessThan(5 * 1024 * 1024);
  });

  test('action.yml runs the bundle with node20 and declares every input the entry reads', () => {
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; runs: { using: string; main: string } };
    expect(action.runs).toEqual({ using: 'node20', main: BUNDLE });
    const source = readFileSync(path.join(ROOT, 'scripts/action/main.ts'), 'utf8');
    const read = [...source.matchAll(/input\((?:env|rt\.env), '([\w-]+)'\)/g)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(5);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining([...new Set(read)]));
  });
});

/** A ladder repository (the sample ladders on main, an edit on a PR branch) and the bundle alone in a folder. */
let tmp: string;
let repo: string;
let bin: string;
let base: string;
let head: string;
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' },
  }).trim();

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ladder-action-'));
  repo = path.join(tmp, 'repo');
  // Nothing to resolve packages from: no node_modules in the bundle's folder or any parent.
  bin = path.join(tmp, 'action', 'index.mjs');
  mkdirSync(path.dirname(bin));
  copyFileSync(path.join(ROOT, BUNDLE), bin);
  mkdirSync(repo);
  cpSync(SAMPLE_LADDERS, path.join(repo, 'ladders'), { recursive: true });
  git('init', '-q', '-b', 'main');
  const { runLadder } = await import('../helpers/cli.js');
  await runLadder(repo, ['codeowners']);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  base = git('rev-parse', 'HEAD');
  git('checkout', '-q', '-b', 'pr');
  const file = path.join(repo, 'ladders', 'devrel.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Shares drafts early instead of polishing them alone.', 'Shares drafts early instead of polishing them alone. Runs a monthly community call.'));
  git('commit', '-q', '-am', 'raise the bar');
  head = git('rev-parse', 'HEAD');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function action(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = path.join(tmp, 'out');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  writeFileSync(path.join(out, 'summary.md'), '');
  writeFileSync(path.join(out, 'output'), '');
  const full = {
    PATH: process.env.PATH!,
    HOME: process.env.HOME ?? tmp,
    GITHUB_WORKSPACE: repo,
    GITHUB_STEP_SUMMARY: path.join(out, 'summary.md'),
    GITHUB_OUTPUT: path.join(out, 'output'),
    RUNNER_TEMP: out,
    ...env,
  };
  try {
    const r = await run(process.execPath, [bin], { cwd: path.dirname(bin), env: full });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const outFile = (name: string) => readFileSync(path.join(tmp, 'out', name), 'utf8');

describe('check mode, with no node_modules anywhere', () => {
  test('validate + codeowners + diff into the summary, the outputs and the comment body', async () => {
    const event = path.join(tmp, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: base } } }));
    const r = await action({ INPUT_MODE: 'check', GITHUB_EVENT_PATH: event });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ladder: bump major; validated 1 changed ladder: 0 errors, 0 warnings; CODEOWNERS current\n');
    expect(r.code).toBe(0);
    expect(outFile('output')).toBe('bump=major\nchanged=true\n');
    expect(outFile('summary.md')).toContain('Runs a monthly community call.');
    expect(outFile('ladder/comment.md').startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(JSON.parse(outFile('ladder/diff.json'))).toMatchObject({ bump: 'major', ladders: expect.any(Array) });
  });

  test('a broken ladder: an annotation at file and line, exit 1', async () => {
    writeFileSync(path.join(repo, 'ladders', 'broken.md'), '---\ntitle: Broken\nowners: ["@acme/x"]\n---\n\n# Broken\n\nNo levels here.\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'broken');
    try {
      const r = await action({ INPUT_MODE: 'check', INPUT_BASE: base });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^::error file=ladders\/broken\.md,line=\d+,col=\d+/m);
      expect(r.stdout).toMatch(/^::error file=\.github\/CODEOWNERS::/m);
      expect(r.stdout).toMatch(/validated 2 changed ladders: [1-9]\d* errors?, \d+ warnings?; CODEOWNERS stale\n$/);
    } finally {
      git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  test('a bad input is one ::error line, exit 1', async () => {
    const r = await action({ INPUT_MODE: 'publish' });
    expect(r).toMatchObject({ code: 1, stdout: '::error::ladder: the "mode" input must be check or comment (got "publish")\n' });
  });
});

describe('comment mode, against a local GitHub API', () => {
  let gh: FakeGitHub;
  beforeAll(async () => {
    gh = await FakeGitHub.start();
    gh.addPull('acme/ladders', 7, { baseSha: base, headSha: head });
  });
  afterAll(async () => gh.close());

  test('computes the diff itself, posts the sticky comment once and sets one label', async () => {
    const env = { ...gh.env(), INPUT_MODE: 'comment', INPUT_PR: '7', 'INPUT_HEAD-SHA': head };
    delete (env as Record<string, string>).GITHUB_TOKEN;
    const token = gh.env().GITHUB_TOKEN!;
    for (let i = 0; i < 2; i++) {
      const r = await action({ ...env, 'INPUT_GITHUB-TOKEN': token });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const comments = gh.comments('acme/ladders', 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comments[0]!.body).toContain('Runs a monthly community call.');
    expect(gh.issueLabels('acme/ladders', 7)).toEqual(['ladder:major']);
  });

  test('a PR that moved on since the run: nothing posted', async () => {
    gh.resetLog();
    const r = await action({ ...gh.env(), INPUT_MODE: 'comment', INPUT_PR: '7', 'INPUT_HEAD-SHA': base });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::notice::#7 is now at /);
    expect(gh.writes()).toEqual([]);
  });

  test('the PR number is digits only', async () => {
    const r = await action({ ...gh.env(), INPUT_MODE: 'comment', INPUT_PR: '7; rm -rf /', 'INPUT_HEAD-SHA': head });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::ladder: --pr must be a pull request number/);
    expect(existsSync(bin)).toBe(true);
  });
});

describe('comment mode with approvals by impact', () => {
  let gh: FakeGitHub;
  beforeAll(async () => {
    // The Actions token cannot read teams (the fake refuses a Bot, as GitHub does); a read:org token can.
    gh = await FakeGitHub.start({ users: { 'actions-token': { login: 'github-actions[bot]', type: 'Bot' }, 'org-token': { login: 'org-reader', type: 'User' } } });
    gh.addPull('acme/ladders', 7, { baseSha: base, headSha: head, author: 'pat' });
    gh.setTeam('acme/people-team', { alice: 'active' });
    gh.addReview('acme/ladders', 7, 'alice', 'APPROVED');
    // The checkout's config (untracked here, as the default branch's would be): the raised bar needs the people team.
    writeFileSync(path.join(repo, 'ladders', 'ladder.config.yaml'), 'approvals:\n  raises-bar: ["@acme/people-team"]\n');
  });
  afterAll(async () => {
    rmSync(path.join(repo, 'ladders', 'ladder.config.yaml'), { force: true });
    await gh.close();
  });

  test('the teams-token input reads the membership; without it one ::error line says what to set', async () => {
    const env = { ...gh.env(), INPUT_MODE: 'comment', INPUT_PR: '7', 'INPUT_HEAD-SHA': head };
    const ok = await action({ ...env, 'INPUT_TEAMS-TOKEN': 'org-token' });
    expect(ok.code).toBe(0);
    expect(gh.statuses('acme/ladders', head)['ladder/governance']).toMatchObject({ state: 'success', creator: 'github-actions[bot]' });
    expect(gh.comments('acme/ladders', 7)[0]!.body).toContain('- ✅ **Approved:** `@acme/people-team`, by `alice`.');

    const refused = await action(env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/::error::ladder: GitHub: reading the membership of alice in @acme\/people-team failed .*: 403 Resource not accessible by integration.*set LADDER_TEAMS_TOKEN\n$/);
  });
});
