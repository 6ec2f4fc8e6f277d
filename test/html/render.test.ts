import { createHash } from 'node:crypto';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTheme } from '../../scripts/release/release.js';
import type { Ladder } from '../../scripts/model/ladder.js';
import { parseLadder } from '../../scripts/parse/index.js';
import type { ChangelogView } from '../../scripts/changelog/index.js';
import { renderChangelogPage, renderChangelogView, renderIndexPage, renderLadderPage } from '../../scripts/render/html/index.js';
import { HOSTILE_DIFF_TEXT, hostileDiffPage, siteFiles } from './helpers.js';

const theme = loadTheme();
const SITE = { version: 'v1.2.0', date: '2024-01-01', organization: 'Acme', pdf: true };

function ladders(): Ladder[] {
  return Object.entries(siteFiles()).map(([file, text]) => {
    const r = parseLadder(text, file);
    if (!r.ladder) throw new Error(`${file} does not parse`);
    return r.ladder;
  });
}

let pages: Map<string, string>;
let site: Ladder[];
beforeAll(() => {
  site = ladders();
  const sources = site.map((l) => ({ id: l.id, file: l.file }));
  const info = { ...SITE, ladders: sources };
  pages = new Map([
    ['index.html', renderIndexPage(site, info, theme)],
    ['changelog.html', renderChangelogPage('# Changelog\n\n## v1.2.0\n\n- Added *things*.\n', info, theme)],
    ...site.map((l) => [`${l.id}.html`, renderLadderPage(l, info, theme)] as [string, string]),
  ]);
});

function elements(html: string): Element[] {
  const out: Element[] = [];
  visit(fromHtml(html) as Root, 'element', (n) => {
    out.push(n);
  });
  return out;
}

const text = (e: Element): string =>
  e.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? text(c) : '')).join('');

describe('every page', () => {
  it('the release has an index, a changelog and a page per ladder', () => {
    expect([...pages.keys()].sort()).toEqual(['changelog.html', 'design.html', 'hostile.html', 'index.html', 'moved.html', 'platform.html']);
  });

  it('declares its language and has exactly one h1 and the landmarks', () => {
    for (const [name, html] of pages) {
      const els = elements(html);
      const root = els.find((e) => e.tagName === 'html')!;
      expect(root.properties.lang, name).toBe('en');
      expect(els.filter((e) => e.tagName === 'h1'), name).toHaveLength(1);
      for (const tag of ['header', 'main', 'footer']) expect(els.filter((e) => e.tagName === tag), `${name} <${tag}>`).toHaveLength(1);
      expect(els.filter((e) => e.tagName === 'nav').length, name).toBeGreaterThanOrEqual(1);
      for (const nav of els.filter((e) => e.tagName === 'nav')) expect(nav.properties.ariaLabel, `${name} nav label`).toBeTruthy();
    }
  });

  it('gives every table header cell a scope', () => {
    for (const [name, html] of pages) {
      for (const th of elements(html).filter((e) => e.tagName === 'th')) {
        expect(['col', 'row', 'rowgroup', 'colgroup'], `${name}: <th>${text(th)}</th>`).toContain(th.properties.scope);
      }
    }
  });

  it('allows exactly its own inline style and script by hash, nothing from elsewhere', () => {
    for (const [name, html] of pages) {
      const els = elements(html);
      const csp = els.find((e) => e.tagName === 'meta' && e.properties.httpEquiv?.toString() === 'Content-Security-Policy');
      const policy = String(csp?.properties.content);
      const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
      const styles = els.filter((e) => e.tagName === 'style');
      const scripts = els.filter((e) => e.tagName === 'script');
      expect(styles, name).toHaveLength(1);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain(`style-src ${hash(text(styles[0]!))}`);
      expect(policy).not.toContain('unsafe-inline');
      if (scripts.length) {
        expect(scripts, name).toHaveLength(1);
        expect(policy).toContain(`script-src ${hash(text(scripts[0]!))}`);
      } else {
        expect(policy).toContain("script-src 'none'");
      }
      for (const e of els) {
        const names = Object.keys(e.properties).map((k) => k.toLowerCase());
        expect(names.filter((k) => k.startsWith('on') || k === 'style'), `${name} <${e.tagName}>`).toEqual([]);
        expect(['img', 'iframe', 'link', 'object', 'embed', 'form', 'input', 'base', 'svg'], name).not.toContain(e.tagName);
        expect(e.properties.src, `${name} <${e.tagName} src>`).toBeUndefined();
      }
    }
  });

  it('links only to pages of the release, to ids that exist, or out over http(s)', () => {
    const ids = new Map([...pages].map(([n, html]) => [n, new Set(elements(html).flatMap((e) => (e.properties.id ? [String(e.properties.id)] : [])))]));
    for (const [name, html] of pages) {
      for (const a of elements(html).filter((e) => e.tagName === 'a')) {
        const href = String(a.properties.href);
        if (/^https?:/.test(href)) continue;
        const [file, frag] = href.split('#') as [string, string | undefined];
        const target = file === '' ? name : file;
        if (target.endsWith('.pdf')) {
          expect(site.map((l) => `${l.id}.pdf`).concat('ladders.pdf'), `${name} → ${href}`).toContain(target);
          continue;
        }
        expect(pages.has(target), `${name} → ${href}`).toBe(true);
        if (frag) expect(ids.get(target)!.has(frag), `${name} → ${href}`).toBe(true);
      }
    }
  });
});

