import type { Ladder } from '../model/ladder.js';
import { parseMarkdown } from './markdown.js';
import { plainBlocks } from './plain-blocks.js';
import { isPlainText } from './plain-text.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mdast as plain data without positions: what a Markdown string means, not how it is spelled. */
function meaning(markdown: string): Json {
  const strip = (node: unknown): Json => {
    if (Array.isArray(node)) return node.map(strip);
    if (node && typeof node === 'object') {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(node)) if (k !== 'position' && v !== undefined) out[k] = strip(v);
      return out;
    }
    return node as Json;
  };
  // What parseMarkdown gives for plain prose, without running it once per expectation.
  if (isPlainText(markdown)) return [{ type: 'paragraph', children: [{ type: 'text', value: markdown }] }];
  // Links, emphasis, code and lists in forms that read one way: micromark's tree, built without it.
  return strip((plainBlocks(markdown, false) ?? parseMarkdown(markdown)).children);
}

const MARKDOWN_KEYS = new Set(['markdown', 'description', 'intro']);

/**
 * The parts of a ladder that formatting must not change: everything except source positions, with
 * Markdown fields compared by meaning (`*a*` and `_a_` are the same emphasis).
 */
export function comparableLadder(ladder: Ladder): Json {
  const walk = (value: unknown, key: string | undefined): Json => {
    if (Array.isArray(value)) return value.map((v) => walk(v, undefined));
    if (value && typeof value === 'object') {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(value)) if (k !== 'position' && v !== undefined) out[k] = walk(v, k);
      return out;
    }
    if (typeof value === 'string' && key !== undefined && MARKDOWN_KEYS.has(key)) return { markdown: meaning(value) };
    return value as Json;
  };
  return walk(ladder, undefined);
}

/** Path and both values of the first place two comparable values differ, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): { path: string; a: unknown; b: unknown } | undefined {
  if (Object.is(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return { path, a, b };
}
