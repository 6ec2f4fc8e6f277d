import { existsSync } from 'node:fs';
import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Root as MdRoot } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildView, compareLadders, type DiffView } from '../../scripts/diff/index.js';
import { formatHtml, formatJson, formatMarkdown, formatText } from '../../scripts/diff/format/index.js';
import { ladder } from './build.js';
import { fixtureCases, readCase } from './fixtures.js';

// Ladder text comes from pull requests: each of these must come out as the literal text it is.
const EVIL = [
  '<script>window.__pwned = 1</script> runs.',
  '<img src=x onerror="window.__pwned = 2"> loads.',
  '[click here](javascript:alert(1)) and ![pixel](https://evil.example/x.png) links.',
  '</details><details open><summary>fake</summary> closes.',
  '| a | b | and `code` and **bold** and _em_ and ~~strike~~ marks.',
  '@acme/security-team approves everything.',
  '# Looks like a heading.',
  '1. Looks like a list.',
  '&lt;entity&gt; &amp; stays escaped.',
];
const CONTROL = 'Colours \u001b[31mred\u001b[0m and flips \u202edirection\u202c.';

function evilView(): DiffView {
  const base = ladder({
    id: 'evil',
    title: 'Evil <b>ladder</b> | @acme/all',
    levels: {
      'L1 · <i>Junior</i> | one': { '**Craft**': [...EVIL, CONTROL], 'Team <u>': ['Keeps the team informed about plans.'] },
      'L2 · Senior': { '**Craft**': ['Designs features for the whole team.'] },
    },
  });
  const head = ladder({
    id: 'evil',
    title: 'Evil <b>ladder</b> | @acme/all v2',
    levels: {
      'L1 · <i>Junior</i> | one': { '**Craft**': [...EVIL, CONTROL].map((e) => e.replace(/\.$/, ' now.')), 'Team <u>': [] },
      'L2 · Senior': { '**Craft**': ['Designs features for the whole team.', '<script>window.__pwned = 3</script> added.'], 'Team <u>': ['Keeps the team informed about plans.'] },
    },
  });
  const { result, comparisons } = compareLadders([base], [head], { base: 'v1<script>', head: 'WORKTREE' });
  return buildView(result, comparisons);
}

const mdParser = unified().use(remarkParse).use(remarkGfm);

