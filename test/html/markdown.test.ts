import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { markdownToHast } from '../../scripts/render/html/markdown.js';

function render(md: string, opts: Parameters<typeof markdownToHast>[1] = {}) {
  const root: Root = { type: 'root', children: markdownToHast(md, opts) };
  const elements: Element[] = [];
  visit(root, 'element', (n) => {
    elements.push(n);
  });
  return { html: toHtml(root), elements };
}

/** Every attribute name the output carries, in HTML spelling (onClick → onclick). */
function attributeNames(elements: Element[]): string[] {
  return elements.flatMap((e) => Object.keys(e.properties).map((k) => k.toLowerCase()));
}

describe('markdownToHast: untrusted Markdown', () => {
  const hostile: Array<[string, string]> = [
    ['script tag', 'a <script>alert(1)</script> b'],
    ['raw script block', '<script>\nalert(1)\n</script>'],
    ['img onerror', '<img src=x onerror="alert(1)">'],
    ['svg onload', '<svg onload="alert(1)"><circle/></svg>'],
    ['raw anchor', '<a href="javascript:alert(1)">x</a>'],
    ['markdown javascript link', '[x](javascript:alert(1))'],
    ['mixed-case scheme', '[x](JaVaScRiPt:alert(1))'],
    ['entity-encoded scheme', '[x](&#106;avascript:alert(1))'],
    ['percent-encoded newline in scheme', '[x](java%0Ascript:alert(1))'],
    ['data URL', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['vbscript', '[x](vbscript:msgbox(1))'],
    ['autolink', '<javascript:alert(1)>'],
    ['reference link', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['style block', '<style>body{display:none}</style>'],
    ['style attribute', '<p style="position:fixed">x</p>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
    ['form', '<form action="https://evil.example"><input autofocus onfocus="alert(1)"></form>'],
    ['object/embed', '<object data="x.swf"></object><embed src="x.swf">'],
    ['closing tags', 'a </td></tr></table></main> b'],
    ['html comment', '<!-- <script>alert(1)</script> -->'],
  ];
  for (const [name, md] of hostile) {
    it(`neutralizes ${name}`, () => {
      const { html, elements } = render(md);
      const tags = elements.map((e) => e.tagName);
      for (const bad of ['script', 'iframe', 'style', 'meta', 'form', 'input', 'object', 'embed', 'svg', 'img', 'table', 'main']) {
        expect(tags).not.toContain(bad);
      }
      expect(attributeNames(elements).filter((a) => a.startsWith('on') || a === 'style')).toEqual([]);
      expect(html).not.toMatch(/(href|src|action)="\s*(javascript|vbscript|data):/i);
      for (const e of elements) {
        for (const key of ['href', 'src', 'action', 'data']) {
          const v = e.properties[key];
          if (typeof v === 'string') expect(v).toMatch(/^(https?:|mailto:|#|[^:]*$)/i);
        }
      }
    });
  }

  it('keeps the text of entities as text, never as markup', () => {
    const { html, elements } = render('&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#x3C;b&#x3E;');
    expect(elements.map((e) => e.tagName)).toEqual(['p']);
    expect(html).toBe('<p>&#x3C;script>alert(1)&#x3C;/script> &#x26;amp; &#x3C;b></p>');
  });

  it('renders emphasis, links and code', () => {
    const { html } = render('Use *care*, **bold**, `a < b` and [docs](https://example.com/x?a=1&b=2).', { inline: true });
    expect(html).toBe('Use <em>care</em>, <strong>bold</strong>, <code>a &#x3C; b</code> and <a href="https://example.com/x?a=1&#x26;b=2">docs</a>.');
  });

  it('turns images into their alt text, so nothing is fetched', () => {
    const { html, elements } = render('See ![the chart](https://tracker.example/p.png) here', { inline: true });
    expect(elements.map((e) => e.tagName)).toEqual([]);
    expect(html).toBe('See the chart here');
  });

  it('keeps a line break written as <br> and drops other inline HTML', () => {
    expect(render('one<br>two <b>bold</b>', { inline: true }).html).toBe('one<br>two bold');
  });

  it('moves headings under the page heading, keeping their relative depth', () => {
    const { elements } = render('# A\n\n## B\n\n#### C', { headingBase: 3 });
    expect(elements.map((e) => e.tagName)).toEqual(['h3', 'h4', 'h6']);
    expect(render('## Only', { headingBase: 2 }).elements.map((e) => e.tagName)).toEqual(['h2']);
  });

  it('gives header cells of Markdown tables a scope', () => {
    const { elements } = render('| a | b |\n|---|---|\n| 1 | 2 |');
    expect(elements.filter((e) => e.tagName === 'th').map((e) => e.properties.scope)).toEqual(['col', 'col']);
  });

  it('resolves relative and same-page links through the resolver, unlinking what it rejects', () => {
    const links = (href: string) => (href === 'other.md' ? 'other.html' : href === '#x' ? '#level-x' : null);
    const { html } = render('[a](other.md) [b](#x) [c](../README.md) [d](https://example.com)', { inline: true, links });
    expect(html).toBe('<a href="other.html">a</a> <a href="#level-x">b</a> c <a href="https://example.com">d</a>');
  });

  it('by default points same-page links at the sanitizer-prefixed ids', () => {
    expect(render('[a](#top)', { inline: true }).html).toBe('<a href="#user-content-top">a</a>');
  });

  it('wraps nothing when inline text is more than one paragraph', () => {
    expect(render('one\n\ntwo', { inline: true }).elements.map((e) => e.tagName)).toEqual(['p', 'p']);
  });
});
