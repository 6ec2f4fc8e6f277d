import { GitFailedError } from './errors.js';
import { parseRawHeader, pathCount, toChangedFile, type RawHeader } from './raw-diff.js';
import type { CommitInfo } from './types.js';

// \x01 opens each record so the parser can tell a new commit from the previous one's file list;
// every field ends in NUL, which cannot occur inside git's metadata.
export const LOG_FORMAT = '--format=%x01%H%x00%P%x00%an%x00%ae%x00%ct%x00%s%x00%b%x00';
const FIELDS = 7;

/**
 * Incremental parser for `git log --raw -z --format=LOG_FORMAT`: feed it NUL-separated tokens as
 * they arrive, collect the commits it completes. Layout per commit: the fields, an empty token,
 * then (if any files) a LF-prefixed first raw header and ":<header>\0<path>\0[<path>\0]" entries.
 */
export class LogParser {
  private fields: string[] | undefined;
  private commit: CommitInfo | undefined;
  private header: RawHeader | undefined;
  private paths: string[] = [];

  /** Consumes tokens; returns the commits they completed. */
  push(tokens: readonly string[], out: CommitInfo[] = []): CommitInfo[] {
    for (const token of tokens) {
      if (this.fields) {
        this.fields.push(token);
        if (this.fields.length === FIELDS) {
          this.commit = toCommit(this.fields);
          this.fields = undefined;
        }
      } else if (this.header) {
        this.paths.push(token);
        if (this.paths.length === pathCount(this.header)) {
          const file = toChangedFile(this.header, this.paths);
          if (file) this.commit!.files.push(file);
          this.header = undefined;
          this.paths = [];
        }
      } else {
        const t = token.startsWith('\n') ? token.slice(1) : token;
        if (t === '') continue;
        if (t.startsWith('\x01')) {
          if (this.commit) out.push(this.commit);
          this.commit = undefined;
          this.fields = [t.slice(1)];
        } else if (t.startsWith(':') && this.commit) {
          this.header = parseRawHeader(t);
        } else {
          throw new GitFailedError(['log'], null, '', `unexpected output "${t.slice(0, 60)}"`);
        }
      }
    }
    return out;
  }

  /** Call at end of output: returns the last commit. */
  end(): CommitInfo[] {
    if (this.fields || this.header) throw new GitFailedError(['log'], null, '', 'output ended mid-commit');
    const last = this.commit ? [this.commit] : [];
    this.commit = undefined;
    return last;
  }
}

function toCommit(f: string[]): CommitInfo {
  return {
    sha: f[0]!,
    parents: f[1] ? f[1].split(' ') : [],
    author: f[2]!,
    authorEmail: f[3]!,
    date: Number(f[4]),
    subject: f[5]!,
    body: f[6]!.replace(/\n+$/, ''),
    files: [],
  };
}

/** Splits a byte stream on NUL without decoding across chunk boundaries (UTF-8 safe). */
export class NulSplitter {
  private rest: Buffer[] = [];

  push(chunk: Buffer): string[] {
    const tokens: string[] = [];
    let start = 0;
    for (let nul = chunk.indexOf(0); nul >= 0; nul = chunk.indexOf(0, start)) {
      const piece = chunk.subarray(start, nul);
      const whole = this.rest.length > 0 ? Buffer.concat([...this.rest, piece]) : piece;
      this.rest = [];
      tokens.push(whole.toString('utf8'));
      start = nul + 1;
    }
    if (start < chunk.length) this.rest.push(chunk.subarray(start));
    return tokens;
  }

  end(): string[] {
    const last = Buffer.concat(this.rest).toString('utf8');
    this.rest = [];
    return last === '' || last === '\n' ? [] : [last];
  }
}
