import { existsSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nextVersion, readReleases } from '../../scripts/release/history.js';
import { loadConfig } from '../../scripts/config/index.js';
import { Repo } from '../../scripts/git/index.js';
import { runLadder } from '../helpers/cli.js';
import { makeRepo, type Author, type TempRepo } from '../helpers/git-repo.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/changelog/history');

// ---- the ladders ------------------------------------------------------------------------------------

type Levels = Array<[title: string, cells: Record<string, string[]>]>;

function headings(front: string, title: string, levels: Levels, bullet = '-'): string {
  const body = levels.map(([level, cells]) =>
    [`## ${level}`, '', ...Object.entries(cells).flatMap(([cat, items]) => [`### ${cat}`, '', ...items.map((i) => `${bullet} ${i}`), ''])].join('\n'),
  );
  return `---\n${front}\n---\n\n# ${title}\n\nWhat we expect at each level.\n\n${body.join('\n')}`;
}

/** The same ladder as one table per level: a formatting change only. */
function tables(front: string, title: string, levels: Levels): string {
  const body = levels.map(([level, cells]) =>
    [`## ${level}`, '', '| Category | Expectations |', '| --- | --- |', ...Object.entries(cells).map(([cat, items]) => `| **${cat}** | ${items.join(' ')} |`), ''].join('\n'),
  );
  return `---\n${front}\n---\n\n# ${title}\n\nWhat we expect at each level.\n\n${body.join('\n')}`;
}

const DEVREL_FRONT = 'title: Developer Relations\nowners: ["@acme/devrel"]\ncategories: [Collaboration, Execution]';
const SUPPORT_FRONT = 'title: Support Engineering\nowners: ["@acme/support"]';
const GOALS = 'Sets goals for a whole product area, reports on them every quarter to the leadership team, and adjusts the plan when the evidence shows developers struggle.';

function devrelV1(): Levels {
  return [
    ['Advocate', { Collaboration: ['Answers forum questions accurately and kindly.', 'Shares drafts early instead of polishing them alone.'], Execution: ['Delivers scoped tasks in the agreed time.', 'Keeps the content tracker current.'] }],
    ['Senior Advocate', { Collaboration: ['Turns recurring feedback into proposals for product teams.', 'Coaches newer teammates through their first talks.'], Execution: ['Plans the quarter around one developer journey.'] }],
    ['Staff Advocate', { Collaboration: ['Builds relationships with partner teams across the company.'], Execution: [GOALS] }],
  ];
}

const SUPPORT: Levels = [
  ['Support Engineer', { Customers: ['Answers tickets within one working day.'], Craft: ['Writes reproductions for every bug report.'] }],
  ['Senior Support Engineer', { Customers: ['Handles escalations from key accounts.'], Craft: ['Improves the runbooks after each incident.', 'Trains new support engineers.'] }],
];

/** Epoch seconds at 10:00 UTC on a day of 2024. */
const day = (month: number, d: number) => Date.UTC(2024, month - 1, d, 10) / 1000;

const ALICE: Author = { name: 'Alice Doe', email: 'alice@example.com' };
const BOB: Author = { name: 'Bob Stone', email: '1001+bstone@users.noreply.github.com' };
const CAROL: Author = { name: 'Carol Lee', email: 'carol@example.com' };
const DANA: Author = { name: 'Dana Cruz', email: '1002+dana@users.noreply.github.com' };
const ERIN: Author = { name: 'Erin Park', email: 'erin@example.com' };
const MAINTAINER: Author = { name: 'Max Maintainer', email: 'max@example.com' };

// ---- the history ------------------------------------------------------------------------------------

let t: TempRepo;
/** Direct commits the expected changelog names by their SHA. */
const shas: Record<string, string> = {};
/** `ladder version` (text and JSON) right before each tag, and at HEAD. */
const versions: Record<string, { stdout: string; stderr: string; json: { current: string | null; next: string; bump: string; reasons: Array<{ kind: string; ladder: string }> } }> = {};

