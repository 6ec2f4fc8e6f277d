import { posix } from 'node:path';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { el } from './element.js';
import { levelLabel, levelsOf, tracksWithLevels, type Cell, type Ladder, type Level } from '../../model/ladder.js';
import { anchorMaker, pageName, pdfName, siteFooter, siteHeader, siteName, statusBadge } from './chrome.js';
import { comparePairs, countsLine, viewNote, type ComparedItem, type ItemKind, type LevelComparison } from '../../compare/index.js';
import { markdownToHast, type LinkResolver, type MarkdownOptions } from './markdown.js';
import { isPlainText } from '../../parse/plain-text.js';
import { changesPageName } from './changes-page.js';
import { languageSwitch } from './languages.js';
import { renderPage, type Theme } from './page.js';
import { ladderLanguage } from '../../model/translation.js';
import type { SiteInfo } from './types.js';

export { levelLabel };

/** Whether the level shows a code beside its title: exactly when levelLabel gives one. */
function hasCode(level: Level): level is Level & { code: string } {
  return levelLabel(level) !== level.title;
}

function levelHeading(level: Level): Array<Element | string> {
  return hasCode(level) ? [h('span.code', level.code), ' ', level.title] : [level.title];
}

/** Everything the parts of one ladder page share. */
interface Ctx {
  ladder: Ladder;
  levelIds: Map<Level, string>;
  md(markdown: string, opts: MarkdownOptions): ElementContent[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const loose = (s: string) => s.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Links as written in the source file, made to work in the release: `#d1---developer-1` (GitHub's
 * heading anchor) goes to that level's section, `Other.md` to `other-id.html` when it is a ladder of
 * the release; other relative targets are not published, so their text is kept without a link.
 */
function linkResolver(ladder: Ladder, levelIds: Map<Level, string>, site: SiteInfo): LinkResolver {
  const byAnchor = new Map<string, string>();
  for (const [level, id] of levelIds) {
    for (const name of [level.code ? `${level.code} ${level.title}` : level.title, level.title, level.key]) {
      if (loose(name) && !byAnchor.has(loose(name))) byAnchor.set(loose(name), id);
    }
  }
  const pages = new Map((site.ladders ?? [{ id: ladder.id, file: ladder.file }]).map((l) => [posix.normalize(l.file), l.id]));
  return (href) => {
    if (href.startsWith('#')) {
      const level = byAnchor.get(loose(safeDecode(href.slice(1))));
      return level ? `#${level}` : `#user-content-${href.slice(1)}`;
    }
    const path = href.split(/[?#]/)[0]!;
    if (path === '') return null;
    const target = path.startsWith('/') ? posix.normalize(path.slice(1)) : posix.join(posix.dirname(ladder.file), safeDecode(path));
    const id = pages.get(target);
    return id === undefined ? null : pageName(id);
  };
}

/** Categories in the ladder's order, then any the level has that the ladder did not list (defensive). */
function orderedCells(ladder: Ladder, cells: Cell[]): Cell[] {
  const byName = new Map(cells.map((c) => [c.category, c]));
  const order = [...ladder.categories, ...cells.map((c) => c.category).filter((c) => !ladder.categories.includes(c))];
  return order.flatMap((name) => {
    const cell = byName.get(name);
    return cell ? [cell] : [];
  });
}

/** A real table, one row per category; matrix ladders keep their category groups as row groups. */
function expectationsTable(ctx: Ctx, cells: Cell[], caption: string): Element {
  const { ladder } = ctx;
  const row = (cell: Cell) =>
    h('tr', [
      h('th', { scope: 'row' }, cell.category),
      h('td', h('ul', cell.expectations.map((e) => h('li', ctx.md(e.markdown, { inline: true, headingBase: 4 }))))),
    ]);
  const ordered = orderedCells(ladder, cells);
  const groups = ladder.categoryGroups?.filter((g) => g.categories.some((c) => ordered.some((cell) => cell.category === c)));
  let bodies: Element[];
  if (groups?.length) {
    const grouped = new Set(groups.flatMap((g) => g.categories));
    const loose = ordered.filter((c) => !grouped.has(c.category));
    bodies = [
      ...(loose.length ? [h('tbody', loose.map(row))] : []),
      ...groups.map((g) =>
        h('tbody', [
          h('tr', h('th', { scope: 'rowgroup', colSpan: 2 }, g.title)),
          ...ordered.filter((c) => g.categories.includes(c.category)).map(row),
        ]),
      ),
    ];
  } else {
    bodies = [h('tbody', ordered.map(row))];
  }
  return h('table.expectations', [
    h('caption.visually-hidden', caption),
    h('colgroup', h('col.c-category'), h('col.c-expectations')),
    h('thead', h('tr', h('th', { scope: 'col' }, 'Category'), h('th', { scope: 'col' }, 'Expectations'))),
    ...bodies,
  ]);
}

const TAGS: Record<ItemKind, string> = {
  adds: 'Adds',
  stronger: 'Asks more strongly',
  different: 'Asks differently',
  weaker: 'Asks less strongly',
  carried: 'Carries over',
  'not-repeated': 'Not repeated',
};

/** One side-by-side row: the lower level's wording on the left, the higher level's on the right. */
function itemRow(ctx: Ctx, c: LevelComparison, item: ComparedItem): Element {
  const text = ctx.md(item.markdown, { inline: true, headingBase: 5 });
  const tag = el('span', { className: ['tag', `tag-${item.kind}`] }, [TAGS[item.kind]]);
  const where = [
    item.level ? was(` (at ${item.level})`) : null,
    item.fromCategory ? was(` (under ${item.fromCategory} at ${shortLabel(c.lower)})`) : null,
  ];
  const reasons = item.reasons?.length ? el('p', { className: ['reasons'] }, [item.reasons.join('; ')]) : null;
  const none = el('span', { className: ['none'] }, ['—']);
  const lower = item.kind === 'adds' ? [none] : item.kind === 'not-repeated' ? [...text, ...where] : [item.was ?? ''];
  const higher = item.kind === 'not-repeated' ? [tag] : [tag, ' ', ...text, ...where, reasons];
  return el('tr', { className: [`item-${item.kind}`] }, [
    el('td', { dataLabel: `At ${shortLabel(c.lower)}`, ...(item.kind === 'adds' ? { className: ['empty'] } : {}) }, lower),
    el('td', { dataLabel: `At ${shortLabel(c.higher)}` }, higher),
  ]);
}

/** `<span class="was">`: where an item stood, or how it read. */
function was(text: string): Element {
  return el('span', { className: ['was'] }, [text]);
}

function shortLabel(l: LevelComparison['lower']): string {
  return l.code || l.title;
}

function pairSection(ctx: Ctx, c: LevelComparison, id: string, ref: (track: string, rank: number) => string, shown: boolean): Element {
  const titleId = `${id}-title`;
  const level = (info: LevelComparison['lower']) => levelsOf(ctx.ladder, c.track.key)[info.rank - 1]!;
  const body: ElementContent[] = [];
  for (const cat of c.categories) {
    const rows = cat.items.filter((i) => i.kind !== 'carried');
    const carried = cat.items.filter((i) => i.kind === 'carried');
    body.push(h('h4', cat.category));
    if (rows.length && rows.every((i) => i.kind === 'adds')) {
      // Nothing to set beside them: a table would be one empty column.
      body.push(
        el('ul', { className: ['step-list'] }, rows.map((i) => el('li', { className: ['item-adds'] }, [el('span', { className: ['tag', 'tag-adds'] }, [TAGS.adds]), ' ', ...ctx.md(i.markdown, { inline: true, headingBase: 5 }), i.level ? was(` (at ${i.level})`) : null]))),
      );
    } else if (rows.length) {
      body.push(
        h('table.side-by-side', [
          h('caption.visually-hidden', `${cat.category}: ${shortLabel(c.lower)} and ${shortLabel(c.higher)} side by side`),
          h('thead', h('tr', [h('th', { scope: 'col' }, `At ${shortLabel(c.lower)}`), h('th', { scope: 'col' }, `At ${shortLabel(c.higher)}`)])),
          el('tbody', {}, rows.map((i) => itemRow(ctx, c, i))),
        ]),
      );
    }
    if (carried.length) {
      const list = el('ul', { className: ['step-list'] }, carried.map((i) => el('li', {}, [...ctx.md(i.markdown, { inline: true, headingBase: 5 }), i.level ? was(` (at ${i.level})`) : null, i.was ? was(` (at ${shortLabel(c.lower)}: ${i.was})`) : null])));
      // Everything carries over in a comparison with nothing new: then the list is the content, not a fold.
      body.push(rows.length ? h('details', [h('summary', `Carries over (${carried.length})`), list]) : h('div', [h('p.carried-only', `Carries over (${carried.length}):`), list]));
    }
    if (!rows.length && !carried.length) body.push(h('p', 'Nothing at either level.'));
  }
  return h('section.pair', { id, dataPair: '', dataFrom: ref(c.track.key, c.lower.rank), dataTo: ref(c.track.key, c.higher.rank), ariaLabelledBy: titleId, hidden: !shown }, [
    h('h3', { id: titleId }, [
      'From ',
      h('a', { href: `#${ctx.levelIds.get(level(c.lower))}` }, levelLabel(level(c.lower))),
      ' to ',
      h('a', { href: `#${ctx.levelIds.get(level(c.higher))}` }, levelLabel(level(c.higher))),
    ]),
    h('p.pair-summary', `${shortLabel(c.higher)} compared with ${shortLabel(c.lower)}: ${countsLine(c)}.`),
    c.view === 'cumulative' ? h('p.pair-note', viewNote(c)) : null,
    ...body,
  ]);
}

function compareSection(ctx: Ctx, pairs: LevelComparison[], anchor: ReturnType<typeof anchorMaker>): Element {
  const { ladder } = ctx;
  const multi = ladder.tracks.length > 1;
  const trackIndex = new Map(ladder.tracks.map((t, i) => [t.key, i] as const));
  // Option values name a level by track and rank, so the script finds a pair without knowing any key.
  const ref = (track: string, rank: number) => `t${trackIndex.get(track)}-${rank}`;
  const ids = pairs.map((c) => anchor('compare', multi ? `${c.track.key}-${c.lower.key}-${c.higher.key}` : `${c.lower.key}-${c.higher.key}`));
  const options = () =>
    tracksWithLevels(ladder)
      .filter((t) => t.levels.length > 1)
      .map((t) => {
        const opts = t.levels.map((l, i) => h('option', { value: ref(t.key, i + 1) }, levelLabel(l)));
        return multi ? h('optgroup', { label: t.title }, opts) : opts;
      })
      .flat();
  const cumulative = pairs.some((c) => c.view === 'cumulative');
  return h('section.compare', { id: 'compare', ariaLabelledBy: 'compare-title' }, [
    h('h2', { id: 'compare-title' }, 'Compare levels'),
    h('p', [
      'For two levels',
      multi ? ' of one track' : '',
      ', side by side by category: what the higher level adds, what it asks more strongly, less strongly or differently (judged as the changelog judges a rewording, with the reasons), and what carries over.',
      cumulative ? ' Where a ladder lists at each level only what that level adds, everything up to each level is compared.' : '',
    ]),
    // Hidden until the script shows it: without JavaScript each level is shown against the one below it.
    h('div.compare-picker', { id: 'compare-picker', hidden: true }, [
      h('label', { htmlFor: 'compare-from' }, 'Compare'),
      h('select', { id: 'compare-from' }, options()),
      h('label', { htmlFor: 'compare-to' }, 'with'),
      h('select', { id: 'compare-to' }, options()),
      h('p.compare-status', { id: 'compare-status', role: 'status' }),
    ]),
    ...pairs.map((c, i) => pairSection(ctx, c, ids[i]!, ref, c.higher.rank - c.lower.rank === 1)),
  ]);
}

function ladderLang(ladder: Ladder, site: SiteInfo): string {
  return site.languages?.find((l) => l.id === ladder.id)?.lang ?? ladderLanguage(ladder, site.lang ?? 'en');
}

/** `<id>.html`: intro, contents, every level by category, the level comparison and notes. */
export function renderLadderPage(ladder: Ladder, site: SiteInfo, theme: Theme): string {
  const anchor = anchorMaker();
  // Generated ids start with level-, compare-<a>-<b> or note-: they cannot meet the page's fixed ids.
  const multi = ladder.tracks.length > 1;
  // Keys are unique within a track: with several tracks the track's key is part of the anchor.
  const levelIds = new Map(ladder.levels.map((l) => [l, anchor('level', multi ? `${l.track}-${l.key}` : l.key)] as const));
  const trackIds = new Map(ladder.tracks.map((t) => [t.key, anchor('track', t.key)] as const));
  const trackTitle = new Map(ladder.tracks.map((t) => [t.key, t.title] as const));
  const links = linkResolver(ladder, levelIds, site);
  // An expectation shows in its level and in every comparison it is part of: rendered once, and the
  // same nodes stand in each place (frozen: nothing after this may change them, the serializer does not).
  const rendered = new Map<string, readonly ElementContent[]>();
  const md = (markdown: string, opts: MarkdownOptions): ElementContent[] => {
    // Plain text takes no pipeline: nothing to remember.
    if (isPlainText(markdown)) return markdownToHast(markdown, { ...opts, links });
    const key = `${opts.inline ? 1 : 0}${opts.headingBase ?? ''}\u0000${markdown}`;
    let nodes = rendered.get(key);
    if (!nodes) rendered.set(key, (nodes = deepFreeze(markdownToHast(markdown, { ...opts, links }))));
    return [...nodes];
  };
  const ctx: Ctx = { ladder, levelIds, md };
  const steps = comparePairs(ladder);
  const hasIntro = ladder.intro.trim() !== '';
  const hasShared = ladder.shared.some((c) => c.expectations.length);
  const noteIds = ladder.notes.map((n, i) => anchor('note', n.title ?? String(i + 1)));

  const toc: Element[] = [
    ...(hasIntro ? [h('li', h('a', { href: '#introduction' }, 'Introduction'))] : []),
    ...(hasShared ? [h('li', h('a', { href: '#all-levels' }, 'All levels'))] : []),
    ...(multi
      ? tracksWithLevels(ladder).map((t) =>
          h('li', [h('a', { href: `#${trackIds.get(t.key)}` }, t.title), h('ol', t.levels.map((l) => h('li', h('a', { href: `#${levelIds.get(l)}` }, levelHeading(l)))))]),
        )
      : ladder.levels.map((l) => h('li', h('a', { href: `#${levelIds.get(l)}` }, levelHeading(l))))),
    ...(steps.length ? [h('li', h('a', { href: '#compare' }, 'Compare levels'))] : []),
    ...ladder.notes.map((n, i) => h('li', h('a', { href: `#${noteIds[i]}` }, n.title ?? 'Notes'))),
  ];

  const parent = ladder.derivedFrom?.[0];
  const meta = h('dl.meta', [
    h('dt', 'Status'),
    h('dd', statusBadge(ladder.status)),
    h('dt', 'Owners'),
    h('dd', ladder.owners.length ? ladder.owners.join(', ') : 'None listed'),
    h('dt', 'Levels'),
    h('dd', multi ? `${ladder.levels.length} in ${ladder.tracks.length} tracks: ${ladder.tracks.map((t) => t.title).join(', ')}` : String(ladder.levels.length)),
    // A derived ladder (extends:) names its parent; the page shows it resolved.
    ...(parent ? [h('dt', 'Derived from'), h('dd', site.ladders?.some((l) => l.id === parent) ? h('a', { href: pageName(parent) }, parent) : parent)] : []),
    h('dt', 'Version'),
    h('dd', [site.version, ', released ', h('time', { dateTime: site.date }, site.date)]),
  ]);

  const main: Array<Element | null> = [
    h('h1', ladder.title),
    languageSwitch(site, ladder.id),
    meta,
    site.pdf ? h('p.download', h('a', { href: pdfName(ladder.id), type: 'application/pdf' }, `Download ${ladder.title} as PDF`)) : null,
    site.changes ? h('p.history-link', h('a', { href: changesPageName(ladder.id) }, `What changed in ${ladder.title}, release by release`)) : null,
    hasIntro
      ? h('section.intro', { id: 'introduction', ariaLabelledBy: 'introduction-title' }, [
          h('h2', { id: 'introduction-title' }, 'Introduction'),
          ...ctx.md(ladder.intro, { headingBase: 3 }),
        ])
      : null,
    hasShared
      ? h('section', { id: 'all-levels', ariaLabelledBy: 'all-levels-title' }, [
          h('h2', { id: 'all-levels-title' }, 'All levels'),
          h('p', 'These expectations hold at every level.'),
          expectationsTable(ctx, ladder.shared, 'Expectations at all levels, by category'),
        ])
      : null,
    ...ladder.levels.flatMap((level, i) => {
      const id = levelIds.get(level)!;
      const track = ladder.tracks.find((t) => t.key === level.track);
      // With several tracks, each opens with its own heading (and the prose under it) before its levels.
      const opens = multi && track && (i === 0 || ladder.levels[i - 1]!.track !== level.track);
      const trackHead = opens
        ? [
            h('section.track', { id: trackIds.get(track.key), ariaLabelledBy: `${trackIds.get(track.key)}-title` }, [
              h('h2', { id: `${trackIds.get(track.key)}-title` }, track.title),
              h('p', `${levelsOf(ladder, track.key).length} levels, from ${levelLabel(levelsOf(ladder, track.key)[0]!)} to ${levelLabel(levelsOf(ladder, track.key).at(-1)!)}.`),
              ...(track.description ? ctx.md(track.description, { headingBase: 3 }) : []),
            ]),
          ]
        : [];
      return [...trackHead, h('section.level', { id, ariaLabelledBy: `${id}-title` }, [
        // Shown in print only: each level starts a page, which should say whose ladder it is.
        h('p.print-context', `${ladder.title}${multi ? ` · ${trackTitle.get(level.track)}` : ''} · ${site.version} · ${site.date}`),
        h('h2', { id: `${id}-title` }, levelHeading(level)),
        ...(level.description ? ctx.md(level.description, { headingBase: 3 }) : []),
        level.cells.length
          ? expectationsTable(ctx, level.cells, `Expectations at ${levelLabel(level)}, by category`)
          : h('p', 'No expectations listed at this level.'),
      ])];
    }),
    steps.length ? compareSection(ctx, steps, anchor) : null,
    ...ladder.notes.map((note, i) =>
      h('section.note', { id: noteIds[i], ariaLabelledBy: `${noteIds[i]}-title` }, [
        h('h2', { id: `${noteIds[i]}-title` }, note.title ?? 'Notes'),
        ...ctx.md(note.markdown, { headingBase: 3 }),
      ]),
    ),
  ];

  return renderPage(theme, {
    title: `${ladder.title} · ${siteName(site)} ${site.version}`,
    lang: ladderLang(ladder, site),
    header: siteHeader(site, 'ladder'),
    nav: [h('h2', { id: 'toc' }, 'On this page'), h('ol', toc)],
    navLabel: 'On this page',
    main: main.filter((n): n is Element => n !== null),
    footer: siteFooter(site, [h('p', `Source: ${ladder.file}.`)]),
    script: steps.length > 0,
  });
}
