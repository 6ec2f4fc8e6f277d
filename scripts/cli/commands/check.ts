import { UsageError } from '../../model/errors.js';
import { readDiffSummary } from '../../github/diff-summary.js';
import { BUMPS, type Bump } from '../../diff/kinds.js';
import { oneOf, parse } from '../args.js';
import { connect, connectTeams, prNumber, readText, todayOption } from '../github.js';
import { checkPullRequest, pullsForHead, STATUS_CONTEXT } from '../../github/pull-request.js';
import type { Command } from '../runtime.js';
import { GOVERNANCE_CONTEXT, governanceDescription, governanceLines } from '../../github/governance.js';

export const command: Command = {
  summary: `Governance check of a pull request: validation errors fail (exit 1), and the PR gets exactly one
label ladder:major | ladder:minor | ladder:patch | ladder:none for the bump of its diff, plus
ladder:policy-change when it changes the config, workflows, tool code or CODEOWNERS (other ladder:*
labels are removed; labels are created in the repository when missing). The bump is computed with the
checkout's config: in pr-comment.yml the default branch's, never the PR's. With --head-sha (and no
--bump/--from-file) the head's ladders are also validated from git objects with the checkout's tool and
rules, and the commit status ladder/validate is set: the required check a pull request cannot forge.

Options:
  --pr <n>              pull request number (or --head-sha alone: every open PR with that head)
  --bump <b>            the bump, when already known: major | minor | patch | none
  --from-file <json>    take the bump from "ladder diff --format json" output
                        (neither: computed from the PR's head against its merge base, in the local clone)
  --validate            also run "ladder validate" on the working tree first (errors: exit 1, no label)
  --head-sha <sha>      act only if the PR's head is still this commit (the one the diff was made from)
  --today <YYYY-MM-DD>  the day the notice period counts from (default $LADDER_TODAY, else today in UTC)
  --repo <owner/name>   default $GITHUB_REPOSITORY

With the config's noticeDays or approvals set (and the diff computed here), it also fails (exit 1, commit
status ladder/governance failure) while a ladder with raises-bar, breaking… changes takes effect sooner
than its notice allows (frontmatter effective: YYYY-MM-DD), or while an approval the changes' impacts
require is missing on the PR's current head (reviews and team memberships read through the API;
LADDER_TEAMS_TOKEN, a token with read:org, reads the memberships when set: GITHUB_TOKEN in Actions cannot).`,
  usage: 'ladder check (--pr <n> | --head-sha sha) [--bump <b> | --from-file diff.json] [--validate] [--head-sha sha] [--today YYYY-MM-DD] [--repo owner/name]',
  async run(args, rt) {
    const { values } = parse(
      args,
      {
        pr: { type: 'string' },
        bump: { type: 'string' },
        'from-file': { type: 'string' },
        validate: { type: 'boolean' },
        'head-sha': { type: 'string' },
        today: { type: 'string' },
        repo: { type: 'string' },
      },
      false,
    );
    if (values.pr === undefined && values['head-sha'] === undefined) throw new UsageError('--pr <number> or --head-sha <sha> is required');
    const prFlag = values.pr === undefined ? undefined : prNumber(values.pr);
    if (values.bump !== undefined && values['from-file'] !== undefined) throw new UsageError('give --bump or --from-file, not both');
    let given: Bump | undefined;
    if (values.bump !== undefined) given = oneOf('bump', values.bump, BUMPS, 'none');
    else if (values['from-file'] !== undefined) given = readDiffSummary(readText(rt, values['from-file']), values['from-file']).bump;
    const shown = values.pr ?? values['head-sha']!.slice(0, 12);
    const todayText = todayOption(values.today, rt.env);

    if (values.validate) {
      const { command: validate } = await import('./validate.js');
      const code = await validate.run(['--format', rt.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish'], rt);
      if (code !== 0) {
        rt.stderr.write(`ladder check: #${shown} has validation errors; not labelling it\n`);
        return code;
      }
    }

    const gh = await connect(rt, values.repo);
    const teams = await connectTeams(rt, values.repo);
    const prs = prFlag !== undefined ? [prFlag] : await pullsForHead(gh, values['head-sha']!);
    if (prs.length === 0) {
      rt.stderr.write(`ladder check: no open pull request has ${values['head-sha']!.slice(0, 12)} as its head (pushed again, or closed); not labelling\n`);
      return 0;
    }
    let failed = false;
    const sha = values['head-sha']?.slice(0, 12);
    for (const pr of prs) {
      const outcome = await checkPullRequest(gh, rt.cwd, pr, {
        ...(values['head-sha'] !== undefined ? { headSha: values['head-sha'] } : {}),
        ...(given !== undefined ? { bump: given } : {}),
        ...(todayText !== undefined ? { today: todayText } : {}),
        ...(teams ? { teams } : {}),
      });
      if (outcome.kind === 'stale') {
        rt.stderr.write(`ladder check: #${pr} is now at ${outcome.actual.slice(0, 12)}, not ${sha}: this diff is stale or not this PR's; not labelling\n`);
      } else if (outcome.kind === 'invalid') {
        const { formatDiagnostics } = await import('../report.js');
        rt.stdout.write(formatDiagnostics(outcome.verdict.diagnostics.filter((d) => d.severity === 'error'), 'stylish', { files: outcome.verdict.files }));
        rt.stderr.write(`ladder check: #${pr} has validation errors at ${sha}; ${STATUS_CONTEXT} set to failure, not labelling it\n`);
        failed = true;
      } else {
        const g = outcome.governance;
        const governance = g ? `, ${GOVERNANCE_CONTEXT} ${g.ok ? 'success' : 'failure'}` : '';
        rt.stdout.write(`#${pr}: ${outcome.changes.join(', ')}${outcome.statusSet ? `, ${STATUS_CONTEXT} success` : ''}${governance}\n`);
        if (g && !g.ok) {
          for (const line of governanceLines(g)) rt.stdout.write(`${line}\n`);
          rt.stderr.write(`ladder check: #${pr} is not ready to merge: ${governanceDescription(g)}\n`);
          failed = true;
        }
      }
    }
    return failed ? 1 : 0;
  },
};
