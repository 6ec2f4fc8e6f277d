import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { COMMENT_MARKER } from '../../scripts/github/comment-body.js';
import { FakeGitHub } from './server.js';
import { runCli, tempDir } from './helpers.js';

const REPO = 'acme/ladders';
let gh: FakeGitHub;
let dir: ReturnType<typeof tempDir>;

beforeEach(async () => {
  gh = await FakeGitHub.start();
  dir = tempDir('comment');
  gh.addPull(REPO, 7);
});
afterEach(async () => {
  await gh.close();
  dir.cleanup();
});

function file(name: string, text: string): string {
  writeFileSync(join(dir.path, name), text);
  return name;
}

const comment = (args: string[], env: Record<string, string> = {}) => runCli(['comment', '--pr', '7', ...args], { cwd: dir.path, env: { ...gh.env(), ...env } });
const ours = () => gh.comments(REPO, 7).filter((c) => c.body.startsWith(COMMENT_MARKER));

/** A diff shaped like `ladder diff --format markdown`: one <details> per ladder, a heading per level. */
function bigDiff(ladders: number, levels: number, linesPerLevel: number): string {
  const out = ['### Ladder diff', '', `**${ladders} ladders changed** · bump: major`, ''];
  for (let l = 0; l < ladders; l++) {
    out.push('<details open>', `<summary><strong>Ladder ${l}</strong> (ladder-${l}) · major</summary>`, '');
    for (let v = 0; v < levels; v++) {
      out.push(`#### L${v} · Level ${v}`, '');
      for (let i = 0; i < linesPerLevel; i++) out.push(`- **added** (raises the bar) Technical quality: expectation ${l}.${v}.${i} ${'x'.repeat(60)}`);
      out.push('');
    }
    out.push('</details>', '');
  }
  return out.join('\n');
}

