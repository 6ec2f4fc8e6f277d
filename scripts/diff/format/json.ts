import type { DiffResult } from '../types.js';

/** DESIGN.md §3: the diff itself, two-space indented, keys in a fixed order. */
export function formatJson(result: DiffResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
