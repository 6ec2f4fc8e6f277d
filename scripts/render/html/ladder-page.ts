import { posix } from 'node:path';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { levelLabel, levelsOf, tracksWithLevels, type Cell, type Ladder, type Level } from '../../model/ladder.js';
import { anchorMaker, pageName, pdfName, siteFooter, siteHeader, siteName, statusBadge } from './chrome.js';
import { levelSteps, type LevelStep, type StepItem } from './compare.js';
import { markdownToHast, type LinkResolver, type MarkdownOptions } from './markdown.js';
import { renderPage, type Theme } from './page.js';
import type { SiteInfo } from './types.js';

export { levelLabel };

/** Whether the level shows a code beside its title: exactly when levelLabel gives one. */
function hasCode(level: Level): level is Level & { code: string } {
  return levelLabel(level) !== level.title;
}

function levelHeading(level: Level): Array<Element | string> {
  return hasCode(level) ? [h('span.code', level.code), ' ', level.title] : [level.title];
}

function shortName(level: Level): string {
  return level.code || level.title;
}

/** Everything the parts of one ladder page share. */
interface Ctx {
  ladder: Ladder;
  levelIds: Map<Level, string>;
  md(markdown: string, opts: MarkdownOptions): ElementContent[];
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

const TAGS = { new: 'New', changed: 'Changed', moved: 'Moved' } as const;

function stepItem(ctx: Ctx, item: StepItem): Element {
  const text = ctx.md(item.expectation.markdown, { inline: true, headingBase: 5 });
  return h('li', { className: [`step-${item.kind}`] }, [
    ...(item.kind === 'not-repeated' ? [] : [h('span', { className: ['tag', `tag-${item.kind}`] }, TAGS[item.kind]), ' ']),
    ...text,
    item.kind === 'changed' ? h('span.was', ` (was: ${item.was})`) : null,
    item.kind === 'moved' ? h('span.was', ` (was under ${item.fromCategory})`) : null,
  ]);
}

function stepSection(ctx: Ctx, step: LevelStep, id: string): Element {
  const titleId = `${id}-title`;
  const body: ElementContent[] = [];
  const dropped: ElementContent[] = [];
  for (const { category, items } of step.categories) {
    const shown = items.filter((i) => i.kind !== 'not-repeated');
    const hidden = items.filter((i) => i.kind === 'not-repeated');
    if (shown.length) body.push(h('h4', category), h('ul.step-list', shown.map((i) => stepItem(ctx, i))));
    if (hidden.length) dropped.push(h('h5', category), h('ul.step-list', hidden.map((i) => stepItem(ctx, i))));
  }
  if (!body.length) body.push(h('p', `Nothing new at ${shortName(step.higher)}.`));
  const droppedCount = step.categories.reduce((n, c) => n + c.items.filter((i) => i.kind === 'not-repeated').length, 0);
  return h('section.pair', { id, dataPair: '', ariaLabelledBy: titleId }, [
    h('h3', { id: titleId }, [
      'From ',
      h('a', { href: `#${ctx.levelIds.get(step.lower)}` }, levelLabel(step.lower)),
      ' to ',
      h('a', { href: `#${ctx.levelIds.get(step.higher)}` }, levelLabel(step.higher)),
    ]),
    ...body,
    // Many ladders are cumulative, so what a level does not repeat is context, not news: folded away.
    droppedCount
      ? h('details', [h('summary', `Listed at ${shortName(step.lower)} and not repeated at ${shortName(step.higher)} (${droppedCount})`), ...dropped])
      : null,
  ]);
}

function compareSection(ctx: Ctx, steps: LevelStep[], anchor: ReturnType<typeof anchorMaker>): Element {
  const multi = ctx.ladder.tracks.length > 1;
  const ids = steps.map((s) => anchor('compare', multi ? `${s.lower.track}-${s.lower.key}-${s.higher.key}` : `${s.lower.key}-${s.higher.key}`));
  const trackOf = (l: Level) => (multi ? `${ctx.ladder.tracks.find((t) => t.key === l.track)?.title ?? l.track}: ` : '');
  return h('section.compare', { id: 'compare', ariaLabelledBy: 'compare-title' }, [
    h('h2', { id: 'compare-title' }, 'Compare levels'),
    h('p', multi ? 'For each level, what it asks for that the level below it in the same track does not, by category.' : 'For each level, what it asks for that the level below it does not, by category.'),
    // Hidden until the script shows it: without JavaScript every pair below is simply shown in turn.
    h('div.compare-picker', { id: 'compare-picker', hidden: true }, [
      h('label', { htmlFor: 'compare-pair' }, 'Levels to compare'),
      h(
        'select',
        { id: 'compare-pair' },
        steps.map((s, i) => h('option', { value: ids[i]! }, `${trackOf(s.lower)}${shortName(s.lower)} → ${shortName(s.higher)}`)),
      ),
    ]),
    ...steps.map((s, i) => stepSection(ctx, s, ids[i]!)),
  ]);
}

function ladderLang(ladder: Ladder, site: SiteInfo): string {
  const lang = (ladder.meta as Record<string, unknown>).lang;
  return typeof lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : (site.lang ?? 'en');
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
  const ctx: Ctx = { ladder, levelIds, md: (markdown, opts) => markdownToHast(markdown, { ...opts, links }) };
  const steps = levelSteps(ladder);
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

  const meta = h('dl.meta', [
    h('dt', 'Status'),
    h('dd', statusBadge(ladder.status)),
    h('dt', 'Owners'),
    h('dd', ladder.owners.length ? ladder.owners.join(', ') : 'None listed'),
    h('dt', 'Levels'),
    h('dd', multi ? `${ladder.levels.length} in ${ladder.tracks.length} tracks: ${ladder.tracks.map((t) => t.title).join(', ')}` : String(ladder.levels.length)),
    h('dt', 'Version'),
    h('dd', [site.version, ', released ', h('time', { dateTime: site.date }, site.date)]),
  ]);

  const main: Array<Element | null> = [
    h('h1', ladder.title),
    meta,
    site.pdf ? h('p.download', h('a', { href: pdfName(ladder.id), type: 'application/pdf' }, `Download ${ladder.title} as PDF`)) : null,
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
