// Sections built without micromark (scripts/parse/plain-blocks.ts) must be micromark's trees, key for key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdownAllGfm } from '../../scripts/parse/markdown.js';
import { plainBlocks, plainDefinitions } from '../../scripts/parse/plain-blocks.js';
import { isPlainText, plainByExpression, plainPhrasing, referencesOf } from '../../scripts/parse/plain-text.js';

// Mostly what plain text is made of, now and then something Markdown gives a meaning to.
const accepted = fc.constantFrom(..."aZé 19 ,.;:!+=·…#$€£°×•§'\"()?%/‘’“”–—-", '& ', 'word', '  ');
const special = fc.constantFrom(...'*_`[]<>&\\~#@|', '**', 'www.', 'http://x', 'a@b.io', '&amp;', '<br>', '1. ', '- ', '![x]', ' ', '#');
const words = fc.tuple(fc.constantFrom('A', 'é', 'z', 'ß'), fc.array(fc.oneof({ weight: 80, arbitrary: accepted }, { weight: 1, arbitrary: special }), { maxLength: 10 })).map(([a, b]) => a + b.join(''));
// Inline links, most well formed, some that are not links (or not only links) to micromark.
const link = fc.tuple(
  fc.oneof({ weight: 6, arbitrary: words }, { weight: 1, arbitrary: fc.constantFrom('x', ' ', 'a b ', '3 steps', 'a]b', '`c`', 'www.x.io', '^1') }),
  fc.constantFrom('https://example.com/a', 'x', '/docs/a_b?c=d#e', 'a b', '<a>', 'a(b)', 'a "t"', '', 'a&amp;b', 'mailto:a@b.io', 'a\\b'),
  fc.constantFrom('', '', '', '!', '\\'),
).map(([t, u, before]) => `${before}[${t}](${u})`);
const linked = fc.tuple(fc.option(words, { nil: '' }), fc.constantFrom(' ', '', ' (', ' www.'), link, fc.constantFrom(' ', '', '. ', ')', ':'), fc.option(words, { nil: '' })).map((p) => p.join(''));
const phrasing = fc.oneof(
  { weight: 4, arbitrary: words },
  { weight: 2, arbitrary: linked },
  { weight: 1, arbitrary: fc.tuple(words, fc.constantFrom('', ':', ' ', ': ', 'x', ' :'), fc.option(fc.oneof(words, linked), { nil: '' })).map(([l, sep, r]) => `**${l}**${sep}${r}`) },
);
// Lines after an item: its text continued (indented or lazy), a nested item, or what is neither.
const after = fc.tuple(
  fc.constantFrom('', ' ', '  ', '   ', '    ', '      ', '        '),
  fc.oneof({ weight: 3, arbitrary: phrasing }, { weight: 3, arbitrary: fc.tuple(fc.constantFrom('- ', '* ', '+ ', '-  ', '1. '), phrasing).map((p) => p.join('')) }, { weight: 1, arbitrary: fc.constantFrom('# x', '> q', '---', '===', '| a |', '<div>', '```') }),
).map((p) => p.join(''));
const item = fc.tuple(fc.constantFrom('- ', '- ', '* ', '+ ', '-  ', '1. ', '-', '- 3. ', '- 1) '), phrasing).map((p) => p.join(''));
const block = fc.oneof(
  { weight: 3, arbitrary: fc.array(words, { minLength: 1, maxLength: 3 }) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('- ', '* ', '+ '), fc.array(phrasing, { minLength: 1, maxLength: 4 })).map(([m, items]) => items.map((t) => m + t)) },
  { weight: 1, arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('- ', '* ', '+ '), fc.array(fc.tuple(phrasing, fc.array(after, { maxLength: 3 })), { minLength: 1, maxLength: 4 })).map(([m, items]) => items.flatMap(([t, more]) => [m + t, ...more])) },
  { weight: 1, arbitrary: fc.tuple(words, fc.array(after, { minLength: 1, maxLength: 3 })).map(([t, more]) => [t, ...more]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('# ', '## ', '### ', '###### ', '####### ', '#', '## '), fc.constantFrom('', '', '3 · ', '12. ', '1) '), words, fc.constantFrom('', '', ' #', ' ')).map((p) => [p.join('')]) },
  { weight: 1, arbitrary: fc.constantFrom('---', '===', '  indented', '   ', '> quote', '    code', '| a | b |', '<div>', '***', '- - -', 'a\tb').map((l) => [l]) },
);
const body = fc.array(fc.tuple(block, fc.constantFrom('\n', '\n\n', '\n\n', '\n\n\n')), { minLength: 1, maxLength: 6 }).map((blocks) => blocks.map(([lines, gap], i) => (i ? gap : '') + lines.join('\n')).join(''));
const section = fc.tuple(fc.boolean(), fc.array(fc.constantFrom('title: x', 'owners: ["@a/b"]', '', 'categories: [A, B]', '---x'), { maxLength: 3 }), body, fc.constantFrom('', '\n', '\n\n')).map(
  ([yaml, fm, text, tail]) => ({ front: yaml, text: `${yaml ? `---\n${fm.join('\n')}${fm.length ? '\n' : ''}---\n` : ''}${text}${tail}` }),
);

