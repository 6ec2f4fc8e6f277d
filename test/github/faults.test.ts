import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FakeGitHub, type Fault } from './server.js';
import { runCli, tempDir } from './helpers.js';

const REPO = 'acme/ladders';
let gh: FakeGitHub;
let dir: ReturnType<typeof tempDir>;

beforeEach(async () => {
  gh = await FakeGitHub.start();
  dir = tempDir('faults');
  gh.addPull(REPO, 3);
  writeFileSync(join(dir.path, 'diff.md'), '### Ladder diff\n\n- added: Mentors others\n');
  mkdirSync(join(dir.path, 'dist'));
  const files = { 'a.pdf': Buffer.alloc(30_000, 1), 'b.html': '<p>b</p>' };
  for (const [n, d] of Object.entries(files)) writeFileSync(join(dir.path, 'dist', n), d);
  writeFileSync(
    join(dir.path, 'dist', 'SHA256SUMS'),
    Object.entries(files)
      .map(([n, d]) => `${createHash('sha256').update(d).digest('hex')}  ${n}\n`)
      .join(''),
  );
});
afterEach(async () => {
  await gh.close();
  dir.cleanup();
});

const comment = () => runCli(['comment', '--pr', '3', '--from-file', 'diff.md'], { cwd: dir.path, env: gh.env() });
const publish = () => runCli(['publish', '--tag', 'v1.0.0'], { cwd: dir.path, env: gh.env() });

const POST_COMMENT: Partial<Fault> = { method: 'POST', path: /\/issues\/3\/comments$/ };
const LIST_COMMENTS: Partial<Fault> = { method: 'GET', path: /\/issues\/3\/comments$/ };

