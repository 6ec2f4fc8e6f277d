import { UsageError } from '../../model/errors.js';
import { readDiffSummary } from '../../github/diff-summary.js';
import { BUMPS, type Bump } from '../../github/labels.js';
import { oneOf, parse } from '../args.js';
import { connect, prNumber, readText } from '../github.js';
import type { Command } from '../runtime.js';

export const command: Command = {
  summary: `Governance check of a pull request: validation errors fail (exit 1), and the PR gets exactly one
label ladder:major | ladder:minor | ladder:patch | ladder:none for the bump of its diff (other ladder:*
labels are removed; the label is created in the repository when missing).

Options:
  --pr <n>              pull request number (required)
  --bump <b>            the bump, when already known: major | minor | patch | none
  --from-file <json>    take the bump from "ladder diff --format json" output
  --validate            also run "ladder validate" on the working tree first (errors: exit 1, no label)
  --repo <owner/name>   default $GITHUB_REPOSITORY`,
  usage: 'ladder check --pr <n> (--bump <b> | --from-file diff.json) [--validate] [--repo owner/name]',
  async run(args, rt) {
    const { values } = parse(
      args,
      {
        pr: { type: 'string' },
        bump: { type: 'string' },
        'from-file': { type: 'string' },
        validate: { type: 'boolean' },
        repo: { type: 'string' },
      },
      false,
    );
    const pr = prNumber(values.pr);
    if (values.bump !== undefined && values['from-file'] !== undefined) throw new UsageError('give --bump or --from-file, not both');
    let bump: Bump;
    if (values.bump !== undefined) bump = oneOf('bump', values.bump, BUMPS, 'none');
    else if (values['from-file'] !== undefined) bump = readDiffSummary(readText(rt, values['from-file']), values['from-file']).bump;
    else throw new UsageError('--bump <major|minor|patch|none> or --from-file <diff.json> is required');

    if (values.validate) {
      const { command: validate } = await import('./validate.js');
      const code = await validate.run(['--format', rt.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish'], rt);
      if (code !== 0) {
        rt.stderr.write(`ladder check: #${pr} has validation errors; not labelling it\n`);
        return code;
      }
    }

    const gh = await connect(rt, values.repo);
    const { setBumpLabel } = await import('../../github/labels.js');
    const result = await setBumpLabel(gh, pr, bump);
    const changes = [result.added ? `added ${result.label}` : `${result.label} already set`, ...result.removed.map((r) => `removed ${r}`)];
    rt.stdout.write(`#${pr}: ${changes.join(', ')}\n`);
    return 0;
  },
};
