import type { Ladder, Level } from '../model/ladder.js';
import { levelLabel } from '../model/ladder.js';
import { defineRule } from './define.js';
import { levelSets, nameKey, q, qList, usedCategories } from './text.js';
import { translationFacts } from './translation.js';

/**
 * A translation has translated titles, so it maps to its source by key and position: tracks by
 * position, levels by position within their track (and by key when the source level has a code, like
 * `DR2`), categories by their position in the category order.
 */
export default defineRule({
  id: 'translation-structure',
  severity: 'error',
  description: 'A translation has the same tracks, levels (by key) and categories (by position) as its source at the pinned version.',
  check({ ladder, facts, siblings, pinned, report }) {
    const t = translationFacts({ ladder, facts, siblings, pinned });
    if (!t || !t.current) return;
    const source = t.pinned ?? t.current;
    const at = t.pinned ? `at ${q(t.pin.ref)}` : 'now';
    const sourceName = `the source ${q(t.pin.source)} ${at}`;
    const mine = usedCategories(ladder);
    const theirs = usedCategories(source);
    if (mine.length !== theirs.length) {
      report(
        `Translation has ${mine.length} categor${mine.length === 1 ? 'y' : 'ies'} (${qList(mine)}) but ${sourceName} has ${theirs.length} (${qList(theirs)}), expected one translated category for each, in the same order`,
        facts.frontmatter?.keys.categories ?? ladder.position,
      );
    }
    const index = (l: Ladder) => new Map(usedCategories(l).map((c, i) => [nameKey(c), i]));
    const mineIndex = index(ladder);
    const theirIndex = index(source);
    const sets = levelSets(ladder);
    const sourceSets = levelSets(source);
    if (sets.length !== sourceSets.length) {
      report(`Translation has ${sets.length} level set${sets.length === 1 ? '' : 's'} (tracks) but ${sourceName} has ${sourceSets.length}, expected the same tracks`, ladder.position);
    }
    sourceSets.forEach((theirLevels, s) => {
      const myLevels = sets[s] ?? [];
      theirLevels.forEach((theirs, i) => {
        const level = myLevels[i];
        if (!level) {
          report(`Translation lacks level ${q(levelLabel(theirs))} of ${sourceName}, expected a translated level with key ${q(theirs.key)}`, myLevels.at(-1)?.position ?? ladder.position);
          return;
        }
        if (theirs.code && nameKey(level.key) !== nameKey(theirs.key)) {
          report(`Level ${q(levelLabel(level))} has key ${q(level.key)} where ${sourceName} has ${q(levelLabel(theirs))}, expected key ${q(theirs.key)} (levels map by key, in order)`, level.position);
          return;
        }
        const used = (l: Level, idx: Map<string, number>) => new Set(l.cells.flatMap((c) => idx.get(nameKey(c.category)) ?? []));
        const mineUsed = used(level, mineIndex);
        const theirsUsed = used(theirs, theirIndex);
        const source = usedCategories(t.pinned ?? t.current!);
        const lacking = [...theirsUsed].filter((c) => !mineUsed.has(c)).map((c) => `${mine[c] ?? '?'} (${source[c]})`);
        const extra = [...mineUsed].filter((c) => !theirsUsed.has(c)).map((c) => mine[c]!);
        if (lacking.length > 0) report(`Level ${q(levelLabel(level))} lacks ${lacking.length === 1 ? 'category' : 'categories'} ${qList(lacking)} that ${sourceName} has at ${q(theirs.key)}, expected the same categories`, level.position);
        if (extra.length > 0) report(`Level ${q(levelLabel(level))} has ${extra.length === 1 ? 'category' : 'categories'} ${qList(extra)} that ${sourceName} lacks at ${q(theirs.key)}, expected the same categories`, level.position);
      });
      for (const level of myLevels.slice(theirLevels.length)) {
        report(`Level ${q(levelLabel(level))} has no counterpart in ${sourceName} (${theirLevels.length} level${theirLevels.length === 1 ? '' : 's'}), expected the same levels`, level.position);
      }
    });
  },
});
