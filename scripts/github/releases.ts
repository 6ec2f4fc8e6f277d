import type { GitHub } from './client.js';
import { NotFoundError, UnavailableError, ValidationError } from './errors.js';
import {
  formatPlan,
  hasWrites,
  planRelease,
  type LocalAsset,
  type PublishPlan,
  type ReleaseSpec,
  type RemoteAsset,
  type RemoteRelease,
} from './release-plan.js';
import { UserError } from '../model/errors.js';
import { sha256Hex } from '../release/sums.js';

export interface LocalFile extends LocalAsset {
  data: Uint8Array;
}

export interface PublishOptions {
  dryRun?: boolean;
  /** Progress lines (the plan, then each step). */
  log?: (line: string) => void;
}

export interface PublishResult {
  plan: PublishPlan;
  /** Empty on a dry run. */
  url?: string;
}

interface ApiAsset {
  id: number;
  name: string;
  size: number;
  state: string;
  digest?: string | null;
}

const sha256 = sha256Hex;

/** GitHub hides drafts from the by-tag lookup, so a crashed run's draft is only found in the list. */
export async function findRelease(gh: GitHub, tag: string): Promise<RemoteRelease | undefined> {
  try {
    const { data } = await gh.call(`reading release ${tag}`, (o) => o.rest.repos.getReleaseByTag({ owner: gh.owner, repo: gh.repo, tag }));
    return data as RemoteRelease;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  const all = (await gh.call('listing releases', (o) =>
    o.paginate(o.rest.repos.listReleases, { owner: gh.owner, repo: gh.repo, per_page: 100 }),
  )) as RemoteRelease[];
  return all.filter((r) => r.tag_name === tag).sort((a, b) => a.id - b.id)[0];
}

async function listAssets(gh: GitHub, releaseId: number): Promise<ApiAsset[]> {
  return (await gh.call('listing release assets', (o) =>
    o.paginate(o.rest.repos.listReleaseAssets, { owner: gh.owner, repo: gh.repo, release_id: releaseId, per_page: 100 }),
  )) as ApiAsset[];
}

async function download(gh: GitHub, id: number, name: string): Promise<Uint8Array> {
  const { data } = await gh.call(`downloading asset ${name}`, (o) =>
    o.rest.repos.getReleaseAsset({ owner: gh.owner, repo: gh.repo, asset_id: id, headers: { accept: 'application/octet-stream' } }),
  );
  return new Uint8Array(data as unknown as ArrayBuffer);
}

/** One asset of the release tagged `tag`, by name; undefined when the release or the asset does not exist. */
export async function releaseAsset(gh: GitHub, tag: string, name: string): Promise<Uint8Array | undefined> {
  const release = await findRelease(gh, tag);
  if (!release) return undefined;
  const asset = (await listAssets(gh, release.id)).find((a) => a.name === name);
  return asset ? download(gh, asset.id, name) : undefined;
}

/**
 * The content hash of a remote asset: GitHub's `digest` when the server has it; otherwise, if the size
 * matches the local file (a mismatch already decides), the downloaded bytes' hash.
 */
async function remoteAsset(gh: GitHub, a: ApiAsset, local: LocalAsset | undefined): Promise<RemoteAsset> {
  const base = { id: a.id, name: a.name, size: a.size, state: a.state };
  if (typeof a.digest === 'string' && a.digest.startsWith('sha256:')) return { ...base, sha256: a.digest.slice(7).toLowerCase() };
  if (!local || a.state !== 'uploaded' || a.size !== local.size) return base;
  return { ...base, sha256: sha256(await download(gh, a.id, a.name)) };
}

async function remoteAssets(gh: GitHub, releaseId: number, local: LocalAsset[]): Promise<RemoteAsset[]> {
  const byName = new Map(local.map((l) => [l.name, l]));
  const out: RemoteAsset[] = [];
  for (const a of await listAssets(gh, releaseId)) out.push(await remoteAsset(gh, a, byName.get(a.name)));
  return out;
}

async function deleteAsset(gh: GitHub, id: number, name: string): Promise<void> {
  try {
    await gh.call(`deleting asset ${name}`, (o) => o.rest.repos.deleteReleaseAsset({ owner: gh.owner, repo: gh.repo, asset_id: id }));
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
}

async function upload(gh: GitHub, release: RemoteRelease, file: LocalFile): Promise<void> {
  const send = () =>
    gh.call(`uploading ${file.name}`, (o) =>
      o.rest.repos.uploadReleaseAsset({
        owner: gh.owner,
        repo: gh.repo,
        release_id: release.id,
        name: file.name,
        // Octokit types the body as string; fetch sends these bytes as they are.
        data: file.data as unknown as string,
        // Uploads go to the host GitHub names (uploads.github.com, or the Enterprise Server's).
        url: release.upload_url,
        headers: { 'content-type': file.contentType },
      }),
    );
  try {
    await send();
  } catch (err) {
    if (!(err instanceof ValidationError && err.has('already_exists'))) throw err;
    // A retried request whose first attempt got through, or a crashed run's leftover "starter" asset.
    const found = (await listAssets(gh, release.id)).find((a) => a.name === file.name);
    if (found) {
      const remote = await remoteAsset(gh, found, file);
      if (remote.state === 'uploaded' && remote.sha256 === file.sha256) return;
      await deleteAsset(gh, found.id, file.name);
    }
    await send();
  }
}

/** Checks every local file is on the release, whole and byte-equal, and nothing else is. */
async function verify(gh: GitHub, releaseId: number, local: LocalAsset[]): Promise<void> {
  const remote = await remoteAssets(gh, releaseId, local);
  const byName = new Map(remote.map((r) => [r.name, r]));
  const problems: string[] = [];
  for (const l of local) {
    const r = byName.get(l.name);
    if (!r) problems.push(`${l.name} missing`);
    else if (r.state !== 'uploaded' || r.sha256 !== l.sha256) problems.push(`${l.name} differs`);
    byName.delete(l.name);
  }
  for (const name of byName.keys()) problems.push(`${name} unexpected`);
  if (problems.length) throw new UserError(`release assets do not match SHA256SUMS after upload: ${problems.join(', ')}; run publish again`);
}

/**
 * Creates the draft once. A retried POST after a dropped answer would create a second release with the
 * same tag (GitHub allows several drafts per tag), so the create is never retried blindly: when its
 * answer is lost, the release is looked up by tag first and only created again if it is not there.
 */
async function createDraft(gh: GitHub, spec: ReleaseSpec): Promise<RemoteRelease> {
  const create = (retries?: number) =>
    gh.call(`creating release ${spec.tag}`, (o) =>
      o.rest.repos.createRelease({
        owner: gh.owner,
        repo: gh.repo,
        tag_name: spec.tag,
        name: spec.name,
        body: spec.body,
        prerelease: spec.prerelease,
        draft: true,
        ...(retries === undefined ? {} : { request: { retries } }),
      }),
    );
  for (let attempt = 0; ; attempt++) {
    try {
      return (await create(0)).data as RemoteRelease;
    } catch (err) {
      if (!(err instanceof UnavailableError) || attempt >= 3) throw err;
      const found = await findRelease(gh, spec.tag);
      if (found) return found;
    }
  }
}

/**
 * Drafts with this tag other than the one being published: leftovers of a duplicated create (from
 * before creates were checked) that no run would otherwise clean up. Published releases are kept.
 */
async function removeStrayDrafts(gh: GitHub, tag: string, keep: number, log: (line: string) => void): Promise<void> {
  const all = (await gh.call('listing releases', (o) =>
    o.paginate(o.rest.repos.listReleases, { owner: gh.owner, repo: gh.repo, per_page: 100 }),
  )) as Array<RemoteRelease & { draft?: boolean }>;
  for (const r of all.filter((x) => x.tag_name === tag && x.id !== keep && x.draft === true)) {
    try {
      await gh.call(`deleting stray draft ${r.id} of ${tag}`, (o) => o.rest.repos.deleteRelease({ owner: gh.owner, repo: gh.repo, release_id: r.id }));
      log(`deleted a stray draft release of ${tag} (id ${r.id})`);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }
}

/**
 * Creates or updates the release so it holds exactly `files`, idempotently:
 * a new release stays a draft until its assets are verified; equal assets are kept, different ones
 * replaced, unfinished ones (a crashed upload) redone; a second run after success writes nothing.
 */
export async function publishRelease(gh: GitHub, spec: ReleaseSpec, files: LocalFile[], opts: PublishOptions = {}): Promise<PublishResult> {
  const log = opts.log ?? (() => {});
  const local: LocalAsset[] = files.map(({ data: _d, ...l }) => l);
  let release = await findRelease(gh, spec.tag);
  const plan = planRelease(spec, release, local, release ? await remoteAssets(gh, release.id, local) : []);
  log(formatPlan(plan));
  if (opts.dryRun) return { plan };
  if (release) await removeStrayDrafts(gh, spec.tag, release.id, log);
  if (!hasWrites(plan)) return { plan, ...(release ? { url: release.html_url } : {}) };

  if (!release) {
    release = await createDraft(gh, spec);
  } else if (plan.release === 'update') {
    const id = release.id;
    const { data } = await gh.call(`updating release ${spec.tag}`, (o) => o.rest.repos.updateRelease({ owner: gh.owner, repo: gh.repo, release_id: id, ...plan.fields }));
    release = data as RemoteRelease;
  }

  const byName = new Map(files.map((f) => [f.name, f]));
  for (const step of plan.assets) {
    if (step.op === 'keep') continue;
    if (step.op === 'delete' || step.op === 'replace') await deleteAsset(gh, step.id, step.name);
    if (step.op === 'upload' || step.op === 'replace') await upload(gh, release, byName.get(step.name)!);
    log(`${step.op === 'delete' ? 'deleted' : step.op === 'upload' ? 'uploaded' : 'replaced'} ${step.name}`);
  }
  await verify(gh, release.id, local);
  log(`verified ${local.length} assets against SHA256SUMS`);

  if (plan.publish) {
    const id = release.id;
    const { data } = await gh.call(`publishing release ${spec.tag}`, (o) => o.rest.repos.updateRelease({ owner: gh.owner, repo: gh.repo, release_id: id, draft: false }));
    release = data as RemoteRelease;
    log(`published ${release.html_url}`);
  }
  return { plan, url: release.html_url };
}
