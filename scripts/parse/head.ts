import type { Yaml } from 'mdast';
import { FrontmatterSchema, type Frontmatter } from '../model/ladder.js';
import { checkBudgets } from './budget.js';
import { decodeSource } from './decode.js';
import { lfTwin } from './line-endings.js';
import { isPlainInline } from './plain-text.js';
import { fold } from './text.js';
import { readFrontmatter, type FrontmatterResult } from './frontmatter.js';

/** What parseLadder would say of a file's head, when its frontmatter alone says it. */
export interface QuickHead {
  id: string;
  title: string;
  meta: Frontmatter;
}

/** The closing fence micromark's frontmatter extension accepts: three dashes, then spaces or tabs only. */
const CLOSING_FENCE = /^---[ \t]*$/;

/**
 * The id and title parseLadder gives a file, and that it reports no error, read without parsing its
 * Markdown: for a file that decodes, keeps every budget and opens with YAML frontmatter that parses,
 * passes the schema and names the title (`title:`), the id being `id:` or the file's name as the parser
 * takes them; or for a file with no frontmatter titled by its first line (bareHead). Undefined whenever
 * that is not certain, and the caller parses the file: another shape of fence (a lone carriage return
 * or mixed line endings, spaces after the opening one), frontmatter with no title, a YAML or schema
 * problem, `extends:` (a derived ladder is read with its parent), or a file large enough for the parse
 * guard. The frontmatter is cut as micromark cuts it: the first line of `---` and nothing else opens it,
 * the next line of `---` (spaces or tabs after it allowed) closes it. The one thing this does not see
 * is a parser that throws on the file's body (it is meant never to), which the full read reports.
 */
export function quickHead(input: Uint8Array, file: string, maxBytes: number): QuickHead | undefined {
  const head = readQuickHead(input, file, maxBytes, false);
  if (!head || typeof head.meta.title !== 'string') return undefined;
  return { id: head.id, title: head.meta.title, meta: head.meta };
}

/**
 * The id and frontmatter parseLadder gives a file that it reads as a ladder, without parsing its
 * Markdown: what `validate <file>` must know of every other ladder before it reads any of their
 * categories. As quickHead, certain or undefined, except that no title is needed and a file with no
 * frontmatter at all (its first line is not `---`) has the empty one and its file name for an id.
 * Defined only for bytes within every budget (checkBudgets), so their parse need not scan them again.
 */
export function siblingHead(input: Uint8Array, file: string, maxBytes: number): SiblingHead | undefined {
  return readQuickHead(input, file, maxBytes, true);
}

export interface SiblingHead {
  id: string;
  meta: Frontmatter;
  /** The frontmatter as read, for the parse of the same bytes (ParseOptions.frontmatter). */
  frontmatter?: { value: string; read: FrontmatterResult };
}

function readQuickHead(input: Uint8Array, file: string, maxBytes: number, bare: boolean): SiblingHead | undefined {
  if (input.byteLength > maxBytes) return undefined;
  const decoded = decodeSource(input, file);
  if (decoded.diagnostic) return undefined;
  const source = decoded.text!;
  // Not even a thematic break that could be a fence: micromark sees no frontmatter, the parser reads `{}`.
  if (!source.startsWith('---')) {
    if (!bare) return bareHead(source, file);
    return checkBudgets(source, file).length > 0 ? undefined : { id: baseName(file).toLowerCase(), meta: {} };
  }
  // A CR LF file is cut as its LF twin, which has the same lines; its YAML keeps its line endings.
  const crlf = source.includes('\r');
  const lf = crlf ? lfTwin(source) : source;
  if (lf === undefined || !lf.startsWith('---\n')) return undefined;
  let end = -1;
  for (let at = 4; at < lf.length; ) {
    const nl = lf.indexOf('\n', at);
    const line = lf.slice(at, nl < 0 ? lf.length : nl);
    if (CLOSING_FENCE.test(line)) {
      end = at;
      break;
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  if (end < 0) return undefined;
  if (checkBudgets(source, file).length > 0) return undefined;
  const twin = lf.slice(4, Math.max(4, end - 1));
  const value = crlf ? twin.replaceAll('\n', '\r\n') : twin;
  const node: Yaml = { type: 'yaml', value, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
  const fm = readFrontmatter(node, file);
  if (fm.diagnostics.length > 0 || typeof fm.data !== 'object' || fm.data === null || Array.isArray(fm.data)) return undefined;
  if (!FrontmatterSchema.safeParse(fm.data).success) return undefined;
  const { meta } = fm;
  if (meta.extends !== undefined) return undefined;
  return { id: meta.id ?? baseName(file).toLowerCase(), meta, frontmatter: { value, read: fm } };
}

/**
 * A file with no frontmatter (as most real ladders are) whose first line is a `#` heading of plain
 * text, and no other line could be a level-1 heading (`#` or a setext `===` underline): the parser
 * takes that heading as the title (levels written as `#` headings need three of them), and the id is
 * the file's name. Undefined otherwise, or past a budget; CR LF lines are read as their LF twin's.
 */
function bareHead(source: string, file: string): SiblingHead | undefined {
  // A CR LF file has its LF twin's lines (a lone carriage return or mixed endings: no twin).
  const lf = source.includes('\r') ? lfTwin(source) : source;
  if (lf === undefined || !lf.startsWith('# ')) return undefined;
  const nl = lf.indexOf('\n');
  const text = nl < 0 ? lf.slice(2) : lf.slice(2, nl);
  if (!isPlainInline(text) || (nl >= 0 && OTHER_H1.test(lf.slice(nl + 1)))) return undefined;
  if (checkBudgets(source, file).length > 0) return undefined;
  return { id: baseName(file).toLowerCase(), meta: { title: fold(text) } };
}

/** A line that could be a level-1 heading: ATX `#` (indented up to three spaces), or a setext underline. */
const OTHER_H1 = /^ {0,3}(?:#(?:[ \t]|$)|=+[ \t]*$)/m;

/** The file's name without .md: a ladder's default id (lower-cased) and title. */
export function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.(md|markdown)$/i, '');
}
