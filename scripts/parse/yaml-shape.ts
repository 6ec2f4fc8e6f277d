import { MAIN_TRACK } from '../model/ladder.js';
import type { Node as YamlNode } from 'yaml';
import type { Expectation, Level, Position } from '../model/ladder.js';
import { noteOccurrence, type Ctx } from './content.js';
import type { FrontmatterResult } from './frontmatter.js';
import { fold, hashText } from './text.js';

interface Topic {
  name?: unknown;
  title?: unknown;
  content?: Array<{ level?: unknown; criteria?: unknown; exampleCriteria?: unknown }>;
}

function label(topic: Topic): string {
  const title = typeof topic.title === 'string' ? fold(topic.title) : '';
  if (title) return title;
  const name = typeof topic.name === 'string' ? fold(topic.name) : '';
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : '';
}

/**
 * The ladder kept as data in the frontmatter: `topics[].content[].level` with `criteria` strings and
 * `exampleCriteria[].criteria`. Positions come from the YAML nodes.
 */
export function readYamlLadder(fm: FrontmatterResult, ctx: Ctx): { levels: Level[]; categories: string[] } {
  const topics = fm.data.topics as Topic[];
  const byLevel = new Map<number | string, Level>();
  const categories: string[] = [];
  const nodeAt = (path: Array<string | number>): YamlNode | null | undefined => fm.doc.getIn(path, true) as YamlNode | null | undefined;
  const pos = (path: Array<string | number>): Position => fm.positionOfNode(nodeAt(path));
  topics.forEach((topic, t) => {
    if (!topic || typeof topic !== 'object' || !Array.isArray(topic.content)) return;
    const category = label(topic) || `Topic ${t + 1}`;
    if (!categories.includes(category)) categories.push(category);
    topic.content.forEach((entry, e) => {
      if (!entry || (typeof entry.level !== 'number' && typeof entry.level !== 'string')) return;
      const n = entry.level;
      let level = byLevel.get(n);
      if (!level) {
        level = { key: `level-${String(n).toLowerCase()}`, track: MAIN_TRACK, title: `Level ${n}`, position: pos(['topics', t, 'content', e, 'level']), cells: [] };
        byLevel.set(n, level);
      }
      const expectations: Expectation[] = [];
      const add = (value: unknown, path: Array<string | number>) => {
        if (typeof value !== 'string' || !fold(value)) return;
        const text = fold(value);
        expectations.push({ id: hashText(text), text, markdown: value.trim(), position: pos(path) });
      };
      if (Array.isArray(entry.criteria)) entry.criteria.forEach((c, k) => add(c, ['topics', t, 'content', e, 'criteria', k]));
      if (Array.isArray(entry.exampleCriteria)) {
        entry.exampleCriteria.forEach((c: unknown, k) => add((c as { criteria?: unknown })?.criteria, ['topics', t, 'content', e, 'exampleCriteria', k, 'criteria']));
      }
      const cellPos = pos(['topics', t, 'content', e]);
      noteOccurrence(ctx, level.key, category, cellPos);
      const existing = level.cells.find((c) => c.category === category);
      if (existing) existing.expectations.push(...expectations);
      else level.cells.push({ category, position: cellPos, expectations });
    });
  });
  const levels = [...byLevel.entries()].sort(([a], [b]) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true }))).map(([, l]) => l);
  return { levels, categories };
}
