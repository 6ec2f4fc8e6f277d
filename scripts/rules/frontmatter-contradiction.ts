import type { Level, Position } from '../model/ladder.js';
import { defineRule } from './define.js';
import { nameKey, levelName, q, qList, usedCategories } from './text.js';

/** A declared level title matches a level by its title, key, code or "code title". */
function names(level: Level): string[] {
  const loose = (s: string) => nameKey(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const list = [level.title, level.key, level.code ?? '', `${level.code ?? ''} ${level.title}`];
  return list.filter((s) => s.trim() !== '').map(loose);
}

function same(declared: string, level: Level): boolean {
  const loose = nameKey(declared).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return names(level).includes(loose);
}

export default defineRule({
  id: 'frontmatter-contradiction',
  severity: 'error',
  description: 'Declared `levels` (count or titles) and `categories` agree with the content.',
  check({ ladder, facts, report }) {
    const at = (key: string): Position => facts.frontmatter?.keys[key] ?? facts.frontmatter?.position ?? ladder.position;
    const { levels: declaredLevels, categories: declaredCategories } = ladder.meta;
    const found = ladder.levels.length;

    if (typeof declaredLevels === 'number' && declaredLevels !== found) {
      report(`Declared \`levels: ${declaredLevels}\` contradicts the content, expected ${q(found)} (the levels found)`, at('levels'));
    } else if (Array.isArray(declaredLevels)) {
      if (declaredLevels.length !== found) {
        report(
          `Declared \`levels\` lists ${q(declaredLevels.length)} titles but the content has ${q(found)} levels, expected the same levels`,
          at('levels'),
        );
      } else {
        declaredLevels.forEach((title, i) => {
          const level = ladder.levels[i]!;
          if (typeof title !== 'string' || same(title, level)) return;
          report(
            `Declared level ${i + 1} ${q(title)} contradicts the content, expected ${levelName(level)}`,
            at('levels'),
            { position: level.position, message: `level ${i + 1} is ${levelName(level)}` },
          );
        });
      }
    }

    if (Array.isArray(declaredCategories)) {
      const used = new Set([...usedCategories(ladder), ...ladder.shared.map((c) => c.category)].map(nameKey));
      const unused = declaredCategories.filter((name) => typeof name === 'string' && !used.has(nameKey(name)));
      if (unused.length > 0 && found > 0) {
        const noun = unused.length === 1 ? 'category' : 'categories';
        report(`Declared ${noun} ${qList(unused)} used by no level, expected each declared category in the content`, at('categories'));
      }
    }
  },
});
