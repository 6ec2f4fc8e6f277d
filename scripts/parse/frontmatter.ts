import { LineCounter, parseDocument, isMap, isScalar, type Node as YamlNode } from 'yaml';
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

export function readFrontmatter(node: Yaml, source: string, file: string): FrontmatterResult {
  const start = node.position!.start;
  // The YAML text starts on the line after the opening `---`.
  const yamlStart = source.indexOf('\n', start.offset ?? 0) + 1;
  const firstLine = start.line + 1;
  const lineCounter = new LineCounter();
  const doc = parseDocument(node.value, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): Position => {
    const lp = lineCounter.linePos(offset);
    return { line: firstLine + lp.line - 1, column: lp.col };
  };
  const positionOfNode = (n: YamlNode | null | undefined): Position =>
    n?.range ? toPosition(n.range[0]) : { line: start.line, column: start.column };
  void yamlStart;
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
  if (diagnostics.length === 0) {
    const js = doc.toJS({ maxAliasCount: 50 }) as unknown;
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
