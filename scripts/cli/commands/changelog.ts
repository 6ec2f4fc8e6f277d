import path from 'node:path';
import { parseVersion } from '../../changelog/index.js';
import { loadConfig } from '../../config/index.js';
import { Repo, WORKTREE } from '../../git/index.js';
import { UsageError, UserError } from '../../model/errors.js';
import { parse } from '../args.js';
import { writeFileAtomic } from '../atomic.js';
import { changelogMarkdown, UNCOMMITTED } from '../../release/history.js';
import { progressBar } from '../progress.js';
import type { Command } from '../runtime.js';

export const command: Command = {
  summary: 'changelog between releases, from the git history: per release, per ladder, grouped by impact, with the pull requests',
  usage:
    'ladder changelog [--from <tag>] [--to <rev>] [--release <version>] [--all] [--output <file>]\n\n' +
    '  --from <tag>         start after this release (default: the release before --to)\n' +
    '  --to <rev>           end at this revision, or WORKTREE for the files on disk (default: the working\n' +
    '                       tree, as ladder diff: uncommitted edits to ladder files count; --to HEAD\n' +
    '                       leaves them out)\n' +
    '  --release <version>  name the changes since the last tag as this release (vX.Y.Z), dated by --to\n' +
    '                       or SOURCE_DATE_EPOCH\n' +
    '  --all                the whole CHANGELOG.md, from every release tag in history\n' +
    '  --output, -o <file>  write the file (atomically) instead of printing it',
  async run(args, rt) {
    const { values, positionals } = parse(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      release: { type: 'string' },
      all: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.all && values.from !== undefined) throw new UsageError('--all starts from the beginning of history; leave out --from');
    if (values.release !== undefined && !parseVersion(values.release)) {
      throw new UsageError(`--release must be a version like v1.2.0 (got "${values.release}")`);
    }
    if (values.output === '') throw new UsageError('--output must name a file');
    const date = sourceDate(rt.env.SOURCE_DATE_EPOCH);

    const repo = await Repo.open(rt.cwd);
    const config = loadConfig(repo.root);
    const bar = progressBar(rt.stderr, 'Reading history');
    const warnings: string[] = [];
    let result: Awaited<ReturnType<typeof changelogMarkdown>>;
    try {
      result = await changelogMarkdown(repo, config, {
        ...(values.from !== undefined ? { from: values.from } : {}),
        ...(values.to !== undefined ? { to: values.to } : {}),
        ...(values.release !== undefined ? { release: values.release } : {}),
        ...(date !== undefined ? { date } : {}),
        all: values.all === true,
        progress: (done, total) => bar.update(done, total),
        warn: (m) => warnings.push(m),
      });
    } finally {
      bar.done();
      repo.close();
    }
    for (const w of warnings) rt.stderr.write(`ladder changelog: warning: ${w}\n`);
    if (result.to === WORKTREE && values.to === undefined) rt.stderr.write(UNCOMMITTED);
    if (values.output !== undefined) {
      writeFileAtomic(path.resolve(rt.cwd, values.output), result.markdown, values.output);
      rt.stderr.write(`Wrote ${values.output} (${result.releases} ${result.releases === 1 ? 'section' : 'sections'})\n`);
    } else {
      rt.stdout.write(result.markdown);
    }
    return 0;
  },
};

function sourceDate(epoch: string | undefined): number | undefined {
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch)) throw new UserError(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${epoch}")`);
  return Number(epoch);
}