describe('plain sections built without micromark', () => {
  it('are the trees micromark makes, positions included, whenever they are built', () => {
    let built = 0;
    let lists = 0;
    let continued = 0;
    fc.assert(
      fc.property(section, ({ front, text }) => {
        const tree = plainBlocks(text, front);
        if (!tree) return;
        built++;
        if (tree.children.some((c) => c.type === 'list')) lists++;
        if (/"value":"[^"]*\\n/.test(JSON.stringify(tree))) continued++;
        expect(JSON.stringify(tree), JSON.stringify(text)).toBe(JSON.stringify(parseMarkdownAllGfm(text)));
      }),
      { numRuns: 26_000 },
    );
    // The check reaches the building, lists and lines continued included (the next test takes the shapes of real lists).
    expect(built).toBeGreaterThan(800);
    expect(lists).toBeGreaterThan(180);
    expect(continued).toBeGreaterThan(200);
  });

  it('are micromark trees for lists as real files write them: links, emphasis, code, lines continued, lists nested', () => {
    const url = fc.constantFrom('https://example.com/a', 'x', '/docs/a_b?c=d#e', '../b.md', 'https://x.io/a-b/', 'https://x.io/a-b/', 'a b');
    // Words as ladders write them, now and then one Markdown reads.
    const words = fc
      .tuple(fc.constantFrom('Leads', 'the team', 'café', 'Ships it', 'Owns'), fc.array(fc.oneof({ weight: 60, arbitrary: fc.constantFrom('Leads', 'the team', 'reviews,', 'on call', 'café', '3 things', '(often)', 'x: y', '5%', '“quoted”') }, { weight: 1, arbitrary: special }), { maxLength: 4 }))
      .map(([w, more]) => [w, ...more].join(' '));
    const text = fc.oneof(
      { weight: 3, arbitrary: words },
      { weight: 2, arbitrary: fc.tuple(words, fc.constantFrom(' ', ' (', ''), words, url, fc.constantFrom('', '.', ' and more', ')', '!')).map(([a, b, t, u, c]) => `${a}${b}[${t}](${u})${c}`) },
      { weight: 1, arbitrary: fc.tuple(words, url, fc.constantFrom('', ' b', '.')).map(([t, u, c]) => `[${t}](${u})${c}`) },
      { weight: 1, arbitrary: fc.tuple(words, fc.constantFrom(':** ', '**: ', '** '), words).map(([l, sep, r]) => `**${l}${sep}${r}`) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(
            words,
            fc.oneof({ weight: 6, arbitrary: fc.constantFrom(' ', ' (') }, { weight: 1, arbitrary: fc.constantFrom('', '(', 'x') }),
            fc.oneof({ weight: 6, arbitrary: fc.constantFrom('*', '**', '_', '__', '`') }, { weight: 1, arbitrary: fc.constantFrom('***', '``') }),
            fc.oneof({ weight: 6, arbitrary: words }, { weight: 1, arbitrary: fc.constantFrom(' a', 'a ', 'a*b', 'x`y', '<b>', '[a](b)', 'a_b') }),
            fc.oneof({ weight: 6, arbitrary: fc.constantFrom('', '.', ' and more', ')', ':') }, { weight: 1, arbitrary: fc.constantFrom('x', '!', '*', '_') }),
          )
          .map(([a, b, m, t, c]) => `${a}${b}${m}${t}${m}${c}`),
      },
    );
    const continued = (indent: string) => fc.array(fc.tuple(fc.constantFrom(indent, indent, '', ' ', `${indent}    `, '\t', `${indent}\t`), text).map((p) => p.join('')), { maxLength: 2 });
    const items = (indent: string, depth: number): fc.Arbitrary<string[]> =>
      fc.tuple(fc.constantFrom('- ', '* ', '+ ', '-\t', '*\t'), fc.array(fc.tuple(text, continued(`${indent}  `), depth > 0 ? fc.option(fc.constantFrom('  ', '   ', '    ', '\t', '\t').chain((more) => items(indent + more, depth - 1)), { nil: undefined, freq: 2 }) : fc.constant(undefined)), { minLength: 1, maxLength: 3 })).map(([m, list]) =>
        list.flatMap(([t, more, sub]) => [`${indent}${m}${t}`, ...more, ...(sub ?? [])]),
      );
    const lists = fc.array(fc.tuple(items('', 2), fc.constantFrom('\n\n', '\n\nPara [a](b) c.\n\n', '\n\n# Head\n\n', '\n')), { minLength: 1, maxLength: 2 }).map((l) => l.map(([lines, gap]) => lines.join('\n') + gap).join(''));
    let built = 0;
    let links = 0;
    let nested = 0;
    let marks = 0;
    let tabs = 0;
    fc.assert(
      fc.property(lists, (source) => {
        const tree = plainBlocks(source, false);
        if (!tree) return;
        built++;
        const json = JSON.stringify(tree);
        if (json.includes('"type":"link"')) links++;
        if (/"type":"(emphasis|inlineCode)"/.test(json)) marks++;
        if (source.includes('\t')) tabs++;
        if (tree.children.some((c) => c.type === 'list' && c.children.some((i) => i.children.length > 1))) nested++;
        expect(json, JSON.stringify(source)).toBe(JSON.stringify(parseMarkdownAllGfm(source)));
      }),
      { numRuns: 10_000 },
    );
    // About three quarters of what a run reaches (built ~990, links ~720, nested ~175, marks ~320, tabs ~640).
    expect(built).toBeGreaterThan(740);
    expect(links).toBeGreaterThan(540);
    expect(nested).toBeGreaterThan(120);
    expect(marks).toBeGreaterThan(230);
    expect(tabs).toBeGreaterThan(470);
    // Tabs as real files use them: after the marker, and indenting the items under an item.
    for (const source of ['-\ta\n\t-\tb\n', '- a\n\t- b\n', '-\ta\n    - b\n', '*\ta\n\t*\tb\n\t\t- c\n\t*\td\n*\te\n', '- a\n\tmore [x](y)\n', '\t- b\n']) {
      const tree = plainBlocks(source, false);
      if (source.startsWith('\t')) expect(tree, JSON.stringify(source)).toBeUndefined();
      else expect(JSON.stringify(tree), JSON.stringify(source)).toBe(JSON.stringify(parseMarkdownAllGfm(source)));
    }
  });

  it('leaves to micromark what could read otherwise', () => {
    for (const text of ['- a\n\n- b\n', '- a\n\n  more\n', 'para\n- item\n', 'para\n===\n', '  indented\n', '- a\n* b\n', '# T #\n', 'x\n   \ny\n', '---\nx\n', 'a\r\nb\n']) {
      expect(plainBlocks(text, true), JSON.stringify(text)).toBeUndefined();
    }
    // Frontmatter only where the file starts.
    expect(plainBlocks('---\nx: 1\n---\n', false)).toBeUndefined();
    expect(plainBlocks('---\nx: 1\n---\n', true)?.children.map((c) => c.type)).toEqual(['yaml']);
  });

  it('takes as plain no text with an autolink or a character Markdown reads', () => {
    for (const text of ['See www.example.com', 'Go https://x.io', 'Q: a@b.io', 'a *b*', 'x &amp; y', 'C#', 'a|b', 'Ends: ']) expect(isPlainText(text), text).toBe(false);
    const at = (x: number) => ({ line: 1, column: x + 1, offset: x });
    for (const text of ['**a**b', '**a** *b', '** a**', '*a*b', 'a*b*', '***a***', '`a``', '` a`', '![a](b)']) expect(plainPhrasing(text, at, 0, text.length), text).toBeUndefined();
  });
});

