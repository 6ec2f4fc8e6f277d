import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrap, type Frag, type TextStyle } from '../../scripts/render/pdf/layout.js';
import { inlineSpans, markdownBlocks, safeUrl } from '../../scripts/render/pdf/markdown.js';

const regular: TextStyle = { font: 'regular', size: 10, color: '#000' };
const bold: TextStyle = { ...regular, font: 'bold' };
// One unit per code point (bold a little wider) keeps the expectations easy to work out by hand.
const measure = (text: string, style: TextStyle) => [...text].length * (style.font === 'bold' ? 1.5 : 1);
const lineTexts = (frags: Frag[], width: number) => wrap(frags, width, measure).map((l) => l.pieces.map((p) => p.text).join(''));

describe('wrap', () => {
  it('breaks at spaces, drops the space at the break and keeps hard breaks', () => {
    expect(lineTexts([{ text: 'aaa bbb ccc\nd', style: regular }], 7)).toEqual(['aaa bbb', 'ccc', 'd']);
  });

  it('never breaks at a no-break space or inside a word whose style changes', () => {
    expect(lineTexts([{ text: 'xx 10\u00a0km', style: regular }], 6)).toEqual(['xx', '10\u00a0km']);
    expect(lineTexts([{ text: 'aa un', style: regular }, { text: 'believable', style: bold }], 18)).toEqual(['aa', 'unbelievable']);
  });

  it('cuts a word wider than the line between graphemes', () => {
    expect(lineTexts([{ text: 'abcdefghij', style: regular }], 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(lineTexts([{ text: 'e\u0301e\u0301e\u0301', style: regular }], 4)).toEqual(['e\u0301e\u0301', 'e\u0301']);
  });

  it('keeps every non-space character, in order, and no line is wider than allowed', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bb', 'ccc', ' ', '  ', '\n', 'dddddddddd'), { maxLength: 40 }), fc.integer({ min: 3, max: 30 }), (tokens, width) => {
        const text = tokens.join('');
        const lines = wrap([{ text, style: regular }], width, measure);
        expect(lines.map((l) => l.pieces.map((p) => p.text).join('')).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        for (const line of lines) expect(line.width).toBeLessThanOrEqual(width);
      }),
    );
  });
});

describe('inline Markdown', () => {
  it('marks emphasis, strong, code and safe links', () => {
    expect(inlineSpans('a *b* **c** `d` [e](https://x.test/) [f](javascript:alert(1))')).toEqual([
      { text: 'a ' },
      { text: 'b', italic: true },
      { text: ' ' },
      { text: 'c', bold: true },
      { text: ' ' },
      { text: 'd', code: true },
      { text: ' ' },
      { text: 'e', link: 'https://x.test/' },
      { text: ' ' },
      { text: 'f' },
    ]);
  });

  it('never interprets HTML: tags are dropped, <br> breaks the line', () => {
    const text = inlineSpans('x <img src=y onerror=alert(1)> <script>z</script> a<br>b').map((s) => s.text).join('');
    expect(text).toBe('x  z a\nb');
  });

  it('keeps block markers that an expectation happens to start with', () => {
    expect(inlineSpans('1. Ships weekly').map((s) => s.text).join('')).toBe('1. Ships weekly');
    expect(inlineSpans('> quoted').map((s) => s.text).join('')).toBe('> quoted');
    expect(inlineSpans('# not a heading').map((s) => s.text).join('')).toBe('# not a heading');
  });

  it('accepts only web and mail links', () => {
    expect(safeUrl('https://a.test/x')).toBe('https://a.test/x');
    expect(safeUrl('mailto:a@b.test')).toBe('mailto:a@b.test');
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', '#level-1', 'data:text/html,x']) expect(safeUrl(bad)).toBeUndefined();
  });

  it('reads prose blocks: headings, nested lists, tables and HTML as text', () => {
    const blocks = markdownBlocks('## Head\n\n- one\n  - two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n<p align="center"><b>hi</b></p>');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(blocks[1]).toMatchObject({ marker: '•', depth: 1 });
    expect(blocks[2]).toMatchObject({ marker: '•', depth: 2 });
    const text = (i: number) => (blocks[i] as { spans: Array<{ text: string }> }).spans.map((s) => s.text).join('');
    expect(text(3)).toBe('A  ·  B');
    expect(text(5)).toBe('hi');
  });
});