describe('markdown (PR comment)', () => {
  test('summary table, one <details> per changed ladder, changes grouped by level', () => {
    const { base, head } = readCase('same-edit-list');
    const other = readCase('level-rename');
    const unchanged = readCase('formatting-only');
    const { result, comparisons } = compareLadders(
      [base!, { ...other.base!, id: 'other', file: 'ladders/other.md' }, { ...unchanged.base!, id: 'quiet' }],
      [head!, { ...other.head!, id: 'other', file: 'ladders/other.md' }, { ...unchanged.head!, id: 'quiet' }],
      { base: 'v1.0.0', head: 'WORKTREE' },
    );
    const md = formatMarkdown(buildView(result, comparisons));
    const tree = mdParser.parse(md) as MdRoot;
    const table = tree.children.find((n) => n.type === 'table');
    expect(table && table.type === 'table' ? table.children.map((r) => r.children.map((c) => toString(c))) : []).toEqual([
      ['Ladder', 'Bump', 'Breaking', 'Raises the bar', 'Lowers the bar', 'Needs review', 'Editorial', 'Metadata'],
      ['other (modified)', 'major', '1', '', '', '', '', ''],
      ['platform (modified)', 'major', '', '2', '1', '', '', ''],
    ]);
    expect(md).toContain('1 other ladder unchanged.');
    expect(md.match(/<details>/g)).toHaveLength(2);
    expect(md.match(/<\/details>/g)).toHaveLength(2);
    const headings = tree.children.filter((n) => n.type === 'heading' && n.depth === 4).map((n) => toString(n));
    expect(headings).toEqual(['P2 · Owns services end to end', 'P1 · Operates services with guidance', 'P3 · Shapes the platform']);
    expect(md).toContain('- **Reworded** (Reliability): Adds a dashboard **and an alert** for every service they change.');
    // The class and its reasons, under the change.
    expect(md).toContain("**raised**: 'alert' added: more is asked");
    expect(md).toContain('moved to a more senior level: the bar is lowered at P2 · Owns a service');
    expect(md).toContain('- **Moved** from P2 · Owns a service → P3 · Shapes the platform (Collaboration): Mentors new teammates');
    expect(md).toContain('- **Level renamed**: P2 · Owns a service → P2 · Owns services end to end');
  });

  test('rewordings mark removed words ~~struck~~ and added words **bold**', () => {
    const { base, head } = readCase('reword');
    const { result, comparisons } = compareLadders([base!], [head!]);
    const md = formatMarkdown(buildView(result, comparisons));
    expect(md).toContain('Leads the **blameless** review after ~~an~~ **every** incident in their service.');
  });

  test('no change at all says so', () => {
    const { base, head } = readCase('formatting-only');
    const { result, comparisons } = compareLadders([base!], [head!], { base: 'a', head: 'b' });
    const md = formatMarkdown(buildView(result, comparisons));
    expect(md).toBe('### Ladder changes `a` → `b`\n\nNo change to any ladder: the edits are formatting only.\n');
  });

  test('ladder text cannot inject Markdown, HTML, links or mentions', () => {
    const md = formatMarkdown(evilView());
    const tree = mdParser.parse(md) as MdRoot;
    const html: string[] = [];
    visit(tree, 'html', (n) => void html.push(n.value));
    // Only our own <details> wrappers are raw HTML; their text parts are entity-escaped.
    expect(html.filter((v) => !/^<details>\n<summary>[\s\S]*<\/summary>$/.test(v) && v !== '</details>')).toEqual([]);
    expect(html.filter((v) => v === '</details>')).toHaveLength(1);
    const summary = fromHtml(html[0]!.replace('<details>\n', ''), { fragment: true });
    const tags: string[] = [];
    visit(summary, 'element', (e: Element) => void tags.push(e.tagName));
    expect(tags).toEqual(['summary', 'strong']);
    visit(tree, 'link', (l) => {
      // GitHub links bare URLs itself; a URL may show as itself, never behind other text.
      expect(l.url).not.toMatch(/^javascript:/i);
      expect(toString(l)).toBe(l.url);
    });
    visit(tree, 'image', () => expect.fail('an image made it through'));
    expect(tree.children.filter((n) => n.type === 'heading').map((n) => (n.type === 'heading' ? n.depth : 0))).toEqual([3, 4, 4, 4]);
    const text = toString(tree).replaceAll('\u2060', '');
    for (const e of EVIL) expect(text).toContain(e.replace(/\.$/, ''));
    // Mentions are broken up so nobody named in a ladder gets notified.
    expect(md).not.toMatch(/@acme/);
    expect(md).not.toMatch(/[\u001b\u202e]/);
    expect(md).toContain('@\u2060acme/security-team');
  });
});