async function checkVersion(label: string): Promise<void> {
  const text = await runLadder(t.root, ['version']);
  const json = await runLadder(t.root, ['version', '--json']);
  expect(text.code).toBe(0);
  expect(json.code).toBe(0);
  versions[label] = { stdout: text.stdout, stderr: text.stderr, json: JSON.parse(json.stdout) };
}

/** A pull request merged with a merge commit, as GitHub's "Create a merge commit" does. */
async function mergePr(n: number, login: string, branch: string, author: Author, date: number, edits: Array<() => Promise<void>>): Promise<void> {
  await t.branch(branch);
  await t.checkout(branch);
  for (const [i, edit] of edits.entries()) {
    await edit();
    await t.commit(`Step ${i + 1}`, { author, date: date - 3600 * (edits.length - i) });
  }
  await t.checkout('main');
  await t.merge(branch, `Merge pull request #${n} from ${login}/${branch}\n\nMerged by the maintainer`, { author: MAINTAINER, date });
}

/** A pull request squashed into one commit whose subject ends in "(#n)". */
async function squashPr(n: number, subject: string, author: Author, date: number, edit: () => Promise<void>): Promise<void> {
  const branch = `pr-${n}`;
  await t.branch(branch);
  await t.checkout(branch);
  await edit();
  await t.commit('wip', { author, date: date - 600 });
  await t.checkout('main');
  await t.squash(branch, `${subject} (#${n})`, { author, date });
}

beforeAll(async () => {
  t = await makeRepo();
  const devrel = devrelV1();
  const writeDevrel = (bullet = '-') => t.write('ladders/devrel.md', headings(DEVREL_FRONT, 'Developer Relations', devrel, bullet));
  const cell = (level: number, cat: string) => devrel[level]![1][cat]!;

  // v1.0.0: the first ladder, committed directly.
  await writeDevrel();
  await t.write('ladders/README.md', '# Ladders\n\nNot a ladder itself.\n');
  shas.first = await t.commit('Add the Developer Relations ladder', { date: day(1, 15) });
  await checkVersion('v1.0.0');
  await t.tag('v1.0.0');

  // v2.0.0: a merged PR adds (then rewords, on its branch) an expectation; a squashed PR rewords one;
  // direct commits add an expectation and take it out again, which the release must not show.
  await mergePr(12, 'alice', 'mentoring', ALICE, day(2, 1), [
    async () => {
      cell(1, 'Collaboration').push('Mentors two newer advocates.');
      await writeDevrel();
    },
    async () => {
      cell(1, 'Collaboration')[2] = 'Mentors newer advocates and reviews their first talks.';
      await writeDevrel();
    },
  ]);
  cell(0, 'Execution').push('Writes one guide per quarter.');
  await writeDevrel();
  await t.commit('Expect a guide per quarter', { date: day(2, 2) });
  cell(0, 'Execution').pop();
  await writeDevrel();
  await t.commit('Revert "Expect a guide per quarter"', { date: day(2, 3) });
  await squashPr(13, 'Clarify delivery expectations', BOB, day(2, 5), async () => {
    cell(0, 'Execution')[0] = 'Delivers scoped tasks in the agreed time, or says early when an estimate is wrong.';
    await writeDevrel();
  });
  await checkVersion('v2.0.0');
  await t.tag('v2.0.0', { message: 'Release v2.0.0' });

  // v2.1.0: a removal (squash), a move to a more senior level (merge), a new ladder (squash).
  await squashPr(14, 'Drop the content tracker', ALICE, day(3, 1), async () => {
    cell(0, 'Execution').splice(1, 1);
    await writeDevrel();
  });
  await mergePr(15, 'carol', 'coaching', CAROL, day(3, 4), [
    async () => {
      const [coach] = cell(1, 'Collaboration').splice(1, 1);
      cell(2, 'Collaboration').push(coach!);
      await writeDevrel();
    },
  ]);
  await squashPr(16, 'Add the Support Engineering ladder', DANA, day(3, 6), () =>
    t.write('ladders/support.md', headings(SUPPORT_FRONT, 'Support Engineering', SUPPORT)),
  );
  await checkVersion('v2.1.0');
  await t.tag('v2.1.0');

  // v2.1.1: formatting only (squash), then a long rewording committed directly.
  await squashPr(17, 'Use star bullets', BOB, day(4, 1), () => writeDevrel('*'));
  await checkVersion('after-formatting');
  cell(2, 'Execution')[0] = GOALS.replace('every quarter', 'every month');
  await writeDevrel('*');
  shas.goals = await t.commit('Report on goals monthly', { date: day(4, 2) });
  await checkVersion('v2.1.1');
  await t.tag('v2.1.1');

  // v2.1.2: a release with formatting changes only.
  await t.write('ladders/support.md', tables(SUPPORT_FRONT, 'Support Engineering', SUPPORT));
  await t.commit('Support ladder as tables', { date: day(5, 1) });
  await checkVersion('v2.1.2');
  await t.tag('v2.1.2');

  // v2.2.0: a new level.
  await squashPr(18, 'Add the Principal Advocate level', ALICE, day(6, 1), async () => {
    devrel.push(['Principal Advocate', { Collaboration: ['Represents developers in company strategy.'], Execution: ['Sets the multi-year plan for developer relations.'] }]);
    await writeDevrel('*');
  });
  await checkVersion('v2.2.0');
  await t.tag('v2.2.0');

  // Unreleased: a level renamed (breaking), merged from a fork-style branch name.
  await mergePr(19, 'erin', 'titles', ERIN, day(7, 1), [
    async () => {
      devrel[1]![0] = 'Senior Developer Advocate';
      await writeDevrel('*');
    },
  ]);
  await checkVersion('HEAD');
});
afterAll(() => t?.cleanup());

