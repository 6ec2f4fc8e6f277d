import { appendFileSync } from 'node:fs';
import { UsageError, UserError } from '../../model/errors.js';
import { commentBody, NO_CHANGES, summaryText } from '../../github/comment-body.js';
import { readDiffSummary } from '../../github/diff-summary.js';
import { parse } from '../args.js';
import { connect, httpUrl, prNumber, readText } from '../github.js';
import { prDiff, prHeadIs, pullsForHead } from '../../github/pull-request.js';
import type { Command } from '../runtime.js';

export const command: Command = {
  summary: `Create or update the pull request's sticky diff comment (found by a hidden marker, edited in place,
never duplicated even when two runs race). Bodies over GitHub's 65,536-character limit are cut at a ladder
or level boundary with a note. Also appends the diff to $GITHUB_STEP_SUMMARY when set.

Options:
  --pr <n>              pull request number (or --head-sha alone: every open PR with that head)
  --from-file <md>      the diff as Markdown (ladder diff --format markdown), for local use; without it
                        the diff of the PR's head against its merge base is computed from the local clone
                        with the checkout's config (pr-comment.yml: the default branch's, never the PR's),
                        and a PR changing policy files (config, workflows, tool, CODEOWNERS) says so
  --diff-json <json>    the same diff as JSON; when it shows no change, the comment says so
  --details-url <url>   where the full diff is (the workflow run); default from GITHUB_SERVER_URL/RUN_ID
  --head-sha <sha>      act only if the PR's head is still this commit (the one the diff was made from)
  --repo <owner/name>   default $GITHUB_REPOSITORY

Environment: GITHUB_TOKEN, GITHUB_API_URL (Enterprise Server), GITHUB_REPOSITORY.`,
  usage: 'ladder comment (--pr <n> | --head-sha sha) [--from-file diff.md [--diff-json diff.json]] [--details-url url] [--head-sha sha] [--repo owner/name]',
  async run(args, rt) {
    const { values } = parse(
      args,
      {
        pr: { type: 'string' },
        'from-file': { type: 'string' },
        'diff-json': { type: 'string' },
        'details-url': { type: 'string' },
        'head-sha': { type: 'string' },
        repo: { type: 'string' },
      },
      false,
    );
    if (values.pr === undefined && values['head-sha'] === undefined) throw new UsageError('--pr <number> or --head-sha <sha> is required');
    const prFlag = values.pr === undefined ? undefined : prNumber(values.pr);
    if (values['from-file'] === undefined && values['diff-json'] !== undefined) throw new UsageError('--diff-json goes with --from-file');
    const env = rt.env;
    const runUrl =
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    const detailsUrl = httpUrl(values['details-url'] ?? runUrl, '--details-url');
    const fromFile = values['from-file'];
    const given = fromFile === undefined ? undefined : { markdown: readText(rt, fromFile), json: values['diff-json'] === undefined ? undefined : readText(rt, values['diff-json']) };

    const gh = await connect(rt, values.repo);
    // Without --pr, the PRs are those whose head is the commit GitHub ran the PR workflow on.
    const prs = prFlag !== undefined ? [prFlag] : await pullsForHead(gh, values['head-sha']!);
    if (prs.length === 0) {
      rt.stderr.write(`ladder comment: no open pull request has ${values['head-sha']!.slice(0, 12)} as its head (pushed again, or closed); nothing posted\n`);
      return 0;
    }
    for (const pr of prs) {
      let markdown: string;
      let changed: boolean;
      let policy: string[] = [];
      if (given) {
        markdown = given.markdown;
        const summary = given.json === undefined ? undefined : readDiffSummary(given.json, values['diff-json']!);
        changed = summary ? summary.changed : markdown.trim() !== '';
      } else {
        const diff = await prDiff(rt.cwd, gh, pr, values['head-sha']);
        markdown = diff.markdown;
        changed = diff.changed;
        policy = diff.policy;
      }
      const body = commentBody(changed ? markdown : null, { ...(detailsUrl ? { detailsUrl } : {}), policyChange: policy });
      if (env.GITHUB_STEP_SUMMARY) {
        try {
          appendFileSync(env.GITHUB_STEP_SUMMARY, summaryText(changed ? markdown : NO_CHANGES, detailsUrl));
        } catch (err) {
          throw new UserError(`cannot write the job summary: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, env.GITHUB_STEP_SUMMARY);
        }
      }
      if (values['head-sha'] !== undefined) {
        const head = await prHeadIs(gh, pr, values['head-sha']);
        if (!head.ok) {
          rt.stderr.write(`ladder comment: #${pr} is now at ${head.actual.slice(0, 12)}, not ${values['head-sha'].slice(0, 12)}: this diff is stale or not this PR's; nothing posted\n`);
          continue;
        }
      }
      const { upsertStickyComment } = await import('../../github/comments.js');
      // No comment yet and nothing to say: stay quiet rather than add noise to an unrelated PR.
      const result = await upsertStickyComment(gh, pr, body, { createIfMissing: changed || policy.length > 0 });
      const where = result.url ? `: ${result.url}` : '';
      const what = {
        created: 'created the diff comment',
        updated: 'updated the diff comment',
        unchanged: 'the diff comment is up to date',
        skipped: 'no ladder changes and no earlier comment: nothing posted',
      }[result.action];
      const dups = result.deleted.length ? ` (removed ${result.deleted.length} duplicate${result.deleted.length === 1 ? '' : 's'})` : '';
      rt.stdout.write(`#${pr}: ${what}${where}${dups}${policy.length ? ' (policy change: judged by the base policy)' : ''}\n`);
    }
    return 0;
  },
};
