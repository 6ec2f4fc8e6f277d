import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, test } from 'vitest';
import { runLadder } from '../helpers/cli.js';
import { SHARED_DATA, haveSharedData } from '../helpers/shared-data.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const fixture = (rel: string) => readFileSync(path.join(ROOT, 'test/fixtures/rules', rel));

let root: string;
const put = (rel: string, content: string | Uint8Array) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
};
const json = async (argv: string[]) => {
  const r = await runLadder(root, argv);
  return { code: r.code, found: (JSON.parse(r.stdout) as Array<{ ruleId: string; line: number; column: number; severity: string; message: string }>).filter((d) => d.ruleId === 'activity-quota') };
};

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-quota-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ladder validate: activity-quota', () => {
  it('warns at the quota with the why and the rewrite hint, and exits 0 (a warning by default)', async () => {
    put('ladders/advocacy.md', fixture('activity-quota/not-ok.md'));
    const r = await runLadder(root, ['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('15:13');
    expect(r.stdout).toContain('Unexpected activity quota `three meetups a year`');
    expect(r.stdout).toContain('describe the behaviour the activity shows');
    expect(r.stdout).toContain('activity-quota');
    expect(r.stdout).toContain('6 warnings');
  });

  it('is an error when the config says so (exit 1), and off when turned off', async () => {
    put('ladders/advocacy.md', fixture('activity-quota/not-ok.md'));
    put('ladders/ladder.config.yaml', 'rules:\n  activity-quota: error\n');
    const r = await json(['validate', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.found.map((d) => d.severity)).toEqual(Array(6).fill('error'));
    put('ladders/ladder.config.yaml', 'rules:\n  activity-quota: "off"\n');
    expect(await json(['validate', '--format', 'json'])).toEqual({ code: 0, found: [] });
  });

  it('takes extra nouns and periods from config, and drops default nouns listed in ignore', async () => {
    put('ladders/advocacy.md', fixture('activity-quota/ok.md').toString().replace('Keeps regular 1:1s', 'Runs four live demos per launch, and keeps regular 1:1s'));
    expect((await json(['validate', '--format', 'json'])).found).toEqual([]);
    put('ladders/ladder.config.yaml', 'activityQuota:\n  nouns: [live demos]\n  periods: [launch]\n');
    const found = (await json(['validate', '--format', 'json'])).found;
    expect(found.map((d) => [d.line, d.column, d.message.split(' in ')[0]])).toEqual([[17, 8, 'Unexpected activity quota `four live demos per launch`']]);

    put('ladders/advocacy.md', fixture('activity-quota/not-ok.md'));
    put('ladders/ladder.config.yaml', 'activityQuota:\n  ignore: [tickets, certifications]\n');
    expect((await json(['validate', '--format', 'json'])).found.map((d) => d.line)).toEqual([15, 16, 20, 27]);
  });

  it('refuses a misspelt config key with a clear line (exit 1, no stack trace)', async () => {
    put('ladders/advocacy.md', fixture('activity-quota/ok.md'));
    put('ladders/ladder.config.yaml', 'activityQuota:\n  noun: [demos]\n');
    const r = await runLadder(root, ['validate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid config at "activityQuota"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

// The real ladders were read by hand for quotas: none counts activities (they speak of "frequent and
// meaningful commits", "multiple PRs", "articles you've read"), so the rule must stay silent on them.
test.skipIf(!haveSharedData('activity-quota on real ladders'))('activity-quota: no hit on the real ladders of ../shared/data', async () => {
  const dirs = readdirSync(path.join(SHARED_DATA, 'ladders'));
  expect(dirs.length).toBeGreaterThan(0);
  for (const dir of dirs) {
    rmSync(root, { recursive: true, force: true });
    cpSync(path.join(SHARED_DATA, 'ladders', dir), path.join(root, 'ladders'), { recursive: true });
    const r = await json(['validate', '--format', 'json']);
    expect({ dir, found: r.found }).toEqual({ dir, found: [] });
  }
});
