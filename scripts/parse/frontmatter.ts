import { LineCounter, parseDocument, isMap, isScalar, visit, type Alias, type Node as YamlNode } from 'yaml';
import type { Yaml } from 'mdast';
import type { Diagnostic } from '../model/diagnostic.js';
import { FrontmatterSchema, type Frontmatter, type Position } from '../model/ladder.js';

export interface FrontmatterResult {
  data: Record<string, unknown>;
  /** The known fields that passed the schema, each checked on its own so one bad field costs only itself. */
  meta: Frontmatter;
  keys: Record<string, Position>;
  position: Position;
  /** Maps a YAML node (from `doc`) to its file position. */
  positionOfNode: (node: YamlNode | null | undefined) => Position;
  doc: ReturnType<typeof parseDocument>;
  diagnostics: Diagnostic[];
}

export function readFrontmatter(node: Yaml, file: string, library = false): FrontmatterResult {
  const start = node.position!.start;
  const simple = library ? undefined : readSimple(node.value);
  if (simple) return simpleResult(node, simple, file);
  // The YAML text starts on the line after the opening `---`.
  const firstLine = start.line + 1;
  const lineCounter = new LineCounter();
  const doc = parseDocument(node.value, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): Position => {
    const lp = lineCounter.linePos(offset);
    return { line: firstLine + lp.line - 1, column: lp.col };
  };
  const positionOfNode = (n: YamlNode | null | undefined): Position =>
    n?.range ? toPosition(n.range[0]) : { line: start.line, column: start.column };
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    diagnostics.push({
      file,
      position: toPosition(err.pos[0]),
      severity: 'error',
      ruleId: 'frontmatter-yaml',
      message: `Invalid YAML frontmatter: ${err.message.split('\n')[0]}`,
    });
  }
  const keys: Record<string, Position> = {};
  let data: Record<string, unknown> = {};
  let js: unknown;
  if (diagnostics.length === 0) {
    try {
      js = doc.toJS({ maxAliasCount: 50 });
    } catch (err) {
      // The library reports an alias to no anchor before it, or too many aliases, only when it builds the value.
      if (!(err instanceof ReferenceError)) throw err;
      diagnostics.push({ file, position: positionOfNode(unresolvedAlias(doc)), severity: 'error', ruleId: 'frontmatter-yaml', message: `Invalid YAML frontmatter: ${err.message.split('\n')[0]}` });
    }
  }
  if (diagnostics.length === 0) {
    if (js !== null && js !== undefined && (typeof js !== 'object' || Array.isArray(js))) {
      diagnostics.push({
        file,
        position: { line: firstLine, column: 1 },
        severity: 'error',
        ruleId: 'frontmatter-yaml',
        message: `Unexpected frontmatter of type \`${Array.isArray(js) ? 'array' : typeof js}\`, expected a mapping of keys`,
      });
    } else if (js) {
      data = js as Record<string, unknown>;
    }
    if (isMap(doc.contents)) {
      for (const pair of doc.contents.items) {
        if (isScalar(pair.key)) keys[String(pair.key.value)] = positionOfNode((pair.value as YamlNode | null) ?? (pair.key as YamlNode));
      }
    }
  }
  return { data, meta: pickValid(data), keys, position: { line: start.line, column: start.column }, positionOfNode, doc, diagnostics };
}

/** The first alias with no anchor before it (`*x` before `&x`), where the library's ReferenceError points. */
function unresolvedAlias(doc: ReturnType<typeof parseDocument>): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * The result for frontmatter simpleFrontmatter read: each key's position is where its value starts on
 * its line (as the library's node range gives it); the YAML document, which only the YAML ladder
 * shape reads, is made by the library on first use.
 */
function simpleResult(node: Yaml, read: SimpleRead, file: string): FrontmatterResult {
  const start = node.position!.start;
  const keys: Record<string, Position> = {};
  for (const [key, at] of Object.entries(read.at)) keys[key] = { line: start.line + 1 + at.line, column: at.column };
  let full: FrontmatterResult | undefined;
  const library = () => (full ??= readFrontmatter(node, file, true));
  return {
    data: read.data,
    meta: pickValid(read.data),
    keys,
    position: { line: start.line, column: start.column },
    positionOfNode: (n) => library().positionOfNode(n),
    get doc() {
      return library().doc;
    },
    diagnostics: [],
  };
}

/** Keep every known field that passes the schema alone, and every unknown field as is. */
function pickValid(data: Record<string, unknown>): Frontmatter {
  const whole = FrontmatterSchema.safeParse(data);
  if (whole.success) return whole.data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const one = FrontmatterSchema.safeParse({ [key]: value });
    if (one.success) out[key] = (one.data as Record<string, unknown>)[key];
  }
  return FrontmatterSchema.parse(out);
}

