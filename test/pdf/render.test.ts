import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderLadderPdf, renderLaddersPdf, type PdfOptions, type PdfResult } from '../../scripts/render/pdf/index.js';
import {
  SAMPLES,
  bodyText,
  fold,
  hasTool,
  joinText,
  levelLabel,
  sequence,
  missingInOrder,
  qpdfCheck,
  readPdf,
  sampleLadder,
  textOrigins,
  type ReadPdf,
} from './helpers.js';

const OPTS: PdfOptions = { version: 'v2.3.0', date: new Date('2024-05-01T12:30:00Z'), organization: 'Acme Corp', pageSize: 'A4' };
const MARGIN = 56;
const OUT = join(new URL('../../', import.meta.url).pathname, 'test-output', 'pdf');

describe('renderLadderPdf on a six-level sample', () => {
  const ladder = sampleLadder();
  let result: PdfResult;
  let read: ReadPdf;
  let text: string;

  beforeAll(async () => {
    result = await renderLadderPdf(ladder, OPTS);
    // Kept for a human to open: the sample shows every feature the assertions below check.
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'sample.pdf'), result.pdf);
    read = await readPdf(result.pdf);
    text = bodyText(read);
  });

  it('has a sane page count and "Page N of M" on every page but the title page', () => {
    const total = read.pages.length;
    // Title, contents, all levels, six levels (one of them several pages long), notes.
    expect(total).toBeGreaterThanOrEqual(11);
    expect(total).toBeLessThanOrEqual(30);
    read.pages.forEach((page, i) => {
      const all = joinText(page.items);
      if (i === 0) expect(all).not.toContain('Page 1 of');
      else expect(all).toContain(`Page ${i + 1} of ${total}`);
    });
  });

  it('shows the title page: title, version, release date, owners, status, organization', () => {
    const cover = joinText(read.pages[0]!.items);
    for (const needle of ['Platform Engineering', 'Version 2.3.0', 'Released 2024-05-01', 'Owners @acme/leads', 'Status Active', 'Acme Corp']) {
      expect(cover).toContain(needle);
    }
  });

  it('shows every level title and every expectation, in order', () => {
    expect(missingInOrder(text, sequence(ladder, result.warnings))).toEqual([]);
    expect(text).toContain('Treats colleagues with respect.');
    expect(text).toContain('Use it in conversations, not as a scorecard.');
  });

  it('extracts Polish, Turkish, German, Cyrillic and Greek text exactly', () => {
    for (const sample of Object.values(SAMPLES)) expect(text).toContain(fold(sample));
  });

  it('has an outline: the ladder, then its sections, levels in order, each pointing at its page', () => {
    expect(read.outline.map((o) => o.title)).toEqual([ladder.title]);
    const items = read.outline[0]!.items;
    expect(items.map((i) => i.title)).toEqual(['Introduction', 'All levels', ...ladder.levels.map(levelLabel), 'Notes']);
    for (const [j, level] of ladder.levels.entries()) {
      const item = items.find((i) => i.title === levelLabel(level))!;
      expect(joinText(read.pages[item.page]!.items)).toContain(`Level ${j + 1} of 6 ${level.code} ${level.title}`);
    }
  });

  it('has a clickable contents page linking to every section', () => {
    const contents = read.pages[1]!;
    expect(joinText(contents.items)).toContain('Contents');
    const links = contents.links.filter((l) => typeof l.dest === 'string');
    expect(links).toHaveLength(9);
    for (const [j, level] of ladder.levels.entries()) {
      const page = read.destinations.get(`ladder-0-level-${j}`);
      expect(page).toBeDefined();
      expect(joinText(read.pages[page!]!.items)).toContain(`${level.code} ${level.title}`);
      // The page number printed on the entry's line is that page.
      const entry = contents.items.find((i) => i.str.includes(`${level.code} · ${level.title}`))!;
      const numbers = contents.items.filter((i) => Math.abs(i.y - entry.y) < 1 && /^\d+$/.test(i.str.trim()));
      expect(numbers.map((i) => Number(i.str))).toEqual([page! + 1]);
    }
  });

  it('sets the metadata: Title, Author, Subject, Keywords, Lang and the release date', () => {
    expect(read.info).toMatchObject({
      Title: 'Platform Engineering',
      Author: 'Acme Corp',
      Subject: 'Platform Engineering career ladder, version 2.3.0',
      Language: 'en',
      CreationDate: 'D:20240501123000Z',
      ModDate: 'D:20240501123000Z',
    });
    expect(read.info.Keywords).toContain('career ladder');
    expect(read.info.Keywords).toContain('sample');
  });

  it('draws no text outside the page box, and body text inside the margins', () => {
    const origins = textOrigins(result.pdf);
    expect(origins.length).toBeGreaterThan(100);
    const [, , width, height] = read.pages[0]!.view as [number, number, number, number];
    for (const o of origins) {
      expect(o.x).toBeGreaterThanOrEqual(MARGIN - 0.5);
      expect(o.x).toBeLessThan(width - MARGIN);
      expect(o.y).toBeGreaterThan(0);
      expect(o.y).toBeLessThan(height);
    }
    for (const page of read.pages) {
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      for (const item of page.items) {
        expect(item.x, item.str).toBeGreaterThanOrEqual(x0);
        expect(item.x + item.width, item.str).toBeLessThanOrEqual(x1);
        expect(item.y, item.str).toBeGreaterThanOrEqual(y0);
        expect(item.y + item.height, item.str).toBeLessThanOrEqual(y1);
        expect(item.x, item.str).toBeGreaterThanOrEqual(MARGIN - 0.5);
        expect(item.x + item.width, item.str).toBeLessThanOrEqual(x1 - MARGIN + 0.5);
      }
    }
  });

  it('breaks a long cell across pages, repeating the header row and naming the category again', () => {
    const continued = read.pages.filter((p) => joinText(p.items).includes('(continued)'));
    expect(continued.length).toBeGreaterThanOrEqual(1);
    for (const page of continued) expect(joinText(page.items)).toMatch(/Category Expectations/);
    // The unbreakable URL wraps inside the column (checked by the margin test) and reads back whole.
    expect(text.replace(/ /g, '')).toContain(`https://example.com/${'very-long-path-segment/'.repeat(12)}end`);
  });

  it('renders inline Markdown with bold, oblique and mono faces, and only web links as links', () => {
    const items = read.pages.flatMap((p) => p.items);
    const fontOf = (s: string) => items.find((i) => i.str.includes(s))?.font ?? '';
    expect(fontOf('well-tested')).toMatch(/DejaVuSans-Bold$/);
    expect(fontOf('explains')).toMatch(/DejaVuSans-Oblique$/);
    expect(fontOf('README.md')).toMatch(/DejaVuSansMono$/);
    expect(fontOf('Asks for help')).toMatch(/DejaVuSans$/);
    const urls = read.pages.flatMap((p) => p.links.map((l) => l.url)).filter(Boolean);
    expect(urls).toContain('https://example.com/style');
    expect(urls.every((u) => /^https?:|^mailto:/.test(u!))).toBe(true);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<b>');
  });

  it('warns about each character the font lacks, naming it and the ladder at the expectation', () => {
    const e = ladder.levels[4]!.cells[0]!.expectations[0]!;
    expect(result.warnings.map((w) => w.message.match(/U\+[0-9A-F]+/)![0]).sort()).toEqual(['U+1F680', 'U+4F60', 'U+597D']);
    for (const w of result.warnings) {
      expect(w).toMatchObject({ ruleId: 'pdf-missing-glyph', severity: 'warning', file: 'ladders/sample.md', position: e.position });
      expect(w.message).toContain('`sample`');
    }
    expect(text).toContain('with a [U+1F680] and greets partners with [U+4F60][U+597D].');
  });

  it('is byte-identical when rendered again, and the date and content reach the bytes', async () => {
    const again = await renderLadderPdf(sampleLadder(), OPTS);
    expect(Buffer.compare(again.pdf, result.pdf)).toBe(0);
    const later = await renderLadderPdf(ladder, { ...OPTS, date: new Date('2024-06-01T00:00:00Z') });
    expect(later.pdf.equals(result.pdf)).toBe(false);
    const id = (pdf: Buffer) => pdf.toString('latin1').match(/\/ID \[<([0-9a-f]+)>/)![1];
    const edited = sampleLadder();
    edited.levels[0]!.cells[1]!.expectations[0]!.markdown = 'Asks for help early.';
    expect(id((await renderLadderPdf(edited, OPTS)).pdf)).not.toBe(id(result.pdf));
  });

  it('passes qpdf --check', (ctx) => {
    if (!hasTool('qpdf')) return ctx.skip();
    const check = qpdfCheck(result.pdf);
    expect(check.output).toContain('No syntax or stream encoding errors');
    expect(check.status).toBe(0);
  });
});

