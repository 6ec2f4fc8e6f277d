import { UserError } from '../model/errors.js';

/** The working directory is not inside a git work tree. */
export class NotARepoError extends UserError {
  override name = 'NotARepoError';
  constructor(readonly cwd: string) {
    super(`not a git repository: ${cwd}`);
  }
}

/** A tag, branch or SHA that does not name a commit in this repository. */
export class UnknownRevisionError extends UserError {
  override name = 'UnknownRevisionError';
  constructor(
    readonly rev: string,
    message = `unknown revision "${rev}": no commit, branch or tag by that name`,
  ) {
    super(message);
  }
}

/** The repository has no commits yet, so no revision (not even HEAD) resolves. */
export class EmptyRepoError extends UnknownRevisionError {
  override name = 'EmptyRepoError';
  constructor(rev: string) {
    super(rev, `cannot resolve "${rev}": the repository has no commits yet`);
  }
}

/** A revision is missing because the clone is shallow (typical of CI checkouts). */
export class ShallowCloneError extends UserError {
  override name = 'ShallowCloneError';
  constructor(readonly rev: string) {
    super(
      `revision "${rev}" is not in this shallow clone: fetch with fetch-depth: 0 ` +
        '(actions/checkout) or run "git fetch --unshallow --tags"',
    );
  }
}

/** A command that reads the history (tags, changelog, next version) in a shallow clone: it would be silently wrong. */
export class ShallowHistoryError extends UserError {
  override name = 'ShallowHistoryError';
  constructor() {
    super(
      'this clone is shallow, so the release history (tags, changelog, next version) would be incomplete: ' +
        'fetch with fetch-depth: 0 (actions/checkout) or run "git fetch --unshallow --tags"',
    );
  }
}

/** A path argument that leaves the repository (`../x`, an absolute path elsewhere, a symlink out). */
export class PathOutsideRepoError extends UserError {
  override name = 'PathOutsideRepoError';
  constructor(
    readonly path: string,
    readonly root: string,
  ) {
    super(`path "${path}" is outside the repository ${root}`);
  }
}

/** git itself failed: the message carries the command and git's own first error line. */
export class GitFailedError extends UserError {
  override name = 'GitFailedError';
  constructor(
    /** The git arguments, subcommand first (without the global options). */
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
    detail?: string,
  ) {
    const why = detail ?? firstErrorLine(stderr) ?? (code === null ? 'killed' : `exit code ${code}`);
    super(`git ${args[0] ?? ''} failed: ${why}`);
  }
}

// git prints hints and warnings before the fatal line; the fatal/error line is what a user needs.
function firstErrorLine(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0];
}
