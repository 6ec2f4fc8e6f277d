import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';

/**
 * The canonical Markdown style of a ladder file. Fixed, not configurable: one house style means
 * `fmt --check` has one answer and diffs never show style churn.
 */
export const CANONICAL_STYLE = {
  bullet: '-',
  bulletOrdered: '.',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  ruleRepetition: 3,
  ruleSpaces: false,
  listItemIndent: 'one',
  incrementListMarker: true,
  setext: false,
  closeAtx: false,
  quote: '"',
  resourceLink: false,
  tightDefinitions: false,
} as const satisfies StringifyOptions;

const processor = unified()
  .use(remarkParse)
  // Aligned, padded tables: the widest cell sets each column's width.
  .use(remarkGfm, { tablePipeAlign: true, tableCellPadding: true })
  // Only YAML frontmatter, as the parser reads it; the yaml node's value is the text between the
  // fences, so the frontmatter comes back byte for byte.
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkStringify, CANONICAL_STYLE)
  .freeze();

/**
 * Rewrites a ladder file in canonical form. Pure and idempotent: `formatLadder(formatLadder(s))`
 * equals `formatLadder(s)`, and the parsed model of the result equals that of the input.
 * Line endings become LF and a byte-order mark is dropped (text nodes would otherwise keep `\r`).
 */
export function formatLadder(source: string): string {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return '';
  return String(processor.processSync(text));
}