describe('page size and the all-ladders document', () => {
  it('uses Letter when asked', async () => {
    const { pdf } = await renderLadderPdf(sampleLadder(), { ...OPTS, pageSize: 'Letter' });
    const read = await readPdf(pdf);
    for (const page of read.pages) expect(page.view).toEqual([0, 0, 612, 792]);
    const a4 = await readPdf((await renderLadderPdf(sampleLadder(), OPTS)).pdf);
    expect(a4.pages[0]!.view.map(Math.round)).toEqual([0, 0, 595, 842]);
  });

  it('puts every ladder in ladders.pdf with an outline entry per ladder and per level', async () => {
    const first = sampleLadder();
    const second = { ...sampleLadder(), id: 'second', title: 'Second Ladder', file: 'ladders/second.md' };
    second.levels = second.levels.slice(0, 2);
    const { pdf, warnings } = await renderLaddersPdf([first, second], OPTS);
    const read = await readPdf(pdf);
    expect(read.info).toMatchObject({ Title: 'Acme Corp career ladders', Author: 'Acme Corp' });
    expect(read.outline.map((o) => o.title)).toEqual(['Platform Engineering', 'Second Ladder']);
    expect(read.outline[1]!.items.map((i) => i.title)).toEqual(['Introduction', 'All levels', ...second.levels.map(levelLabel), 'Notes']);
    expect(read.outline[1]!.page).toBeGreaterThan(read.outline[0]!.items.at(-1)!.page);
    expect(missingInOrder(bodyText(read), [...sequence(first, warnings), ...sequence(second, warnings)])).toEqual([]);
    if (hasTool('qpdf')) expect(qpdfCheck(pdf).status).toBe(0);
    const again = await renderLaddersPdf([first, second], OPTS);
    expect(again.pdf.equals(pdf)).toBe(true);
  });

  it('streams ladders.pdf given the page count of each ladder\'s own PDF: the same pages, numbers, outline and links as when every page waits for the end', async () => {
    const first = sampleLadder();
    const second = { ...sampleLadder(), id: 'second', title: 'Second Ladder', file: 'ladders/second.md' };
    second.levels = second.levels.slice(0, 3);
    const ladders = [first, second];
    const own = await Promise.all(ladders.map((l) => renderLadderPdf(l, OPTS)));
    const counts = own.map((r) => r.pages);
    const streamed = await renderLaddersPdf(ladders, OPTS, counts);
    const buffered = await renderLaddersPdf(ladders, OPTS);
    expect((await renderLaddersPdf(ladders, OPTS, counts)).pdf.equals(streamed.pdf)).toBe(true);
    const [s, b] = [await readPdf(streamed.pdf), await readPdf(buffered.pdf)];
    expect(s.pages.length).toBe(streamed.pages);
    expect(s.pages.map((p) => joinText(p.items))).toEqual(b.pages.map((p) => joinText(p.items)));
    expect(s.pages.map((p) => p.links.map((l) => String(l.dest)))).toEqual(b.pages.map((p) => p.links.map((l) => String(l.dest))));
    expect(s.outline).toEqual(b.outline);
    expect([...s.destinations]).toEqual([...b.destinations]);
    // Every page but the covers says where it is, out of the whole file.
    const total = s.pages.length;
    s.pages.forEach((p, i) => {
      const text = joinText(p.items);
      if (text.includes(' of ')) expect(text).toContain(`Page ${i + 1} of ${total}`);
    });
    // Each ladder's part is its own PDF's pages, cover to notes.
    const front = total - counts.reduce((a, c) => a + c, 0);
    const firstOwn = await readPdf(own[0]!.pdf);
    const strip = (t: string) => t.replace(/Page \d+ of \d+/g, '').replace(/\b\d+\b/g, '#');
    expect(s.pages.slice(front, front + counts[0]!).map((p) => strip(joinText(p.items)))).toEqual(firstOwn.pages.map((p) => strip(joinText(p.items))));
    if (hasTool('qpdf')) expect(qpdfCheck(streamed.pdf).status).toBe(0);
    await expect(renderLaddersPdf(ladders, OPTS, [counts[0]!, counts[1]! + 1])).rejects.toThrow(/second took \d+ pages, its own PDF/);
    await expect(renderLaddersPdf(ladders, OPTS, [1])).rejects.toThrow(/1 page counts for 2 ladders/);
  });

  it('hands ladders.pdf to an `out` callback in pieces as it is written: the same bytes, none kept in the result', async () => {
    const ladders = [sampleLadder(), { ...sampleLadder(), id: 'other', title: 'Other Ladder', file: 'ladders/other.md' }];
    const counts = (await Promise.all(ladders.map((l) => renderLadderPdf(l, OPTS)))).map((r) => r.pages);
    const whole = await renderLaddersPdf(ladders, OPTS, counts);
    const pieces: Buffer[] = [];
    const streamed = await renderLaddersPdf(ladders, OPTS, counts, (chunk) => pieces.push(Buffer.from(chunk)));
    expect(streamed.pdf.length).toBe(0);
    expect(streamed.pages).toBe(whole.pages);
    expect(pieces.length).toBeGreaterThan(0);
    expect(Buffer.concat(pieces).equals(whole.pdf)).toBe(true);
  });

  it('renders an empty level and an empty ladder list without failing', async () => {
    const l = sampleLadder();
    l.levels[5]!.cells = [];
    const read = await readPdf((await renderLadderPdf(l, OPTS)).pdf);
    expect(bodyText(read)).toContain('No expectations are listed for this level.');
    const none = await readPdf((await renderLaddersPdf([], OPTS)).pdf);
    expect(none.pages.length).toBeGreaterThanOrEqual(1);
  });
});
