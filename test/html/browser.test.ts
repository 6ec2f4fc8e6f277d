/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they need the DOM types.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLadder } from '../helpers/cli.js';
import { makeRepo, START_DATE, type TempRepo } from '../helpers/git-repo.js';
import { loadTheme } from '../../scripts/release/release.js';
import { compareLevelRefs } from '../../scripts/compare/index.js';
import { renderLadderPage } from '../../scripts/render/html/index.js';
import { renderLadderPdf } from '../../scripts/render/pdf/index.js';
import { FIXTURES, hostileDiffPage, parseFixture, siteRepo } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = new URL('../../test-output/html/', import.meta.url).pathname;
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI) throw new Error(`browser tests need ${CHROMIUM} under CI (apt-get install chromium)`);
  console.warn(`\n*** SKIPPING the HTML browser tests: ${CHROMIUM} is missing (apt-get install chromium). Under CI they fail. ***\n`);
}

let repo: TempRepo;
let dist: string;
let browser: Browser;
let pages: string[];

const url = (name: string) => pathToFileURL(join(dist, name)).href;

interface Watch {
  errors: string[];
  requests: string[];
}

/** A context that records console errors, page errors and every request that is not file://, and blocks those. */
async function open(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; watch: Watch }> {
  const context = await browser.newContext(options);
  const watch: Watch = { errors: [], requests: [] };
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file://')) return route.continue();
    watch.requests.push(u);
    return route.abort();
  });
  context.on('page', (page) => watchPage(page, watch));
  return { context, watch };
}

function watchPage(page: Page, watch: Watch): void {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watch.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) watch.requests.push(r.url());
  });
}

