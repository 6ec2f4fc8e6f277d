// The GitHub Action's entry (action.yml), bundled by esbuild into one file (scripts/action/dist/index.mjs)
// so a pull-request job runs it with no `npm install`. It wires CLI commands in-process; it imports
// nothing that loads pdfkit or the fonts (releases install the npm package instead).
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path, { join, resolve } from 'node:path';
import { commentBody, NO_CHANGES, summaryText } from '../github/comment-body.js';
import { readDiffSummary } from '../github/diff-summary.js';
import { UsageError, UserError } from '../model/errors.js';
import { prNumber } from '../cli/github.js';
import type { Runtime } from '../cli/runtime.js';
import { command as check } from '../cli/commands/check.js';
import { codeownersStatus } from '../load/codeowners.js';
import { command as comment } from '../cli/commands/comment.js';
import { scopedDiff, validateChanged } from '../load/pr-check.js';
import { formatDiagnostics } from '../cli/report.js';
import { findLadderFiles } from '../load/workspace.js';
import { loadConfig } from '../config/index.js';
import { buildView } from '../diff/index.js';
import { formatJson } from '../diff/format/json.js';
import { formatMarkdown } from '../diff/format/markdown.js';
import { Repo } from '../git/index.js';
import { CODEOWNERS_PATH } from '../github/codeowners.js';
import { countBySeverity, resolveSeverities } from '../rules/index.js';

type Env = Record<string, string | undefined>;

/** An action input as the runner passes it: INPUT_<NAME> (upper case, hyphens kept). */
export function input(env: Env, name: string): string | undefined {
  const value = env[`INPUT_${name.toUpperCase()}`]?.trim();
  return value === '' ? undefined : value;
}

/** Workflow commands escape %, CR and LF in their message. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function appendTo(file: string | undefined, text: string): void {
  if (file) appendFileSync(file, text);
}

/** The pull request's base commit from the event payload (pull_request and pull_request_target events). */
function eventBase(env: Env): string | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { base?: { sha?: unknown } } };
    const sha = event.pull_request?.base?.sha;
    return typeof sha === 'string' ? sha : undefined;
  } catch {
    return undefined;
  }
}

function outputDir(rt: Runtime): string {
  const out = resolve(rt.cwd, input(rt.env, 'output-dir') ?? join(rt.env.RUNNER_TEMP ?? rt.cwd, 'ladder'));
  mkdirSync(out, { recursive: true });
  return out;
}

/**
 * check (the unprivileged pull_request job): validation as annotations, CODEOWNERS freshness, and the
 * semantic diff against the merge base into the job summary and `output-dir` (diff.md, diff.json and the
 * comment body the comment job will post). Fails on validation errors or a stale CODEOWNERS. Scoped to
 * the ladders the PR changes (scripts/load/pr-check.ts): a PR's check costs what the PR touches.
 */
