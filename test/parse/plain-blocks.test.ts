// Sections built without micromark (scripts/parse/plain-blocks.ts) must be micromark's trees, key for key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdownAllGfm } from '../../scripts/parse/markdown.js';
import { plainBlocks } from '../../scripts/parse/plain-blocks.js';
import { isPlainText, plainByExpression, plainPhrasing } from '../../scripts/parse/plain-text.js';

// Mostly what plain text is made of, now and then something Markdown gives a meaning to.
const accepted = fc.constantFrom(..."aZé 19 ,.;:!+=·…#$€£°×•§'\"()?%/‘’“”–—-", '& ', 'word', '  ');
const special = fc.constantFrom(...'*_`[]<>&\\~#@|', '**', 'www.', 'http://x', 'a@b.io', '&amp;', '<br>', '1. ', '- ', '![x]', ' ', '#');
const words = fc.tuple(fc.constantFrom('A', 'é', 'z', 'ß'), fc.array(fc.oneof({ weight: 80, arbitrary: accepted }, { weight: 1, arbitrary: special }), { maxLength: 10 })).map(([a, b]) => a + b.join(''));
const phrasing = fc.oneof(
  { weight: 4, arbitrary: words },
  { weight: 1, arbitrary: fc.tuple(words, fc.constantFrom('', ':', ' ', ': ', 'x', ' :'), fc.option(words, { nil: '' })).map(([l, sep, r]) => `**${l}**${sep}${r}`) },
);
const item = fc.tuple(fc.constantFrom('- ', '- ', '* ', '+ ', '-  ', '1. ', '-', '- 3. ', '- 1) '), phrasing).map((p) => p.join(''));
const block = fc.oneof(
  { weight: 3, arbitrary: fc.array(words, { minLength: 1, maxLength: 3 }) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('- ', '* ', '+ '), fc.array(phrasing, { minLength: 1, maxLength: 4 })).map(([m, items]) => items.map((t) => m + t)) },
  { weight: 1, arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }) },
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
    fc.assert(
      fc.property(section, ({ front, text }) => {
        const tree = plainBlocks(text, front);
        if (!tree) return;
        built++;
        if (tree.children.some((c) => c.type === 'list')) lists++;
        expect(JSON.stringify(tree), JSON.stringify(text)).toBe(JSON.stringify(parseMarkdownAllGfm(text)));
      }),
      { numRuns: 20_000 },
    );
    // The check reaches the building, lists included.
    expect(built).toBeGreaterThan(800);
    expect(lists).toBeGreaterThan(250);
  });

  it('leaves to micromark what could read otherwise', () => {
    for (const text of ['- a\n\n- b\n', '- a\nlazy\n', 'para\n- item\n', 'para\n===\n', '  indented\n', '- a\n* b\n', '# T #\n', 'x\n   \ny\n', '---\nx\n', 'a\r\nb\n']) {
      expect(plainBlocks(text, true), JSON.stringify(text)).toBeUndefined();
    }
    // Frontmatter only where the file starts.
    expect(plainBlocks('---\nx: 1\n---\n', false)).toBeUndefined();
    expect(plainBlocks('---\nx: 1\n---\n', true)?.children.map((c) => c.type)).toEqual(['yaml']);
  });

  it('takes as plain no text with an autolink or a character Markdown reads', () => {
    for (const text of ['See www.example.com', 'Go https://x.io', 'Q: a@b.io', 'a *b*', 'x &amp; y', 'C#', 'a|b', 'Ends: ']) expect(isPlainText(text), text).toBe(false);
    const at = (x: number) => ({ line: 1, column: x + 1, offset: x });
    for (const text of ['**a**b', '**a** *b*', '** a**', '**a**:b', '**a**  b']) expect(plainPhrasing(text, at, 0, text.length), text).toBeUndefined();
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
