import path from 'node:path';
import { loadConfig } from '../../config/index.js';
import { Repo, WORKTREE } from '../../git/index.js';
import { UsageError } from '../../model/errors.js';
import { oneOf, parse } from '../args.js';
import { writeFileAtomic } from '../atomic.js';
import { formatStylish } from '../report.js';
import { UnreadableRevisionError } from '../../load/revisions.js';
import { DIFF_FILES, DIFF_FORMATS, diffRevisions, formatDiff } from '../../load/diff-revisions.js';
import type { Command, Runtime } from '../runtime.js';

export const command: Command = {
  summary: 'semantic diff between two git revisions: what changed in ladder terms, its impact and the version bump',
  usage:
    'ladder diff <base> [<head>] [--format text|markdown|json|html] [--output <file> | --output-dir <dir>]\n\n' +
    '  <base>, <head>   a tag, branch or SHA; <head> defaults to the working tree (WORKTREE)\n' +
    '  --format, -f     text (default), markdown (PR comment), json (DESIGN §3), html (review page)\n' +
    '  --output, -o     write to a file (atomically) instead of stdout\n' +
    '  --output-dir     write every format at once from one diff: diff.txt, diff.md, diff.json, diff.html\n\n' +
    '  Each rewording is classed typo, clarified, raised, lowered or changed (needs review), with its\n' +
    '  reasons; levels read as code and title. A head that does not parse is an error (exit 1).',
  async run(args, rt) {
    const { values, positionals } = parse(args, {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      'output-dir': { type: 'string' },
    });
    if (positionals.length < 1 || positionals.length > 2) {
      throw new UsageError(`expected <base> [<head>], got ${positionals.length} revision${positionals.length === 1 ? '' : 's'}`);
    }
    if (values['output-dir'] !== undefined && (values.output !== undefined || values.format !== undefined)) {
      throw new UsageError('--output-dir writes every format; give it without --output and --format');
    }
    const format = oneOf('format', values.format, DIFF_FORMATS, 'text');
    const base = positionals[0]!;
    const head = positionals[1] ?? WORKTREE;
    const config = loadConfig(rt.cwd);

    const repo = await Repo.open(rt.cwd);
    let diff;
    try {
      diff = await diffRevisions(repo, config, rt.cwd, base, head, { env: rt.env });
    } catch (err) {
      if (!(err instanceof UnreadableRevisionError)) throw err;
      rt.stderr.write(formatStylish(err.diagnostics));
      rt.stderr.write(`ladder diff: ${err.message}\n`);
      return 1;
    } finally {
      repo.close();
    }
    const dir = values['output-dir'];
    if (dir !== undefined) {
      for (const f of DIFF_FORMATS) writeFileAtomic(path.resolve(rt.cwd, dir, DIFF_FILES[f]), await formatDiff(diff, f), path.join(dir, DIFF_FILES[f]));
      return 0;
    }
    const out = await formatDiff(diff, format, !values.output && useColor(rt));
    if (values.output) writeFileAtomic(path.resolve(rt.cwd, values.output), out, values.output);
    else rt.stdout.write(out);
    return 0;
  },
};

function useColor(rt: Runtime): boolean {
  if (rt.env.NO_COLOR) return false;
  if (rt.env.FORCE_COLOR && rt.env.FORCE_COLOR !== '0') return true;
  return rt.stdout.isTTY === true;
}