/**
 * The data of frontmatter written as most is: one `key: value` per line, each value a single-line
 * scalar that can only be a string (a plain one starting with a letter, a date, or quoted with nothing
 * to unescape) or a flow sequence of such; what `yaml` reads from it, without a document, positions or
 * the library's tokenizer (about 0.3 ms a file, cold). Undefined for anything else (a number, `true`,
 * a comment, a nested or multi-line value, a repeated key…): the library reads those. readFrontmatter
 * (every parse, and the heads of `validate <file>` and the diff) takes it first; a property test holds
 * it to the library (test/parse/frontmatter-simple.test.ts).
 */
export function simpleFrontmatter(yaml: string): Record<string, unknown> | undefined {
  return readSimple(yaml)?.data;
}

/** simpleFrontmatter's data, and where each key's value starts (its line in the YAML from 0, its column from 1). */
interface SimpleRead {
  data: Record<string, unknown>;
  at: Record<string, { line: number; column: number }>;
}

function readSimple(yaml: string): SimpleRead | undefined {
  const data: Record<string, unknown> = {};
  const at: SimpleRead['at'] = {};
  // CR LF lines (a file saved on Windows) read as their LF twin's: YAML breaks lines at either, and no
  // value here holds a break, nor a column past its line's end. A lone carriage return, a line break of
  // its own to YAML, is left to the library.
  const lf = yaml.includes('\r') ? yaml.replaceAll('\r\n', '\n') : yaml;
  if (lf.includes('\r')) return undefined;
  const lines = lf.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const m = SIMPLE_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    if (Object.hasOwn(data, key) || RESERVED.test(key)) return undefined;
    const raw = m[2]!.trim();
    const value = raw.startsWith('[') && raw.endsWith(']') ? simpleSequence(raw.slice(1, -1)) : simpleScalar(raw, false);
    if (value === undefined) return undefined;
    data[key] = value;
    at[key] = { line: i, column: line.length - m[2]!.length + 1 };
  }
  return { data, at };
}

/** `key: value`: a key of letters, digits, `_` and `-` starting with a letter, at the line's start. */
const SIMPLE_LINE = /^([A-Za-z][A-Za-z0-9_-]*):[ ]+(\S.*)$/;
/**
 * A plain scalar that is a string and nothing else: a letter first (no indicator, number or `.inf`),
 * then letters, digits, spaces and punctuation that mean nothing inside one (no `:`, `#`, tab, or, in a
 * flow sequence, `,[]{}`).
 */
const PLAIN_BLOCK = /^\p{L}[\p{L}\p{N} _.,'()/+&@!?%*=~-]*$/u;
const PLAIN_FLOW = /^\p{L}[\p{L}\p{N} _.'()/+&@!?%*=~-]*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The core schema's booleans and null, in any case: read by the library, not taken for strings here. */
const RESERVED = /^(?:true|false|null)$/i;

function simpleScalar(raw: string, flow: boolean): string | undefined {
  const first = raw[0];
  if (first === '"' || first === "'") {
    // Quoted with nothing to unescape: no backslash or quote of either kind inside.
    const inner = raw.slice(1, -1);
    return raw.length >= 2 && raw.endsWith(first) && !/["'\\]/.test(inner) ? inner : undefined;
  }
  // A calendar date (`effective:`) is a string to the core schema, which has no timestamps.
  if (DATE.test(raw)) return raw;
  return (flow ? PLAIN_FLOW : PLAIN_BLOCK).test(raw) && !RESERVED.test(raw) ? raw : undefined;
}

function simpleSequence(inner: string): string[] | undefined {
  if (inner.trim() === '') return [];
  const items: string[] = [];
  for (const part of inner.split(',')) {
    const item = simpleScalar(part.trim(), true);
    if (item === undefined) return undefined;
    items.push(item);
  }
  return items;
}
