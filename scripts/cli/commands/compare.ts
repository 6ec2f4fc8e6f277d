import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { compareLevelRefs, formatCompareJson, formatCompareMarkdown, formatCompareText } from '../../compare/index.js';
import { loadConfig, type Config } from '../../config/index.js';
import { buildLexicon } from '../../diff/index.js';
import { UsageError, UserError } from '../../model/errors.js';
import type { Ladder } from '../../model/ladder.js';
import { oneOf, parse } from '../args.js';
import { formatStylish } from '../report.js';
import type { Command, Runtime } from '../runtime.js';
import { displayPath, findLadderFiles, loadLadderFile, resolveInWorkspace } from '../../load/workspace.js';

const FORMATS = ['text', 'markdown', 'json'] as const;

export const command: Command = {
  summary: `Compare any two levels of one track of a ladder: per category, what the higher level adds, what it asks
more strongly, less strongly or differently (the diff's rewording classes, with their reasons), and what
carries over. A cumulative ladder (each level lists only what it adds) is detected and compared as
everything up to each level; the output says so, with the measured share of repeated expectations.

  <ladder>         a ladder file, or a ladder id (ladders/<id>.md, or the ladder whose id it is)
  <level>          a level's code or key (L3), its title, or "code · title", case-insensitive;
                   track/level when levels of several tracks share the name. Either order.
  --format, -f     text (default), markdown, json (the view model)

Exit 0; 1 when the ladder cannot be read; 2 for an unknown level (the valid ones are listed).`,
  usage: 'ladder compare <ladder> <level> <level> [--format text|markdown|json]',
  async run(args, rt) {
    const { values, positionals } = parse(args, { format: { type: 'string', short: 'f' } });
    const format = oneOf('format', values.format, FORMATS, 'text');
    if (positionals.length !== 3) throw new UsageError(`expected <ladder> <level> <level>, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`);
    const [which, a, b] = positionals as [string, string, string];
    const config = loadConfig(rt.cwd);
    const ladder = findLadder(rt, config, which);
    const comparison = compareLevelRefs(ladder, a, b, { lexicon: buildLexicon(config.signals) });
    rt.stdout.write(format === 'json' ? formatCompareJson(comparison) : format === 'markdown' ? formatCompareMarkdown(comparison) : formatCompareText(comparison));
    return 0;
  },
};

/** A file path as given, else `<laddersDir>/<id>.md`, else the ladder whose frontmatter id it is. */
function findLadder(rt: Runtime, config: Config, which: string): Ladder {
  const asPath = resolve(rt.cwd, which);
  const byName = join(resolve(rt.cwd, config.laddersDir), `${which}.md`);
  const direct = [asPath, byName].find((p) => existsSync(p) && statSync(p).isFile());
  const candidates = direct ? [direct] : findLadderFiles(rt.cwd, config);
  for (const file of candidates) {
    // A derived ladder's levels are compared resolved (its parent's expectations included).
    const result = resolveInWorkspace(rt.cwd, config, [loadLadderFile(rt.cwd, file, config)], [file])[0]!;
    if (!result.ladder) {
      if (!direct) continue;
      rt.stderr.write(formatStylish(result.diagnostics));
      throw new UserError('the ladder cannot be parsed', displayPath(rt.cwd, file));
    }
    if (direct || result.ladder.id === which || basename(file, '.md') === which) return result.ladder;
  }
  throw new UserError(`no ladder "${which}": give a ladder file or the id of a ladder under ${config.laddersDir}/`);
}
