import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { removeThreadTemps } from '../cli/temp.js';
import type { ChangelogView } from '../changelog/index.js';
import type { Config } from '../config/index.js';
import { EmptyRepoError, NotARepoError, Repo } from '../git/index.js';
import { UserError } from '../model/errors.js';
import type { Position } from '../model/ladder.js';
import { changelogMarkdown, historyReader, nextVersion } from './history.js';
import type { PagesJob } from './page-share.js';
import type { PageHelper } from './release.js';

export interface ReleaseHistory {
  version: string;
  /** The whole CHANGELOG.md, with this build as its newest release. */
  changelog: string;
  /** The same releases as data, for changelog.html (absent without git history). */
  view?: ChangelogView;
  /** Lines for stderr. */
  notes: string[];
}

/**
 * The version (the flag, else the next one from the tags) and the whole CHANGELOG.md with this build as
 * its newest release. Outside git there is no history: v0.0.0-dev unless --version, and a changelog saying so.
 */
export async function releaseHistory(
  cwd: string,
  config: Config,
  flag: string | undefined,
  date: Date,
  onVersion: (version: string) => void = () => {},
): Promise<ReleaseHistory> {
  let repo: Repo | undefined;
  try {
    repo = await Repo.open(cwd);
    const tags = await repo.tags();
    // One reader for the version and the walk: the versions the version compares are parsed once.
    const reader = historyReader(repo, config);
    const version = flag ?? (await nextVersion(repo, config, undefined, reader)).next;
    onVersion(version);
    // Building a tag that exists (the release workflow): its section is already in the history.
    const tagged = tags.some((t) => t.name === version);
    const { markdown, view } = await changelogMarkdown(repo, config, {
      all: true,
      reader,
      ...(tagged ? {} : { release: version, date: Math.floor(date.getTime() / 1000) }),
    });
    return { version, changelog: markdown, view, notes: [] };
  } catch (err) {
    if (!(err instanceof NotARepoError || err instanceof EmptyRepoError)) throw err;
    const version = flag ?? 'v0.0.0-dev';
    return {
      version,
      changelog: `# Changelog\n\nNo history: the ladders were built outside a git repository (or before its first commit).\n`,
      notes: flag ? [] : ['ladder build: note: no git history here, so no next version; using v0.0.0-dev (pass --version)'],
    };
  } finally {
    repo?.close();
  }
}

export interface HistoryRequest {
  cwd: string;
  config: Config;
  flag: string | undefined;
  /** Epoch milliseconds. */
  date: number;
  /** Whether the build will hand the worker ladder pages to render once the history is read (PagesJob). */
  pages?: boolean;
}

/** What the worker answers: the version as soon as known, then the history, or the error as data (classes do not cross threads). */
export type HistoryReply =
  | { version: string }
  | { ok: ReleaseHistory }
  | { error: { message: string; user: boolean; file?: string; position?: Position; exitCode?: number } }
  // Then, with `pages`: each page rendered (the bytes transferred), and the end of its share.
  | { page: string; bytes: Uint8Array }
  | { pagesDone: number }
  | { pagesError: string };

export interface BackgroundHistory extends PageHelper {
  /** The release version, known before the changelog (pages show it). */
  version(): Promise<string>;
  result(): Promise<ReleaseHistory>;
  /** Stops the work when the build gives up early (invalid ladders). */
  cancel(): Promise<void>;
}

/**
 * Reads the history on a worker thread while this one parses, checks and renders the ladders: the two
 * are independent until the changelog is written, and a 2-core CI runner has a core to spare for it.
 * From the TypeScript sources (tests) there is no compiled worker file: the history is read here, when asked.
 */
export function historyInBackground(req: HistoryRequest): BackgroundHistory {
  const file = new URL('./history-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(file))) {
    let here: Promise<ReleaseHistory> | undefined;
    const result = () => (here ??= releaseHistory(req.cwd, req.config, req.flag, new Date(req.date)));
    // No second thread: the build's own thread renders every page (renderPages takes none).
    return { version: async () => (await result()).version, result, cancel: async () => {}, renderPages: async () => {} };
  }
  const worker = new Worker(file, { workerData: req });
  // Terminated mid-walk, the worker leaves the temp folder it was using (git's throwaway index).
  const thread = worker.threadId;
  const stop = async () => {
    await worker.terminate();
    removeThreadTemps(thread);
  };
  let versionKnown: (v: string) => void = () => {};
  const version = new Promise<string>((resolve) => (versionKnown = resolve));
  let pageReply: (reply: HistoryReply) => void = () => {};
  const answer = new Promise<ReleaseHistory>((resolve, reject) => {
    worker.on('message', (reply: HistoryReply) => {
      if ('version' in reply) return versionKnown(reply.version);
      // Answered: the worker's heap (a whole history walk's) goes now, not when the answer is read,
      // unless it renders pages next (it ends by itself when it has taken its share).
      if ('ok' in reply) {
        resolve(reply.ok);
        if (!req.pages) void worker.terminate();
        return;
      }
      if ('error' in reply) {
        const e = reply.error;
        return reject(e.user ? new UserError(e.message, e.file, e.position, e.exitCode) : new Error(e.message));
      }
      pageReply(reply);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the history worker stopped (exit ${code}) without an answer`)));
  });
  // Rejections are handled by whoever asks for the result; until then (or if nobody does) they are not "unhandled".
  answer.catch(() => {});
  let pagesAsked = false;
  return {
    // A failure before the version is known fails this too.
    version: () => Promise.race([version, answer.then((r) => r.version)]),
    result: async () => {
      try {
        return await answer;
      } finally {
        if (!req.pages) await stop();
      }
    },
    cancel: stop,
    renderPages: (job: PagesJob, put: (name: string, bytes: Uint8Array) => void) => {
      if (!req.pages || pagesAsked) return Promise.resolve();
      pagesAsked = true;
      const done = new Promise<void>((resolve, reject) => {
        pageReply = (reply) => {
          try {
            if ('page' in reply) put(reply.page, reply.bytes);
            else if ('pagesDone' in reply) resolve();
            else if ('pagesError' in reply) reject(new Error(`rendering ladder pages failed: ${reply.pagesError}`));
          } catch (err) {
            reject(err);
          }
        };
        worker.once('exit', (code) => reject(new Error(`the history worker stopped (exit ${code}) before its pages were done`)));
        answer.catch(reject);
      });
      worker.postMessage(job);
      return done.finally(stop);
    },
  };
}
