import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { siteFooter, siteHeader, siteName } from './chrome.js';
import { renderPage, type Theme } from './page.js';
import type { SiteInfo } from './types.js';

export const VERIFY_PAGE = 'verify.html';

/**
 * `verify.html`: check a downloaded PDF in the browser, offline, as `ladder verify` does. The page
 * lists this release's PDFs with their SHA-256 and each ladder's content hash, in two tables a person
 * can read too; the script reads the chosen file's release metadata, hashes it and compares. Without
 * JavaScript the tables and the command-line check remain.
 */
export function renderVerifyPage(files: ReadonlyArray<{ name: string; sha256: string }>, hashes: Readonly<Record<string, string>>, site: SiteInfo, theme: Theme): string {
  const main: ElementContent[] = [
    h('h1', 'Check a downloaded PDF'),
    h('p.lede', [
      `Is the PDF you keep still the current ladder, and is it the file that was published? Choose it below: this page reads which release it came from and compares it with release ${site.version}. `,
      h('strong', 'The file is checked in your browser and is not sent anywhere.'),
    ]),
    h('form.verify-form', { id: 'verify-form', hidden: true, dataVersion: site.version, ...(site.changes ? { dataChanges: 'true' } : {}) }, [
      h('label', { htmlFor: 'verify-file' }, 'PDF to check'),
      h('input', { type: 'file', id: 'verify-file', accept: 'application/pdf,.pdf' }),
    ]),
    h('div.verify-result', { id: 'verify-result', role: 'status', ariaLive: 'polite' }),
    h('h2', 'Without this page'),
    h('p', [
      'In a clone of the ladder repository, ',
      h('code', 'ladder verify <file.pdf>'),
      ' gives the same answer with exit codes for scripts; or compare the file\u2019s SHA-256 (',
      h('code', 'sha256sum <file.pdf>'),
      ') with the table below.',
    ]),
    h('table#release-files', [
      h('caption', `The PDFs of release ${site.version}`),
      h('thead', h('tr', [h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'SHA-256')])),
      h('tbody', files.map((f) => h('tr', [h('th', { scope: 'row' }, f.name), h('td', h('code.hash', f.sha256))]))),
    ]),
    h('table#release-ladders', [
      h('caption', `The ladders of release ${site.version}, by the hash of their source`),
      h('thead', h('tr', [h('th', { scope: 'col' }, 'Ladder'), h('th', { scope: 'col' }, 'Content hash (SHA-256)')])),
      h('tbody', Object.keys(hashes).sort().map((id) => h('tr', [h('th', { scope: 'row' }, id), h('td', h('code.hash', hashes[id]!))]))),
    ]),
  ];
  return renderPage(theme, {
    title: `Check a downloaded PDF · ${siteName(site)} ${site.version}`,
    lang: site.lang ?? 'en',
    header: siteHeader(site, 'verify'),
    main,
    footer: siteFooter(site),
    script: true,
  });
}