// A file that defines labels: its sections refer to them, and its list of links is a section of its own.
describe('references and definitions built without micromark', () => {
  // Labels a file defines (as written in its definitions) and labels it does not.
  const defined = ['Handbook', 'the guide', 'Career  Paths', 'L3', '1:1 notes'];
  const definitions = defined.map((l, i) => `[${l}]: https://example.com/${i}`);
  const refs = referencesOf(definitions);
  const label = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('Handbook', 'handbook', 'THE GUIDE', 'the  guide', 'career paths', 'L3', '1:1 notes') }, { weight: 2, arbitrary: fc.constantFrom('nowhere', 'x', ' ', 'a]b', '^1', '*Handbook*', 'Handbook ', '') });
  const reference = fc.oneof(
    { weight: 4, arbitrary: label.map((l) => `[${l}]`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('our handbook', 'this', 'x y', '`c`', 'a [b]'), label).map(([t, l]) => `[${t}][${l}]`) },
    { weight: 1, arbitrary: label.map((l) => `[${l}][]`) },
    { weight: 1, arbitrary: fc.oneof(fc.tuple(label, fc.constantFrom('(x)', '(', ':', ': u', '[', '[]', '[nowhere]', '[Handbook]', '!')).map(([l, after]) => `[${l}]${after}`), label.map((l) => `![${l}]`)) },
  );
  // Prose around references, as ladders write it (words alone are the generator's above, with their odd characters).
  const prose = fc.constantFrom('See', 'Follows the', 'Leads', 'Café', 'Writes 3 notes', 'Owns (often)', 'x: y');
  const line = fc.tuple(fc.oneof({ weight: 8, arbitrary: prose }, { weight: 1, arbitrary: fc.constantFrom('', '**a**', ' ') }, { weight: 1, arbitrary: words }), fc.constantFrom(' ', ' ', ' ', ' (', '**', ''), reference, fc.constantFrom('', '.', ' and more', ')', ', and', ':'), fc.option(fc.oneof(prose.map((p) => ` ${p}`), reference.map((r) => ` ${r}`)), { nil: '' })).map((p) => p.join(''));
  const blocks = fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: prose }), { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('- ', '* ', '- '), fc.array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: reference }), { minLength: 1, maxLength: 3 })).map(([m, items]) => items.map((t) => m + t).join('\n')) },
      { weight: 1, arbitrary: line.map((l) => `**Craft:** ${l}`) },
      { weight: 1, arbitrary: fc.constantFrom('## Level 2', '- [ ] task', '- [x] done', '[Handbook]: https://other', '[^1]: note') },
    ),
    { minLength: 1, maxLength: 3 },
  ).map((b) => `${b.join('\n\n')}\n`);

  it('read a reference to a label defined elsewhere as micromark does with the definitions in the file', () => {
    let built = 0;
    let references = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(blocks, (text) => {
        const tree = plainBlocks(text, false, refs);
        if (!tree) return;
        built++;
        const whole = parseMarkdownAllGfm(`${text}\n${definitions.join('\n')}\n`);
        const own = whole.children.slice(0, whole.children.length - definitions.length);
        const json = JSON.stringify(tree.children);
        references += json.split('"type":"linkReference"').length - 1;
        for (const k of json.matchAll(/"referenceType":"(\w+)"/g)) kinds.add(k[1]!);
        expect(json, JSON.stringify(text)).toBe(JSON.stringify(own));
      }),
      { numRuns: 6_000 },
    );
    // The check reaches the building and every kind of reference (built ~640, references ~980 in a run: most sections hold something left to micromark).
    expect(built).toBeGreaterThan(480);
    expect(references).toBeGreaterThan(730);
    expect([...kinds].sort()).toEqual(['collapsed', 'full', 'shortcut']);
  });

  it('leave to micromark a bracket that could read otherwise, and a label the file does not define', () => {
    for (const text of ['[Handbook] first.\n', 'See [nowhere].\n', 'See [Handbook]: x\n', 'See ![Handbook].\n', 'See [a][nowhere].\n', 'See [Handbook][x][y].\n', '- [x] task [Handbook]\n']) {
      expect(plainBlocks(text, false, refs), JSON.stringify(text)).toBeUndefined();
    }
    // Without the file's labels no reference is read.
    expect(plainBlocks('See [Handbook].\n', false)).toBeUndefined();
    // Labels match as micromark matches them, case folded both ways (a Kelvin sign is a `k`).
    const kelvin = 'See [\u212a] and [STRASSE].\n';
    const defs = ['[k]: https://example.com/k', '[straße]: https://example.com/s'];
    const whole = parseMarkdownAllGfm(`${kelvin}\n${defs.join('\n')}\n`);
    expect(JSON.stringify(plainBlocks(kelvin, false, referencesOf(defs))?.children)).toBe(JSON.stringify(whole.children.slice(0, 1)));
  });

  it('build a section of definitions as micromark does, and nothing else', () => {
    const def = fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...defined, 'Our  handbook', 'é', '2024 review') }, { weight: 1, arbitrary: fc.constantFrom('^1', '', ' x', 'a\\]', '*x*') }), fc.oneof({ weight: 5, arbitrary: fc.constantFrom(': https://example.com/a?b=c#d', ': /docs/x.md', ': x') }, { weight: 1, arbitrary: fc.constantFrom(':https://x', ':  x', ': <x>', ': x "t"', ': a(b)', ': a&amp;b', ': ', ': x ') })).map(([l, d]) => `[${l}]${d}`);
    const sections = fc.array(fc.tuple(fc.oneof({ weight: 6, arbitrary: def }, { weight: 1, arbitrary: fc.constantFrom('text', '  [x]: y', '"title"', '- [x]: y') }), fc.constantFrom('\n', '\n', '\n\n')), { minLength: 1, maxLength: 5 }).map((d) => d.map((p) => p.join('')).join(''));
    let built = 0;
    fc.assert(
      fc.property(sections, (text) => {
        const tree = plainDefinitions(text);
        if (!tree) return;
        built++;
        expect(JSON.stringify(tree), JSON.stringify(text)).toBe(JSON.stringify(parseMarkdownAllGfm(text)));
      }),
      { numRuns: 4_000 },
    );
    expect(built).toBeGreaterThan(800);
    for (const text of ['[^1]: note\n', '[x]: y\ntext\n', '[x]: <y>\n', '[x]:\n  y\n', '\n']) expect(plainDefinitions(text), JSON.stringify(text)).toBeUndefined();
  });
});

// isPlainText decides ASCII text in one pass over its character codes; the expressions define it.
describe('isPlainText', () => {
  it('says what its defining expressions say, on ASCII text and beyond', () => {
    const piece = fc.constantFrom(...'aZw W09 ,.;:!?+=()\'"%$#&/-*_`[]<>@\\~|\t\n\r', 'www.', 'WwW.', '://', ':/', '& ', '&x', 'é', '’', '…', '—', 'ω', '·');
    const text = fc.array(piece, { maxLength: 14 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.tuple(fc.constantFrom('A', 'w', '1', '&', ' ', 'é'), text).map(([a, b]) => a + b)), (t) => {
        expect(isPlainText(t)).toBe(plainByExpression(t));
      }),
      { numRuns: 20_000, seed: 16 },
    );
    for (const t of ['A', 'Ships it.', 'Ships it ', 'See www.x.io', 'Ships & runs', 'A&B', 'x://y', 'Leads #3', 'Leads #', 'Café.']) expect(isPlainText(t)).toBe(plainByExpression(t));
  });
});