describe('html (review page)', () => {
  test('every text is escaped: no element, attribute or URL comes from the ladder', () => {
    const page = formatHtml(evilView());
    const tree = fromHtml(page) as HastRoot;
    const tags = new Set<string>();
    visit(tree, 'element', (e: Element) => {
      tags.add(e.tagName);
      for (const k of Object.keys(e.properties)) expect(k).not.toMatch(/^on/i);
      if (e.tagName === 'a') expect(String(e.properties.href)).toMatch(/^#ladder-/);
    });
    for (const t of ['script', 'img', 'b', 'i', 'u', 'iframe']) expect(tags.has(t), t).toBe(false);
    const text: string[] = [];
    visit(tree, 'text', (n) => void text.push(n.value));
    const all = text.join('');
    for (const e of EVIL) expect(all).toContain(e.replace(/\.$/, ''));
    expect(all).toContain('Evil <b>ladder</b> | @acme/all v2');
    expect(page).toContain("Content-Security-Policy");
  });

  test('side by side: reworded words marked on each side, moves and additions shown', () => {
    const { base, head } = readCase('same-edit-list');
    const { result, comparisons } = compareLadders([base!], [head!]);
    const view = buildView(result, comparisons);
    expect(view.ladders[0]!.levels.map((l) => l.heading)).toEqual([
      'P1 · Operates services with guidance', 'P2 · Owns a service', 'P3 · Shapes the platform',
    ]);
    const p3 = view.ladders[0]!.levels[2]!.categories.find((c) => c.name === 'Collaboration')!;
    expect(p3.rows.map((r) => r.status)).toEqual(['same', 'same', 'moved-in', 'added']);
    const p2 = view.ladders[0]!.levels[1]!.categories.find((c) => c.name === 'Collaboration')!;
    expect(p2.rows.map((r) => [r.status, r.elsewhere])).toEqual([['moved-out', 'P3 · Shapes the platform / Collaboration'], ['same', undefined]]);
    const tree = fromHtml(formatHtml(view));
    const ins: string[] = [];
    const del: string[] = [];
    visit(tree, 'element', (e: Element) => {
      if (e.tagName === 'ins') ins.push(toString(e as never));
      if (e.tagName === 'del') del.push(toString(e as never));
    });
    expect(ins).toContain('and an alert ');
    expect(ins).toContain('Sponsors engineers for promotion.');
    expect(del).toContain('Mentors new teammates through their first on-call week.');
  });
});

describe('text (terminal)', () => {
  test('colour only when asked; control characters and bidi overrides never pass', () => {
    const view = evilView();
    const plain = formatText(view);
    expect(plain).not.toMatch(/[\u001b\u202e\u202c]/);
    expect(plain).toContain('Colours [31mred[0m and flips direction {+now+}.');
    const coloured = formatText(view, { color: true });
    expect(coloured).toMatch(/\u001b\[3\dm/);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  test('rewordings without colour use {+added+} and [-removed-] markers', () => {
    const { base, head } = readCase('reword');
    const { result, comparisons } = compareLadders([base!], [head!]);
    expect(formatText(buildView(result, comparisons))).toContain('Leads the {+blameless +}review after [-an-]{+every+} incident in their service.');
  });
});

describe('every fixture renders in every format', () => {
  for (const name of fixtureCases()) {
    test(name, () => {
      const { base, head, renames } = readCase(name);
      const { result, comparisons } = compareLadders(base ? [base] : [], head ? [head] : [], { renames });
      const view = buildView(result, comparisons);
      expect(JSON.parse(formatJson(result))).toEqual(JSON.parse(JSON.stringify(result)));
      const changes = result.ladders.flatMap((l) => l.changes).length;
      const md = formatMarkdown(view);
      expect(md.split('\n').filter((l) => l.startsWith('- **')).length).toBe(changes);
      expect(formatText(view).split('\n').filter((l) => /^ {4}[-+~→] /.test(l)).length).toBe(changes);
      const html = formatHtml(view);
      expect(html.match(/<li class="impact-/g)?.length ?? 0).toBe(changes);
    });
  }
});

// ---- a real browser ------------------------------------------------------------------------------
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`\n*** SKIPPING Chromium tests of the diff page: ${CHROMIUM} not found ***\n`);

describe.skipIf(!haveChromium && !process.env.CI)('html page in headless Chromium', () => {
  let browser: import('playwright-core').Browser;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(() => browser?.close());

  test('nothing from the ladder runs or loads; the text reads as written', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setContent(formatHtml(evilView()), { waitUntil: 'load' });
    // A string, evaluated in the page: the tests compile without the DOM library.
    const state = (await page.evaluate(`({
      pwned: window.__pwned,
      scripts: document.querySelectorAll('script, img, iframe').length,
      text: document.body.innerText,
      ins: [...document.querySelectorAll('ins')].map((e) => e.textContent),
      title: document.title,
    })`)) as { pwned?: number; scripts: number; text: string; ins: string[]; title: string };
    expect(state.pwned).toBeUndefined();
    expect(state.scripts).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    expect(state.text).toContain('<script>window.__pwned = 3</script> added.');
    expect(state.ins).toContain('now');
    expect(state.text).not.toMatch(/[\u001b\u202e]/);
    expect(state.title).toBe('Ladder diff v1<script> → WORKTREE');
    await page.close();
  });
});

describe('the class and reasons of a rewording, in every human format', () => {
  const { base, head } = readCase('raised-autonomy');
  const { result, comparisons } = compareLadders([base!], [head!], { base: 'v1', head: 'v2' });
  const view = buildView(result, comparisons);
  const reason = "'with some guidance' → 'independently': more autonomy expected";

  test('text: under the change, with the level as code and title', () => {
    const text = formatText(view);
    expect(text).toContain('  L2 · Owns a system\n');
    expect(text).toContain(`      raised: ${reason}\n`);
  });

  test('markdown (PR comment): the class in bold, then the reasons', () => {
    expect(formatMarkdown(view)).toContain(`**raised**: ${reason}`);
  });

  test('html (diff.html): the class and the reasons, marked up', () => {
    const tree = fromHtml(formatHtml(view));
    const withClass = (name: string) => {
      const found: Element[] = [];
      visit(tree, 'element', (n: Element) => {
        if ((n.properties.className as string[] | undefined)?.includes(name)) found.push(n);
      });
      return found;
    };
    expect(withClass('why').map((n) => toString(n as never))).toEqual([`raised: ${reason}`]);
    expect(withClass('class-raised')).toHaveLength(1);
  });
});