describe('each injected fault is retried to success', () => {
  const cases: Array<[string, Fault]> = [
    ['500 on create', { kind: 'status', status: 500, times: 2, ...POST_COMMENT }],
    ['502 (HTML body) on list', { kind: 'status', status: 502, times: 3, ...LIST_COMMENTS }],
    ['429 secondary rate limit with retry-after', { kind: 'secondary-rate-limit', status: 429, retryAfter: 2, times: 2, ...POST_COMMENT }],
    ['403 secondary rate limit with retry-after', { kind: 'secondary-rate-limit', status: 403, retryAfter: 5, ...LIST_COMMENTS }],
    ['403 primary rate limit (x-ratelimit-remaining: 0)', { kind: 'primary-rate-limit', status: 403, retryAfter: 1, ...LIST_COMMENTS }],
    ['429 primary rate limit', { kind: 'primary-rate-limit', status: 429, retryAfter: 1, ...POST_COMMENT }],
    ['dropped connection on create', { kind: 'drop', times: 1, ...POST_COMMENT }],
  ];
  for (const [name, fault] of cases) {
    test(name, async () => {
      gh.inject(fault);
      const r = await comment();
      expect(r.code).toBe(0);
      expect(gh.requests.filter((q) => q.fault === fault.kind)).toHaveLength(fault.times ?? 1);
      if (fault.kind.includes('rate-limit')) expect(r.stderr).toMatch(/^warning: GitHub (primary|secondary) rate limit on (GET|POST) \S+: retrying in [\d.]+s \(1\/3\)$/m);
      // However many attempts, the PR ends with one comment.
      expect(gh.comments(REPO, 3).filter((c) => c.body.includes('Mentors others')).length).toBeGreaterThanOrEqual(1);
    });
  }

  test('a connection dropped after GitHub created the comment: the retry posts again, the duplicate is removed', async () => {
    gh.inject({ kind: 'drop', phase: 'response', ...POST_COMMENT });
    const r = await comment();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/removed 1 duplicate/);
    expect(gh.requests.filter((q) => q.method === 'POST').map((q) => q.status)).toEqual([-1, 201]);
    expect(gh.comments(REPO, 3)).toHaveLength(1);
  });

  test('a dropped upload: the retry meets the "starter" leftover (422 already_exists), replaces it, and the release completes', async () => {
    gh.inject({ kind: 'drop', host: 'uploads', path: /\/assets$/, after: 1 });
    const r = await publish();
    expect(r.stderr).not.toMatch(/^ladder publish/m);
    expect(r.code).toBe(0);
    const uploads = gh.requests.filter((q) => q.host === 'uploads' && q.method === 'POST').map((q) => `${q.query.name} ${q.status}`);
    expect(uploads).toEqual(['a.pdf 201', 'b.html -1', 'b.html 422', 'b.html 201', 'SHA256SUMS 201']);
    const [release] = gh.releases(REPO);
    expect(release!.draft).toBe(false);
    expect(gh.assets(REPO, release!.id).map((a) => `${a.name} ${a.state}`)).toEqual(['a.pdf uploaded', 'b.html uploaded', 'SHA256SUMS uploaded']);
  });

  test('a connection dropped after GitHub created the release: the retry finds it, never a second one', async () => {
    gh.inject({ kind: 'drop', phase: 'response', method: 'POST', path: /\/releases$/ });
    const r = await publish();
    expect(r).toMatchObject({ code: 0 });
    expect(r.stderr).not.toMatch(/^ladder publish/m);
    expect(gh.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/releases')).map((q) => q.status)).toEqual([-1]);
    const releases = gh.releases(REPO);
    expect(releases).toHaveLength(1);
    expect(releases[0]!.draft).toBe(false);
    expect(gh.assets(REPO, releases[0]!.id).map((a) => a.name)).toEqual(['a.pdf', 'b.html', 'SHA256SUMS']);
  });

  test('an empty draft left by an earlier duplicated create is removed by the next run', async () => {
    expect((await publish()).code).toBe(0);
    // What the old retry left: a second, empty draft with the same tag.
    const created = await fetch(`${gh.env().GITHUB_API_URL}/repos/${REPO}/releases`, {
      method: 'POST',
      headers: { authorization: `token ${gh.env().GITHUB_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tag_name: 'v1.0.0', name: 'v1.0.0', draft: true }),
    });
    expect(created.status).toBe(201);
    expect(gh.releases(REPO)).toHaveLength(2);
    const r = await runCli(['publish', '--tag', 'v1.0.0'], { cwd: dir.path, env: gh.env() });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/deleted a stray draft release of v1\.0\.0/);
    expect(gh.releases(REPO).map((x) => x.draft)).toEqual([false]);
  });

  test('5xx on an upload is retried with the same bytes', async () => {
    gh.inject({ kind: 'status', status: 502, host: 'uploads', times: 2 });
    const r = await publish();
    expect(r.code).toBe(0);
    const [release] = gh.releases(REPO);
    expect(gh.assets(REPO, release!.id).find((a) => a.name === 'a.pdf')!.bytes).toEqual(Buffer.alloc(30_000, 1));
  });
});

describe('faults that outlast the retries fail with one clear line', () => {
  test('persistent 500', async () => {
    gh.inject({ kind: 'status', status: 500, times: 100, ...POST_COMMENT });
    const r = await comment();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ladder comment: GitHub: commenting on #3 failed (POST /repos/acme/ladders/issues/3/comments): GitHub answered 500 after retrying\n');
    // First attempt plus the retry plugin's 3 retries.
    expect(gh.requests.filter((q) => q.fault === 'status')).toHaveLength(4);
  });

  test('persistent secondary rate limit', async () => {
    gh.inject({ kind: 'secondary-rate-limit', status: 403, retryAfter: 1, times: 100, ...LIST_COMMENTS });
    const r = await comment();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/giving up after 3 retries/);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      'ladder comment: GitHub: listing comments of #3 failed (GET /repos/acme/ladders/issues/3/comments): 403 rate limited by GitHub (You have exceeded a secondary rate limit. Please wait a few minutes before you try again.); retries exhausted, try again later',
    );
    expect(gh.requests.filter((q) => q.fault)).toHaveLength(4);
  });

  test('a rate limit whose reset is far away is not waited for', async () => {
    gh.inject({ kind: 'primary-rate-limit', status: 403, retryAfter: 3600, ...LIST_COMMENTS });
    const r = await comment();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/reset is \d+s away, not waiting/);
    expect(r.stderr).toMatch(/rate limited by GitHub/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