async function runCheck(rt: Runtime): Promise<number> {
  const env = rt.env;
  const config = loadConfig(rt.cwd);
  resolveSeverities(config.rules); // a typo in the config fails before any work
  const base = input(env, 'base') ?? eventBase(env);
  const head = input(env, 'head') ?? 'HEAD';
  let bump = 'none';
  let toValidate: string[] | undefined; // undefined: every ladder
  if (base === undefined) {
    rt.stdout.write('::notice::no base revision (not a pull request, and no "base" input): no diff; validating every ladder\n');
  } else {
    const repo = await Repo.open(rt.cwd);
    try {
      const mergeBase = await repo.mergeBase(base, head);
      const scoped = await scopedDiff(repo, config, rt.cwd, mergeBase, head);
      if (!scoped.configChanged) toValidate = scoped.changed.map((f) => path.resolve(repo.root, f));
      // The diff first, so reviewers get it even when validation fails.
      const json = formatJson(scoped.result);
      const md = formatMarkdown(buildView(scoped.result, scoped.comparisons));
      const summary = readDiffSummary(json, 'ladder diff --format json');
      bump = summary.bump;
      const out = outputDir(rt);
      writeFileSync(join(out, 'diff.md'), md);
      writeFileSync(join(out, 'diff.json'), json);
      writeFileSync(join(out, 'comment.md'), commentBody(summary.changed ? md : null));
      appendTo(env.GITHUB_STEP_SUMMARY, summaryText(summary.changed ? md : NO_CHANGES));
      appendTo(env.GITHUB_OUTPUT, `bump=${bump}\nchanged=${summary.changed}\n`);
    } finally {
      repo.close();
    }
  }

  const files = toValidate ?? findLadderFiles(rt.cwd, config);
  const diagnostics = await validateChanged(rt.cwd, config, files);
  rt.stdout.write(formatDiagnostics(diagnostics, 'github'));
  const { errors, warnings } = countBySeverity(diagnostics);
  const owners = codeownersStatus(rt.cwd, { frontmatterOnly: true });
  if (!owners.current) {
    rt.stdout.write(owners.report);
    rt.stdout.write(`::error file=${CODEOWNERS_PATH}::${escapeData(`${CODEOWNERS_PATH} is stale; run "ladder codeowners" and commit the result`)}\n`);
  }
  const scope = toValidate ? `${files.length} changed ladder${files.length === 1 ? '' : 's'}` : `all ${files.length} ladders`;
  rt.stdout.write(`ladder: bump ${bump}; validated ${scope}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}; CODEOWNERS ${owners.current ? 'current' : 'stale'}\n`);
  return errors > 0 || !owners.current ? 1 : 0;
}

/**
 * comment (the privileged job on the default branch, after the PR's head was fetched as git objects):
 * computes the PR's diff itself, then the sticky comment and the ladder:<bump> label. Nothing from the
 * PR is run or trusted: the PR number must be digits, and the PR's head must still be `head-sha`.
 */
async function runComment(rt: Runtime): Promise<number> {
  const env = rt.env;
  const pr = String(prNumber(input(env, 'pr')));
  const headSha = input(env, 'head-sha');
  if (headSha === undefined) throw new UsageError('the comment mode needs the "head-sha" input (github.event.workflow_run.head_sha)');
  const { connect } = await import('../cli/github.js');
  const { prDiff, prHeadIs } = await import('../github/pull-request.js');
  const gh = await connect(rt);
  const head = await prHeadIs(gh, Number(pr), headSha);
  if (!head.ok) {
    rt.stdout.write(`::notice::#${pr} is now at ${head.actual.slice(0, 12)}, not ${headSha.slice(0, 12)}: a newer run will comment\n`);
    return 0;
  }
  const computed = await prDiff(rt.cwd, gh, Number(pr), headSha);
  const out = outputDir(rt);
  writeFileSync(join(out, 'diff.md'), computed.markdown);
  writeFileSync(join(out, 'diff.json'), computed.json);
  const details = input(env, 'details-url');
  // No --from-file: comment and check compute the diff from git objects with this checkout's (the
  // default branch's) tool and policy, flag a policy change, and set the ladder/validate status.
  const said = await comment.run(['--pr', pr, '--head-sha', headSha, ...(details ? ['--details-url', details] : [])], rt);
  if (said !== 0) return said;
  return check.run(['--pr', pr, '--head-sha', headSha], rt);
}

/** Runs the action; returns the exit code. Never throws. */
export async function runAction(rt: Runtime): Promise<number> {
  const env = rt.env;
  const token = input(env, 'github-token');
  const cwd = resolve(rt.cwd, input(env, 'working-directory') ?? '.');
  const inner: Runtime = { ...rt, cwd, env: { ...env, ...(token ? { GITHUB_TOKEN: token } : {}) } };
  const mode = input(env, 'mode') ?? 'check';
  try {
    if (mode === 'check') return await runCheck(inner);
    if (mode === 'comment') return await runComment(inner);
    throw new UsageError(`the "mode" input must be check or comment (got "${mode.slice(0, 40)}")`);
  } catch (err) {
    const where = err instanceof UserError && err.file ? ` file=${err.file}${err.position ? `,line=${err.position.line},col=${err.position.column}` : ''}` : '';
    const message = err instanceof UserError ? err.message : `internal error: ${(err as Error)?.stack ?? String(err)}`;
    rt.stdout.write(`::error${where}::${escapeData(`ladder: ${message}`)}\n`);
    return 1;
  }
}
