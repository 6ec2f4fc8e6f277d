import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { documentId } from '../../scripts/render/pdf/document.js';
import { renderLaddersPdf, type PdfOptions } from '../../scripts/render/pdf/index.js';
import { sampleLadder } from './helpers.js';

const OPTS: PdfOptions = { version: 'v1.2.0', date: new Date('2024-03-01T09:00:00Z'), organization: 'Acme Corp', pageSize: 'A4' };

const wholeMd5 = (value: unknown) => createHash('md5').update(JSON.stringify(value)).digest('hex');
const hex = (id: Uint8Array) => Buffer.from(id).toString('hex');

// The /ID of a PDF hashes the ladders it shows: fed to MD5 one ladder at a time, so that ladders.pdf of
// 2,000 ladders never holds them as one string; the bytes hashed, and so every PDF, stay as they were.
describe('the PDF /ID', () => {
  const ladders = [sampleLadder(), { ...sampleLadder(), id: 'other', title: 'Other <&> “quoted”', meta: { extra: { nested: [1, null, 'x'] }, when: new Date('2020-01-02T00:00:00Z') } }];
  it('is the MD5 of the whole JSON, for none, one and several ladders', () => {
    for (const collection of [true, false]) {
      for (const set of [[], ladders.slice(0, 1), ladders]) {
        expect(hex(documentId(collection, set, OPTS))).toBe(wholeMd5({ collection, ladders: set, opts: OPTS }));
      }
    }
  });

  it('is what ladders.pdf carries in its trailer', async () => {
    const { pdf } = await renderLaddersPdf(ladders, OPTS);
    const id = /\/ID \[<([0-9a-f]+)> <([0-9a-f]+)>\]/i.exec(pdf.toString('latin1'));
    expect(id?.[1]?.toLowerCase()).toBe(wholeMd5({ collection: true, ladders, opts: OPTS }));
  });
});
