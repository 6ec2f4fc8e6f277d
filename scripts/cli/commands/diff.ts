import path from 'node:path';
import { loadConfig } from '../../config/index.js';
import { buildLexicon, buildView, compareLadders, type DiffResult, type LadderComparison } from '../../diff/index.js';
import { Repo, WORKTREE } from '../../git/index.js';
import { UsageError } from '../../model/errors.js';
import { oneOf, parse } from '../args.js';
import { writeFileAtomic } from '../atomic.js';
import { formatStylish } from '../report.js';
import { RevisionReader, UnreadableRevisionError } from '../revisions.js';
import type { Command, Runtime } from '../runtime.js';

const FORMATS = ['text', 'markdown', 'json', 'html'] as const;

export const command: Command = {
  summary: 'semantic diff between two git revisions: what changed in ladder terms, its impact and the version bump',
  usage:
    'ladder diff <base> [<head>] [--format text|markdown|json|html] [--output <file>]\n\n' +
    '  <base>, <head>   a tag, branch or SHA; <head> defaults to the working tree (WORKTREE)\n' +
    '  --format, -f     text (default), markdown (PR comment), json (DESIGN §3), html (review page)\n' +
    '  --output, -o     write to a file (atomically) instead of stdout\n\n' +
    '  Each rewording is classed typo, clarified, raised, lowered or changed (needs review), with its\n' +
    '  reasons; levels read as code and title. A head that does not parse is an error (exit 1).',
  async run(args, rt) {
    const { values, positionals } = parse(args, {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
    });
    if (positionals.length < 1 || positionals.length > 2) {
      throw new UsageError(`expected <base> [<head>], got ${positionals.length} revision${positionals.length === 1 ? '' : 's'}`);
    }
    const format = oneOf('format', values.format, FORMATS, 'text');
    const base = positionals[0]!;
    const head = positionals[1] ?? WORKTREE;
    const config = loadConfig(rt.cwd);

    const repo = await Repo.open(rt.cwd);
    let out: string;
    try {
      const reader = new RevisionReader(repo, config, rt.cwd);
      // Base first: an unknown or shallow-missing base is the likelier mistake, and its error the clearer.
      const before = await reader.read(base);
      // A head that parses only in part would show what the parser missed as removed: an error instead.
      let after;
      try {
        after = await reader.read(head, { strict: true });
      } catch (err) {
        if (!(err instanceof UnreadableRevisionError)) throw err;
        rt.stderr.write(formatStylish(err.diagnostics));
        rt.stderr.write(`ladder diff: ${err.message}\n`);
        return 1;
      }
      const renames = await reader.renames(base, head);
      const { result, comparisons } = compareLadders(before.ladders, after.ladders, { policy: config.bump, lexicon: buildLexicon(config.signals), renames, base, head });
      out = await render(format, result, comparisons, !values.output && useColor(rt));
    } finally {
      repo.close();
    }
    if (values.output) writeFileAtomic(path.resolve(rt.cwd, values.output), out, values.output);
    else rt.stdout.write(out);
    return 0;
  },
};

/** Formatters load on demand: json needs neither remark nor hast. */
async function render(
  format: (typeof FORMATS)[number],
  result: DiffResult,
  comparisons: readonly LadderComparison[],
  color: boolean,
): Promise<string> {
  if (format === 'json') return (await import('../../diff/format/json.js')).formatJson(result);
  const view = buildView(result, comparisons);
  if (format === 'markdown') return (await import('../../diff/format/markdown.js')).formatMarkdown(view);
  if (format === 'html') return (await import('../../diff/format/html.js')).formatHtml(view);
  return (await import('../../diff/format/text.js')).formatText(view, { color });
}

function useColor(rt: Runtime): boolean {
  if (rt.env.NO_COLOR) return false;
  if (rt.env.FORCE_COLOR && rt.env.FORCE_COLOR !== '0') return true;
  return rt.stdout.isTTY === true;
}
