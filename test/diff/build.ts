import type { Ladder } from '../../scripts/model/ladder.js';

/** Compact hand-built ladders for unit tests: `{ 'L1 · Title': { Category: ['text', …] } }`. */
export interface Spec {
  id?: string;
  title?: string;
  owners?: string[];
  status?: Ladder['status'];
  shared?: Record<string, string[]>;
  levels: Record<string, Record<string, string[]>>;
}

export function ladder(spec: Spec): Ladder {
  let line = 1;
  const at = () => ({ line: line++, column: 1 });
  const cells = (c: Record<string, string[]>) =>
    Object.entries(c).map(([category, texts]) => ({
      category,
      position: at(),
      expectations: texts.map((text) => ({ id: text.slice(0, 12), text, markdown: text, position: at() })),
    }));
  const shared = cells(spec.shared ?? {});
  const levels = Object.entries(spec.levels).map(([heading, c]) => {
    const m = /^(\w+) · (.+)$/.exec(heading);
    const position = at();
    return m
      ? { key: m[1]!, track: 'main', code: m[1]!, title: m[2]!, position, cells: cells(c) }
      : { key: heading.toLowerCase().replace(/\W+/g, '-'), track: 'main', title: heading, position, cells: cells(c) };
  });
  const categories = [...new Set([...shared, ...levels.flatMap((l) => l.cells)].map((c) => c.category))];
  return {
    id: spec.id ?? 'eng',
    title: spec.title ?? 'Engineering',
    file: `ladders/${spec.id ?? 'eng'}.md`,
    shape: 'headings',
    status: spec.status ?? 'active',
    owners: spec.owners ?? [],
    categories,
    tracks: [{ key: 'main', title: spec.title ?? 'Engineering' }],
    levels,
    shared,
    intro: '',
    notes: [],
    meta: {},
    position: { line: 1, column: 1 },
  };
}
