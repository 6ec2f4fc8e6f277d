import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { UNRELEASED, type ChangelogView } from '../../changelog/index.js';
import { EDIT_CLASSES, labelFromChange as changeLevel, type Change } from '../../diff/index.js';
import type { Ladder } from '../../model/ladder.js';
import { anchorMaker, pageName, siteFooter, siteHeader, siteName } from './chrome.js';
import { renderPage, type Theme } from './page.js';
import type { SiteInfo } from './types.js';

/** `<id>.changes.html`: the page of one ladder's changes, release by release. */
export function changesPageName(id: string): string {
  return `${id}.changes.html`;
}

/** What a reader is told a change did, as a tag. */
function tagOf(c: Change): { tag: string; kind: string } {
  switch (c.kind) {
    case 'expectation-added':
      return { tag: 'New', kind: 'new' };
    case 'expectation-removed':
      return { tag: 'Removed', kind: 'removed' };
    case 'expectation-reworded':
      return c.class === 'raised'
        ? { tag: 'Raised', kind: 'raised' }
        : c.class === 'lowered'
          ? { tag: 'Lowered', kind: 'lowered' }
          : { tag: `Reworded: ${c.class ? EDIT_CLASSES[c.class].label.toLowerCase() : 'reworded'}`, kind: c.class === 'changed' ? 'changed' : 'reworded' };
    case 'expectation-moved':
      return c.impact === 'raises-bar' ? { tag: 'Raised (moved here)', kind: 'raised' } : c.impact === 'lowers-bar' ? { tag: 'Lowered (moved away)', kind: 'lowered' } : { tag: 'Moved', kind: 'changed' };
    default:
      return { tag: c.kind.replace(/-/g, ' ').replace(/^\w/, (x) => x.toUpperCase()), kind: c.impact === 'breaking' ? 'removed' : 'other' };
  }
}

function changeItem(c: Change): Element {
  const { tag, kind } = tagOf(c);
  const text = c.kind === 'expectation-removed' ? c.before : (c.after ?? c.before);
  const moved = c.kind === 'expectation-moved' && (c.fromLevel || c.fromCategory)
    ? ` (from ${[c.fromLevel ? changeLevel(c.fromLevel, c.fromLevelKey) : undefined, c.fromCategory].filter(Boolean).join(' · ')})`
    : '';
  const detail = c.kind.startsWith('level-') || c.kind.startsWith('category-') || c.kind.startsWith('ladder-') || c.kind === 'metadata-changed'
    ? [c.fromLevel && c.level && c.fromLevel !== c.level ? `“${c.fromLevel}” → “${c.level}”` : c.fromCategory && c.category && c.fromCategory !== c.category ? `${c.fromCategory} → ${c.category}` : c.field ? `${c.field}: ${c.before ?? ''} → ${c.after ?? ''}` : '']
    : [];
  return h('li', { className: [`change-${kind}`] }, [
    h('span', { className: ['tag', `tag-${kind}`] }, tag),
    ' ',
    text !== undefined && !detail.length ? `“${text}”${moved}` : (detail[0] ?? ''),
    c.kind === 'expectation-reworded' || (c.kind === 'expectation-moved' && c.before !== c.after) ? h('span.was', ` (was: “${c.before ?? ''}”)`) : null,
    c.reasons?.length ? h('p.reasons', c.reasons.join('; ')) : null,
  ]);
}

/** Changes by level (in the order met), then by category; ladder-wide ones first. */
function byPlace(changes: Change[]): ElementContent[] {
  const levels = new Map<string, Map<string, Change[]>>();
  for (const c of changes) {
    const level = c.level === undefined ? 'The whole ladder' : `${c.track ? `${c.track} · ` : ''}${changeLevel(c.level, c.levelKey)}`;
    const cats = levels.get(level) ?? new Map<string, Change[]>();
    const cat = c.category ?? '';
    cats.set(cat, [...(cats.get(cat) ?? []), c]);
    levels.set(level, cats);
  }
  return [...levels].flatMap(([level, cats]) => [
    h('h3', level),
    ...[...cats].flatMap(([cat, list]) => [...(cat ? [h('h4', cat)] : []), h('ul.release-changes', list.map(changeItem))]),
  ]);
}

/**
 * What changed in one ladder, release by release, newest first, each with the date it took effect
 * (its release date): per level and category, new, removed, raised, lowered and reworded expectations
 * with the diff's classes and reasons. Two pickers (shown by the script) narrow the page to the
 * releases after one version up to another: "what changed since mine".
 */
export function renderChangesPage(ladder: Ladder, view: ChangelogView, site: SiteInfo, theme: Theme): string {
  const anchor = anchorMaker();
  const releases = view.releases.flatMap((r) => {
    const section = r.ladders.find((l) => l.id === ladder.id);
    return [{ r, section, id: anchor('release', r.name) }];
  });
  // Newest first, as the page lists them; "since" never offers the newest (nothing would follow it).
  const named = releases.filter(({ r }) => r.name !== UNRELEASED);
  const main: ElementContent[] = [
    h('h1', `What changed in ${ladder.title}`),
    h('p.lede', [
      'Every release of this ladder, newest first, with the date its changes took effect. Per level and category: new and removed expectations, raised and lowered bars, rewordings with what they do and why. See ',
      h('a', { href: pageName(ladder.id) }, `the ${ladder.title} ladder`),
      ` as of ${site.version}, or `,
      h('a', { href: 'changelog.html' }, 'the changelog of every ladder'),
      '.',
    ]),
    h('div.release-picker', { id: 'release-picker', hidden: true }, [
      h('label', { htmlFor: 'release-since' }, 'Changes since'),
      h('select', { id: 'release-since' }, [h('option', { value: '' }, 'the first release'), ...named.slice(1).map(({ r }) => h('option', { value: r.name }, `${r.name}${r.date ? ` (${r.date})` : ''}`))]),
      h('label', { htmlFor: 'release-until' }, 'up to'),
      h('select', { id: 'release-until' }, named.map(({ r }) => h('option', { value: r.name }, `${r.name}${r.date ? ` (${r.date})` : ''}`))),
      h('p.release-status', { id: 'release-status', role: 'status' }),
    ]),
    ...releases.map(({ r, section, id }, i) =>
      h('section.release', { id, ariaLabelledBy: `${id}-title`, dataRelease: r.name, dataOrder: String(releases.length - i) }, [
        h('h2', { id: `${id}-title` }, [r.name === UNRELEASED ? 'Not yet released' : r.name, r.date ? [' · effective ', h('time', { dateTime: r.date }, r.date)] : null]),
        ...(section
          ? [h('p.release-summary', r.summary.find((s) => s.id === ladder.id)?.text ?? ''), ...byPlace(section.changes)]
          : [h('p', r.note === 'Formatting only; no change to expectations.' ? r.note : 'No change to this ladder in this release.')]),
      ]),
    ),
  ];
  if (!releases.length) main.push(h('p', 'No release history yet.'));
  return renderPage(theme, {
    title: `What changed in ${ladder.title} · ${siteName(site)} ${site.version}`,
    lang: site.lang ?? 'en',
    header: siteHeader(site, 'ladder'),
    main,
    footer: siteFooter(site),
    script: named.length > 1,
  });
}
