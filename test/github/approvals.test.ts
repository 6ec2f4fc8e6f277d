import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { approversAt, requiredApprovals, type Review } from '../../scripts/github/approvals.js';
import { addDays, isDay, noticeViolations } from '../../scripts/diff/notice.js';
import { governanceMarkdown } from '../../scripts/github/governance.js';
import type { Change, DiffResult, LadderDiff } from '../../scripts/diff/types.js';
import { runCli, tempDir } from './helpers.js';

const HEAD = 'c'.repeat(40);
const OLD = 'd'.repeat(40);
let id = 0;
const review = (login: string, state: string, commit = HEAD): Review => ({ id: ++id, user: { login }, state, commit_id: commit });

test('latest opinion per reviewer, on the head only, never the author', () => {
  expect(approversAt([review('ana', 'APPROVED'), review('ana', 'COMMENTED')], HEAD, 'pat')).toEqual(['ana']);
  expect(approversAt([review('ana', 'APPROVED'), review('ana', 'CHANGES_REQUESTED')], HEAD, 'pat')).toEqual([]);
  expect(approversAt([review('ana', 'CHANGES_REQUESTED'), review('ana', 'APPROVED')], HEAD, 'pat')).toEqual(['ana']);
  // A dismissed latest review leaves no standing approval, even over an older one.
  expect(approversAt([review('ana', 'APPROVED'), review('ana', 'DISMISSED')], HEAD, 'pat')).toEqual([]);
  expect(approversAt([review('ana', 'APPROVED', OLD)], HEAD, 'pat')).toEqual([]);
  expect(approversAt([review('Pat', 'APPROVED')], HEAD, 'pat')).toEqual([]);
  expect(approversAt([{ id: ++id, user: null, state: 'APPROVED', commit_id: HEAD }, review('bo', 'PENDING')], HEAD, 'pat')).toEqual([]);
  // Order by id, not by the order given.
  const [a, b] = [review('ana', 'CHANGES_REQUESTED'), review('ana', 'APPROVED')];
  expect(approversAt([b, a], HEAD, undefined)).toEqual(['ana']);
});

const change = (impact: Change['impact'], extra: Partial<Change> = {}): Change => ({ kind: 'expectation-added', impact, bump: 'major', level: 'L2', category: 'Craft', ...extra });
const ladder = (id: string, changes: Change[], extra: Partial<LadderDiff> = {}): LadderDiff => ({ id, title: id, status: 'modified', bump: 'major', file: `ladders/${id}.md`, changes, ...extra });
const result = (ladders: LadderDiff[]): DiffResult => ({ base: 'a', head: 'b', bump: 'major', ladders });

test('required approvals: only the impacts present, each reviewer once', () => {
  const r = result([ladder('x', [change('raises-bar'), change('editorial', { kind: 'expectation-reworded' })])]);
  expect(requiredApprovals(r, { 'raises-bar': ['@acme/people'], breaking: ['@acme/people', '@cpo'], editorial: ['@Acme/People'] })).toEqual([
    { reviewer: '@acme/people', impacts: ['raises-bar', 'editorial'] },
  ]);
  expect(requiredApprovals(r, { breaking: ['@cpo'] })).toEqual([]);
});

test('notice: the longest notice a ladder needs; removed ladders are not checked', () => {
  expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  expect(isDay('2027-02-29')).toBe(false);
  expect(isDay('2028-02-29')).toBe(true);
  const r = result([
    ladder('x', [change('raises-bar'), change('breaking', { kind: 'level-removed' })], { effective: '2027-03-01' }),
    ladder('y', [change('raises-bar')], { effective: '2027-02-27' }),
    ladder('z', [change('breaking', { kind: 'ladder-removed' })], { status: 'removed' }),
  ]);
  const v = noticeViolations(r, { 'raises-bar': 90, breaking: 120 }, '2026-11-29');
  expect(v).toEqual([expect.objectContaining({ ladder: 'x', effective: '2027-03-01', earliest: '2027-03-29', days: 120, impact: 'breaking' })]);
  expect(v[0]!.changes).toHaveLength(2);
});

test('the comment section sanitizes ladder text and never pings reviewers', () => {
  const g = {
    today: '2026-11-29',
    head: HEAD,
    notice: noticeViolations(result([ladder('x', [change('raises-bar', { level: 'L2 @everyone \u202e', category: '<img src=x>' })])]), { 'raises-bar': 30 }, '2026-11-29'),
    approvals: { required: [{ reviewer: '@acme/people', impacts: ['raises-bar' as const] }], missing: [{ reviewer: '@acme/people', impacts: ['raises-bar' as const] }], approvers: [], satisfiedBy: {} },
    ok: false,
  };
  const md = governanceMarkdown(g);
  expect(md).toContain('Set `effective: 2026-12-29` (or later)');
  expect(md).toContain('`@acme/people`');
  expect(md).not.toMatch(/(^|[^`])@acme\/people[^`]/);
  expect(md).not.toContain('\u202e');
  // Untrusted names only inside a code span: shown literally, never as HTML or Markdown.
  const line = md.split('\n').find((l) => l.includes('<img'))!;
  expect(line).toMatch(/^  - `x · L2 [^`]*<img src=x>: expectation-added \(raises-bar\)`$/);
  // "@everyone" is in that code span too, where GitHub links no mention.
  expect(line).toContain('@everyone');
});

test('config: approvals and noticeDays are keyed by impact ids, strictly', async () => {
  const dir = tempDir('approvals-config');
  try {
    mkdirSync(join(dir.path, 'ladders'));
    writeFileSync(join(dir.path, 'ladders', 'ladder.config.yaml'), 'approvals:\n  raises-the-bar: ["@acme/people"]\n');
    const a = await runCli(['validate'], { cwd: dir.path, env: {} });
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/invalid config at "approvals": Unrecognized key: "raises-the-bar"/);
    writeFileSync(join(dir.path, 'ladders', 'ladder.config.yaml'), 'approvals:\n  breaking: ["people team"]\n');
    expect((await runCli(['validate'], { cwd: dir.path, env: {} })).stderr).toMatch(/invalid config at "approvals\.breaking\.0": "@user" or "@org\/team"/);
    writeFileSync(join(dir.path, 'ladders', 'ladder.config.yaml'), 'noticeDays:\n  raises-bar: -3\n');
    expect((await runCli(['validate'], { cwd: dir.path, env: {} })).stderr).toMatch(/invalid config at "noticeDays\.raises-bar"/);
  } finally {
    dir.cleanup();
  }
});
