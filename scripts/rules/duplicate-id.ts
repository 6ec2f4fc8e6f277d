import type { Position } from '../model/ladder.js';
import { defineRule } from './define.js';
import { q } from './text.js';

/**
 * The id names the release files (`<id>.html`, `<id>.pdf`) and is what the diff matches on, so two
 * files with one id would publish whichever sorts last under the other's name, outside its owners'
 * review. Ids differing only in case count as one: release files land on case-insensitive disks.
 */
export default defineRule({
  id: 'duplicate-id',
  severity: 'error',
  description: 'Every ladder id is used by one file only (ids name the release files).',
  check({ ladder, facts, siblings, report }) {
    const other = siblings.find((s) => s.id.toLowerCase() === ladder.id.toLowerCase());
    if (!other) return;
    const at: Position = facts.frontmatter?.keys.id ?? ladder.position;
    report(`Unexpected duplicate ladder id ${q(ladder.id)}, also used by \`${other.file}\`, expected one file per id`, at, {
      file: other.file,
      position: other.position,
      message: `${q(other.id)} is the id of \`${other.file}\``,
    });
  },
});
