import { UserError } from '../model/errors.js';
import { safeLine } from '../model/sanitize.js';
import type { Command, Runtime } from './runtime.js';

/** Commands load lazily so `ladder validate` never pays for pdfkit or Octokit. */
const commands: Record<string, () => Promise<{ command: Command }>> = {
  validate: () => import('./commands/validate.js'),
  show: () => import('./commands/show.js'),
  fmt: () => import('./commands/fmt.js'),
  new: () => import('./commands/new.js'),
  schema: () => import('./commands/schema.js'),
  diff: () => import('./commands/diff.js'),
  compare: () => import('./commands/compare.js'),
  changelog: () => import('./commands/changelog.js'),
  version: () => import('./commands/version.js'),
  build: () => import('./commands/build.js'),
  comment: () => import('./commands/comment.js'),
  check: () => import('./commands/check.js'),
  publish: () => import('./commands/publish.js'),
  verify: () => import('./commands/verify.js'),
  codeowners: () => import('./commands/codeowners.js'),
  init: () => import('./commands/init.js'),
};

const SUMMARIES: Record<string, string> = {
  validate: 'parse and check every ladder (exit 1 on errors)',
  show: 'print the parsed model of one ladder',
  fmt: 'rewrite ladders in canonical form (--check: exit 1 if any would change)',
  new: 'scaffold a new ladder from templates/',
  schema: 'print the JSON Schema of ladder frontmatter',
  diff: 'semantic diff between two git revisions',
  compare: 'compare any two levels of a ladder: what the higher adds, asks more strongly, carries over',
  changelog: 'changelog between releases',
  version: 'next version from the changes since the last release tag',
  build: 'HTML + PDF release of all ladders',
  comment: "create or update the PR's sticky diff comment",
  check: 'validate a PR and label it with its bump',
  publish: 'create or update the GitHub Release, idempotently',
  verify: 'check a downloaded PDF: its release, its bytes, whether a newer release supersedes it',
  codeowners: 'write .github/CODEOWNERS from ladder owners',
  init: 'create a ladder repository: ladders/, config, workflows, CODEOWNERS, README',
};

export function helpText(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((k) => k.length));
  const lines = Object.entries(SUMMARIES).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  return `Usage: ladder <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "ladder <command> --help" for a command's options. --debug prints stack traces.\n`;
}

/**
 * One error line for a terminal: the token never (a malformed one ends up quoted in a library's
 * "invalid header" error), no escapes, bidi overrides or invisibles from ladder text or file names.
 */
export function forTerminal(message: string, env: Record<string, string | undefined>): string {
  let out = message;
  for (const secret of [env.GITHUB_TOKEN, env.GITHUB_TOKEN?.trim()]) {
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
  }
  // A token cut at a control character (`ghp_…\rX`) leaves its printable head in messages.
  const head = env.GITHUB_TOKEN?.split(/[\s\u0000-\u001f\u007f]/)[0];
  if (head && head.length >= 8) out = out.split(head).join('***');
  return safeLine(out);
}

/** Runs one command line; returns the exit code. Never throws. */
export async function main(argv: string[], rt: Runtime): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const name = args[0];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    rt.stdout.write(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    const { packageInfo } = await import('./package-info.js');
    rt.stdout.write(`ladder ${packageInfo().version}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    rt.stderr.write(`ladder: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  try {
    const { command } = await load();
    const rest = args.slice(1);
    if (rest.includes('--help') || rest.includes('-h')) {
      rt.stdout.write(`Usage: ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    return await command.run(rest, rt);
  } catch (err) {
    if (err instanceof UserError) {
      const where = err.file ? `${err.file}${err.position ? `:${err.position.line}:${err.position.column}` : ''}: ` : '';
      rt.stderr.write(`ladder ${name}: ${forTerminal(`${where}${err.message}`, rt.env)}\n`);
      if (debug) rt.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    rt.stderr.write(`ladder ${name}: internal error: ${forTerminal(e?.message ?? String(err), rt.env)}\n`);
    rt.stderr.write(debug ? `${e?.stack}\n` : 'Run again with --debug for the stack trace, and report it.\n');
    return 70;
  }
}
