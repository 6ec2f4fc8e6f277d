import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileError, type Diagnostic } from '../model/diagnostic.js';
import { parseLadder } from '../parse/index.js';
import { unread, type ParseOptions, type ParseResult } from '../parse/types.js';

/**
 * The wall-clock guard (issue 19). The budgets in parse/budget.ts refuse the inputs known to be slow;
 * this bounds the unknown ones. Files above GUARD_MIN_BYTES are parsed in a worker thread while this
 * thread waits on a shared flag (Atomics.wait, so callers keep a synchronous parse); past the time
 * limit the worker is terminated — V8 stops it even inside a dependency's loop — and the file gets a
 * `too-complex` error while the run goes on. Smaller files parse in-process: within the budgets they
 * take milliseconds, and a worker costs ~150 ms to start.
 */
export const GUARD_MIN_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

interface Guard {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}
let guard: Guard | undefined;

/**
 * The compiled worker: beside this file, or, when this file is the TypeScript source (tests), in
 * .build/ (npm test compiles first). Undefined when there is none: then files parse in-process.
 */
function workerFile(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts') ? join(dirname(here), '..', '..', '.build', 'scripts', 'load', 'parse-worker.js') : join(dirname(here), 'parse-worker.js');
  return existsSync(file) ? file : undefined;
}

function start(file: string): Guard {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(file, { workerData: { flag, port: port2 }, transferList: [port2] });
  worker.unref();
  port1.unref();
  return { worker, port: port1, flag };
}

export function parseTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.LADDER_PARSE_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_TIMEOUT_MS;
}

export function tooComplex(file: string, ms: number): Diagnostic {
  return fileError(file, 'too-complex', `Unexpected file that takes more than ${ms / 1000} s to parse, expected a ladder that parses in seconds (simplify its nesting, tables or length); it was not checked`);
}

/** parseLadder in the guard's worker, or a `too-complex` diagnostic after `ms`. Throws what the parser threw. */
export function guardedParse(bytes: Uint8Array, file: string, options: ParseOptions, ms = parseTimeoutMs()): ParseResult {
  const script = guard ? undefined : workerFile();
  if (!guard && !script) return parseLadder(bytes, file, options);
  guard ??= start(script!);
  const { worker, port, flag } = guard;
  Atomics.store(flag, 0, 0);
  // A function (options.markdown) cannot cross threads; the plain parser gives the same tree.
  worker.postMessage({ bytes, file, options: { ...(options.shape ? { shape: options.shape } : {}), ...(options.id ? { id: options.id } : {}) } });
  const waited = Atomics.wait(flag, 0, 0, ms);
  const reply = receiveMessageOnPort(port) as { message: { result?: ParseResult; error?: string } } | undefined;
  if (!reply) {
    if (waited === 'timed-out') {
      void worker.terminate();
      guard = undefined;
      return unread(tooComplex(file, ms));
    }
    throw new Error('the parse worker stopped without an answer');
  }
  if (reply.message.error !== undefined) throw new Error(reply.message.error);
  return reply.message.result!;
}

/** Ends the worker (tests; the CLI's worker is unref'd and never holds the process open). */
export async function stopGuard(): Promise<void> {
  const g = guard;
  guard = undefined;
  if (g) await g.worker.terminate();
}
