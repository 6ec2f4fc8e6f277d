import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../model/errors.js';
import type { PagesJob } from './page-share.js';
import { releaseHistory, type HistoryReply, type HistoryRequest } from './release-history.js';

// Worker entry for release-history.ts: read the history once (the version first), answer, and, when
// asked, take a share of the ladder pages; then let the thread end.
const req = workerData as HistoryRequest;
// The build may hand over its pages while the history is still being read: kept until then.
const job = req.pages ? new Promise<PagesJob>((resolve) => parentPort!.once('message', resolve)) : undefined;
let reply: HistoryReply;
try {
  reply = { ok: await releaseHistory(req.cwd, req.config, req.flag, new Date(req.date), (version) => parentPort!.postMessage({ version } satisfies HistoryReply)) };
} catch (err) {
  const e = err as Error;
  reply =
    err instanceof UserError
      ? { error: { message: e.message, user: true, ...(err.file ? { file: err.file } : {}), ...(err.position ? { position: err.position } : {}), exitCode: err.exitCode } }
      : { error: { message: e?.message ?? String(err), user: false } };
}
parentPort!.postMessage(reply);
if (job && 'ok' in reply) {
  // The rendering code is loaded only now: the walk, and the version the build waits for, start sooner.
  const [pages, { renderPagesHere }] = await Promise.all([job, import('./page-share.js')]);
  renderPagesHere(pages, reply.ok.view, (r, transfer) => parentPort!.postMessage(r, transfer));
}
