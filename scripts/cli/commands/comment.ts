import { appendFileSync } from 'node:fs';
import { UsageError, UserError } from '../../model/errors.js';
import { commentBody, NO_CHANGES, summaryText } from '../../github/comment-body.js';
import { readDiffSummary } from '../../github/diff-summary.js';
import { parse } from '../args.js';
import { connect, httpUrl, prNumber, readText } from '../github.js';
import type { Command } from '../runtime.js';

export const command: Command = {
  summary: `Create or update the pull request's sticky diff comment (found by a hidden marker, edited in place,
never duplicated even when two runs race). Bodies over GitHub's 65,536-character limit are cut at a ladder
or level boundary with a note. Also appends the diff to $GITHUB_STEP_SUMMARY when set.

Options:
  --pr <n>              pull request number (required)
  --from-file <md>      the diff as Markdown (ladder diff --format markdown)
  --diff-json <json>    the same diff as JSON; when it shows no change, the comment says so
  --details-url <url>   where the full diff is (the workflow run); default from GITHUB_SERVER_URL/RUN_ID
  --repo <owner/name>   default $GITHUB_REPOSITORY

Environment: GITHUB_TOKEN, GITHUB_API_URL (Enterprise Server), GITHUB_REPOSITORY.`,
  usage: 'ladder comment --pr <n> --from-file diff.md [--diff-json diff.json] [--details-url url] [--repo owner/name]',
  async run(args, rt) {
    const { values } = parse(
      args,
      {
        pr: { type: 'string' },
        'from-file': { type: 'string' },
        'diff-json': { type: 'string' },
        'details-url': { type: 'string' },
        repo: { type: 'string' },
      },
      false,
    );
    const pr = prNumber(values.pr);
    if (values['from-file'] === undefined) {
      throw new UsageError('--from-file <diff.md> is required (write it with "ladder diff <base> HEAD --format markdown")');
    }
    const markdown = readText(rt, values['from-file']);
    const summary = values['diff-json'] === undefined ? undefined : readDiffSummary(readText(rt, values['diff-json']), values['diff-json']);
    const changed = summary ? summary.changed : markdown.trim() !== '';
    const env = rt.env;
    const runUrl =
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    const detailsUrl = httpUrl(values['details-url'] ?? runUrl, '--details-url');

    const body = commentBody(changed ? markdown : null, detailsUrl ? { detailsUrl } : {});
    if (env.GITHUB_STEP_SUMMARY) {
      try {
        appendFileSync(env.GITHUB_STEP_SUMMARY, summaryText(changed ? markdown : NO_CHANGES, detailsUrl));
      } catch (err) {
        throw new UserError(`cannot write the job summary: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, env.GITHUB_STEP_SUMMARY);
      }
    }

    const gh = await connect(rt, values.repo);
    const { upsertStickyComment } = await import('../../github/comments.js');
    // No comment yet and nothing to say: stay quiet rather than add noise to an unrelated PR.
    const result = await upsertStickyComment(gh, pr, body, { createIfMissing: changed });
    const where = result.url ? `: ${result.url}` : '';
    const what = {
      created: 'created the diff comment',
      updated: 'updated the diff comment',
      unchanged: 'the diff comment is up to date',
      skipped: 'no ladder changes and no earlier comment: nothing posted',
    }[result.action];
    const dups = result.deleted.length ? ` (removed ${result.deleted.length} duplicate${result.deleted.length === 1 ? '' : 's'})` : '';
    rt.stdout.write(`#${pr}: ${what}${where}${dups}\n`);
    return 0;
  },
};