describe('ladder comment', () => {
  test('creates one marked comment, then updates it in place, and writes nothing when unchanged', async () => {
    const first = await comment(['--from-file', file('diff.md', '### Ladder diff\n\n- added: Writes tests\n')]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/created the diff comment/);
    const [created] = ours();
    expect(created!.body).toBe(`${COMMENT_MARKER}\n### Ladder diff\n\n- added: Writes tests`);

    gh.resetLog();
    const again = await comment(['--from-file', 'diff.md']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/up to date/);
    expect(gh.writes()).toEqual([]);

    const changed = await comment(['--from-file', file('diff.md', '### Ladder diff\n\n- removed: Writes tests\n')]);
    expect(changed.stdout).toMatch(/updated the diff comment/);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.id).toBe(created!.id);
    expect(ours()[0]!.body).toContain('removed: Writes tests');
    expect(gh.writes().map((w) => w.method)).toEqual(['PATCH']);
  });

  test('finds its comment on a later page and leaves other comments alone', async () => {
    for (let i = 0; i < 150; i++) gh.addComment(REPO, 7, `review note ${i} ${COMMENT_MARKER}`);
    const mine = gh.addComment(REPO, 7, `${COMMENT_MARKER}\nold diff`, 'github-actions[bot]', 'Bot');
    const r = await comment(['--from-file', file('diff.md', 'new diff')]);
    expect(r.code).toBe(0);
    expect(gh.requests.filter((q) => q.method === 'GET' && q.path.endsWith('/comments')).map((q) => q.query.page ?? '1')).toEqual(['1', '2']);
    expect(ours()).toEqual([expect.objectContaining({ id: mine.id, body: `${COMMENT_MARKER}\nnew diff` })]);
    expect(gh.comments(REPO, 7)).toHaveLength(151);
  });

  test('two concurrent runs that both find no comment end with exactly one', async () => {
    // Both runs list before either posts: the race the re-list-and-dedupe step exists for.
    gh.gate('GET', /\/issues\/7\/comments$/, 2);
    const [a, b] = await Promise.all([
      comment(['--from-file', file('a.md', 'diff from run A')]),
      comment(['--from-file', file('b.md', 'diff from run B')]),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(gh.writes().filter((w) => w.method === 'POST')).toHaveLength(2);
    expect(gh.writes().filter((w) => w.method === 'DELETE' && w.status === 204)).toHaveLength(1);
    const left = ours();
    expect(left).toHaveLength(1);
    expect(left[0]!.body).toMatch(/diff from run [AB]$/);
  });

  test("a person's comment quoting the marker is left alone; the bot edits its own", async () => {
    const human = gh.addComment(REPO, 7, `${COMMENT_MARKER}\nI copied the bot's comment`, 'alice', 'User');
    const bot = gh.addComment(REPO, 7, `${COMMENT_MARKER}\nold`, 'github-actions[bot]', 'Bot');
    const r = await comment(['--from-file', file('diff.md', 'new')]);
    expect(r.code).toBe(0);
    expect(gh.comments(REPO, 7).map((c) => [c.id, c.body])).toEqual([
      [human.id, human.body],
      [bot.id, `${COMMENT_MARKER}\nnew`],
    ]);
  });

  test('a planted marker does not block the bot: only the token user\'s own comment is sticky', async () => {
    // Issue 19: a user's comment starting with the marker, and no bot comment yet. It used to be
    // taken for the sticky comment; the PATCH failed with 403 and no diff comment was ever posted.
    const planted = gh.addComment(REPO, 7, `${COMMENT_MARKER}\nThis pull request no longer changes any ladder.`, 'mallory', 'User');
    const r = await comment(['--from-file', file('diff.md', 'the real diff')]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^#7: created the diff comment/);
    expect(gh.comments(REPO, 7).map((c) => [c.user.login, c.body])).toEqual([
      ['mallory', planted.body],
      ['github-actions[bot]', `${COMMENT_MARKER}\nthe real diff`],
    ]);
    expect(gh.writes().filter((w) => w.method === 'PATCH')).toEqual([]);
    // The next run edits its own comment, still never mallory's.
    const again = await comment(['--from-file', file('diff.md', 'newer diff')]);
    expect(again.stdout).toMatch(/updated the diff comment/);
    expect(gh.comments(REPO, 7).map((c) => c.body)).toEqual([planted.body, `${COMMENT_MARKER}\nnewer diff`]);
  });

  test('with a personal token, its user (GET /user) is the author, even a bot-typed planted comment aside', async () => {
    await gh.close();
    gh = await FakeGitHub.start({ users: { 'pat-token': { login: 'release-bot', type: 'User' } } });
    gh.addPull(REPO, 7);
    gh.addComment(REPO, 7, `${COMMENT_MARKER}\nplanted`, 'github-actions[bot]', 'Bot');
    const mine = gh.addComment(REPO, 7, `${COMMENT_MARKER}\nold`, 'release-bot', 'User');
    const r = await comment(['--from-file', file('diff.md', 'new')], { GITHUB_TOKEN: 'pat-token' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(gh.comments(REPO, 7).find((c) => c.id === mine.id)!.body).toBe(`${COMMENT_MARKER}\nnew`);
    expect(gh.comments(REPO, 7).find((c) => c.user.login === 'github-actions[bot]')!.body).toBe(`${COMMENT_MARKER}\nplanted`);
  });

  test('60,000 <details> blocks are cut in one linear pass (it once took 3.9 GB and SIGABRT)', async () => {
    const blocks = Array.from({ length: 60_000 }, (_, i) => `<details>\n<summary>ladder-${i}</summary>\n\n- change ${i}\n\n</details>\n`).join('\n');
    const nested = `${'<details>\n'.repeat(30_000)}x\n${'</details>\n'.repeat(30_000)}`;
    for (const text of [`### Ladder diff\n\n${blocks}`, nested]) {
      const before = process.memoryUsage().rss;
      const r = await comment(['--from-file', file('big.md', text)]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(process.memoryUsage().rss - before).toBeLessThan(1024 * 1024 * 1024);
      const body = ours()[0]!.body;
      expect(body.length).toBeLessThanOrEqual(65_536);
      expect(body).toMatch(/Cut to fit GitHub's 65,536-character comment limit/);
    }
  });

  test('an earlier race leftover is removed on the next run', async () => {
    gh.addComment(REPO, 7, `${COMMENT_MARKER}\nA`, 'github-actions[bot]', 'Bot');
    gh.addComment(REPO, 7, `${COMMENT_MARKER}\nB`, 'github-actions[bot]', 'Bot');
    const r = await comment(['--from-file', file('diff.md', 'C')]);
    expect(r.stdout).toMatch(/removed 1 duplicate/);
    expect(ours().map((c) => c.body)).toEqual([`${COMMENT_MARKER}\nC`]);
  });

  test('when the PR no longer changes a ladder the comment says so; without a comment nothing is posted', async () => {
    const quiet = await comment(['--from-file', file('empty.md', '\n')]);
    expect(quiet.stdout).toMatch(/nothing posted/);
    expect(gh.writes()).toEqual([]);

    await comment(['--from-file', file('diff.md', 'something changed')]);
    const json = file('diff.json', JSON.stringify({ base: 'main', head: 'HEAD', bump: 'none', ladders: [{ id: 'x', status: 'unchanged', bump: 'none', changes: [] }] }));
    const r = await comment(['--from-file', file('diff.md', 'No ladder changes.'), '--diff-json', json]);
    expect(r.code).toBe(0);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain('no longer changes any ladder');
  });

  test('a body over 65,536 characters is cut at a ladder boundary with a note, and GitHub accepts it', async () => {
    const md = bigDiff(12, 6, 12);
    expect(md.length).toBeGreaterThan(70_000);
    const r = await comment(['--from-file', file('diff.md', md), '--details-url', 'https://github.test/acme/ladders/actions/runs/42']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const body = ours()[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    const [kept, note] = body.split('\n\n> [!NOTE]\n');
    // Cut where a ladder starts: the kept part ends with a closed ladder, and every <details> is closed.
    expect(kept!.trimEnd().endsWith('</details>')).toBe(true);
    expect(kept!.match(/<details/g)!.length).toBe(kept!.match(/<\/details>/g)!.length);
    // The last ladder shown may be partial (cut at one of its level headings); the note names what is missing.
    const shown = kept!.match(/<summary>/g)!.length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(12);
    const last = shown - 1;
    const partial = !kept!.includes(`expectation ${last}.5.11 `);
    if (partial) expect(note).toContain(`the rest of \`Ladder ${last} (ladder-${last}) · major\``);
    expect(note).toContain(`${12 - shown} more sections (\`Ladder ${shown} (ladder-${shown}) · major\``);
    expect(note).toContain('`Ladder 11 (ladder-11) · major`)');
    expect(note).toContain('(https://github.test/acme/ladders/actions/runs/42)');
    expect(note).toContain('`diff.html`');
  });

  test('one huge ladder is cut at a level heading, keeping its <details> closed', async () => {
    const md = bigDiff(1, 40, 25);
    await comment(['--from-file', file('diff.md', md)]);
    const body = ours()[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    const [kept, note] = body.split('\n\n> [!NOTE]\n');
    expect(kept!.trimEnd().endsWith('</details>')).toBe(true);
    const lastLevel = [...kept!.matchAll(/^#### (L\d+)/gm)].at(-1)![1];
    // Every kept level is whole: its last expectation line is there.
    expect(kept).toContain(`expectation 0.${lastLevel!.slice(1)}.24 `);
    expect(note).toContain('the rest of `Ladder 0 (ladder-0) · major`');
    expect(note).toContain("the workflow run's job summary");
  });

  test('appends the full Markdown to the job summary and defuses @mentions in the comment', async () => {
    const summary = file('summary.md', '# earlier step\n');
    await comment(['--from-file', file('diff.md', 'owners: @acme/devrel-leads, mail a@b.co, `@code`')], {
      GITHUB_STEP_SUMMARY: join(dir.path, summary),
    });
    expect(readFileSync(join(dir.path, summary), 'utf8')).toBe('# earlier step\nowners: @acme/devrel-leads, mail a@b.co, `@code`\n');
    const body = ours()[0]!.body;
    expect(body).toContain('owners: @\u2060acme/devrel-leads');
    expect(body).toContain('a@b.co');
    expect(body).toContain('`@code`');
  });

  test('usage and input errors: exit 2 or 1 with one line, no stack trace', async () => {
    const bad = await comment(['--from-file', 'diff.md', '--pr', '7; rm -rf /']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ladder comment: --pr must be a pull request number/);
    const missing = await comment(['--from-file', 'nope.md']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('ladder comment: nope.md: cannot read nope.md: ENOENT\n');
    const noToken = await comment(['--from-file', file('diff.md', 'x')], { GITHUB_TOKEN: '' });
    expect(noToken).toMatchObject({ code: 1, stderr: 'ladder comment: GITHUB_TOKEN is not set; export a token that can access the repository\n' });
    const wrongToken = await comment(['--from-file', 'diff.md'], { GITHUB_TOKEN: 'nope' });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toMatch(/^ladder comment: GitHub: listing comments of #7 failed \(GET \/repos\/acme\/ladders\/issues\/7\/comments\): 401 Bad credentials; check GITHUB_TOKEN\n$/);
    const noPr = await runCli(['comment', '--pr', '99', '--from-file', 'diff.md'], { cwd: dir.path, env: gh.env() });
    expect(noPr.code).toBe(1);
    expect(noPr.stderr).toMatch(/404 not found/);
    expect(gh.writes()).toEqual([]);
  });
});