describe('index.html', () => {
  it('lists every ladder with owners, status, level count and links', () => {
    const els = elements(pages.get('index.html')!);
    const rows = els.filter((e) => e.tagName === 'tr').slice(1);
    const cells = rows.map((r) => r.children.filter((c): c is Element => c.type === 'element').map(text));
    const platform = cells.find((c) => c[0] === 'Platform Engineering')!;
    expect(platform).toEqual(['Platform Engineering', 'Active', '3', '@acme/platform-leads@dana', 'PDF']);
    expect(cells.find((c) => c[0] === 'Product Design')).toEqual(['Product Design', 'Draft', '2', '@acme/design', 'PDF']);
    expect(rows).toHaveLength(site.length);
    const hrefs = els.filter((e) => e.tagName === 'a').map((e) => String(e.properties.href));
    for (const l of site) expect(hrefs).toEqual(expect.arrayContaining([`${l.id}.html`, `${l.id}.pdf`]));
    const body = text(els.find((e) => e.tagName === 'main')!);
    expect(body).toContain('Release v1.2.0, published 2024-01-01');
  });
});

describe('<id>.html', () => {
  const page = (id: string) => elements(pages.get(`${id}.html`)!);

  it('has the intro, a contents entry and a section per level, expectations by category', () => {
    const els = page('platform');
    const toc = els.find((e) => e.tagName === 'nav' && e.properties.ariaLabel === 'On this page')!;
    expect(toc.children.filter((c): c is Element => c.type === 'element').map(text)).toEqual([
      'On this page',
      'IntroductionP1 Learns the platformP2 Builds servicesP3 Leads systemsCompare levels',
    ]);
    const levels = els.filter((e) => e.tagName === 'section' && String(e.properties.className).includes('level'));
    expect(levels.map((s) => text(s.children.find((c): c is Element => c.type === 'element' && c.tagName === 'h2')!))).toEqual([
      'P1 Learns the platform',
      'P2 Builds services',
      'P3 Leads systems',
    ]);
    const rowHeads: string[] = [];
    visit(levels[0]!, 'element', (n) => {
      if (n.tagName === 'th' && n.properties.scope === 'row') rowHeads.push(text(n));
    });
    expect(rowHeads).toEqual(['Craft', 'Collaboration', 'Delivery']);
    const intro = els.find((e) => e.properties.id === 'introduction')!;
    const introLinks: Array<[string, string]> = [];
    visit(intro, 'element', (n) => {
      if (n.tagName === 'a') introLinks.push([text(n), String(n.properties.href)]);
    });
    // Source links as written for GitHub: a sibling ladder file and a heading anchor, both made to work here.
    expect(introLinks).toEqual([
      ['handbook', 'https://example.com/handbook'],
      ['design ladder', 'design.html'],
      ['the second level', '#level-p2'],
    ]);
    const em: string[] = [];
    visit(intro, 'element', (n) => {
      if (['em', 'code'].includes(n.tagName)) em.push(`${n.tagName}:${text(n)}`);
    });
    expect(em).toEqual(['em:care', 'code:make ship']);
  });

  it('precomputes a comparison for every pair of levels, adjacent ones shown, with pickers hidden until the script runs', () => {
    const els = page('platform');
    const pairs = els.filter((e) => e.properties.dataPair !== undefined);
    expect(pairs.map((p) => [p.properties.id, p.properties.dataFrom, p.properties.dataTo, p.properties.hidden === true])).toEqual([
      ['compare-p1-p2', 't0-1', 't0-2', false],
      ['compare-p2-p3', 't0-2', 't0-3', false],
      ['compare-p1-p3', 't0-1', 't0-3', true],
    ]);
    const picker = els.find((e) => e.properties.id === 'compare-picker')!;
    expect(picker.properties.hidden).toBe(true);
    const options = els.filter((e) => e.tagName === 'option').map((o) => [o.properties.value, text(o)]);
    const levels = [
      ['t0-1', 'P1 · Learns the platform'],
      ['t0-2', 'P2 · Builds services'],
      ['t0-3', 'P3 · Leads systems'],
    ];
    expect(options).toEqual([...levels, ...levels]);
  });

  it('shows hostile text as text: the title, level titles and category names are escaped', () => {
    const els = page('hostile');
    const ladder = site.find((l) => l.id === 'hostile')!;
    expect(text(els.find((e) => e.tagName === 'h1')!)).toBe(ladder.title);
    expect(ladder.title).toContain('<script>');
    expect(els.filter((e) => e.tagName === 'script')).toHaveLength(1); // the comparison script only
    const rowHeads = els.filter((e) => e.tagName === 'th' && e.properties.scope === 'row').map(text);
    expect(rowHeads).toEqual(expect.arrayContaining(ladder.categories));
  });

  it('ships no script and no picker for a ladder with a single level', () => {
    const one = site.find((l) => l.id === 'platform')!;
    const html = renderLadderPage({ ...one, levels: one.levels.slice(0, 1) }, SITE, theme);
    const els = elements(html);
    expect(els.filter((e) => e.tagName === 'script')).toEqual([]);
    expect(els.find((e) => e.properties.id === 'compare')).toBeUndefined();
  });
});

