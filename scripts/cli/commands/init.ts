import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initFiles } from '../../load/init-files.js';
import { CODEOWNERS_PATH } from '../../github/codeowners.js';
import { UsageError, UserError } from '../../model/errors.js';
import { parse } from '../args.js';
import { writeFileAtomic } from '../atomic.js';
import { packageInfo } from '../package-info.js';
import type { Command } from '../runtime.js';
import { wantedCodeowners } from '../../load/codeowners.js';

type Outcome = 'created' | 'unchanged' | 'kept' | 'replaced';

export const command: Command = {
  summary: `Create a ladder repository in <dir> (default: the current folder): ladders/ with a starter ladder and
the config, .github/workflows/ that run the ladder GitHub Action pinned to this version, CODEOWNERS, a
.gitignore and a README for ladder owners. Never replaces a file that differs without --force; running
it again changes nothing.

Options:
  --org <name>            the GitHub organization that owns the ladders (owners @<org>/…); default your-org
  --action <owner/repo>   where the ladder Action lives; default from this package's repository
  --force                 replace files that exist and differ`,
  usage: 'ladder init [dir] [--org name] [--action owner/repo] [--force]',
  async run(args, rt) {
    const { values, positionals } = parse(args, { org: { type: 'string' }, action: { type: 'string' }, force: { type: 'boolean', default: false } });
    if (positionals.length > 1) throw new UsageError(`expected at most one folder, got ${positionals.length}`);
    const org = values.org ?? 'your-org';
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(org)) throw new UsageError(`--org must be a GitHub organization name (got "${org.slice(0, 50)}")`);
    const info = packageInfo();
    const action = values.action ?? info.repository;
    if (!/^[\w.-]+\/[\w.-]+$/.test(action)) throw new UsageError(`--action must be owner/repo (got "${action}")`);

    const shown = positionals[0] ?? '.';
    const root = resolve(rt.cwd, shown);
    if (existsSync(root) && !statSync(root).isDirectory()) throw new UserError(`cannot write ${shown}: it is a file, not a folder`);

    const outcomes: Array<[string, Outcome]> = [];
    const put = (rel: string, text: string) => {
      const file = join(root, rel);
      let current: string | null = null;
      if (existsSync(file)) current = readFileSync(file, 'utf8');
      if (current === text) return outcomes.push([rel, 'unchanged']);
      if (current !== null && !values.force) return outcomes.push([rel, 'kept']);
      writeFileAtomic(file, text, join(shown, rel));
      outcomes.push([rel, current === null ? 'created' : 'replaced']);
    };
    for (const [rel, text] of initFiles({ org, action, version: info.version, package: info.name })) put(rel, text);
    // From the ladders as they now are, so `ladder codeowners --check` passes on the new repository.
    put(CODEOWNERS_PATH, wantedCodeowners(root).wanted);

    for (const [rel, what] of outcomes) {
      rt.stdout.write(`${what.padEnd(9)} ${join(shown, rel)}${what === 'kept' ? ' (it differs; --force replaces it)' : ''}\n`);
    }
    if (outcomes.some(([, w]) => w === 'created')) {
      const cd = shown === '.' ? '' : `cd ${shown} && `;
      rt.stdout.write(
        `\nNext:\n` +
          `  1. Edit ladders/ (or replace the starter ladder) and the owners; then ${cd}npx ${info.name}@${info.version} codeowners\n` +
          `  2. ${cd}git init && git add -A && git commit -m "Career ladders" and push to a new GitHub repository\n` +
          `  3. Protect the default branch: require a pull request, review from Code Owners, and the checks "Validate and diff" and "ladder/validate"\n`,
      );
    }
    return 0;
  },
};
