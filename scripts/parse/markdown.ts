import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { combineExtensions } from 'micromark-util-combine-extensions';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root } from 'mdast';

/**
 * remark-gfm without its autolink literals: the same extensions, in the same order, less the one that
 * looks at every letter for the start of an email address or a bare URL. For a text in which no such
 * literal can start it gives the same tree, in about two thirds of the time.
 */
function remarkGfmWithoutLiterals(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(combineExtensions([gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()]));
  (data.fromMarkdownExtensions ??= []).push([gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()]);
}

// Frozen processors: building one per file costs more than parsing a small ladder.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const withoutLiterals = unified().use(remarkParse).use(remarkGfmWithoutLiterals).use(remarkFrontmatter, ['yaml']).freeze();

/**
 * Whether a GFM autolink literal could start somewhere outside the frontmatter: an email address needs
 * an "@" (mailto: and xmpp: links too), the others "www." or "http://" / "https://", in any case. A
 * superset: a text that has one of them is parsed by the whole GFM processor, as before.
 */
export function mayHaveLiterals(source: string): boolean {
  return /@|www\.|https?:\/\//i.test(bodyOf(source));
}

/**
 * The text after a YAML frontmatter block, when the block is certainly one (fences of exactly `---`
 * and no `---` line inside); otherwise the whole text, so that nothing is ever skipped that micromark
 * would read as Markdown. The owners' "@team" handles live in the frontmatter.
 */
export function bodyOf(source: string): string {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source);
  if (!m || /(?:^|\n)---/.test(m[1]!)) return source;
  return source.slice(m[0].length);
}

/** Markdown → mdast with positions (CommonMark + GFM + YAML frontmatter). */
export function parseMarkdown(source: string): Root {
  return (mayHaveLiterals(source) ? processor : withoutLiterals).parse(source);
}

/** Always with the whole of GFM: what parseMarkdown must equal (tests). */
export function parseMarkdownAllGfm(source: string): Root {
  return processor.parse(source);
}
