import { sentence, type Reason } from '../../changelog/index.js';
import { loadConfig } from '../../config/index.js';
import { Repo, WORKTREE } from '../../git/index.js';
import { UsageError } from '../../model/errors.js';
import { parse } from '../args.js';
import { nextVersion, UNCOMMITTED } from '../../release/history.js';
import type { Command } from '../runtime.js';

const SHOWN = 10;

export const command: Command = {
  summary: 'next version: the last release tag bumped by the changes since it (first release: v1.0.0)',
  usage:
    'ladder version [--to <rev>] [--json]\n\n' +
    '  Prints the next version on stdout and why on stderr. With no change to expectations since the\n' +
    '  last tag, prints the current version and says no release is needed.\n' +
    '  --to <rev>  count the changes up to this revision (default: the working tree, as ladder diff:\n' +
    '              uncommitted edits to ladder files count; --to HEAD leaves them out)\n' +
    '  --json      {current, next, bump, reasons}: reasons are the changes that drove the bump',
  async run(args, rt) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, to: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const repo = await Repo.open(rt.cwd);
    let plan: Awaited<ReturnType<typeof nextVersion>>;
    try {
      plan = await nextVersion(repo, loadConfig(repo.root), values.to);
    } finally {
      repo.close();
    }
    if (values.json) {
      rt.stdout.write(`${JSON.stringify({ current: plan.current ?? null, next: plan.next, bump: plan.bump, reasons: plan.reasons }, null, 2)}\n`);
      return 0;
    }
    rt.stdout.write(`${plan.next}\n`);
    if (plan.to === WORKTREE && values.to === undefined) rt.stderr.write(UNCOMMITTED);
    if (plan.current === undefined) {
      rt.stderr.write(`First release: no release tag yet.\n`);
    } else if (plan.bump === 'none') {
      rt.stderr.write(`No release needed: no change to expectations since ${plan.current}.\n`);
      return 0;
    } else {
      const n = plan.reasons.length;
      rt.stderr.write(`${capital(plan.bump)} release after ${plan.current}, because of ${n} ${n === 1 ? 'change' : 'changes'}:\n`);
      for (const r of plan.reasons.slice(0, SHOWN)) rt.stderr.write(`  ${describe(r)}\n`);
      if (n > SHOWN) rt.stderr.write(`  … and ${n - SHOWN} more (see --json)\n`);
    }
    return 0;
  },
};

function describe(r: Reason): string {
  const s = sentence(r);
  return `${r.ladder}: ${s.subject ? `${s.subject} — ` : ''}${s.text}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
