import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../scripts/release/release.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { renderLadderPage } from '../../scripts/render/html/index.js';
import { renderLadderPdf } from '../../scripts/render/pdf/index.js';
import { bodyText, readPdf } from '../pdf/helpers.js';

// One ladder, two tracks (an IC matrix and a leadership matrix under its own heading).
const FILE = join(import.meta.dirname, '..', 'fixtures', 'read', 'two-matrices', 'input.md');
const ladder = parseLadder(readFileSync(FILE), 'ladders/product.md').ladder!;

function text(node: Element): string {
  let out = '';
  visit(node, 'text', (t: { value: string }) => {
    out += t.value;
  });
  return out.replace(/\s+/g, ' ').trim();
}

describe('a ladder with two tracks', () => {
  it('parses to two tracks of their own levels', () => {
    expect(ladder.tracks.map((t) => t.title)).toEqual(['Individual contributor', 'Leadership']);
    expect(ladder.levels.map((l) => `${l.track}/${l.key}`)).toEqual([
      'individual-contributor/E1', 'individual-contributor/E2', 'individual-contributor/E3', 'individual-contributor/E4', 'individual-contributor/E5',
      'leadership/M1', 'leadership/M2', 'leadership/M3',
    ]);
  });

  it('HTML: each track has its own section and contents entry, and levels are compared within a track only', () => {
    const html = renderLadderPage(ladder, { version: 'v1.0.0', date: '2024-01-01', organization: 'Acme', pdf: false, ladders: [] }, loadTheme());
    const tree = fromHtml(html);
    const sections: string[] = [];
    const options: string[] = [];
    const groups: string[] = [];
    const pairs: Array<[unknown, unknown]> = [];
    const tocTop: string[] = [];
    visit(tree, 'element', (el: Element) => {
      if (el.tagName === 'section' && (el.properties.className as string[] | undefined)?.includes('track')) sections.push(text(el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'h2')!));
      if (el.tagName === 'option') options.push(text(el));
      if (el.tagName === 'optgroup') groups.push(String(el.properties.label));
      if (el.properties.dataPair !== undefined) pairs.push([el.properties.dataFrom, el.properties.dataTo]);
      if (el.tagName === 'nav') {
        const ol = el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol');
        for (const li of ol?.children ?? []) if (li.type === 'element') tocTop.push(text(li.children[0] as Element));
      }
    });
    expect(sections).toEqual(['Individual contributor', 'Leadership']);
    expect(tocTop).toEqual(expect.arrayContaining(['Individual contributor', 'Leadership']));
    // Each picker groups the levels by track; pairs exist only within a track (t0: IC, 5 levels; t1: leadership, 3).
    expect(groups).toEqual(['Individual contributor', 'Leadership', 'Individual contributor', 'Leadership']);
    expect(options.slice(0, 8).map((o) => o.split(' · ')[0])).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'M1', 'M2', 'M3']);
    expect(pairs).toHaveLength(10 + 3);
    expect(pairs.every(([a, b]) => String(a).split('-')[0] === String(b).split('-')[0])).toBe(true);
    // Anchors stay unique although both tracks could reuse a key.
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('PDF: a contents entry and a bookmark per track, its levels nested under it, counted within the track', async () => {
    const { pdf } = await renderLadderPdf(ladder, { version: '1.0.0', date: new Date('2024-05-01T00:00:00Z'), organization: 'Acme', pageSize: 'A4' });
    const read = await readPdf(pdf);
    const top = read.outline[0]!.items;
    const tracks = top.filter((i) => i.title === 'Individual contributor' || i.title === 'Leadership');
    expect(tracks.map((t) => [t.title, t.items.map((i) => i.title)])).toEqual([
      ['Individual contributor', ['E1', 'E2', 'E3', 'E4', 'E5']],
      ['Leadership', ['M1 · Team lead', 'M2 · Manager', 'M3 · Director']],
    ]);
    const body = bodyText(read);
    expect(body).toContain('Leadership · Level 2 of 3');
    expect(body).toContain('People leads keep the same craft expectations as E4 and add these.');
  });
});
