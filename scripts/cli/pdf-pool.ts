import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../model/diagnostic.js';
import type { PdfJob } from './pdf-worker.js';

export interface PdfOutput {
  name: string;
  pdf: Buffer;
  warnings: Diagnostic[];
}

/**
 * Renders the jobs on up to `jobs` worker threads (PDF layout is CPU-bound: measured 5.2 s serial vs
 * about half on 2 cores for the sample ladders). Results come back in job order, so output does not
 * depend on scheduling. Falls back to this thread when one worker would do, or when running from the
 * TypeScript sources (tests), where there is no compiled worker file to start.
 */
export async function renderPdfJobs(list: readonly PdfJob[], jobs = availableParallelism()): Promise<PdfOutput[]> {
  const workerFile = new URL('./pdf-worker.js', import.meta.url);
  const threads = Math.min(jobs, list.length);
  if (threads <= 1 || !existsSync(fileURLToPath(workerFile))) return renderHere(list);

  const results = new Array<PdfOutput>(list.length);
  let next = 0;
  const workers = Array.from({ length: threads }, () => new Worker(workerFile));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= list.length) return resolve();
              const index = next++;
              worker.once('message', (m: { name: string; pdf?: Uint8Array; warnings?: Diagnostic[]; error?: string }) => {
                if (m.error !== undefined) return reject(new Error(`rendering ${m.name} failed: ${m.error}`));
                results[index] = { name: m.name, pdf: Buffer.from(m.pdf!.buffer, m.pdf!.byteOffset, m.pdf!.byteLength), warnings: m.warnings ?? [] };
                give();
              });
              worker.postMessage(list[index]);
            };
            worker.once('error', reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

async function renderHere(list: readonly PdfJob[]): Promise<PdfOutput[]> {
  const { renderLadderPdf, renderLaddersPdf } = await import('../render/pdf/index.js');
  const out: PdfOutput[] = [];
  for (const job of list) {
    const r = job.combined ? await renderLaddersPdf(job.ladders, job.opts) : await renderLadderPdf(job.ladders[0]!, job.opts);
    out.push({ name: job.name, pdf: r.pdf, warnings: r.warnings });
  }
  return out;
}
