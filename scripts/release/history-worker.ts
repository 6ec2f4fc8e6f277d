import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../model/errors.js';
import { releaseHistory, type HistoryReply, type HistoryRequest } from './release-history.js';

// Worker entry for release-history.ts: read the history once (the version first), answer, and let the thread end.
const req = workerData as HistoryRequest;
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
