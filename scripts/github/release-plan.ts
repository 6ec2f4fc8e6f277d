/** What publishing must change on GitHub, decided from local files and the remote release: pure, no HTTP. */
import { byCodePoint } from '../model/order.js';
import { ASSET_NAME_RE, SUMS_FILE, formatSums, parseSums } from '../release/sums.js';

export { ASSET_NAME_RE, SUMS_FILE, formatSums, parseSums };

/** GitHub renames assets with other characters (spaces become dots…), which would defeat name matching. */
/** GitHub's limit for a release body. */
export const RELEASE_BODY_LIMIT = 125_000;

export interface LocalAsset {
  name: string;
  size: number;
  sha256: string;
  contentType: string;
}

export interface RemoteAsset {
  id: number;
  name: string;
  size: number;
  /** "uploaded", or "starter" for an upload that never finished. */
  state: string;
  /** Known content hash: from GitHub's `digest` field, or computed by downloading. */
  sha256?: string;
}

export interface RemoteRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  upload_url: string;
  html_url: string;
}

export interface ReleaseSpec {
  tag: string;
  name: string;
  body: string;
  prerelease: boolean;
  /** Leave the release as a draft at the end. */
  draft: boolean;
}

export type AssetStep =
  | { op: 'keep'; name: string; id: number }
  | { op: 'upload'; name: string }
  | { op: 'replace'; name: string; id: number; reason: string }
  | { op: 'delete'; name: string; id: number; reason: string };

export interface PublishPlan {
  tag: string;
  /** create: new draft; update: fields differ; keep: nothing to change on the release itself. */
  release: 'create' | 'update' | 'keep';
  /** Fields that differ on an existing release. */
  fields: Partial<Pick<ReleaseSpec, 'name' | 'body' | 'prerelease'>>;
  assets: AssetStep[];
  /** The release is (or will be created as) a draft and should be published once its assets check out. */
  publish: boolean;
  /** --draft was asked for and the release is (or will be) a draft. */
  staysDraft: boolean;
  /** --draft was asked for, but the release is already published: it stays published. */
  draftIgnored: boolean;
}

const norm = (s: string | null) => (s ?? '').replace(/\r\n/g, '\n').trim();

/** Name order, SHA256SUMS last: once it is there, the set is complete. */
export function assetOrder(a: string, b: string): number {
  return Number(a === SUMS_FILE) - Number(b === SUMS_FILE) || byCodePoint(a, b);
}

export function planRelease(spec: ReleaseSpec, remote: RemoteRelease | undefined, local: LocalAsset[], remoteAssets: RemoteAsset[]): PublishPlan {
  const fields: PublishPlan['fields'] = {};
  if (remote) {
    if (norm(remote.name) !== norm(spec.name)) fields.name = spec.name;
    if (norm(remote.body) !== norm(spec.body)) fields.body = spec.body;
    if (remote.prerelease !== spec.prerelease) fields.prerelease = spec.prerelease;
  }
  return {
    tag: spec.tag,
    release: !remote ? 'create' : Object.keys(fields).length ? 'update' : 'keep',
    fields,
    assets: planAssets(local, remoteAssets),
    // New releases start as drafts so nobody downloads a half-uploaded set; a published one is never unpublished.
    publish: !spec.draft && (!remote || remote.draft),
    staysDraft: spec.draft && (!remote || remote.draft),
    draftIgnored: spec.draft && !!remote && !remote.draft,
  };
}

export function planAssets(local: LocalAsset[], remote: RemoteAsset[]): AssetStep[] {
  const byName = new Map(remote.map((r) => [r.name, r]));
  const steps: AssetStep[] = [];
  for (const l of [...local].sort((a, b) => assetOrder(a.name, b.name))) {
    const r = byName.get(l.name);
    byName.delete(l.name);
    if (!r) steps.push({ op: 'upload', name: l.name });
    else if (r.state !== 'uploaded') steps.push({ op: 'replace', name: l.name, id: r.id, reason: `unfinished upload (state "${r.state}")` });
    else if (r.size !== l.size) steps.push({ op: 'replace', name: l.name, id: r.id, reason: `size ${r.size} ≠ ${l.size}` });
    else if (r.sha256 === undefined) steps.push({ op: 'replace', name: l.name, id: r.id, reason: 'content could not be checked' });
    else if (r.sha256 !== l.sha256) steps.push({ op: 'replace', name: l.name, id: r.id, reason: 'content differs' });
    else steps.push({ op: 'keep', name: l.name, id: r.id });
  }
  // The release mirrors dist/: an asset no longer built (a removed ladder) would otherwise linger unlisted in SHA256SUMS.
  for (const r of [...byName.values()].sort((a, b) => assetOrder(a.name, b.name))) {
    steps.push({ op: 'delete', name: r.name, id: r.id, reason: `not in ${SUMS_FILE}` });
  }
  return steps;
}

export function hasWrites(plan: PublishPlan): boolean {
  return plan.release !== 'keep' || plan.publish || plan.assets.some((s) => s.op !== 'keep');
}

export function formatPlan(plan: PublishPlan): string {
  const lines: string[] = [];
  if (plan.release === 'create') lines.push(`create release ${plan.tag} (as a draft until every asset checks out)`);
  else if (plan.release === 'update') lines.push(`update release ${plan.tag}: ${Object.keys(plan.fields).join(', ')}`);
  else lines.push(`release ${plan.tag} exists`);
  const width = 7;
  for (const s of plan.assets) {
    const why = s.op === 'replace' || s.op === 'delete' ? ` (${s.reason})` : '';
    lines.push(`  ${s.op.padEnd(width)} ${s.name}${why}`);
  }
  if (plan.publish) lines.push(`publish release ${plan.tag}`);
  else if (plan.staysDraft) lines.push(`leave release ${plan.tag} as a draft`);
  else if (plan.draftIgnored) lines.push(`release ${plan.tag} is already published; --draft does not unpublish it`);
  if (!hasWrites(plan)) lines.push('nothing to do: the release is up to date');
  return `${lines.join('\n')}\n`;
}

export function contentType(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    pdf: 'application/pdf',
    html: 'text/html; charset=utf-8',
    md: 'text/markdown; charset=utf-8',
    json: 'application/json',
    txt: 'text/plain; charset=utf-8',
    zip: 'application/zip',
  };
  return name === SUMS_FILE ? 'text/plain; charset=utf-8' : (types[ext] ?? 'application/octet-stream');
}

// ---- release notes ----------------------------------------------------------------------------

/**
 * The section of a changelog for one version: from the heading naming it (`## v1.2.0`, `## [1.2.0] - …`)
 * to the next heading of the same or a higher rank. Null when the changelog has no such heading.
 */
export function changelogSection(changelog: string, version: string): string | null {
  const bare = version.replace(/^v/, '').replace(/[.+]/g, (c) => `\\${c}`);
  const names = new RegExp(`(^|[^0-9A-Za-z.])v?${bare}(?![0-9A-Za-z.+-]*[0-9A-Za-z])`);
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n');
  let fence: string | null = null;
  let start = -1;
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (line.trim().startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^ {0,3}(#{1,6})\s+(.*)$/.exec(line);
    if (!h) continue;
    if (start < 0) {
      if (names.test(h[2]!)) {
        start = i + 1;
        depth = h[1]!.length;
      }
    } else if (h[1]!.length <= depth) {
      return lines.slice(start, i).join('\n').trim();
    }
  }
  return start < 0 ? null : lines.slice(start).join('\n').trim();
}
