import { loadConfig } from '../../config/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { formatOne } from '../../load/format-file.js';
import { parse } from '../args.js';
import { writeFileAtomic } from '../atomic.js';
import { formatStylish, wantsColor } from '../report.js';
import { displayPath, findLadderFiles, readLadderBytes } from '../../load/workspace.js';
import type { Command } from '../runtime.js';

export const command: Command = {
  summary: 'rewrite ladders in canonical form (--check: exit 1 if any would change)',
  usage: 'ladder fmt [paths…] [--check]',
  async run(args, rt) {
    const { values, positionals } = parse(args, { check: { type: 'boolean' } });
    const root = rt.cwd;
    const config = loadConfig(root);
    const files = findLadderFiles(root, config, positionals);
    const problems: Diagnostic[] = [];
    let changed = 0;
    for (const absolute of files) {
      const file = displayPath(root, absolute);
      const read = readLadderBytes(absolute, file);
      if (!read.bytes) {
        problems.push(read.diagnostic!);
        continue;
      }
      const bytes = read.bytes;
      const outcome = formatOne(bytes, file, config.shapes);
      if (outcome.kind === 'problem') problems.push(outcome.diagnostic);
      if (outcome.kind !== 'changed') continue;
      changed++;
      if (!values.check) writeFileAtomic(absolute, outcome.output);
      rt.stdout.write(`${file}\n`);
    }
    if (problems.length > 0) rt.stderr.write(formatStylish(problems, { color: wantsColor(rt.stderr, rt.env) }));
    if (values.check && changed > 0) {
      rt.stderr.write(`${changed} file${changed === 1 ? '' : 's'} not formatted; run "ladder fmt" to fix\n`);
    }
    return problems.length > 0 || (values.check && changed > 0) ? 1 : 0;
  },
};
