import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import fc from 'fast-check';
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { parseLadder } from '../../scripts/parse/index.js';
import { loadTheme } from '../../scripts/release/release.js';
import { renderChangelogPage, renderIndexPage, renderLadderPage } from '../../scripts/render/html/index.js';
import { markdownToHast } from '../../scripts/render/html/markdown.js';
import { serializeHtml } from '../../scripts/render/html/serialize.js';
import type { Ladder } from '../../scripts/model/ladder.js';
import { hostileDiffPage, siteFiles } from './helpers.js';
import { SHARED_DATA, haveSharedData, markdownFiles } from '../helpers/shared-data.js';

// serializeHtml stands in for hast-util-to-html on every page: it must give the library's bytes.

const theme = loadTheme();
const SITE = { version: 'v1.2.0', date: '2024-01-01', organization: 'Acme', pdf: true };

function ladders(files: Record<string, string>): Ladder[] {
  return Object.entries(files).flatMap(([file, text]) => parseLadder(text, file).ladder ?? []);
}

/** The real ladders under ../shared/data, each under a path of its own. */
function sharedFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of markdownFiles(SHARED_DATA)) {
    if (!p.endsWith('SOURCES.md')) out[`ladders/${relative(SHARED_DATA, p).replaceAll(sep, '__')}`] = readFileSync(p, 'utf8');
  }
  return out;
}

/** The library's bytes on the parsed pages of these ladders (ids taken once). */
function expectLibraryBytes(list: Ladder[], extra: string[] = []): void {
  const unique = list.filter((l, i, a) => a.findIndex((x) => x.id === l.id) === i);
  for (const html of [...pages(unique), ...extra]) {
    const tree = fromHtml(html) as Root;
    expect(serializeHtml(tree)).toBe(toHtml(tree));
  }
}

function pages(list: Ladder[]): string[] {
  const info = { ...SITE, ladders: list.map((l) => ({ id: l.id, file: l.file })) };
  return [renderIndexPage(list, info, theme), renderChangelogPage('# Changelog\n\n## v1.2.0\n\n- Added *things* & <more>.\n', info, theme), ...list.map((l) => renderLadderPage(l, info, theme))];
}

describe('serializeHtml', () => {
  it('gives the library’s bytes for every page of the site fixtures and the hostile diff page', () => {
    const list = ladders(siteFiles());
    expect(list.length).toBeGreaterThan(3);
    expectLibraryBytes(list, [hostileDiffPage(SITE)]);
  });

  it.skipIf(!haveSharedData('the serializer on the real ladders’ pages'))('gives the library’s bytes for every page of the real ladders under ../shared/data', () => {
    const list = ladders(sharedFiles());
    expect(list.length).toBeGreaterThan(50);
    expectLibraryBytes(list);
  });

  it('serializes a frozen fragment once and the same wherever it stands', () => {
    const md = '**Leads** [the *design* review](https://example.com/?a=1&b="2") & ships `<code>` <br> it';
    const fragment = markdownToHast(md, { inline: true, links: () => null });
    const frozen = (nodes: ElementContent[]) => {
      const freeze = (n: unknown): void => {
        if (n && typeof n === 'object' && !Object.isFrozen(n)) {
          Object.freeze(n);
          for (const v of Object.values(n)) freeze(v);
        }
      };
      freeze(nodes);
      return nodes;
    };
    const shared = frozen(fragment);
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'p', properties: {}, children: [...shared] },
        { type: 'element', tagName: 'td', properties: { dataLabel: 'At "L1"' }, children: [...shared, { type: 'text', value: ' & more' }] },
        { type: 'element', tagName: 'li', properties: { className: ['a', 'b'] }, children: [...shared] },
      ],
    };
    expect(serializeHtml(tree)).toBe(toHtml(tree));
    // Twice: the second time from what the first remembered.
    expect(serializeHtml(tree)).toBe(toHtml(tree));
  });

  it('escapes text and attribute values as the library does, on generated trees', () => {
    // Every character the library escapes somewhere, and the ones it must leave alone.
    const chars = ['a', ' ', '<', '>', '&', '"', "'", '`', '=', '/', '\0', '\t', '\n', '\u00a0', '\u00e9', '\u{1f600}', '\ud800', '&amp;', '&lt', 'x&y;'];
    const text = fc.array(fc.constantFrom(...chars), { maxLength: 8 }).map((a) => a.join(''));
    const value: fc.Arbitrary<Properties[string]> = fc.oneof(
      text,
      fc.constantFrom(true, false, null, undefined, 0, 2, Number.NaN, ''),
      fc.array(text, { maxLength: 3 }),
    );
    const keys = ['id', 'className', 'title', 'href', 'hidden', 'download', 'dataLabel', 'dataPair', 'ariaLabelledBy', 'colSpan', 'accept', 'htmlFor', 'checked', 'value', 'style'];
    const properties = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 });
    const tags = ['div', 'p', 'span', 'td', 'a', 'br', 'img', 'hr', 'col', 'script', 'style', 'svg', 'circle', 'template', 'textarea', 'title'];
    const { node } = fc.letrec<{ node: RootContent }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text.map((value): RootContent => ({ type: 'text', value })),
        text.map((value): RootContent => ({ type: 'comment', value })),
        text.map((value) => ({ type: 'raw', value }) as unknown as RootContent),
        fc
          .record({ tagName: fc.constantFrom(...tags), properties, children: fc.array(tie('node'), { maxLength: 3 }) })
          .map(({ tagName, properties: p, children }): RootContent => {
            const el: Element = { type: 'element', tagName, properties: p, children: children.filter((c): c is ElementContent => c.type !== 'doctype') };
            if (tagName === 'template') (el as Element & { content: Root }).content = { type: 'root', children: el.children };
            return el;
          }),
      ),
    }));
    fc.assert(
      fc.property(fc.array(node, { maxLength: 4 }), fc.boolean(), (children, doctype) => {
        const tree: Root = { type: 'root', children: [...(doctype ? [{ type: 'doctype' } as RootContent] : []), ...children] };
        expect(serializeHtml(tree)).toBe(toHtml(tree));
      }),
      { numRuns: 3000 },
    );
  });
});
