// The parse guard's worker (parse-guard.ts): parses one file per message, answers on its port, then
// raises the shared flag the main thread waits on.
import { workerData, parentPort, type MessagePort } from 'node:worker_threads';
import { parseLadder } from '../parse/index.js';
import type { ParseOptions } from '../parse/types.js';

const { flag, port } = workerData as { flag: Int32Array; port: MessagePort };

parentPort!.on('message', (m: { bytes: Uint8Array; file: string; options: ParseOptions }) => {
  let reply: { result?: unknown; error?: string };
  try {
    reply = { result: parseLadder(m.bytes, m.file, m.options) };
  } catch (err) {
    reply = { error: (err as Error)?.message ?? String(err) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
