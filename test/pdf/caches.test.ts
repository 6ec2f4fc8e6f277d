import { describe, expect, it } from 'vitest';
import { renderLadderPdf, renderLaddersPdf, type PdfOptions } from '../../scripts/render/pdf/index.js';
import { cell, exp, joinText, ladder, level, readPdf, sampleLadder } from './helpers.js';

const OPTS: PdfOptions = { version: 'v1.0.0', date: new Date('2024-03-01T09:00:00Z'), organization: 'Acme Corp', pageSize: 'A4' };

/**
 * A ladder whose words are its own (none of them is in the sample), most in the regular face, so that
 * 24,000 of them are more than that face's cache keeps (20,000, fonts.ts); some in the other faces.
 */
function strangerLadder(words: number) {
  const word = (i: number) => `zq${i.toString(36)}x`;
  const text = (from: number, n: number) => Array.from({ length: n }, (_, k) => word(from + k)).join(' ');
  const cells = Array.from({ length: Math.ceil(words / 200) }, (_, c) =>
    cell(`Area ${word(c)}`, [exp(`${text(c * 200, 170)} **${text(c * 200 + 170, 10)}**`), exp(`*${text(c * 200 + 180, 10)}* \`${text(c * 200 + 190, 10)}\``)]),
  );
  return ladder('stranger', 'Stranger words', [level('S1', 'S1 · First', cells)]);
}

// Shaped words and measured widths are kept per process (fonts.ts, writer.ts), across documents: what
// one PDF looks like must not depend on what was rendered before it in the same process.
describe('the caches shared across documents', () => {
  it('leave a ladder\'s PDF the same whatever the process rendered before it', async () => {
    const first = await renderLadderPdf(sampleLadder(), OPTS);
    // Enough other words (and documents) to fill the caches and make them start afresh.
    await renderLadderPdf(strangerLadder(24_000), OPTS);
    for (let i = 0; i < 40; i++) await renderLadderPdf(strangerLadder(160), OPTS);
    const again = await renderLadderPdf(sampleLadder(), OPTS);
    expect(Buffer.compare(again.pdf, first.pdf)).toBe(0);
    expect(again.pages).toBe(first.pages);
  }, 120_000);

  it('leave ladders.pdf the same, and its text whole, after the caches were trimmed inside it', async () => {
    const set = () => [sampleLadder(), strangerLadder(24_000), sampleLadder()].map((l, i) => ({ ...l, id: `${l.id}-${i}` }));
    const pages = await Promise.all(set().map(async (l) => (await renderLadderPdf(l, OPTS)).pages));
    const streamed = async () => {
      const chunks: Buffer[] = [];
      await renderLaddersPdf(set(), OPTS, pages, (c) => chunks.push(c));
      return Buffer.concat(chunks);
    };
    const once = await streamed();
    const twice = await streamed();
    expect(Buffer.compare(once, twice)).toBe(0);
    const read = await readPdf(once);
    const text = read.pages.map((p) => joinText(p.items)).join('\n');
    expect(text).toContain('zq0x');
    expect(text).toContain('Platform Engineering');
  }, 120_000);
});
