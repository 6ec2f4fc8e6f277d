import { appendFileSync } from 'node:fs';
import { UsageError, UserError } from '../../model/errors.js';
import { readDiffSummary } from '../../github/diff-summary.js';
import { parse } from '../args.js';
import { connect, connectTeams, httpUrl, prNumber, readText, todayOption } from '../github.js';
import { commentPullRequest, pullsForHead } from '../../github/pull-request.js';
import type { Command } from '../runtime.js';

/** A diff given as files: the Markdown, and whether it changes anything (from its JSON, else from its text). */
function givenDiff(markdown: string, json: string | undefined, jsonFile: string | undefined): { markdown: string; changed: boolean } {
  return { markdown, changed: json === undefined ? markdown.trim() !== '' : readDiffSummary(json, jsonFile!).changed };
}

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
  --today <YYYY-MM-DD>  the day the notice period counts from (default $LADDER_TODAY, else today in UTC)
  --repo <owner/name>   default $GITHUB_REPOSITORY

With the config's noticeDays or approvals set, the comment starts with what the PR still needs before
merging: ladders that take effect too soon for their notice period, and approvals still missing.

Environment: GITHUB_TOKEN, GITHUB_API_URL (Enterprise Server), GITHUB_REPOSITORY; LADDER_TEAMS_TOKEN (read:org)
for reading team memberships when approvals name a team.`,
  usage: 'ladder comment (--pr <n> | --head-sha sha) [--from-file diff.md [--diff-json diff.json]] [--details-url url] [--head-sha sha] [--today YYYY-MM-DD] [--repo owner/name]',
  async run(args, rt) {
    const { values } = parse(
      args,
      {
        pr: { type: 'string' },
        'from-file': { type: 'string' },
        'diff-json': { type: 'string' },
        'details-url': { type: 'string' },
        'head-sha': { type: 'string' },
        today: { type: 'string' },
        repo: { type: 'string' },
      },
      false,
    );
    if (values.pr === undefined && values['head-sha'] === undefined) throw new UsageError('--pr <number> or --head-sha <sha> is required');
    const prFlag = values.pr === undefined ? undefined : prNumber(values.pr);
    if (values['from-file'] === undefined && values['diff-json'] !== undefined) throw new UsageError('--diff-json goes with --from-file');
    const env = rt.env;
    const today = todayOption(values.today, env);
    const runUrl =
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    const detailsUrl = httpUrl(values['details-url'] ?? runUrl, '--details-url');
    const fromFile = values['from-file'];
    const given = fromFile === undefined ? undefined : givenDiff(readText(rt, fromFile), values['diff-json'] === undefined ? undefined : readText(rt, values['diff-json']), values['diff-json']);

    const gh = await connect(rt, values.repo);
    const teams = await connectTeams(rt, values.repo);
    // Without --pr, the PRs are those whose head is the commit GitHub ran the PR workflow on.
    const prs = prFlag !== undefined ? [prFlag] : await pullsForHead(gh, values['head-sha']!);
    if (prs.length === 0) {
      rt.stderr.write(`ladder comment: no open pull request has ${values['head-sha']!.slice(0, 12)} as its head (pushed again, or closed); nothing posted\n`);
      return 0;
    }
    const summaryFile = env.GITHUB_STEP_SUMMARY;
    for (const pr of prs) {
      const out = await commentPullRequest(gh, rt.cwd, pr, {
        ...(values['head-sha'] !== undefined ? { headSha: values['head-sha'] } : {}),
        ...(detailsUrl ? { detailsUrl } : {}),
        ...(given ? { given } : {}),
        ...(today !== undefined ? { today } : {}),
        ...(teams ? { teams } : {}),
      });
      if (summaryFile) {
        try {
          appendFileSync(summaryFile, out.summary);
        } catch (err) {
          throw new UserError(`cannot write the job summary: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, summaryFile);
        }
      }
      if (out.kind === 'stale') {
        rt.stderr.write(`ladder comment: #${pr} is now at ${out.actual.slice(0, 12)}, not ${values['head-sha']!.slice(0, 12)}: this diff is stale or not this PR's; nothing posted\n`);
        continue;
      }
      const what = { created: 'created the diff comment', updated: 'updated the diff comment', unchanged: 'the diff comment is up to date', skipped: 'no ladder changes and no earlier comment: nothing posted' }[out.action];
      const dups = out.deleted ? ` (removed ${out.deleted} duplicate${out.deleted === 1 ? '' : 's'})` : '';
      rt.stdout.write(`#${pr}: ${what}${out.url ? `: ${out.url}` : ''}${dups}${out.policy.length ? ' (policy change: judged by the base policy)' : ''}\n`);
    }
    return 0;
  },
};
