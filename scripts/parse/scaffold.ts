import { unified } from 'unified';
import remarkStringify from 'remark-stringify';
import type { Root } from 'mdast';
import { stringify as yamlStringify } from 'yaml';
import { UserError } from '../model/errors.js';
import { CANONICAL_STYLE, formatLadder } from './format.js';

/** Kebab-case: lowercase words of letters and digits joined by single hyphens (also a safe file name). */
export function isLadderId(id: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id);
}

/** "platform-engineering" → "Platform Engineering": a starting title the author will likely keep or tweak. */
export function titleFromId(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

const inline = unified().use(remarkStringify, CANONICAL_STYLE).freeze();

/** Text as inline Markdown that reads back as exactly that text (`*`, `_`, `<` and the like escaped). */
function markdownText(text: string): string {
  const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
  return inline.stringify(tree).trim();
}

/** YAML scalar for the frontmatter: plain when safe, quoted when the title would otherwise mean something else. */
function yamlScalar(text: string): string {
  return yamlStringify(text).trimEnd();
}

export interface ScaffoldValues {
  id: string;
  title: string;
}

/**
 * Fill a ladder template: `{{id}}`, `{{title_yaml}}` (in frontmatter) and `{{title_md}}` (in Markdown).
 * The result is formatted, so a fresh scaffold already passes `ladder fmt --check`.
 */
export function fillTemplate(template: string, values: ScaffoldValues): string {
  const table: Record<string, string> = {
    id: values.id,
    title_yaml: yamlScalar(values.title),
    title_md: markdownText(values.title),
  };
  const filled = template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => {
    const value = table[name];
    if (value === undefined) throw new UserError(`unknown template placeholder ${whole}, expected one of ${Object.keys(table).map((k) => `{{${k}}}`).join(', ')}`);
    return value;
  });
  return formatLadder(filled);
}
