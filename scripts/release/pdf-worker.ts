import { parentPort } from 'node:worker_threads';
import type { Ladder } from '../model/ladder.js';
import { renderLadderPdf, renderLaddersPdf } from '../render/pdf/index.js';
import type { PdfOptions } from '../render/pdf/types.js';

/** One PDF to render: a ladder's own file, or the combined `ladders.pdf` (ladder undefined). */
export interface PdfJob {
  name: string;
  ladders: Ladder[];
  combined: boolean;
  opts: PdfOptions;
  /** For the combined file: the pages of each ladder's own PDF, so it can stream (renderLaddersPdf). */
  pageCounts?: number[];
}

// Worker entry for pdf-pool.ts: render each job posted, answer with the bytes (transferred, not copied).
parentPort?.on('message', async (job: PdfJob) => {
  try {
    const r = job.combined ? await renderLaddersPdf(job.ladders, job.opts, job.pageCounts) : await renderLadderPdf(job.ladders[0]!, job.opts);
    const bytes = new Uint8Array(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength).slice();
    parentPort!.postMessage({ name: job.name, pdf: bytes, pages: r.pages, warnings: r.warnings }, [bytes.buffer]);
  } catch (err) {
    parentPort!.postMessage({ name: job.name, error: (err as Error)?.stack ?? String(err) });
  }
});
