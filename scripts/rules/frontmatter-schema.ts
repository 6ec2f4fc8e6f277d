import type { z } from 'zod';
import type { Position } from '../model/ladder.js';
import { FrontmatterSchema } from '../model/ladder.js';
import { defineRule } from './define.js';
import { q, qList } from './text.js';

/** What the schema wanted, phrased to follow "Unexpected `key` value `x`, …". */
function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `expected one of ${qList(issue.values.map(String), 6, 'or')}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'expected a non-empty string';
  const rest = issue.message.replace(/^(invalid (input|option|type|string|value|format)|too (small|big)):\s*/i, '');
  return /^expected\b/i.test(rest) ? rest : `expected ${rest}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !(key in value)) return { found: false };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value };
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

export default defineRule({
  id: 'frontmatter-schema',
  severity: 'error',
  description: 'Frontmatter keys have the documented types and values (templates/frontmatter.schema.json).',
  runsWithoutLadder: true,
  check({ facts, ladder, report }) {
    const fm = facts.frontmatter;
    if (!fm || fm.data === undefined || fm.data === null) return;
    if (typeof fm.data !== 'object' || Array.isArray(fm.data)) {
      report(`Unexpected frontmatter ${q(fm.data)}, expected a mapping of keys to values`, fm.position);
      return;
    }
    const result = FrontmatterSchema.safeParse(fm.data);
    if (result.success) return;
    for (const issue of result.error.issues) {
      const top = issue.path[0];
      const position: Position =
        (typeof top === 'string' ? fm.keys[top] : undefined) ?? fm.position ?? ladder?.position ?? { line: 1, column: 1 };
      const at = valueAt(fm.data, issue.path);
      const name = issue.path.length ? q(pathText(issue.path)) : 'frontmatter';
      const found = at.found ? ` ${q(at.value)}` : '';
      report(`Unexpected ${name}${found ? ' value' : ''}${found}, ${expectation(issue)}`, position);
    }
  },
});
