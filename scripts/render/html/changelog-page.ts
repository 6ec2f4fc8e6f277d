import { h } from 'hastscript';
import { siteFooter, siteHeader, siteName } from './chrome.js';
import { markdownToHast } from './markdown.js';
import { renderPage, type Theme } from './page.js';
import type { SiteInfo } from './types.js';

/**
 * `changelog.html` from the changelog Markdown. Its entries quote ladder text from PRs, so it goes
 * through the same sanitizer; its own top heading is dropped in favour of the page's single h1.
 */
export function renderChangelogPage(markdown: string, site: SiteInfo, theme: Theme): string {
  const body = markdownToHast(markdown.replace(/^\s*#\s+[^\n]*\n/, ''), { headingBase: 2 });
  return renderPage(theme, {
    title: `Changelog · ${siteName(site)}`,
    lang: site.lang ?? 'en',
    header: siteHeader(site, 'changelog'),
    main: [h('h1', 'Changelog'), ...(body.length ? body : [h('p', 'No changes recorded yet.')])],
    footer: siteFooter(site),
  });
}