async function expected(): Promise<string> {
  const text = await readFile(path.join(FIXTURE, 'CHANGELOG.md'), 'utf8');
  return text.replace(/\{\{sha:(\w+)\}\}/g, (_, name: string) => shas[name]!.slice(0, 7));
}

describe('ladder changelog on a real repository', () => {
  test('--all: the whole CHANGELOG.md, newest first, with PRs and authors from merge and squash commits', async () => {
    const run = await runLadder(t.root, ['changelog', '--all']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(await expected());
  });

  test('--all --output twice: byte-identical files, written atomically (no temp file left)', async () => {
    const first = await runLadder(t.root, ['changelog', '--all', '--output', 'CHANGELOG.md']);
    expect(first.code).toBe(0);
    const a = await t.read('CHANGELOG.md');
    const second = await runLadder(t.root, ['changelog', '--all', '-o', 'CHANGELOG.md']);
    expect(second.code).toBe(0);
    expect(await t.read('CHANGELOG.md')).toBe(a);
    expect(a).toBe(await expected());
    expect((await readdir(t.root)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await rm(path.join(t.root, 'CHANGELOG.md'));
  });

  test('default range: the changes since the last release, under Unreleased', async () => {
    const run = await runLadder(t.root, ['changelog']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '## [Unreleased]\n\n### Developer Relations\n\n#### Breaking\n\n' +
        '- **Senior Developer Advocate** — level renamed from “Senior Advocate” (#19, @erin)\n',
    );
  });

  test('--from/--to: the releases in between; a tagged --to is itself the last release', async () => {
    const all = await expected();
    const section = (name: string) => {
      const start = all.indexOf(`## [${name}]`);
      const end = all.indexOf('\n## [', start + 1);
      return all.slice(start, end < 0 ? undefined : end);
    };
    const range = await runLadder(t.root, ['changelog', '--from', 'v2.0.0', '--to', 'v2.1.1']);
    expect(range.code).toBe(0);
    expect(range.stdout).toBe(`${section('v2.1.1')}\n${section('v2.1.0')}`);
    const one = await runLadder(t.root, ['changelog', '--to', 'v2.1.2']);
    expect(one.stdout).toBe(section('v2.1.2'));
  });

  test('--release names the unreleased changes, dated by SOURCE_DATE_EPOCH or the commit', async () => {
    const dated = await runLadder(t.root, ['changelog', '--release', 'v3.0.0'], { env: { SOURCE_DATE_EPOCH: String(day(7, 9)) } });
    expect(dated.stdout.split('\n')[0]).toBe('## [v3.0.0] - 2024-07-09');
    const all = await runLadder(t.root, ['changelog', '--all', '--release', 'v3.0.0']);
    expect(all.stdout).toBe((await expected()).replace('## [Unreleased]', '## [v3.0.0] - 2024-07-01'));
  });

  test('building at a tagged commit: --release naming that tag gives its section once', async () => {
    const all = await expected();
    const upTo = all.slice(0, all.indexOf('## [Unreleased]')) + all.slice(all.indexOf('## [v2.2.0]'));
    for (const argv of [['--to', 'v2.2.0'], ['--to', 'v2.2.0', '--release', 'v2.2.0']]) {
      const run = await runLadder(t.root, ['changelog', '--all', ...argv]);
      expect(run.stdout, argv.join(' ')).toBe(upTo);
    }
  });

  test('working tree changes join the unreleased section, without a pull request', async () => {
    const before = await t.read('ladders/support.md');
    try {
      await writeFile(path.join(t.root, 'ladders/support.md'), before.replace('| **Customers** | Answers tickets within one working day. |', '| **Customers** | Answers tickets within one working day. Follows up on every open ticket weekly. |'));
      const run = await runLadder(t.root, ['changelog', '--to', 'WORKTREE']);
      expect(run.stdout).toBe(
        '## [Unreleased]\n\n### Developer Relations\n\n#### Breaking\n\n' +
          '- **Senior Developer Advocate** — level renamed from “Senior Advocate” (#19, @erin)\n\n' +
          '### Support Engineering\n\n#### Raises the bar\n\n' +
          '- **Support Engineer · Customers** — now expects “Follows up on every open ticket weekly.”\n',
      );
    } finally {
      await t.write('ladders/support.md', before);
    }
  });

  test('one git log, one cat-file: no process per commit', async () => {
    const repo = await Repo.open(t.root);
    try {
      const releases = await readReleases(repo, loadConfig(t.root));
      expect(releases.map((r) => r.version ?? 'Unreleased')).toEqual(['Unreleased', 'v2.2.0', 'v2.1.2', 'v2.1.1', 'v2.1.0', 'v2.0.0', 'v1.0.0']);
      // resolve ×2, tags, rev-list, log — whatever the number of commits — and the one cat-file.
      expect(repo.stats.catFile).toBe(1);
      expect(repo.stats.processes).toBeLessThanOrEqual(7);
    } finally {
      repo.close();
    }
  });
});

describe('ladder version on a real repository', () => {
  test('first release: v1.0.0', () => {
    expect(versions['v1.0.0']!.stdout).toBe('v1.0.0\n');
    expect(versions['v1.0.0']!.stderr).toBe('First release: no release tag yet.\n');
    expect(versions['v1.0.0']!.json).toMatchObject({ current: null, next: 'v1.0.0' });
  });

  test('an expectation added (raises the bar) → major; a rewording alone does not drive it', () => {
    const v = versions['v2.0.0']!;
    expect(v.stdout).toBe('v2.0.0\n');
    expect(v.json).toMatchObject({ current: 'v1.0.0', next: 'v2.0.0', bump: 'major' });
    expect(v.json.reasons.map((r) => [r.ladder, r.kind])).toEqual([['devrel', 'expectation-added']]);
    expect(v.stderr).toBe(
      'Major release after v1.0.0, because of 1 change:\n' +
        '  devrel: Senior Advocate · Collaboration — now expects “Mentors newer advocates and reviews their first talks.”\n',
    );
  });

  test('removal, move to a more senior level, new ladder → minor', () => {
    const v = versions['v2.1.0']!;
    expect(v.json).toMatchObject({ current: 'v2.0.0', next: 'v2.1.0', bump: 'minor' });
    expect(v.json.reasons.map((r) => [r.ladder, r.kind])).toEqual([
      ['devrel', 'expectation-removed'],
      ['devrel', 'expectation-moved'],
      ['support', 'ladder-added'],
    ]);
  });

  test('formatting only → no release needed: the current version, said so', () => {
    for (const label of ['after-formatting', 'v2.1.2']) {
      const v = versions[label]!;
      expect(v.json).toEqual({ current: v.json.current, next: v.json.current, bump: 'none', reasons: [] });
      expect(v.stdout).toBe(`${v.json.current}\n`);
      expect(v.stderr).toBe(`No release needed: no change to expectations since ${v.json.current}.\n`);
    }
    expect(versions['after-formatting']!.json.current).toBe('v2.1.0');
  });

  test('a bar raised in place → major; a level added → minor; a level renamed (breaking) → major', () => {
    // v2.1.1 was tagged as a patch, but "every quarter" → "every month" raises the bar: the tool now says major.
    expect(versions['v2.1.1']!.json).toMatchObject({ current: 'v2.1.0', next: 'v3.0.0', bump: 'major' });
    expect(versions['v2.1.1']!.json.reasons.map((r: { kind: string; class?: string }) => [r.kind, r.class])).toEqual([['expectation-reworded', 'raised']]);
    expect(versions['v2.2.0']!.json).toMatchObject({ current: 'v2.1.2', next: 'v2.2.0', bump: 'minor' });
    expect(versions['v2.2.0']!.json.reasons.map((r) => r.kind)).toEqual(['level-added']);
    expect(versions.HEAD!.json).toMatchObject({ current: 'v2.2.0', next: 'v3.0.0', bump: 'major' });
  });

  test('the bump policy from config overrides the default', async () => {
    const file = path.join(t.root, 'ladders/ladder.config.yaml');
    await writeFile(file, 'bump:\n  breaking: minor\n');
    try {
      const run = await runLadder(t.root, ['version', '--json']);
      expect(JSON.parse(run.stdout)).toMatchObject({ current: 'v2.2.0', next: 'v2.3.0', bump: 'minor' });
      const repo = await Repo.open(t.root);
      try {
        expect((await nextVersion(repo, loadConfig(t.root))).next).toBe('v2.3.0');
      } finally {
        repo.close();
      }
    } finally {
      await rm(file);
    }
    expect(existsSync(file)).toBe(false);
  });
});

describe('usage errors, user errors, progress', () => {
  test('one line each, exit 2 for usage and 1 for what the repository holds', async () => {
    const cases: Array<[string[], number, string]> = [
      [['changelog', '--all', '--from', 'v1.0.0'], 2, 'ladder changelog: --all starts from the beginning of history; leave out --from\n'],
      [['changelog', '--release', '1.2'], 2, 'ladder changelog: --release must be a version like v1.2.0 (got "1.2")\n'],
      [['changelog', 'extra'], 2, 'ladder changelog: unexpected argument "extra"\n'],
      [['version', '--jsn'], 2, "ladder version: Unknown option '--jsn'\n"],
      [['changelog', '--from', 'v9.9.9'], 1, 'ladder changelog: unknown revision "v9.9.9": no commit, branch or tag by that name\n'],
    ];
    for (const [argv, code, stderr] of cases) {
      const run = await runLadder(t.root, argv);
      expect([run.code, run.stderr, run.stdout], argv.join(' ')).toEqual([code, stderr, '']);
    }
  });

  test('progress on a terminal only, redrawn in place and cleared at the end', async () => {
    const { progressBar } = await import('../../scripts/cli/progress.js');
    let out = '';
    let clock = 0;
    const tty = progressBar({ write: (c: string) => (out += c), isTTY: true }, 'Reading history', () => clock);
    for (let i = 1; i <= 200; i++) {
      clock += 10;
      tty.update(i, 200);
    }
    tty.done();
    const frames = out.split('\r').filter(Boolean);
    expect(frames[0]).toBe('Reading history [------------------------] 1/200');
    expect(frames.at(-2)).toBe('Reading history [########################] 200/200');
    expect(frames.at(-1)).toBe('\x1b[K');
    expect(frames.length).toBeLessThan(30); // throttled to ~10 redraws a second
    let piped = '';
    const pipe = progressBar({ write: (c: string) => (piped += c), isTTY: false }, 'Reading history');
    pipe.update(100, 200);
    pipe.done();
    expect(piped).toBe('');
  });
});
