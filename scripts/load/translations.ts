import path from 'node:path';
import type { Config } from '../config/index.js';
import { NotARepoError, Repo, ShallowCloneError, UnknownRevisionError } from '../git/index.js';
import type { Ladder } from '../model/ladder.js';
import { UserError } from '../model/errors.js';
import { translationPin, type PinnedSource } from '../model/translation.js';
import { RevisionReader } from './revisions.js';

/**
 * Each translation's source ladder read at the revision `translationOf` pins (`devrel@v1.2.0`: the tag
 * `v1.2.0`; a bare `1.2.0` also finds `v1.2.0`; any commit SHA works too), keyed by the `translationOf`
 * value. A pin that cannot be read is kept with the reason, never thrown: the rules then say so
 * (translation-unpinned) and check against the current source.
 */
export async function readPinnedSources(cwd: string, config: Config, ladders: readonly Ladder[]): Promise<Map<string, PinnedSource>> {
  const out = new Map<string, PinnedSource>();
  const pins = ladders.flatMap((l) => translationPin(l) ?? []).filter((p, i, all) => all.findIndex((q) => q.spec === p.spec) === i);
  if (pins.length === 0) return out;
  let repo: Repo | undefined;
  try {
    repo = await Repo.open(cwd);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const missing = err instanceof NotARepoError ? 'not a git repository' : err.message;
    for (const p of pins) out.set(p.spec, { missing });
    return out;
  }
  try {
    const reader = new RevisionReader(repo, config, cwd);
    for (const pin of pins) out.set(pin.spec, await readOne(repo, reader, cwd, pin.source, pin.ref, ladders));
  } finally {
    repo.close();
  }
  return out;
}

async function readOne(repo: Repo, reader: RevisionReader, cwd: string, source: string, ref: string, ladders: readonly Ladder[]): Promise<PinnedSource> {
  let commit: string | undefined;
  let shallow = false;
  for (const candidate of /^\d+\.\d+\.\d+$/.test(ref) ? [ref, `v${ref}`] : [ref]) {
    try {
      commit = await repo.resolve(candidate);
      break;
    } catch (err) {
      if (err instanceof ShallowCloneError) shallow = true;
      else if (!(err instanceof UnknownRevisionError)) throw err;
    }
  }
  if (!commit) return { missing: shallow ? `no tag or commit \`${ref}\` in this shallow clone` : `no tag or commit \`${ref}\` in this repository` };
  // The source's file today is the likely place; a source renamed since is found by id among all files.
  const now = ladders.find((l) => l.id === source);
  const repoPath = now ? path.relative(repo.root, path.resolve(cwd, now.file)).split(path.sep).join('/') : undefined;
  try {
    const first = repoPath ? (await reader.read(commit, { only: new Set([repoPath]) })).ladders.find((l) => l.id === source) : undefined;
    const ladder = first ?? (await reader.read(commit)).ladders.find((l) => l.id === source);
    return ladder ? { ladder } : { missing: `no ladder \`${source}\` at \`${ref}\`` };
  } catch (err) {
    if (err instanceof UserError) return { missing: `the ladders at \`${ref}\` cannot be read: ${err.message}` };
    throw err;
  }
}