describe.skipIf(!available)('the built site in Chromium', () => {
  beforeAll(async () => {
    repo = await siteRepo();
    const r = await runLadder(repo.root, ['build', '--out', 'dist', '--version', 'v1.2.0']);
    expect(r.code, r.stderr).toBe(0);
    dist = join(repo.root, 'dist');
    // The PR workflow's review page, next to the release pages so it shares their checks.
    writeFileSync(join(dist, 'diff.html'), hostileDiffPage({ version: 'v1.2.0', date: '2024-01-01', organization: '', pdf: true }));
    // Two ladders for the level picker: two tracks (growth), and a cumulative ladder (engineering).
    const site = { version: 'v1.2.0', date: '2024-01-01', organization: '', pdf: false };
    writeFileSync(join(dist, 'growth.html'), renderLadderPage(parseFixture(join(FIXTURES, '../compare/growth.md'), 'ladders/growth.md'), site, loadTheme()));
    writeFileSync(join(dist, 'engineering.html'), renderLadderPage(parseFixture(join(FIXTURES, '../sample-ladders/engineering.md'), 'ladders/engineering.md'), site, loadTheme()));
    pages = readdirSync(dist).filter((n) => n.endsWith('.html')).sort();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(OUTPUT, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await repo?.cleanup();
  });

  it('every page loads with zero console errors and zero requests outside the file; a screenshot of each is saved', async () => {
    const { context, watch } = await open({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const name of pages) {
      await page.goto(url(name));
      await page.waitForLoadState('load');
      await page.screenshot({ path: join(OUTPUT, name.replace(/\.html$/, '.png')), fullPage: true });
    }
    await context.close();
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([]);
  });

  it('at 320 px wide no page overflows horizontally', async () => {
    const { context, watch } = await open({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const name of pages) {
      await page.goto(url(name));
      const { scroll, client } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(scroll, name).toBeLessThanOrEqual(client);
      await page.screenshot({ path: join(OUTPUT, name.replace(/\.html$/, '-320.png')), fullPage: true });
    }
    await context.close();
    expect(watch.errors).toEqual([]);
  });

  it('navigates between the pages by their links', async () => {
    const { context, watch } = await open();
    const page = await context.newPage();
    await page.goto(url('index.html'));
    await page.getByRole('link', { name: 'Platform Engineering' }).first().click();
    expect(page.url()).toBe(url('platform.html'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Platform Engineering');
    // Table of contents → level section.
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'P2 Builds services' }).click();
    expect(page.url()).toBe(`${url('platform.html')}#level-p2`);
    await expect(page.locator('#level-p2').isVisible()).resolves.toBe(true);
    // Intro link written for GitHub (`design.md`) → the other ladder's page.
    await page.locator('#introduction').getByRole('link', { name: 'design ladder' }).click();
    expect(page.url()).toBe(url('design.html'));
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Changelog' }).click();
    expect(page.url()).toBe(url('changelog.html'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Changelog');
    await page.getByRole('link', { name: 'All ladders' }).first().click();
    expect(page.url()).toBe(url('index.html'));
    const pdfs = await page.locator('a[href$=".pdf"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    for (const href of pdfs) expect(existsSync(join(dist, href!)), href!).toBe(true);
    await context.close();
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([]);
  });

  /** Per category (h4), what the pair section shows: per kind (adds, stronger, …, carried), the higher level's texts. */
  async function pairContents(page: Page, id: string) {
    return page.locator(`#${id}`).evaluate((section) => {
      const out: Record<string, Record<string, string[]>> = {};
      let current = '';
      const text = (el: Element) =>
        Array.from(el.childNodes)
          .filter((n) => !(n instanceof Element && (n.classList.contains('tag') || n.classList.contains('was') || n.classList.contains('reasons'))))
          .map((n) => n.textContent)
          .join('')
          .trim();
      for (const el of Array.from(section.querySelectorAll('h4, tr[class^="item-"], li'))) {
        if (el.tagName === 'H4') current = el.textContent!.trim();
        else if (el.tagName === 'TR') {
          const kind = el.className.replace('item-', '');
          const cells = el.querySelectorAll('td');
          ((out[current] ??= {})[kind] ??= []).push(text(kind === 'not-repeated' ? cells[0]! : cells[1]!));
        } else {
          const kind = el.closest('details, div:not(.pair)') ? 'carried' : el.className.replace('item-', '');
          ((out[current] ??= {})[kind] ??= []).push(text(el));
        }
      }
      return out;
    });
  }

  it('the comparison view shows, for adjacent levels, what the higher adds, asks more strongly and carries over', async () => {
    const { context, watch } = await open();
    const page = await context.newPage();
    await page.goto(url('platform.html'));
    await expect(page.getByLabel('Compare', { exact: true }).isVisible()).resolves.toBe(true);
    const platform = parseFixture(join(FIXTURES, 'compare', 'platform', 'ladder.md'));
    const collaboration = compareLevelRefs(platform, 'P1', 'P2').categories.find((c) => c.category === 'Collaboration')!.items[0]!;
    expect(['stronger', 'weaker', 'different']).toContain(collaboration.kind);
    await expect(page.locator('#compare-p1-p2').isVisible()).resolves.toBe(true);
    await expect(page.locator('#compare-p2-p3').isVisible()).resolves.toBe(false);
    expect(await pairContents(page, 'compare-p1-p2')).toEqual({
      Craft: { adds: ['Designs the data model of a service with review.'], 'not-repeated': ['Reads the runbook before touching production.'], carried: ['Writes tested changes to one service.'] },
      // Whatever the classifier makes of the rewording (its own tests judge that), the page shows its verdict.
      Collaboration: { [collaboration.kind]: ['Asks for review early and often.'] },
      Delivery: { adds: ['Plans a quarter of work for a small team.'], carried: ['Ships small changes every week.'] },
    });
    // The lower level's wording sits beside the higher one's, with the diff's reasons.
    const row = page.locator(`#compare-p1-p2 tr.item-${collaboration.kind}`);
    await expect(row.locator('td').first().textContent()).resolves.toBe('Asks for review early.');
    await expect(row.locator('.reasons').textContent()).resolves.toBe(collaboration.reasons!.join('; '));
    await context.close();
    expect(watch.errors).toEqual([]);
  });

  it('the picker compares any two levels of a track, at 1280 and 320 px, and keeps the pair in the address', async () => {
    for (const width of [1280, 320]) {
      const { context, watch } = await open({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(url('platform.html'));
      const from = page.getByLabel('Compare', { exact: true });
      const to = page.getByLabel('with', { exact: true });
      await to.selectOption({ label: 'P3 · Leads systems' });
      await expect(page.locator('#compare-p1-p3').isVisible()).resolves.toBe(true);
      await expect(page.locator('#compare-p1-p2').isVisible()).resolves.toBe(false);
      expect(page.url()).toBe(`${url('platform.html')}#compare-p1-p3`);
      expect(await pairContents(page, 'compare-p1-p3')).toEqual({
        Craft: {
          adds: ['Designs the data model of a service with review.', 'Sets the technical direction of several services.'],
          'not-repeated': ['Writes tested changes to one service.', 'Reads the runbook before touching production.'],
        },
        Collaboration: { adds: ['Mentors two or more engineers.'], 'not-repeated': ['Asks for review early.'] },
        Delivery: { adds: ['Plans a quarter of work for a small team.'], 'not-repeated': ['Ships small changes every week.'] },
      });
      await page.locator('#compare').screenshot({ path: join(OUTPUT, `platform-compare-p1-p3-${width}.png`) });
      // Either order: P3 against P2 is the P2 → P3 pair.
      await from.selectOption({ label: 'P3 · Leads systems' });
      await to.selectOption({ label: 'P2 · Builds services' });
      await expect(page.locator('#compare-p2-p3').isVisible()).resolves.toBe(true);
      // The same level twice: the other picker moves to a neighbour, so a pair is always shown.
      await to.selectOption({ label: 'P3 · Leads systems' });
      await expect(from.inputValue()).resolves.toBe('t0-2');
      await expect(page.locator('section[data-pair]:not([hidden])').count()).resolves.toBe(1);
      await expect(page.locator('#compare-status').isVisible()).resolves.toBe(false);
      // A reload keeps the pair named in the address.
      await page.goto(`${url('platform.html')}#compare-p1-p3`);
      await expect(page.locator('#compare-p1-p3').isVisible()).resolves.toBe(true);
      await expect(from.inputValue()).resolves.toBe('t0-1');
      await expect(to.inputValue()).resolves.toBe('t0-3');
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll).toBeLessThanOrEqual(client);
      await context.close();
      expect(watch.errors).toEqual([]);
    }
  });

  it('with several tracks the picker stays within one track; a cumulative ladder says so', async () => {
    for (const width of [1280, 320]) {
      const { context, watch } = await open({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(url('growth.html'));
      const from = page.getByLabel('Compare', { exact: true });
      const to = page.getByLabel('with', { exact: true });
      await from.selectOption({ label: 'E1 · Team lead' });
      // The other picker follows into the management track.
      await expect(to.inputValue()).resolves.toBe('t1-2');
      await expect(page.locator('section[data-pair]:not([hidden]) h3').textContent()).resolves.toBe('From E1 · Team lead to E2 · Manager of managers');
      await expect(page.locator('section[data-pair]:not([hidden]) tr.item-weaker .reasons').textContent()).resolves.toMatch(/less often/);
      await from.selectOption({ label: 'E1 · Engineer' });
      await to.selectOption({ label: 'E3 · Staff engineer' });
      const shown = page.locator('section[data-pair]:not([hidden])');
      await expect(shown.locator('tr.item-stronger .reasons').textContent()).resolves.toBe("'with guidance' → 'independently': more autonomy expected; 'several teams' added: a wider scope; 'Contributes to' → 'Leads': a stronger role");
      await page.locator('#compare').screenshot({ path: join(OUTPUT, `growth-compare-tracks-${width}.png`) });

      await page.goto(url('engineering.html'));
      await page.getByLabel('with', { exact: true }).selectOption({ label: 'L3 · Owns a system end to end' });
      const pair = page.locator('section[data-pair]:not([hidden])');
      await expect(pair.locator('.pair-note').textContent()).resolves.toMatch(/^This ladder is cumulative: each level lists only what it adds \(0% /);
      // Everything L1 asks carries over (folded); what L2 and L3 state is added, each with its level.
      await expect(pair.locator('.item-adds .was').allTextContents()).resolves.toContain(' (at L2)');
      await expect(pair.locator('details summary').first().textContent()).resolves.toBe('Carries over (3)');
      await page.locator('#compare').screenshot({ path: join(OUTPUT, `engineering-compare-cumulative-${width}.png`) });
      await context.close();
      expect(watch.errors).toEqual([]);
    }
  });

  it('without JavaScript each level is shown against the one below it and the picker stays hidden', async () => {
    const { context, watch } = await open({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('platform.html'));
    await expect(page.locator('#compare-picker').isVisible()).resolves.toBe(false);
    await expect(page.locator('#compare-p1-p2').isVisible()).resolves.toBe(true);
    await expect(page.locator('#compare-p2-p3').isVisible()).resolves.toBe(true);
    await expect(page.locator('#compare-p1-p3').isVisible()).resolves.toBe(false);
    expect(await pairContents(page, 'compare-p2-p3')).toEqual({
      Craft: { adds: ['Sets the technical direction of several services.'], 'not-repeated': ['Writes tested changes to one service.'], carried: ['Designs the data model of a service with review.'] },
      Collaboration: { adds: ['Mentors two or more engineers.'], 'not-repeated': ['Asks for review early and often.'] },
      Delivery: { 'not-repeated': ['Ships small changes every week.'], carried: ['Plans a quarter of work for a small team.'] },
    });
    await page.screenshot({ path: join(OUTPUT, 'platform-nojs.png'), fullPage: true });
    await context.close();
    expect(watch.errors).toEqual([]);
  });

  it('the hostile ladder runs no script and fires no handler, even with the CSP bypassed', async () => {
    // bypassCSP: the sanitizer alone must hold; the CSP is a second line, checked by the console below.
    for (const bypassCSP of [true, false]) {
      const { context, watch } = await open({ bypassCSP });
      const page = await context.newPage();
      for (const name of ['hostile.html', 'hostile.changes.html', 'index.html', 'diff.html', 'verify.html']) {
        await page.goto(url(name));
        const fired = await page.evaluate(async () => {
          const w = window as unknown as { __pwned?: unknown };
          // Click everything, links included; only a link that would leave the page is held back,
          // so a javascript: URL that slipped through would run here.
          document.addEventListener(
            'click',
            (e) => {
              const a = (e.target as Element).closest('a');
              if (a && !a.href.toLowerCase().startsWith('javascript:')) e.preventDefault();
            },
            true,
          );
          // Poke every element with the events an injected handler would wait for.
          for (const el of Array.from(document.querySelectorAll('body *'))) {
            // A file input opens a chooser on click (a browser warning, not the page's doing).
            if (el instanceof HTMLInputElement && el.type === 'file') continue;
            for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'error', 'load', 'animationstart']) {
              el.dispatchEvent(new Event(type, { bubbles: true }));
            }
            el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
          }
          await new Promise((r) => setTimeout(r, 300));
          return w.__pwned;
        }).catch((e: Error) => `the page was replaced (a javascript: URL ran?): ${e.message}`);
        expect(fired, `${name} bypassCSP=${bypassCSP}`).toBeUndefined();
        const dom = await page.evaluate(() => ({
          scripts: document.scripts.length,
          handlers: Array.from(document.querySelectorAll('*')).flatMap((el) =>
            Array.from(el.attributes).filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}.${a.name}`),
          ),
          badLinks: Array.from(document.querySelectorAll('a[href]'))
            .map((a) => (a as HTMLAnchorElement).href)
            .filter((h) => !/^(https?|file):/.test(h)),
          title: document.querySelector('h1')!.textContent,
        }));
        expect(dom.handlers).toEqual([]);
        expect(dom.badLinks).toEqual([]);
        expect(dom.scripts).toBeLessThanOrEqual(1);
        if (name === 'hostile.html') {
          expect(dom.title).toBe("Hostile <script>window.__pwned='title'</script> & <b>ladder</b>");
          if (!bypassCSP) await page.screenshot({ path: join(OUTPUT, 'hostile-in-browser.png'), fullPage: true });
        }
      }
      await context.close();
      expect(watch.errors, `bypassCSP=${bypassCSP}`).toEqual([]);
      expect(watch.requests, `bypassCSP=${bypassCSP}`).toEqual([]);
    }
  });

  it('keyboard focus is visible, starting with the skip link', async () => {
    const { context } = await open();
    const page = await context.newPage();
    await page.goto(url('platform.html'));
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { text: el.textContent, top: el.getBoundingClientRect().top, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(skip.text).toBe('Skip to content');
    expect(skip.top).toBeGreaterThanOrEqual(0);
    expect(skip.outline).not.toBe('none');
    expect(skip.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(next).not.toBe('none');
    await context.close();
  });

  it('text has at least 4.5:1 contrast against its background, in light and dark schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context } = await open({ colorScheme });
      const page = await context.newPage();
      for (const name of ['index.html', 'platform.html', 'changelog.html', 'diff.html', 'hostile.html', 'verify.html', 'growth.html', 'engineering.html', 'platform.changes.html']) {
        await page.goto(url(name));
        const worst = await page.evaluate(() => {
          const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r, g, b]: number[]) => {
            const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
          };
          const background = (el: Element | null): number[] => {
            for (; el; el = el.parentElement) {
              const c = rgb(getComputedStyle(el).backgroundColor);
              if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
            }
            return [255, 255, 255];
          };
          let min = { ratio: 21, where: '' };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement!;
            if (!n.textContent!.trim() || !(el as HTMLElement).offsetParent) continue;
            const a = lum(rgb(getComputedStyle(el).color).slice(0, 3));
            const b = lum(background(el));
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < min.ratio) min = { ratio, where: `${el.tagName}.${el.className}: ${n.textContent!.trim().slice(0, 30)}` };
          }
          return min;
        });
        expect(worst.ratio, `${colorScheme} ${name}: ${worst.where}`).toBeGreaterThanOrEqual(4.5);
      }
      await context.close();
    }
  });

  it('a ladder\'s changes page narrows to the releases since a version, at 1280 and 320 px', async () => {
    // Three releases of one ladder: v1.1.0 raises a bar and adds an expectation, v1.2.0 removes one.
    const history = await makeRepo();
    try {
      const source = readFileSync(join(FIXTURES, 'compare', 'platform', 'ladder.md'), 'utf8');
      await history.write('ladders/platform.md', source);
      await history.commit('platform', { date: START_DATE });
      await history.tag('v1.0.0');
      await history.write('ladders/platform.md', source.replace('- Ships small changes every week.\n\n## P2', '- Ships small changes every day.\n\n## P2').replace('- Designs the data model of a service with review.\n\n### Collaboration\n\n- Asks for review early and often.', '- Designs the data model of a service with review.\n- Runs a design review for every new service.\n\n### Collaboration\n\n- Asks for review early and often.'));
      await history.commit('raise P1 delivery, add to P2 craft', { date: START_DATE + 86_400 });
      await history.tag('v1.1.0');
      const v11 = await history.read('ladders/platform.md');
      await history.write('ladders/platform.md', v11.replace('- Sets the technical direction of several services.\n', ''));
      await history.commit('drop direction at P3', { date: START_DATE + 2 * 86_400 });
      const built = await runLadder(history.root, ['build', '--out', 'dist', '--version', 'v1.2.0', '--html-only']);
      expect(built.code, built.stderr).toBe(0);
      const changes = pathToFileURL(join(history.root, 'dist', 'platform.changes.html')).href;
      const ladderPage = pathToFileURL(join(history.root, 'dist', 'platform.html')).href;
      for (const width of [1280, 320]) {
        const { context, watch } = await open({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(ladderPage);
        await page.getByRole('link', { name: 'What changed in Platform Engineering, release by release' }).click();
        expect(page.url()).toBe(changes);
        const shown = () => page.locator('section[data-release]:not([hidden]) h2').allTextContents();
        await expect(shown()).resolves.toEqual(['v1.2.0 · effective 2024-01-03', 'v1.1.0 · effective 2024-01-02', 'v1.0.0 · effective 2024-01-01']);
        await page.getByLabel('Changes since').selectOption('v1.0.0');
        await expect(shown()).resolves.toEqual(['v1.2.0 · effective 2024-01-03', 'v1.1.0 · effective 2024-01-02']);
        await page.getByLabel('up to').selectOption('v1.1.0');
        await expect(shown()).resolves.toEqual(['v1.1.0 · effective 2024-01-02']);
        const v11 = page.locator('section[data-release="v1.1.0"]');
        await expect(v11.locator('.release-summary').textContent()).resolves.toBe('Raised the bar at P1 in Delivery, P2 in Craft.');
        await expect(v11.locator('h3').allTextContents()).resolves.toEqual(['P1 · Learns the platform', 'P2 · Builds services']);
        await expect(v11.locator('li.change-raised .was').textContent()).resolves.toBe(' (was: “Ships small changes every week.”)');
        await expect(v11.locator('li.change-raised .reasons').textContent()).resolves.toMatch(/week.*day/);
        await expect(v11.locator('li.change-new').textContent()).resolves.toBe('New “Runs a design review for every new service.”');
        await page.screenshot({ path: join(OUTPUT, `platform-changes-since-${width}.png`), fullPage: true });
        await page.getByLabel('up to').selectOption('v1.2.0');
        await expect(page.locator('section[data-release="v1.2.0"] li.change-removed').textContent()).resolves.toBe('Removed “Sets the technical direction of several services.”');
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect(scroll).toBeLessThanOrEqual(client);
        await context.close();
        expect(watch.errors).toEqual([]);
        expect(watch.requests).toEqual([]);
      }
      // Without JavaScript every release is listed and the pickers stay hidden.
      const { context } = await open({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(changes);
      await expect(page.locator('#release-picker').isVisible()).resolves.toBe(false);
      await expect(page.locator('section[data-release]:visible').count()).resolves.toBe(3);
      await context.close();

      // A site of every version: earlier releases under versions/, a version list everywhere, a banner on them.
      const site = await runLadder(history.root, ['build', '--out', 'site', '--version', 'v1.2.0', '--html-only', '--all-versions']);
      expect(site.code, site.stderr).toBe(0);
      const at = (file: string) => pathToFileURL(join(history.root, 'site', file)).href;
      for (const width of [1280, 320]) {
        const { context: c, watch } = await open({ viewport: { width, height: 900 } });
        const p = await c.newPage();
        await p.goto(at('platform.html'));
        const versions = p.getByRole('navigation', { name: 'Versions' });
        await expect(versions.getByRole('listitem').allTextContents()).resolves.toEqual(['v1.2.0 (current)', 'v1.1.0', 'v1.0.0']);
        await expect(p.locator('.superseded').count()).resolves.toBe(0);
        await versions.getByRole('link', { name: 'v1.0.0' }).click();
        expect(p.url()).toBe(at('versions/v1.0.0/platform.html'));
        await expect(p.locator('.superseded').textContent()).resolves.toBe('This is v1.0.0. The current version is v1.2.0 (what changed).');
        // The old page shows the old ladder: P1 still ships every week.
        await expect(p.locator('main').textContent()).resolves.toContain('Ships small changes every week.');
        await p.screenshot({ path: join(OUTPUT, `versions-superseded-${width}.png`) });
        const { scroll, client } = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect(scroll).toBeLessThanOrEqual(client);
        await p.locator('.superseded').getByRole('link', { name: 'what changed' }).click();
        expect(p.url()).toBe(at('platform.changes.html'));
        await p.goto(at('versions/v1.1.0/index.html'));
        await p.getByRole('navigation', { name: 'Versions' }).getByRole('link', { name: 'v1.2.0 (current)' }).click();
        expect(p.url()).toBe(at('index.html'));
        await c.close();
        expect(watch.errors).toEqual([]);
        expect(watch.requests).toEqual([]);
      }
      // Every link of every page of the site resolves to a file of the site.
      const files = readFileSync(join(history.root, 'site', 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean).map((l) => l.slice(66));
      expect(files).toContain('versions/v1.0.0/platform.html');
      for (const file of files.filter((f) => f.endsWith('.html'))) {
        const html = readFileSync(join(history.root, 'site', file), 'utf8');
        for (const [, href] of html.matchAll(/href="([^"#:]+)(#[^"]*)?"/g)) {
          expect(existsSync(join(history.root, 'site', file, '..', href!)), `${file} → ${href}`).toBe(true);
        }
      }
    } finally {
      await history.cleanup();
    }
  });

  it('verify.html checks a downloaded PDF in the browser, offline: current, modified, superseded, not a release', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ladder-verify-'));
    try {
      const current = join(dist, 'platform.pdf');
      const modified = join(tmp, 'platform.pdf');
      writeFileSync(modified, Buffer.concat([readFileSync(current), Buffer.from('%tampered\n')]));
      // A copy of an earlier release whose source differs from this one's.
      const platform = parseFixture(join(FIXTURES, 'compare', 'platform', 'ladder.md'), 'ladders/platform.md');
      const old = await renderLadderPdf(platform, { version: 'v1.0.0', date: new Date('2023-06-01T00:00:00Z'), organization: '', pageSize: 'A4', contentHashes: { platform: 'ab'.repeat(32) }, fileName: 'platform.pdf' });
      const superseded = join(tmp, 'platform-v1.0.0.pdf');
      writeFileSync(superseded, old.pdf);
      const notes = join(tmp, 'notes.pdf');
      writeFileSync(notes, '%PDF-1.4\n1 0 obj\n<< /Title (Notes) >>\nendobj\ntrailer\n<< /Info 1 0 R >>\n%%EOF\n');
      for (const width of [1280, 320]) {
        const { context, watch } = await open({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(url('platform.html'));
        await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Check a PDF' }).click();
        expect(page.url()).toBe(url('verify.html'));
        const verdict = async (file: string) => {
          await page.evaluate(() => (document.getElementById('verify-result')!.textContent = ''));
          await page.getByLabel('PDF to check').setInputFiles(file);
          await page.waitForFunction(() => document.getElementById('verify-result')!.textContent !== '');
          return page.locator('#verify-result strong').textContent();
        };
        await expect(verdict(current)).resolves.toBe('Current and intact: as published in v1.2.0.');
        await page.locator('main').screenshot({ path: join(OUTPUT, `verify-current-${width}.png`) });
        await expect(verdict(modified)).resolves.toBe('Modified: the bytes differ from platform.pdf as published in v1.2.0.');
        await expect(verdict(superseded)).resolves.toBe('Superseded: v1.2.0 is the current release, and it changes this ladder.');
        await expect(page.locator('#verify-result a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]))).resolves.toEqual([
          ['Download the current PDF', 'platform.pdf'],
          ['what changed since v1.0.0', 'platform.changes.html'],
        ]);
        await page.locator('main').screenshot({ path: join(OUTPUT, `verify-superseded-${width}.png`) });
        await expect(verdict(notes)).resolves.toBe('Not a ladder release PDF.');
        await context.close();
        expect(watch.errors).toEqual([]);
        expect(watch.requests).toEqual([]);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('diff.html and the comparison stack their tables at 390 and 320 px: no column narrower than a word', async () => {
    for (const width of [390, 320]) {
      const { context, watch } = await open({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      for (const name of ['diff.html', 'platform.html', 'growth.html']) {
        await page.goto(url(name));
        const report = await page.evaluate(() => {
          const client = document.documentElement.clientWidth;
          const hiddenHead = (el: Element) => { const head = el.closest('thead, caption'); return !!head && getComputedStyle(head).position === 'absolute'; };
          const visible = (el: Element) => (el as HTMLElement).offsetParent !== null && el.getBoundingClientRect().width > 2 && !hiddenHead(el);
          const cells = Array.from(document.querySelectorAll('main th, main td')).filter(visible);
          return {
            scroll: document.documentElement.scrollWidth,
            client,
            wideTables: Array.from(document.querySelectorAll('main table')).filter(visible).filter((t) => t.getBoundingClientRect().width > client).length,
            // A header or cell squeezed to a letter or two per line: narrower than 5em of its own font.
            narrow: cells.filter((c) => c.textContent!.trim() && c.getBoundingClientRect().width < 5 * parseFloat(getComputedStyle(c).fontSize)).map((c) => c.textContent!.trim().slice(0, 20)),
          };
        });
        expect(report.scroll, `${name} at ${width}`).toBeLessThanOrEqual(report.client);
        expect(report.wideTables, `${name} at ${width}`).toBe(0);
        expect(report.narrow, `${name} at ${width}`).toEqual([]);
        await page.screenshot({ path: join(OUTPUT, name.replace(/\.html$/, `-${width}-stacked.png`)), fullPage: true });
      }
      await context.close();
      expect(watch.errors).toEqual([]);
    }
  });

  it('printing any page keeps the table borders and leaves no nearly empty last page', async () => {
    const { context } = await open();
    const page = await context.newPage();
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    for (const name of pages) {
      await page.goto(url(name));
      await page.emulateMedia({ media: 'print' });
      const borders = await page.evaluate(() =>
        Array.from(document.querySelectorAll('th, td'))
          .filter((c) => (c as HTMLElement).offsetParent !== null)
          .map((c) => getComputedStyle(c))
          .filter((s) => !(parseFloat(s.borderTopWidth) >= 1 && s.borderTopStyle !== 'none' && s.borderTopColor === 'rgb(119, 119, 119)')).length,
      );
      expect(borders, `${name}: cells without a printable border`).toBe(0);
      const pdf = await page.pdf({ format: 'A4', path: join(OUTPUT, name.replace(/\.html$/, '-print.pdf')) });
      const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
      const last = await (await doc.getPage(doc.numPages)).getTextContent();
      const lines = new Set(last.items.flatMap((it) => ('str' in it && it.str.trim() ? [Math.round(it.transform[5])] : []))).size;
      // A page of its own starts a section (a level, a note): a last page of one or two stray lines does not.
      expect(lines, `${name}: lines on the last of ${doc.numPages} printed pages`).toBeGreaterThanOrEqual(doc.numPages > 1 ? 4 : 1);
      await doc.destroy();
    }
    await context.close();
  });

  it('prints one level per page, without navigation or the comparison', async () => {
    const { context } = await open();
    const page = await context.newPage();
    await page.goto(url('platform.html'));
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() =>
      ['.page-nav', '.site-nav', '#compare', '.site-footer'].map((s) => getComputedStyle(document.querySelector(s)!).display),
    );
    expect(hidden).toEqual(['none', 'none', 'none', 'none']);
    const pdf = await page.pdf({ format: 'A4', path: join(OUTPUT, 'platform-print.pdf') });
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
    const pageTexts: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pageTexts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
    }
    const startPage = (title: string) => pageTexts.findIndex((t) => t.includes(title));
    const starts = ['Learns the platform', 'Builds services', 'Leads systems'].map(startPage);
    // Each level begins a new page, in order, and no page holds two level headings.
    expect(starts.every((s) => s > 0)).toBe(true);
    expect(new Set(starts).size).toBe(3);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(startPage('Compare levels')).toBe(-1);
    await context.close();
  });
});
