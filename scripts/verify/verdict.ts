import { safeLine as clean } from '../model/sanitize.js';
import { COMBINED_ID, type ReleaseInfo } from '../render/pdf/release-info.js';

/**
 * `ladder verify`: what a downloaded PDF says about itself, checked against the release it names
 * (its bytes against that release's SHA256SUMS) and against the newer releases (git tags). The I/O
 * happens in cli/commands/verify.ts; this module judges and words the answer.
 */

/** Exit codes, for scripts (documented in `ladder verify --help` and the README). */
export const VERIFY_EXIT = {
  /** The newest release of that ladder (or one that changes nothing in it), with the published bytes. */
  current: 0,
  /** Not a PDF of a ladder release (no release metadata): also unreadable files. */
  notRelease: 1,
  /** A newer release changes the ladder: this copy is out of date. */
  superseded: 3,
  /** The bytes differ from what the release published, or the release does not list the file. */
  modified: 4,
  /** Current as far as the tags tell, but no SHA256SUMS of that release was found to check the bytes. */
  unchecked: 5,
} as const;

export type Integrity =
  | { status: 'match'; sums: string }
  | { status: 'mismatch'; sums: string; expected: string; actual: string }
  | { status: 'unlisted'; sums: string }
  | { status: 'unchecked'; reason: string };

export type Currency =
  | { status: 'current'; newest: string }
  /** A newer tag exists, but the ladder's source is the same there (or differs in formatting only). */
  | { status: 'unchanged'; newest: string; how: 'same-source' | 'formatting-only' }
  | { status: 'superseded'; newest: string; changes?: number; bump?: string; removed?: boolean }
  | { status: 'unknown'; reason: string };

export interface Verdict {
  file: string;
  release: ReleaseInfo;
  sha256: string;
  integrity: Integrity;
  currency: Currency;
  exit: number;
  /** One line: what a script or a person needs first. */
  summary: string;
}

export function judge(file: string, release: ReleaseInfo, sha256: string, integrity: Integrity, currency: Currency): Verdict {
  let exit: number;
  let summary: string;
  const v = release.version!;
  if (integrity.status === 'mismatch' || integrity.status === 'unlisted') {
    exit = VERIFY_EXIT.modified;
    summary = integrity.status === 'mismatch'
      ? `modified: the bytes differ from ${release.file ?? 'the file'} as published in ${v}`
      : `not published: ${integrity.sums} of ${v} does not list ${release.file ?? 'this file'}`;
  } else if (currency.status === 'superseded') {
    exit = VERIFY_EXIT.superseded;
    summary = `superseded: ${currency.newest} is the current release${currency.removed ? ', and it no longer has this ladder' : ''}`;
  } else if (integrity.status === 'unchecked') {
    exit = VERIFY_EXIT.unchecked;
    summary = `not checked: ${integrity.reason}`;
  } else {
    exit = VERIFY_EXIT.current;
    summary = currency.status === 'unknown' ? `intact (published in ${v}); whether it is current is unknown: ${currency.reason}` : `current and intact: as published in ${v}`;
  }
  return { file, release, sha256, integrity, currency, exit, summary };
}

export function formatVerifyText(v: Verdict): string {
  const r = v.release;
  const what = r.id === COMBINED_ID ? 'all ladders (ladders.pdf)' : `ladder ${r.id}`;
  const lines = [
    `${v.file}: ${what}, release ${r.version}${r.date ? ` of ${r.date}` : ''}${r.commit ? `, commit ${r.commit.slice(0, 12)}` : ''}`,
  ];
  const i = v.integrity;
  lines.push(
    `  bytes:   ${
      i.status === 'match'
        ? `match ${i.sums} of ${r.version}`
        : i.status === 'mismatch'
          ? `DIFFER from ${i.sums} of ${r.version} (sha256 ${i.actual.slice(0, 16)}…, published ${i.expected.slice(0, 16)}…)`
          : i.status === 'unlisted'
            ? `${i.sums} of ${r.version} does not list ${r.file ?? 'this file'}`
            : `not checked (${i.reason})`
    }`,
  );
  const c = v.currency;
  lines.push(
    `  current: ${
      c.status === 'current'
        ? `yes, ${c.newest} is the newest release`
        : c.status === 'unchanged'
          ? `yes: the newest release, ${c.newest}, ${c.how === 'same-source' ? 'has the same source for this ladder' : 'changes only its formatting'}`
          : c.status === 'superseded'
            ? `NO: ${c.newest} is the newest release${c.removed ? ' and no longer has this ladder' : c.changes !== undefined ? ` and changes this ladder (${c.changes} ${c.changes === 1 ? 'change' : 'changes'}${c.bump ? `, ${c.bump}` : ''})` : ''}`
            : `unknown (${c.reason})`
    }`,
  );
  lines.push(`verdict: ${v.summary} (exit ${v.exit})`);
  return `${lines.map(clean).join('\n')}\n`;
}

export function formatVerifyJson(v: Verdict): string {
  return `${JSON.stringify(v, null, 2)}\n`;
}
