/// <reference lib="dom" />
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLadder } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';
import { readPdf } from '../pdf/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const fixture = (rel: string) => readFileSync(join(ROOT, 'test/fixtures/rules', rel), 'utf8');
const CHROMIUM = '/usr/bin/chromium';

const tree = (dir: string) => new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n))]));

let repo: TempRepo;
let dist: string;
beforeAll(async () => {
  repo = await makeRepo();
  await repo.write('ladders/guide.md', fixture('translation-source/siblings/guide.md'));
  await repo.commit('guide');
  await repo.tag('v1.0.0');
  // A title with markup and quotes: ladder text is untrusted, the index and the switch must escape it.
  await repo.write('ladders/guide.de.md', fixture('translation-source/ok.md').replace('title: Leitfaden', 'title: \'Leitfaden <script>alert(1)</script> & "Co"\''));
  await repo.commit('German translation');
  const r = await runLadder(repo.root, ['build', '--out', 'dist', '--version', 'v1.1.0']);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  dist = join(repo.root, 'dist');
}, 120_000);
afterAll(async () => repo?.cleanup());

describe('ladder build: each language of a ladder', () => {
  it('builds the translation as its own files beside the source', () => {
    const names = readdirSync(dist);
    for (const n of ['guide.html', 'guide.pdf', 'guide.de.html', 'guide.de.pdf', 'index.html', 'ladders.pdf']) expect(names).toContain(n);
    expect(readFileSync(join(dist, 'SHA256SUMS'), 'utf8')).toMatch(/ {2}guide\.de\.pdf\n/);
  });

  it('sets <html lang> per page and links the languages to each other, escaped', () => {
    const de = readFileSync(join(dist, 'guide.de.html'), 'utf8');
    const en = readFileSync(join(dist, 'guide.html'), 'utf8');
    expect(de).toMatch(/^<!doctype html><html lang="de">/i);
    expect(en).toMatch(/^<!doctype html><html lang="en">/i);
    expect(de).toContain('<nav class="languages" aria-label="Languages"><ul><li><a href="guide.html" hreflang="en" lang="en" rel="alternate">English</a></li><li><span lang="de" aria-current="page">Deutsch</span></li></ul></nav>');
    expect(en).toContain('<a href="guide.de.html" hreflang="de" lang="de" rel="alternate">Deutsch</a>');
    expect(de).not.toContain('<script>alert(1)');
    expect(de).toContain('Leitfaden &#x3C;script>alert(1)&#x3C;/script> &#x26; "Co"');
  });

  it('lists the translation right under its source in the index', () => {
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    const rows = [...index.matchAll(/<tr( class="translation")?><th scope="row">(.*?)<\/th>/g)].map((m) => `${m[1] ? 'translation: ' : ''}${m[2]}`);
    expect(rows).toEqual([
      '<a href="guide.html">Guide ladder</a>',
      'translation: <a href="guide.de.html" lang="de" hreflang="de">Leitfaden &#x3C;script>alert(1)&#x3C;/script> &#x26; "Co"</a> (Deutsch, translation)',
    ]);
  });

  it('writes the language into each PDF\'s metadata (read back with pdfjs)', async () => {
    expect((await readPdf(readFileSync(join(dist, 'guide.de.pdf')))).info).toMatchObject({ Language: 'de' });
    expect((await readPdf(readFileSync(join(dist, 'guide.pdf')))).info).toMatchObject({ Language: 'en' });
    // The combined file is in the repository's language (config `language`, default en).
    expect((await readPdf(readFileSync(join(dist, 'ladders.pdf')))).info).toMatchObject({ Language: 'en' });
  });

  it('builds the same commit byte for byte again', async () => {
    const r = await runLadder(repo.root, ['build', '--out', 'dist2', '--version', 'v1.1.0']);
    expect(r.code).toBe(0);
    expect(tree(join(repo.root, 'dist2'))).toEqual(tree(dist));
  }, 120_000);

  it.skipIf(!existsSync(CHROMIUM))('in Chromium: the page language is German and the switch leads to the English page', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
      await page.goto(pathToFileURL(join(dist, 'guide.de.html')).href);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      expect(await page.getByRole('navigation', { name: 'Languages' }).getByRole('link').allTextContents()).toEqual(['English']);
      await page.getByRole('navigation', { name: 'Languages' }).getByRole('link', { name: 'English' }).click();
      await page.waitForURL(/\/guide\.html$/);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.getByRole('navigation', { name: 'Languages' }).getByRole('link').allTextContents()).toEqual(['Deutsch']);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
