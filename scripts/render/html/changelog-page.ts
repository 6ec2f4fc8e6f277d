import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { formatRef, UNRELEASED, type ChangelogView, type Entry, type ReleaseView } from '../../changelog/index.js';
import { anchorMaker, siteFooter, siteHeader, siteName } from './chrome.js';
import { markdownToHast } from './markdown.js';
import { renderPage, type Theme } from './page.js';
import type { SiteInfo } from './types.js';

/**
 * `changelog.html` from the changelog Markdown. Its entries quote ladder text from PRs, so it goes
 * through the same sanitizer; its own top heading is dropped in favour of the page's single h1.
 * Used when there is no history to build the page from (a build outside git).
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

/**
 * `changelog.html` for the people who read the ladders: each release opens with one sentence per
 * ladder that changed ("Raised the bar at L3 in Collaboration; renamed L4 to …"), then the details
 * (every change, grouped by impact, with its pull request). Built from the changelog's data, not by
 * reading back its Markdown; CHANGELOG.md keeps the maintainers' note that edits by hand are overwritten.
 * All ladder text is set as text nodes, escaped by the serializer.
 */
export function renderChangelogView(view: ChangelogView, site: SiteInfo, theme: Theme): string {
  const anchor = anchorMaker();
  const releases = view.releases.map((r) => ({ r, id: anchor('release', r.name) }));
  const main: ElementContent[] = [
    h('h1', 'Changelog'),
    h('p.lede', [
      'What changed in the career ladders, newest release first. Each release starts with a summary; the details below it list every change by ladder, with the pull request that made it. ',
      h('a', { href: 'index.html' }, 'The ladders'),
      ` on this site are those of release ${site.version}.`,
    ]),
    ...(releases.length > 1
      ? [h('nav.release-list', { ariaLabel: 'Releases' }, h('ul', releases.map(({ r, id }) => h('li', h('a', { href: `#${id}` }, releaseName(r))))))]
      : []),
    ...releases.map(({ r, id }) => release(r, id)),
  ];
  if (!releases.length) main.push(h('p', 'No changes recorded yet.'));
  return renderPage(theme, {
    title: `Changelog · ${siteName(site)}`,
    lang: site.lang ?? 'en',
    header: siteHeader(site, 'changelog'),
    main,
    footer: siteFooter(site),
  });
}

function releaseName(r: ReleaseView): string {
  return `${r.name === UNRELEASED ? 'Not yet released' : r.name}${r.date ? ` (${r.date})` : ''}`;
}

function release(r: ReleaseView, id: string): Element {
  const titleId = `${id}-title`;
  const summary: ElementContent[] = r.note
    ? [h('p.release-summary', r.note)]
    : r.summary.length === 1 && r.ladders.length === 1
      ? [h('p.release-summary', [h('strong', `${r.summary[0]!.title}:`), ' ', r.summary[0]!.text])]
      : [h('ul.release-summary', r.summary.map((s) => h('li', [h('strong', `${s.title}:`), ' ', s.text])))];
  const details: ElementContent[] = r.ladders.flatMap((l) => [
    h('h4', l.title),
    ...(l.effective !== undefined ? [h('p.effective', ['Effective from ', h('time', { dateTime: l.effective }, l.effective), '.'])] : []),
    ...l.groups.flatMap((g) => [h('h5', g.label), h('ul.entries', g.entries.map(entry))]),
  ]);
  return h('section.release', { id, ariaLabelledBy: titleId }, [
    h('h2', { id: titleId }, [r.name === UNRELEASED ? 'Not yet released' : r.name, r.date ? [' · ', h('time', { dateTime: r.date }, r.date)] : null]),
    ...summary,
    // Not folded away: the details print, and a browser's find-in-page reaches them.
    ...(details.length ? [h('div.release-details', [h('h3', `Details: ${count(r)}`), ...details])] : []),
  ]);
}

function count(r: ReleaseView): string {
  const n = r.ladders.reduce((sum, l) => sum + l.groups.reduce((s, g) => s + g.entries.length, 0), 0);
  return `${n} ${n === 1 ? 'change' : 'changes'} in ${r.ladders.length} ${r.ladders.length === 1 ? 'ladder' : 'ladders'}`;
}

function entry(e: Entry): Element {
  return h('li', [e.subject ? [h('strong', e.subject), ' — '] : null, e.text, e.refs.length ? h('span.refs', ` (${e.refs.map(formatRef).join('; ')})`) : null]);
}
