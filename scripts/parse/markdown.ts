import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';

// One frozen processor: building it per file costs more than parsing a small ladder.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Markdown → mdast with positions (CommonMark + GFM + YAML frontmatter). */
export function parseMarkdown(source: string): Root {
  return processor.parse(source);
}
