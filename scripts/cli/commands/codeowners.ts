import { join } from 'node:path';
import { UsageError } from '../../model/errors.js';
import { CODEOWNERS_PATH, codeownersPatch } from '../../github/codeowners.js';
import { currentFile, wantedCodeowners } from '../../load/codeowners.js';
import { writeFileAtomic } from '../atomic.js';
import { parse } from '../args.js';
import type { Command } from '../runtime.js';

export const command: Command = {
  summary: `Write .github/CODEOWNERS from each ladder's "owners" frontmatter plus "defaultOwners" from the config,
so GitHub's "Require review from Code Owners" makes those owners approve changes to their ladder.

Options:
  --check   write nothing; exit 1 and show the difference when the file is stale`,
  usage: 'ladder codeowners [--check]',
  async run(args, rt) {
    const { values, positionals } = parse(args, { check: { type: 'boolean', default: false } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const { files, wanted } = wantedCodeowners(rt.cwd);
    const target = join(rt.cwd, CODEOWNERS_PATH);
    const current = currentFile(target);

    if (values.check) {
      if (current === wanted) {
        rt.stdout.write(`${CODEOWNERS_PATH} is up to date\n`);
        return 0;
      }
      rt.stdout.write(current === null ? `${CODEOWNERS_PATH} is missing; it should be:\n${wanted}` : codeownersPatch(current, wanted));
      rt.stderr.write(`ladder codeowners: ${CODEOWNERS_PATH} is stale; run "ladder codeowners" and commit the result\n`);
      return 1;
    }
    if (current === wanted) {
      rt.stdout.write(`${CODEOWNERS_PATH} is up to date\n`);
      return 0;
    }
    writeFileAtomic(target, wanted);
    rt.stdout.write(`wrote ${CODEOWNERS_PATH} (${files.length} ladder${files.length === 1 ? '' : 's'})\n`);
    return 0;
  },
};
