import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderLadderPdf, type PdfOptions } from '../../scripts/render/pdf/index.js';
import { cell, exp, hasTool, ladder as makeLadder, level, sampleLadder } from './helpers.js';

const OPTS: PdfOptions = { version: 'v2.3.0', date: new Date('2024-05-01T12:30:00Z'), organization: 'Acme Corp', pageSize: 'A4' };

interface Node {
  role: string;
  children: Node[];
}

/** The structure tree of every page as pdf.js reads it (role names only; marked content left out). */
async function structure(pdf: Uint8Array): Promise<{ pages: Node[]; marked: boolean }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const strip = (n: { role?: string; children?: unknown[] }): Node => ({
    role: n.role ?? '',
    children: (n.children ?? []).filter((c): c is { role: string } => typeof (c as { role?: unknown }).role === 'string').map(strip),
  });
  const pages: Node[] = [];
  for (let i = 1; i <= doc.numPages; i++) pages.push(strip((await (await doc.getPage(i)).getStructTree()) as never));
  const marked = ((await doc.getMarkInfo()) as { Marked?: boolean } | null)?.Marked === true;
  await doc.destroy();
  return { pages, marked };
}

const all = (n: Node): Node[] => [n, ...n.children.flatMap(all)];
const roles = (n: Node) => all(n).map((x) => x.role);

describe('the PDF is tagged: its structure tree reads back', () => {
  const ladder = sampleLadder();
  let pdf: Buffer;
  let tree: Awaited<ReturnType<typeof structure>>;

  beforeAll(async () => {
    pdf = (await renderLadderPdf(ladder, OPTS)).pdf;
    tree = await structure(pdf);
  });

  it('is marked as tagged, with the title as the one H1 and a heading per level', () => {
    expect(tree.marked).toBe(true);
    const everything = tree.pages.flatMap((p) => roles(p));
    expect(everything.filter((r) => r === 'H1')).toHaveLength(1);
    // Contents, then one H2 per level (and the intro, notes and shared sections the sample has).
    expect(everything.filter((r) => r === 'H2').length).toBeGreaterThanOrEqual(1 + ladder.levels.length);
    expect(tree.pages[0]!.children[0]!.role).toBe('Document');
  });

  it('puts each level in a section: its heading, then a table with column and row headers and a list per cell', () => {
    const sections = tree.pages.flatMap((p) => all(p)).filter((n) => n.role === 'Sect' && n.children.some((c) => c.role === 'Table'));
    expect(sections.length).toBeGreaterThanOrEqual(ladder.levels.length);
    const sect = sections[0]!;
    expect(sect.children.map((c) => c.role).filter((r) => r !== 'P')).toEqual(['H2', 'Table']);
    const table = sect.children.find((c) => c.role === 'Table')!;
    expect(table.children.map((c) => c.role)).toEqual(['THead', 'TBody']);
    expect(table.children[0]!.children[0]!.children.map((c) => c.role)).toEqual(['TH', 'TH']);
    const row = table.children[1]!.children[0]!;
    expect(row.children.map((c) => c.role)).toEqual(['TH', 'TD']);
    const list = row.children[1]!.children[0]!;
    expect(list.role).toBe('L');
    expect(list.children.every((li) => li.role === 'LI' && li.children.map((c) => c.role).join() === 'LBody')).toBe(true);
    // The first table is "All levels" when the ladder has shared expectations, else the first level's.
    const firstCell = ladder.shared.some((c) => c.expectations.length) ? ladder.shared[0]! : ladder.levels[0]!.cells[0]!;
    expect(list.children).toHaveLength(firstCell.expectations.length);
  });

  it('has a table of contents and the title page facts as a table of row headers', () => {
    expect(roles(tree.pages[1]!)).toContain('TOC');
    expect(roles(tree.pages[1]!).filter((r) => r === 'TOCI').length).toBeGreaterThanOrEqual(ladder.levels.length);
    const titleTable = all(tree.pages[0]!).find((n) => n.role === 'Table')!;
    expect(titleTable.children.every((tr) => tr.children.map((c) => c.role).join() === 'TH,TD')).toBe(true);
  });

  it.skipIf(!hasTool('qpdf'))('declares the document language, and header cells their scope', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-struct-'));
    try {
      writeFileSync(join(dir, 'x.pdf'), pdf);
      const out = spawnSync('qpdf', ['--json=2', join(dir, 'x.pdf')], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const objects = (JSON.parse(out.stdout) as { qpdf: [unknown, Record<string, { value: Record<string, unknown> }>] }).qpdf[1];
      const root = objects[`obj:${String(objects.trailer!.value['/Root'])}`]!.value;
      expect(root['/Lang']).toBe('u:en');
      const scopes = Object.values(objects)
        .map((o) => o.value)
        .filter((v) => v && typeof v === 'object' && v['/S'] === '/TH')
        .map((v) => (v['/A'] as Record<string, string>)['/Scope']);
      expect(new Set(scopes)).toEqual(new Set(['/Column', '/Row']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads prose lists as lists, nested ones inside their item, and prose headings one level below the section', async () => {
    const intro = '## How to read it\n\nSome prose.\n\n- First point\n  - A detail\n  - Another detail\n- Second point\n\nAfter the list.\n';
    const doc = makeLadder('lists', 'Lists', [level('L1', 'One', [cell('Craft', [exp('Writes code.')])])], { intro });
    const { pages } = await structure((await renderLadderPdf(doc, OPTS)).pdf);
    const introSect = pages.flatMap((p) => all(p)).find((n) => n.role === 'Sect' && n.children.some((c) => c.role === 'L'))!;
    expect(introSect.children.map((c) => c.role)).toEqual(['H2', 'H3', 'P', 'L', 'P']);
    const list = introSect.children[3]!;
    expect(list.children.map((li) => li.children.map((c) => c.role).join('+'))).toEqual(['LBody+L', 'LBody']);
    expect(list.children[0]!.children[1]!.children.map((li) => li.children.map((c) => c.role).join('+'))).toEqual(['LBody', 'LBody']);
  });
});

describe('the XMP metadata', () => {
  it('is well-formed whatever the ladder title holds, and carries the release keys in its own namespace', async () => {
    const title = `R&D <script>"x"</script> 'ladder'`;
    const doc = makeLadder('rnd', title, [level('L1', 'One', [cell('Craft', [exp('Writes code.')])])]);
    const { pdf } = await renderLadderPdf(doc, { ...OPTS, commit: 'c'.repeat(40), contentHashes: { rnd: 'd'.repeat(64) }, fileName: 'rnd.pdf' });
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const loaded = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const { metadata } = (await loaded.getMetadata()) as unknown as { metadata: { get(name: string): unknown } | null };
    await loaded.destroy();
    // pdf.js parses the packet as XML: with pdfkit's own packet the title's '<' and '&' broke it.
    expect(metadata?.get('dc:title')).toBe(title);
    const text = pdf.toString('latin1');
    const packet = text.slice(text.indexOf('<x:xmpmeta'), text.indexOf('</x:xmpmeta>'));
    expect(packet).toContain('xmlns:ladder="urn:ladder-governance:release:1"');
    expect(packet).toContain('<ladder:Version>v2.3.0</ladder:Version>');
    expect(packet).toContain(`<ladder:ContentHash>sha256:${'d'.repeat(64)}</ladder:ContentHash>`);
    expect(packet).toContain('R&#38;D &#60;script&#62;');
  });
});
