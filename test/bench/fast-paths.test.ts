// Shortcuts taken for speed (found by `npm run bench`) must give exactly what the slow path gives.
import fc from 'fast-check';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { generateLadders, renderLadder } from '../../scripts/bench/corpus.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { markdownToHast, sanitizeSchema } from '../../scripts/render/html/markdown.js';
import { inlineSpans } from '../../scripts/render/pdf/markdown.js';
import { parseMarkdown } from '../../scripts/parse/markdown.js';
import { isPlainText } from '../../scripts/parse/plain-text.js';

// The full pipeline, as markdownToHast runs it when the text is not plain.
const full = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize, sanitizeSchema).freeze();

function slow(markdown: string, inline: boolean): string {
  const tree = full.runSync(full.parse(markdown)) as Root;
  const nodes = tree.children.filter((n) => !(n.type === 'text' && n.value.trim() === ''));
  const out = inline && nodes.length === 1 && nodes[0]!.type === 'element' && nodes[0]!.tagName === 'p' ? nodes[0]!.children : nodes;
  return toHtml({ type: 'root', children: out } as Root);
}

/** The premise of the shortcut: the text parses to one paragraph holding one text node, verbatim. */
function parsesToItself(markdown: string): boolean {
  const tree = parseMarkdown(markdown);
  const p = tree.children[0];
  return tree.children.length === 1 && p?.type === 'paragraph' && p.children.length === 1 && p.children[0]!.type === 'text' && p.children[0]!.value === markdown;
}

function fast(markdown: string, inline: boolean): string {
  return toHtml({ type: 'root', children: markdownToHast(markdown, { inline }) });
}

describe('the plain-text shortcut (HTML and PDF renderers, fmt safety check)', () => {
  it('accepts only text that Markdown parses to itself, and renders it as the full pipelines do', () => {
    // Mostly characters the shortcut accepts, with now and then one Markdown gives a meaning to.
    const accepted = fc.constantFrom(..."aZé 19 ,.;:!+=·…#$€£°×•§'\"()?%/‘’“”–—-", '& ', 'word', 'www', 'http', '  ');
    const special = fc.constantFrom(...'*_`[]<>&\\~|#@\t\n', 'www.', '://', '1. ', '- ', '&amp;', '![x](y)');
    let checked = 0;
    fc.assert(
      fc.property(fc.constantFrom('A', 'é', 'Z'), fc.array(fc.oneof({ weight: 12, arbitrary: accepted }, { weight: 1, arbitrary: special }), { maxLength: 30 }), fc.boolean(), (first, parts, inline) => {
        const text = first + parts.join('');
        if (!isPlainText(text)) return;
        checked++;
        expect(parsesToItself(text), text).toBe(true);
        expect(fast(text, inline)).toBe(slow(text, inline));
        expect(inlineSpans(text, { bold: inline })).toEqual([{ bold: inline, text }]);
      }),
      { numRuns: 3000 },
    );
    expect(checked).toBeGreaterThan(500);
  });

  it('leaves to the full pipeline whatever Markdown could give a meaning to', () => {
    for (const text of ['1. First', '- item', 'Ends with two spaces  ', 'See www.example.com', 'a *b*', 'a_b_', 'x &amp; y', 'line\nbreak', 'a | b', '# Title', 'mail a@b.io', 'Q: see http://x.io', 'C#', 'Wow! [x]', 'R&D', 'a &amp; b', 'Ends #']) {
      expect(isPlainText(text), text).toBe(false);
    }
  });

  it('accepts the generated corpus expectations, which then render as the full pipeline renders them', () => {
    let plain = 0;
    for (const ladder of generateLadders({ ladders: 8, seed: 3 })) {
      const parsed = parseLadder(renderLadder(ladder), `ladders/${ladder.id}.md`).ladder!;
      for (const e of parsed.levels.flatMap((l) => l.cells.flatMap((c) => c.expectations))) {
        if (isPlainText(e.markdown)) plain++;
        expect(fast(e.markdown, true)).toBe(slow(e.markdown, true));
      }
    }
    expect(plain).toBeGreaterThan(1000);
  });
});
