import { defineRule } from './define.js';
import { q } from './text.js';

/** What `build` accepts as a release file name; validate checks the same, so a green PR builds. */
export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const RESERVED_IDS: readonly string[] = ['index', 'changelog', 'ladders'];

export function idProblem(id: string): string | undefined {
  if (!SAFE_ID.test(id) || id.length > 100) return 'use letters, digits, ".", "_" and "-", at most 100 characters';
  if (RESERVED_IDS.includes(id.toLowerCase())) return `${RESERVED_IDS.map((r) => `\`${r}\``).join(', ')} name files of every release`;
  // `<id>.changes.html` is the page of a ladder's changes: an id ending in .changes would take another's.
  if (/\.changes$/i.test(id)) return 'an id ending in `.changes` would take the name of another ladder\'s page of changes';
  return undefined;
}

export default defineRule({
  id: 'invalid-id',
  severity: 'error',
  description: 'The ladder id (frontmatter `id`, else the file name) can name release files.',
  check({ ladder, facts, report }) {
    const problem = idProblem(ladder.id);
    if (!problem) return;
    const fromName = ladder.meta.id === undefined;
    const at = facts.frontmatter?.keys.id ?? ladder.position;
    report(
      `Unexpected ladder id ${q(ladder.id)}${fromName ? ' (from the file name; set `id:` in the frontmatter)' : ''}, expected an id that can name release files: ${problem}`,
      at,
    );
  },
});
