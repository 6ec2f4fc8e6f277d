import type { Position } from './ladder.js';

/** A problem the user can fix: printed as one line, exit 1, no stack trace. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly file?: string,
    readonly position?: Position,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Bad command-line words: exit 2. */
export class UsageError extends UserError {
  override name = 'UsageError';
  constructor(message: string) {
    super(message, undefined, undefined, 2);
  }
}
