import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Ladder } from '../../model/ladder.js';
import { pageName, pdfName, siteFooter, siteHeader, siteName, statusBadge } from './chrome.js';
import { languageName, languageVersions } from './languages.js';
import { renderPage, type Theme } from './page.js';
import type { SiteInfo } from './types.js';

/** `index.html`: every ladder with owners, status and level count, linking to its page and PDF. */
export function renderIndexPage(ladders: readonly Ladder[], site: SiteInfo, theme: Theme): string {
  const byTitle = (a: Ladder, b: Ladder) => a.title.localeCompare(b.title, 'en') || a.id.localeCompare(b.id, 'en');
  // A translation is listed right under its source, in its own language.
  const info = new Map((site.languages ?? []).map((l) => [l.id, l]));
  const isTranslation = (l: Ladder) => { const s = info.get(l.id)?.source; return s !== undefined && ladders.some((o) => o.id === s); };
  const sorted = [...ladders].filter((l) => !isTranslation(l)).sort(byTitle).flatMap((l) => [l, ...languageVersions(site, l.id).slice(1).flatMap((v) => ladders.find((o) => o.id === v.id) ?? [])]);
  const rows = sorted.map((l) =>
    h(isTranslation(l) ? 'tr.translation' : 'tr', [
      h('th', { scope: 'row' }, isTranslation(l)
        ? [h('a', { href: pageName(l.id), lang: info.get(l.id)!.lang, hreflang: info.get(l.id)!.lang }, l.title), ` (${languageName(info.get(l.id)!.lang)}, translation)`]
        : h('a', { href: pageName(l.id) }, l.title)),
      // data-label: the column name shown beside each value when narrow screens stack the rows.
      h('td', { dataLabel: 'Status' }, statusBadge(l.status)),
      h('td.num', { dataLabel: 'Levels' }, String(l.levels.length)),
      h('td', { dataLabel: 'Owners' }, l.owners.length ? h('ul.owners', l.owners.map((o) => h('li', o))) : 'None listed'),
      h('td', { dataLabel: 'Download' }, site.pdf ? h('a', { href: pdfName(l.id), type: 'application/pdf', ariaLabel: `${l.title} PDF` }, 'PDF') : '—'),
    ]),
  );
  const main: ElementContent[] = [
    h('h1', siteName(site)),
    h('p.lede', [
      `Release ${site.version}, published `,
      h('time', { dateTime: site.date }, site.date),
      `, with ${ladders.length} ${ladders.length === 1 ? 'ladder' : 'ladders'}. See the `,
      h('a', { href: 'changelog.html' }, 'changelog'),
      ' for what changed.',
    ]),
    ladders.length
      ? h('table.index-table', [
          h('caption', `Ladders in release ${site.version}`),
          h('colgroup', ['ladder', 'status', 'levels', 'owners', 'pdf'].map((c) => h(`col.c-${c}`))),
          h('thead', h('tr', ['Ladder', 'Status', 'Levels', 'Owners', 'Download'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', rows),
        ])
      : h('p', 'This release has no ladders.'),
    site.pdf && ladders.length
      ? h('p', h('a', { href: 'ladders.pdf', type: 'application/pdf' }, 'Download all ladders as one PDF'), ' (with bookmarks).')
      : null,
  ].filter((n) => n !== null);
  return renderPage(theme, {
    title: `${siteName(site)} ${site.version}`,
    lang: site.lang ?? 'en',
    header: siteHeader(site, 'index'),
    main,
    footer: siteFooter(site),
  });
}