describe('page language', () => {
  it("takes a ladder's `lang` frontmatter when it is a language tag, else English", () => {
    const one = site.find((l) => l.id === 'platform')!;
    const lang = (meta: Record<string, unknown>) =>
      elements(renderLadderPage({ ...one, meta: { ...one.meta, ...meta } }, SITE, theme)).find((e) => e.tagName === 'html')!.properties.lang;
    expect(lang({ lang: 'de-CH' })).toBe('de-CH');
    expect(lang({ lang: 'en"><script>' })).toBe('en');
    expect(lang({})).toBe('en');
  });
});

describe('changelog.html', () => {
  it('renders the changelog Markdown under the page h1, sanitized', () => {
    const html = renderChangelogPage('# Changelog\n\n## v1.2.0\n\n- Added <script>x()</script> *care*\n', SITE, theme);
    const els = elements(html);
    expect(els.filter((e) => e.tagName === 'h1').map(text)).toEqual(['Changelog']);
    expect(els.filter((e) => e.tagName === 'h2').map(text)).toEqual(['v1.2.0']);
    expect(els.filter((e) => e.tagName === 'script')).toEqual([]);
    expect(els.filter((e) => e.tagName === 'em').map(text)).toEqual(['care']);
  });
});

describe('changelog.html from the changelog data', () => {
  it('opens each release with its summary, then the details, ladder text as text', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const view: ChangelogView = {
      releases: [
        {
          name: 'v1.3.0',
          date: '2024-05-01',
          bump: 'major',
          summary: [{ id: 'platform', title: `Platform ${evil}`, text: `Raised the bar at P3 in ${evil}.` }],
          ladders: [{ id: 'platform', title: `Platform ${evil}`, status: 'modified', groups: [{ id: 'raises-bar', label: 'Raises the bar', entries: [{ subject: `P3 · ${evil}`, text: `now expects “${evil}”`, refs: [{ sha: 'abc1234', pr: 12, author: '@alice' }] }] }], changes: [] }],
        },
        { name: 'v1.2.0', date: '2024-04-01', bump: 'patch', note: 'Formatting only; no change to expectations.', summary: [], ladders: [] },
      ],
    };
    const html = renderChangelogView(view, SITE, theme);
    const els = elements(html);
    expect(els.filter((e) => e.tagName === 'h2').map(text)).toEqual(['v1.3.0 · 2024-05-01', 'v1.2.0 · 2024-04-01']);
    const main = els.find((e) => e.tagName === 'main')!;
    const order = elements(`<main>${html.slice(html.indexOf('<main'))}`).filter((e) => ['h2', 'p', 'h3', 'h4', 'h5', 'li'].includes(e.tagName)).map((e) => `${e.tagName}:${text(e).slice(0, 30)}`);
    expect(order.indexOf('p:Platform <img src=x onerror="al')).toBeLessThan(order.indexOf('h3:Details: 1 change in 1 ladder'));
    expect(text(main)).toContain(`Raised the bar at P3 in ${evil}.`);
    expect(text(main)).toContain('(#12, @alice)');
    expect(els.filter((e) => e.tagName === 'img')).toEqual([]);
    expect(text(main)).toContain('Formatting only; no change to expectations.');
  });
});

describe('diff.html', () => {
  it("wraps the diff formatter's review page in the site shell: one h1, landmarks, CSP, escaped ladder text", () => {
    const els = elements(hostileDiffPage(SITE));
    expect(els.filter((e) => e.tagName === 'h1')).toHaveLength(1);
    for (const tag of ['header', 'main', 'footer']) expect(els.some((e) => e.tagName === tag)).toBe(true);
    expect(els.filter((e) => ['script', 'img'].includes(e.tagName))).toEqual([]);
    expect(els.flatMap((e) => Object.keys(e.properties)).filter((k) => k.toLowerCase().startsWith('on'))).toEqual([]);
    expect(text(els.find((e) => e.tagName === 'main')!)).toContain(HOSTILE_DIFF_TEXT);
    for (const th of els.filter((e) => e.tagName === 'th')) expect(th.properties.scope).toBeDefined();
    const style = text(els.find((e) => e.tagName === 'style')!);
    const policy = String(els.find((e) => e.tagName === 'meta' && e.properties.httpEquiv !== undefined)!.properties.content);
    expect(policy).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(policy).toContain("script-src 'none'");
  });
});
