import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { SAMPLE_LADDERS } from '../helpers/sample-ladders.js';
import { SHARED_DATA, haveSharedData } from '../helpers/shared-data.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ladder } from '../../scripts/model/ladder.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { renderLadderPdf, renderLaddersPdf, type PdfOptions } from '../../scripts/render/pdf/index.js';
import { bodyText, hasTool, joinText, levelLabel, missingInOrder, qpdfCheck, readPdf, sequence, textOrigins } from './helpers.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = join(ROOT, 'test-output', 'pdf');
const OPTS: PdfOptions = { version: '1.0.0', date: new Date('2024-05-01T00:00:00Z'), organization: 'Acme Corp', pageSize: 'A4' };

const files = readdirSync(SAMPLE_LADDERS)
  .filter((f) => f.endsWith('.md'))
  .sort();
const ladders: Ladder[] = files.map((f) => {
  const file = `ladders/${f}`;
  const { ladder } = parseLadder(readFileSync(join(SAMPLE_LADDERS, f)), file);
  if (!ladder) throw new Error(`${file} does not parse`);
  return ladder;
});

describe('PDFs of the bundled ladders', () => {
  mkdirSync(OUT, { recursive: true });

  it.each(ladders.map((l) => [l.id, l] as const))('%s.pdf shows every level and expectation, with an outline, and passes qpdf', async (id, ladder) => {
    const { pdf, warnings } = await renderLadderPdf(ladder, OPTS);
    writeFileSync(join(OUT, `${id}.pdf`), pdf);
    expect(warnings).toEqual([]);
    const read = await readPdf(pdf);
    expect(read.pages.length).toBeGreaterThanOrEqual(2 + ladder.levels.length);
    expect(read.pages.length).toBeLessThanOrEqual(4 + 4 * ladder.levels.length);
    expect(missingInOrder(bodyText(read), sequence(ladder))).toEqual([]);
    const levels = read.outline[0]!.items.filter((i) => !['Introduction', 'All levels', 'Notes'].includes(i.title));
    expect(levels.map((i) => i.title)).toEqual(ladder.levels.map(levelLabel));
    expect(read.info).toMatchObject({ Title: ladder.title, Author: 'Acme Corp', Language: 'en' });
    if (hasTool('qpdf')) expect(qpdfCheck(pdf).status, qpdfCheck(pdf).output).toBe(0);
  });

  it('ladders.pdf holds them all, one outline entry per ladder with its levels, byte-identical twice', async () => {
    const { pdf } = await renderLaddersPdf(ladders, OPTS);
    writeFileSync(join(OUT, 'ladders.pdf'), pdf);
    const read = await readPdf(pdf);
    expect(read.outline.map((o) => o.title)).toEqual(ladders.map((l) => l.title));
    read.outline.forEach((o, i) => {
      const levels = o.items.filter((item) => !['Introduction', 'All levels', 'Notes'].includes(item.title));
      expect(levels.map((item) => item.title)).toEqual(ladders[i]!.levels.map(levelLabel));
    });
    expect(missingInOrder(bodyText(read), ladders.flatMap((l) => sequence(l)))).toEqual([]);
    expect((await renderLaddersPdf(ladders, OPTS)).pdf.equals(pdf)).toBe(true);
    if (hasTool('qpdf')) expect(qpdfCheck(pdf).status).toBe(0);
  });

  it('renders the first two pages of the DevRel PDF to PNG for a human to look at', async (ctx) => {
    if (!hasTool('pdftoppm', ['-v'])) return ctx.skip();
    const devrel = ladders.find((l) => l.id === 'devrel');
    expect(devrel, 'ladders/devrel.md is bundled').toBeDefined();
    const file = join(OUT, 'devrel.pdf');
    writeFileSync(file, (await renderLadderPdf(devrel!, OPTS)).pdf);
    for (const n of [1, 2]) rmSync(join(OUT, `devrel-page-${n}.png`), { force: true });
    const run = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, join(OUT, 'devrel-page')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    for (const n of [1, 2]) expect(statSync(join(OUT, `devrel-page-${n}.png`)).size).toBeGreaterThan(1000);
    // Sanity for the picture: page 2 is the contents, which names every level.
    const read = await readPdf(readFileSync(file));
    for (const level of devrel!.levels) expect(joinText(read.pages[1]!.items)).toContain(levelLabel(level));
  });
});

// Third-party ladders (test input only): prose, HTML blocks, images, emoji and nested lists around the levels.
const DATA = join(SHARED_DATA, 'ladders');
const realWorld = haveSharedData('the PDF tests on real-world ladders')
  ? readdirSync(DATA, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => ({ file: f, ladder: parseLadder(readFileSync(join(DATA, f)), f).ladder }))
      .filter((x): x is { file: string; ladder: Ladder } => x.ladder !== undefined)
  : [];

describe.skipIf(realWorld.length === 0)('PDFs of real-world ladders', () => {
  it.each(realWorld.map((x) => [x.file, x.ladder] as const))('%s renders whole, inside the page, and passes qpdf', async (file, ladder) => {
    const { pdf, warnings } = await renderLadderPdf(ladder, OPTS);
    const read = await readPdf(pdf);
    expect(missingInOrder(bodyText(read), sequence(ladder, warnings))).toEqual([]);
    for (const w of warnings) {
      expect(w).toMatchObject({ ruleId: 'pdf-missing-glyph', file, severity: 'warning' });
      expect(w.message).toMatch(/U\+[0-9A-F]{4,6}/);
    }
    const [, , width, height] = read.pages[0]!.view as [number, number, number, number];
    for (const o of textOrigins(pdf)) expect(o.x >= 55.5 && o.x < width - 56 && o.y > 0 && o.y < height, `${o.x},${o.y}`).toBe(true);
    for (const page of read.pages) {
      for (const item of page.items) {
        expect(item.x, item.str).toBeGreaterThanOrEqual(55.5);
        expect(item.x + item.width, item.str).toBeLessThanOrEqual(page.view[2]! - 55.5);
      }
    }
    if (hasTool('qpdf')) expect(qpdfCheck(pdf).status).toBe(0);
  });
});
