import type { Bump, Change, DiffResult } from '../diff/index.js';

/** The version of the first release, whatever the changes before it. */
export const FIRST_VERSION = 'v1.0.0';

const VERSION = /^(v?)(\d+)\.(\d+)\.(\d+)$/;

export interface Version {
  prefix: '' | 'v';
  major: number;
  minor: number;
  patch: number;
}

/** `v1.2.3` (or `1.2.3`) to its parts; undefined for anything else (pre-releases are not releases here). */
export function parseVersion(name: string): Version | undefined {
  const m = VERSION.exec(name);
  if (!m) return undefined;
  return { prefix: m[1] as '' | 'v', major: Number(m[2]), minor: Number(m[3]), patch: Number(m[4]) };
}

export function formatVersion(v: Version): string {
  return `${v.prefix}${v.major}.${v.minor}.${v.patch}`;
}

/**
 * The version after `current` for a given bump, keeping its `v` prefix. No current release gives
 * FIRST_VERSION; bump `none` keeps the current version (no release is needed).
 */
export function bumpVersion(current: string | undefined, bump: Bump): string {
  if (current === undefined) return FIRST_VERSION;
  const v = parseVersion(current);
  if (!v) throw new TypeError(`not a release version: "${current}"`);
  switch (bump) {
    case 'major':
      return formatVersion({ ...v, major: v.major + 1, minor: 0, patch: 0 });
    case 'minor':
      return formatVersion({ ...v, minor: v.minor + 1, patch: 0 });
    case 'patch':
      return formatVersion({ ...v, patch: v.patch + 1 });
    case 'none':
      return current;
  }
}

/** A change that drove the bump, with the ladder it belongs to. */
export type Reason = Omit<Change, 'highlight'> & { ladder: string; file?: string };

/** The changes whose own bump equals the overall one: what a reviewer must accept to ship the version. */
export function bumpReasons(diff: DiffResult): Reason[] {
  if (diff.bump === 'none') return [];
  const out: Reason[] = [];
  for (const l of diff.ladders) {
    for (const c of l.changes) {
      if (c.bump !== diff.bump) continue;
      const { highlight: _highlight, ...rest } = c;
      out.push({ ladder: l.id, ...(l.file !== undefined ? { file: l.file } : {}), ...rest });
    }
  }
  return out;
}

export interface VersionPlan {
  /** The last release tag; absent before the first release. */
  current?: string;
  next: string;
  bump: Bump;
  reasons: Reason[];
}

/** Next version from the last release and the diff since it. */
export function planVersion(current: string | undefined, diff: DiffResult): VersionPlan {
  return {
    ...(current !== undefined ? { current } : {}),
    next: bumpVersion(current, diff.bump),
    bump: diff.bump,
    reasons: bumpReasons(diff),
  };
}
