import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../model/diagnostic.js';
import type { PdfJob } from './pdf-worker.js';

export interface PdfOutput {
  name: string;
  pdf: Buffer;
  pages: number;
  warnings: Diagnostic[];
}

/**
 * Renders the jobs on up to `jobs` worker threads; results come back in job order, so the output does
 * not depend on scheduling. Default 1 (this thread), measured with hyperfine on the shared 2-core box:
 * the 9 sample ladders took 3.7 s in-process against 6.1 s on 2 workers, ladders/ 1.9 s against 2.0 s,
 * because each worker loads pdfkit and the fonts and warms its JIT again (more user time in total).
 * `--jobs` opts in where cores are idle. From the TypeScript sources (tests) there is no compiled
 * worker file, so this thread renders.
 *
 * With `each`, every result goes to it as soon as it is rendered (with its index in `list`; from workers,
 * in the order they finish) and is not kept: a release writes each file and lets its bytes go, instead
 * of holding every PDF until the last. The returned list is then empty.
 */
export async function renderPdfJobs(list: readonly PdfJob[], jobs = 1, each?: (index: number, output: PdfOutput) => void): Promise<PdfOutput[]> {
  const workerFile = new URL('./pdf-worker.js', import.meta.url);
  const threads = Math.min(jobs, list.length);
  if (threads <= 1 || !existsSync(fileURLToPath(workerFile))) return renderHere(list, each);

  const results = new Array<PdfOutput>(each ? 0 : list.length);
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
              worker.once('message', (m: { name: string; pdf?: Uint8Array; pages?: number; warnings?: Diagnostic[]; error?: string }) => {
                if (m.error !== undefined) return reject(new Error(`rendering ${m.name} failed: ${m.error}`));
                const r = { name: m.name, pdf: Buffer.from(m.pdf!.buffer, m.pdf!.byteOffset, m.pdf!.byteLength), pages: m.pages ?? 0, warnings: m.warnings ?? [] };
                try {
                  if (each) each(index, r);
                  else results[index] = r;
                } catch (err) {
                  return reject(err);
                }
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

async function renderHere(list: readonly PdfJob[], each: ((index: number, output: PdfOutput) => void) | undefined): Promise<PdfOutput[]> {
  const { renderLadderPdf, renderLaddersPdf } = await import('../render/pdf/index.js');
  const out: PdfOutput[] = [];
  for (const [index, job] of list.entries()) {
    const r = job.combined ? await renderLaddersPdf(job.ladders, job.opts, job.pageCounts) : await renderLadderPdf(job.ladders[0]!, job.opts);
    const result = { name: job.name, pdf: r.pdf, pages: r.pages, warnings: r.warnings };
    if (each) each(index, result);
    else out.push(result);
  }
  return out;
}
