import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { siteFiles } from '../html/helpers.js';

describe('PDF worker threads', () => {
  const compiled = new URL('../../.build/scripts/release/pdf-pool.js', import.meta.url);
  const built = existsSync(compiled);
  if (!built && process.env.CI) throw new Error('.build/ is missing: run tsc before the tests (npm test does)');
  if (!built) console.warn('\n*** SKIPPING the PDF worker test: no compiled .build/ (run npx tsc -p tsconfig.json) ***\n');

  it.skipIf(!built)('give the same bytes as rendering in this thread, whatever the number of workers', async () => {
    const { renderPdfJobs } = (await import(compiled.href)) as typeof import('../../scripts/release/pdf-pool.js');
    const { parseLadder } = await import('../../scripts/parse/index.js');
    const ladders = Object.entries(siteFiles()).map(([file, text]) => parseLadder(text, file).ladder!);
    const opts = { version: 'v1.2.0', date: new Date('2024-01-01T00:00:00Z'), organization: 'Acme', pageSize: 'A4' as const };
    const jobs = [
      { name: 'ladders.pdf', ladders, combined: true, opts },
      ...ladders.map((l) => ({ name: `${l.id}.pdf`, ladders: [l], combined: false, opts })),
    ];
    const here = await renderPdfJobs(jobs, 1);
    const threads = await renderPdfJobs(jobs, 2);
    expect(threads.map((r) => r.name)).toEqual(jobs.map((j) => j.name));
    threads.forEach((r, i) => expect(r.pdf.equals(here[i]!.pdf), r.name).toBe(true));
    expect(threads.map((r) => r.warnings)).toEqual(here.map((r) => r.warnings));
  });
});
