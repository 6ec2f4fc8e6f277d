/**
 * A deterministic corpus of ladders and of a git history of realistic edits to them, for benchmarks.
 * Everything comes from one seed: the same options give the same files, commits and tags, byte for byte.
 * Pure: `generateHistory` returns the commits; `writeHistory` (bench/git-import.ts) stores them.
 */

export type CorpusShape = 'table' | 'headings' | 'labelled' | 'matrix' | 'html';
/** The default turn of shapes; `html` (one HTML table, a row group per level) is asked for by name. */
export const CORPUS_SHAPES: readonly CorpusShape[] = ['table', 'headings', 'labelled', 'matrix'];

export interface CorpusOptions {
  seed?: number;
  /** Number of ladders (default 200). */
  ladders?: number;
  /** Levels per ladder (default 6). */
  levels?: number;
  /** Categories per ladder (default 5). */
  categories?: number;
  /**
   * Every ladder the same categories, in the same order (an organisation's one set), instead of its
   * own draw from the pool. Decides how much of the other ladders `validate <file>` must read.
   */
  sharedCategories?: boolean;
  /** Expectations per cell: between min and max (default 4–8). */
  minSentences?: number;
  maxSentences?: number;
  /** Commits in the history, branch and merge commits included (default 500). */
  commits?: number;
  /** A release tag every this many commits (default 50). */
  tagEvery?: number;
  /** Folder of the ladder files (default "ladders"). */
  dir?: string;
  /** Shapes the ladders take, in turn (default all four: table, headings, labelled, matrix). */
  shapes?: readonly CorpusShape[];
  /** Ladders each commit edits: between min and max, distinct (default 1–1). */
  minLaddersPerCommit?: number;
  maxLaddersPerCommit?: number;
  /** Relative weight of each kind of edit (default EDIT_WEIGHTS; a kind left out never happens). */
  edits?: Partial<Record<EditKind, number>>;
  /** Line endings of every file (default LF): CR LF is what a repository saved on Windows holds. */
  lineEndings?: 'lf' | 'crlf';
  /** Every ladder ends with a reference-style link to a handbook and its definition (a label that acts across the file). */
  referenceLinks?: boolean;
  /**
   * Expectations written as people write them (richText): some with an inline link, a stressed word or
   * a code span; bullet lines over 100 characters wrapped onto indented lines; in the headings shape,
   * some items with a sub-point under them.
   */
  richText?: boolean;
  /** No frontmatter, as most real ladders are kept: the id is the file's name, the title the first heading. */
  bare?: boolean;
  /**
   * Two tracks per ladder, as DESIGN.md's files hold them: the first half of the levels an individual
   * contributor track, the rest a manager track (codes M1, M2, …), each under its own heading, or in the
   * matrix shape a matrix each; an HTML-table ladder keeps its first track as Markdown levels and its
   * manager track as the table after them. Levels an edit adds join the manager track.
   */
  tracks?: boolean;
}

/** Named proportions: the same generator, histories whose commits and ladders differ in shape and size. */
export type CorpusPreset =
  | 'default'
  | 'table-heavy'
  | 'shared-categories'
  | 'long-cells'
  | 'many-per-commit'
  | 'restructure'
  | 'html-tables'
  | 'wide-headings'
  | 'matrix-rewording'
  | 'windows-line-endings'
  | 'reference-links'
  | 'rich-text'
  | 'tracks';

/** Issue 16's corpus: every ladder a table; 500 commits of 1–3 ladders each make ~1,200 distinct versions. */
const TABLE_HEAVY: CorpusOptions = { shapes: ['table'], minLaddersPerCommit: 1, maxLaddersPerCommit: 3, edits: { reword: 30, add: 20, remove: 12, move: 15, 'rename-level': 8, 'add-level': 4 } };

export const CORPUS_PRESETS: Record<CorpusPreset, { description: string; options: CorpusOptions }> = {
  default: { description: 'every shape, one ladder per commit, formatting-only edits among the others', options: {} },
  'table-heavy': { description: 'every ladder a table, 1–3 ladders per commit, no formatting-only edits', options: TABLE_HEAVY },
  // The same, with one set of categories for every ladder, as an organisation's ladders usually share.
  'shared-categories': { description: 'table-heavy, every ladder with the same five categories', options: { ...TABLE_HEAVY, sharedCategories: true } },
  'long-cells': {
    description: 'every shape, 10–16 sentences per cell',
    options: { minSentences: 10, maxSentences: 16, minLaddersPerCommit: 1, maxLaddersPerCommit: 2 },
  },
  'many-per-commit': {
    description: 'every shape, 3–8 ladders per commit, a release every 20 commits',
    options: { minLaddersPerCommit: 3, maxLaddersPerCommit: 8, tagEvery: 20 },
  },
  // Handbooks that keep a ladder as one HTML table: Markdown's parse passes over it, ours must read it.
  'html-tables': { description: 'every ladder one HTML table (a row group per level), 1–3 ladders per commit', options: { ...TABLE_HEAVY, shapes: ['html'], edits: { ...TABLE_HEAVY.edits, format: 5 } } },
  // Many small cells under headings, several ladders per commit, long releases.
  'wide-headings': {
    description: 'every ladder in headings, 9 levels × 7 categories of 1–3 sentences, 2–4 ladders per commit, a release every 100 commits',
    options: { shapes: ['headings'], levels: 9, categories: 7, minSentences: 1, maxSentences: 3, minLaddersPerCommit: 2, maxLaddersPerCommit: 4, tagEvery: 100 },
  },
  // Level × category matrices and labelled bullets with long cells, mostly reworded: the slowest proportion found (11th round).
  'matrix-rewording': {
    description: 'matrices and labelled bullets, 5 levels × 4 categories of 6–12 sentences, mostly rewordings, 1–3 ladders per commit',
    options: { shapes: ['matrix', 'labelled'], levels: 5, categories: 4, minSentences: 6, maxSentences: 12, minLaddersPerCommit: 1, maxLaddersPerCommit: 3, tagEvery: 25, edits: { reword: 50, add: 10, remove: 10, move: 20 } },
  },
  // Files as a repository edited on Windows keeps them (14th round: every fast path used to skip them).
  'windows-line-endings': { description: 'every shape, CR LF line endings, 1–2 ladders per commit', options: { lineEndings: 'crlf', minLaddersPerCommit: 1, maxLaddersPerCommit: 2 } },
  // A definition acts across the file: such files were parsed whole at every version (14th round).
  'reference-links': { description: 'every shape, each ladder ending with a reference-style link and its definition, 1–2 ladders per commit', options: { referenceLinks: true, minLaddersPerCommit: 1, maxLaddersPerCommit: 2 } },
  // Links, stressed words, code, wrapped lines and sub-points: each used to send its section to micromark (15th round).
  // And no frontmatter, as most real ladders: the diff then needs each unchanged ladder's title from its first line.
  'rich-text': {
    description: 'every shape, no frontmatter, items with links, emphasis and code, long bullets wrapped, sub-points under some items, 1–2 ladders per commit',
    options: { richText: true, bare: true, minLaddersPerCommit: 1, maxLaddersPerCommit: 2 },
  },
  // DESIGN.md's files with two level sets: an individual contributor and a manager track (16th issue, twentieth round).
  tracks: {
    description: 'every shape, two tracks per ladder (individual contributor and manager, each under its own heading), 1–3 ladders per commit',
    options: { tracks: true, minLaddersPerCommit: 1, maxLaddersPerCommit: 3, edits: { ...TABLE_HEAVY.edits, format: 5 } },
  },
  restructure: {
    description: 'every shape, frequent level renames and added levels, a release every 10 commits',
    options: { minLaddersPerCommit: 1, maxLaddersPerCommit: 2, tagEvery: 10, edits: { reword: 20, add: 10, remove: 8, move: 10, 'rename-level': 25, 'add-level': 15, format: 5 } },
  },
};

export function isCorpusPreset(name: string): name is CorpusPreset {
  return Object.hasOwn(CORPUS_PRESETS, name);
}

export interface CorpusLevel {
  code: string;
  title: string;
}

export interface CorpusLadder {
  id: string;
  title: string;
  shape: CorpusShape;
  levels: CorpusLevel[];
  categories: string[];
  /** cells[level][category] = sentences. */
  cells: string[][][];
  /** Formatting switches: flipping one changes the bytes, not the meaning. */
  style: { padded: boolean; star: boolean; bold: boolean };
  /** With tracks: the index of the manager track's first level. */
  trackAt?: number;
}

export interface Person {
  name: string;
  email: string;
  login: string;
}

export interface CorpusCommit {
  message: string;
  author: Person;
  /** Epoch seconds. */
  date: number;
  /** Path → new content, or null to delete. */
  files: Record<string, string | null>;
  /** A pull request's branch commit, made on top of main and merged by the next commit. */
  side?: boolean;
  /** A merge commit: first parent main, second parent the previous (side) commit; same files. */
  merge?: boolean;
  /** Lightweight release tag on this commit. */
  tag?: string;
}

export type EditKind = 'reword' | 'add' | 'remove' | 'move' | 'rename-level' | 'add-level' | 'format';

// ---- deterministic randomness ---------------------------------------------------------------------

/** mulberry32: tiny, fast, and the same on every platform. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---- vocabulary -----------------------------------------------------------------------------------

const VERBS = [
  'Designs', 'Builds', 'Reviews', 'Leads', 'Mentors peers on', 'Documents', 'Improves', 'Owns', 'Plans', 'Coordinates',
  'Measures', 'Shares', 'Automates', 'Tests', 'Explains', 'Negotiates', 'Simplifies', 'Prioritizes', 'Debugs', 'Models',
];
const ADJECTIVES = [
  'reliable', 'scalable', 'clear', 'secure', 'maintainable', 'well-tested', 'observable', 'accessible', 'consistent',
  'pragmatic', 'resilient', 'focused', 'documented', 'incremental',
];
const NOUNS = [
  'services', 'interfaces', 'migrations', 'roadmaps', 'incident reviews', 'code reviews', 'guides', 'experiments',
  'dashboards', 'processes', 'releases', 'proposals', 'pipelines', 'decisions', 'data models', 'onboarding plans',
];
const TAILS = [
  'for the team', 'across several teams', 'with little guidance', 'before they reach customers', 'in small increments',
  'with measurable goals', 'so others can build on them', 'when priorities change', 'for the wider organization',
  'and shares what they learn', 'with the people who depend on them', 'within the agreed time', 'under real constraints',
  'that other teams adopt', 'without being asked',
];
const LEVEL_TITLES = [
  'Learns the craft', 'Works independently', 'Leads projects', 'Shapes an area', 'Sets direction', 'Defines the field',
  'Grows the team', 'Builds the foundations', 'Owns outcomes', 'Multiplies others', 'Guides the organization',
  'Drives strategy', 'Delivers with support', 'Solves ambiguous problems',
];
const CATEGORIES = [
  'Technical quality', 'Collaboration', 'Execution', 'Leadership', 'Communication', 'Impact', 'Craft', 'Mentoring',
  'Strategy', 'Operations',
];
const LADDER_TITLES = [
  'Platform Engineering', 'Developer Relations', 'Data Science', 'Product Design', 'Site Reliability', 'Security',
  'Technical Writing', 'Product Management', 'Mobile Engineering', 'Quality Engineering', 'Data Engineering',
  'Infrastructure', 'Customer Engineering', 'Research', 'Machine Learning', 'Analytics',
];
const PEOPLE: Person[] = [
  { name: 'Alice Martin', email: 'alice@example.com', login: 'alice' },
  { name: 'Bob Okafor', email: '1001+bokafor@users.noreply.github.com', login: 'bokafor' },
  { name: 'Chen Wei', email: 'chen.wei@example.com', login: 'chenwei' },
  { name: 'Dana Silva', email: '1002+dsilva@users.noreply.github.com', login: 'dsilva' },
  { name: 'Emil Novak', email: 'emil@example.com', login: 'enovak' },
  { name: 'Fatima Haddad', email: 'fatima@example.com', login: 'fhaddad' },
];
const SUMMARIES: Record<EditKind, string[]> = {
  reword: ['Clarify wording', 'Tighten phrasing', 'Fix unclear expectation', 'Reword for clarity'],
  add: ['Add expectation', 'Cover a missing behaviour', 'Expect more at this level'],
  remove: ['Drop outdated expectation', 'Remove duplicate expectation', 'Trim expectations'],
  move: ['Move expectation to the right level', 'Rebalance levels', 'Shift expectation between levels'],
  'rename-level': ['Rename level', 'Retitle level to match our titles'],
  'add-level': ['Add a level', 'Add a senior level'],
  format: ['Reformat tables', 'Format with the house style', 'Tidy Markdown'],
};

// ---- ladders --------------------------------------------------------------------------------------

function sentence(r: Random, used: Set<string>): string {
  for (;;) {
    const s = `${r.pick(VERBS)} ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} ${r.pick(TAILS)}.`;
    if (!used.has(s)) {
      used.add(s);
      return s;
    }
  }
}

function usedOf(l: CorpusLadder): Set<string> {
  return new Set(l.cells.flat(2));
}

export function generateLadders(opts: CorpusOptions = {}): CorpusLadder[] {
  const r = new Random(rng(opts.seed ?? 1));
  const n = opts.ladders ?? 200;
  const levels = opts.levels ?? 6;
  const cats = Math.min(opts.categories ?? 5, CATEGORIES.length);
  const min = opts.minSentences ?? 4;
  const max = opts.maxSentences ?? 8;
  const shapes = opts.shapes ?? CORPUS_SHAPES;
  if (shapes.length === 0) throw new Error('the corpus needs at least one shape');
  const out: CorpusLadder[] = [];
  for (let i = 0; i < n; i++) {
    const used = new Set<string>();
    const base = LADDER_TITLES[i % LADDER_TITLES.length]!;
    const round = Math.floor(i / LADDER_TITLES.length);
    // Drawn either way, so that the rest of the corpus is the same random stream.
    const drawn = shuffle(r, CATEGORIES).slice(0, cats);
    const categories = opts.sharedCategories ? CATEGORIES.slice(0, cats) : drawn;
    const titles = shuffle(r, LEVEL_TITLES);
    out.push({
      id: `ladder-${String(i + 1).padStart(3, '0')}`,
      title: round === 0 ? base : `${base} ${round + 1}`,
      shape: shapes[i % shapes.length]!,
      levels: Array.from({ length: levels }, (_, k) => ({ code: `L${k + 1}`, title: titles[k % titles.length]! })),
      categories,
      cells: Array.from({ length: levels }, () => categories.map(() => Array.from({ length: r.between(min, max) }, () => sentence(r, used)))),
      style: { padded: r.chance(0.5), star: r.chance(0.3), bold: r.chance(0.5) },
      ...(opts.tracks ? { trackAt: Math.ceil(levels / 2) } : {}),
    });
  }
  return out;
}

function shuffle<T>(r: Random, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

// ---- rendering ------------------------------------------------------------------------------------

/**
 * A sentence as it would be written with some Markdown in it, decided by the sentence itself (so an
 * expectation keeps its look from version to version): about one in six links a word to the handbook,
 * one in twelve each stresses its first word (`**…**`), emphasises one (`_…_`) or sets one as code.
 */
export function richSentence(s: string): string {
  const words = s.split(' ');
  const h = [...s].reduce((n, c) => (n * 31 + c.charCodeAt(0)) >>> 0, 7) % 12;
  const at = words.findIndex((w, i) => i >= 1 && /^[a-z]{4,}$/.test(w));
  if (at < 0) return s;
  const w = words[at]!;
  if (h < 2) words[at] = `[${w}](https://handbook.example.com/${w})`;
  else if (h === 2) words[0] = `**${words[0]}**`;
  else if (h === 3) words[at] = `_${w}_`;
  else if (h === 4) words[at] = `\`${w}\``;
  return words.join(' ');
}

/**
 * Bullet lines over 100 characters wrapped at spaces onto lines indented to the item's text, as an
 * editor set to wrap prose writes them; in the headings shape, one item in five (by its text) gets a
 * sub-point indented under it.
 */
function richLines(text: string, subPoints: boolean): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const item = /^([-*]) /.exec(line);
      if (!item) return [line];
      const out: string[] = [];
      let rest = line;
      while (rest.length > 100) {
        const cut = rest.lastIndexOf(' ', 100);
        if (cut <= 2) break;
        out.push(rest.slice(0, cut));
        rest = `  ${rest.slice(cut + 1)}`;
      }
      out.push(rest);
      const h = [...line].reduce((n, c) => (n * 33 + c.charCodeAt(0)) >>> 0, 5);
      if (subPoints && h % 5 === 0) out.push(`  ${item[1]} for example, when the work crosses ${['two teams', 'a release', 'an incident', 'a quarter'][h % 4]}`);
      return out;
    })
    .join('\n');
}

export function renderLadder(l: CorpusLadder, rich = false): string {
  if (rich) {
    const decorated: CorpusLadder = { ...l, cells: l.cells.map((level) => level.map((cell) => cell.map(richSentence))) };
    return richLines(renderLadder(decorated), l.shape === 'headings');
  }
  const out: string[] = [
    '---',
    `title: ${l.title}`,
    `id: ${l.id}`,
    `owners: ["@acme/${l.id}-leads"]`,
    'status: active',
    `categories: [${l.categories.join(', ')}]`,
    '---',
    '',
    `# ${l.title}`,
    '',
    `This ladder describes what we expect from people in ${l.title} at each level. Each level includes the expectations of the levels before it.`,
    '',
  ];
  const at = l.trackAt;
  const heading = (k: number) => `${at !== undefined && k >= at ? `M${k - at + 1}` : l.levels[k]!.code} · ${l.levels[k]!.title}`;
  const all = l.levels.map((_, k) => k);
  if (at === undefined) {
    out.push(...levelBlocks(l, all, heading, l.shape, 2));
    return out.join('\n');
  }
  const ic = all.slice(0, at);
  const manager = all.slice(at);
  out.push('## Individual contributor track', '', 'For people who grow by the reach of their own work.', '');
  out.push(...levelBlocks(l, ic, heading, l.shape === 'html' ? 'table' : l.shape, 3));
  out.push('## Manager track', '', 'For people who grow by the reach of their teams.', '');
  out.push(...levelBlocks(l, manager, heading, l.shape, 3));
  return out.join('\n');
}

/** The lines of the levels `ks` in one shape, level headings at `depth` (categories one deeper). */
function levelBlocks(l: CorpusLadder, ks: number[], heading: (k: number) => string, shape: CorpusShape, depth: number): string[] {
  const out: string[] = [];
  const bullet = l.style.star ? '*' : '-';
  const label = (c: string) => (l.style.bold ? `**${c}**` : c);
  if (shape === 'html') return [...htmlTable(l, ks, heading), ''];
  if (shape === 'matrix') {
    const rows = [['', ...ks.map((k) => heading(k))], ...l.categories.map((c, j) => [label(c), ...ks.map((k) => l.cells[k]![j]!.join(' '))])];
    return [...table(rows, l.style.padded), ''];
  }
  for (const k of ks) {
    out.push(`${'#'.repeat(depth)} ${heading(k)}`, '', `People at this level ${l.levels[k]!.title.toLowerCase()}.`, '');
    const cells = l.cells[k]!;
    if (shape === 'table') {
      out.push(...table([['Category', 'Expectations'], ...l.categories.map((c, j) => [label(c), cells[j]!.join(' ')])], l.style.padded), '');
    } else if (shape === 'headings') {
      l.categories.forEach((c, j) => out.push(`${'#'.repeat(depth + 1)} ${c}`, '', ...cells[j]!.map((s) => `${bullet} ${s}`), ''));
    } else {
      l.categories.forEach((c, j) => out.push(`${bullet} **${c}:** ${cells[j]!.join(' ')}`));
      out.push('');
    }
  }
  return out;
}

/**
 * The levels as one HTML table, as some handbooks keep them: a header row of categories, then per
 * level a row whose `<th scope="row">` names it, a summary row spanning the categories, and a row of
 * cells holding a bullet list each. `padded` indents the markup and sets the head and body apart with
 * blank lines; `bold` puts the summary in <strong>.
 */
function htmlTable(l: CorpusLadder, ks: number[], heading: (k: number) => string): string[] {
  const i = (n: number) => (l.style.padded ? '  '.repeat(n) : '');
  // Padded, the row groups stand apart too, as in handbooks: each then is an HTML block of its own.
  const gap = l.style.padded ? [''] : [];
  const out = ['<table class="levels">', ...gap, `${i(1)}<thead>`, `${i(2)}<tr>`, `${i(3)}<th scope="col">Level</th>`];
  for (const c of l.categories) out.push(`${i(3)}<th scope="col">${c}</th>`);
  out.push(`${i(2)}</tr>`, `${i(1)}</thead>`, ...gap, `${i(1)}<tbody>`);
  ks.forEach((k) => {
    const level = l.levels[k]!;
    const summary = `People at this level ${level.title.toLowerCase()}.`;
    out.push(`${i(2)}<!-- ${level.code} -->`, `${i(2)}<tr>`, `${i(3)}<th scope="row" rowspan="3">${heading(k)}</th>`, `${i(2)}</tr>`);
    out.push(`${i(2)}<tr>`, `${i(3)}<td colspan="${l.categories.length}"><p>${l.style.bold ? `<strong>${summary}</strong>` : summary}</p></td>`, `${i(2)}</tr>`);
    out.push(`${i(2)}<tr>`);
    for (const cell of l.cells[k]!) out.push(`${i(3)}<td>`, `${i(4)}<ul>`, ...cell.map((s) => `${i(5)}<li>${s}</li>`), `${i(4)}</ul>`, `${i(3)}</td>`);
    out.push(`${i(2)}</tr>`);
  });
  out.push(`${i(1)}</tbody>`, '</table>');
  return out;
}

function table(rows: string[][], padded: boolean): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (padded ? c.padEnd(widths[i]!) : c)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(padded ? w : 3)).join(' | ')} |`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)];
}

// ---- edits ----------------------------------------------------------------------------------------

export const EDIT_WEIGHTS: Readonly<Record<EditKind, number>> = {
  reword: 30, add: 20, remove: 12, move: 15, 'rename-level': 5, 'add-level': 0, format: 13,
};

function pickEdit(r: Random, weights: ReadonlyArray<[EditKind, number]>): EditKind {
  const total = weights.reduce((n, [, w]) => n + w, 0);
  let x = r.int(total);
  for (const [k, w] of weights) {
    if (x < w) return k;
    x -= w;
  }
  return 'reword';
}

/** Applies one edit in place; returns false when it cannot apply (e.g. nothing left to remove). */
export function applyEdit(r: Random, l: CorpusLadder, kind: EditKind): boolean {
  const k = r.int(l.levels.length);
  const j = r.int(l.categories.length);
  const cell = l.cells[k]![j]!;
  switch (kind) {
    case 'reword': {
      if (cell.length === 0) return false;
      const i = r.int(cell.length);
      const words = cell[i]!.slice(0, -1).split(' ');
      // Swap one adjective or tail word for another: the same expectation, said differently.
      const at = words.findIndex((w) => ADJECTIVES.includes(w));
      if (at >= 0) words[at] = r.pick(ADJECTIVES.filter((a) => a !== words[at]));
      else words.push('consistently');
      const next = `${words.join(' ')}.`;
      if (usedOf(l).has(next)) return false;
      cell[i] = next;
      return true;
    }
    case 'add':
      cell.splice(r.int(cell.length + 1), 0, sentence(r, usedOf(l)));
      return true;
    case 'remove':
      if (cell.length <= 1) return false;
      cell.splice(r.int(cell.length), 1);
      return true;
    case 'move': {
      if (cell.length <= 1) return false;
      const to = k === 0 ? 1 : k === l.levels.length - 1 ? k - 1 : r.chance(0.5) ? k - 1 : k + 1;
      const [s] = cell.splice(r.int(cell.length), 1);
      l.cells[to]![j]!.push(s!);
      return true;
    }
    case 'rename-level': {
      const taken = new Set(l.levels.map((x) => x.title));
      const free = LEVEL_TITLES.filter((t) => !taken.has(t));
      if (free.length === 0) return false;
      l.levels[k] = { ...l.levels[k]!, title: r.pick(free) };
      return true;
    }
    case 'add-level': {
      // A new top level, its cells as full as the others: every later version holds one more section.
      const taken = new Set(l.levels.map((x) => x.title));
      const free = LEVEL_TITLES.filter((t) => !taken.has(t));
      if (free.length === 0 || l.levels.length >= 12) return false;
      const used = usedOf(l);
      const size = Math.max(1, Math.round(l.cells.flat().reduce((n, c) => n + c.length, 0) / Math.max(1, l.cells.flat().length)));
      l.levels.push({ code: `L${l.levels.length + 1}`, title: r.pick(free) });
      l.cells.push(l.categories.map(() => Array.from({ length: size }, () => sentence(r, used))));
      return true;
    }
    case 'format': {
      const key = r.pick(['padded', 'star', 'bold'] as const);
      l.style = { ...l.style, [key]: !l.style[key] };
      return true;
    }
  }
}

// ---- history --------------------------------------------------------------------------------------

/** Epoch seconds of the first commit (2023-01-02T09:00:00Z); later commits follow a few hours apart. */
export const CORPUS_START = 1_672_650_000;

export function ladderPath(l: CorpusLadder, dir = 'ladders'): string {
  return `${dir}/${l.id}.md`;
}

/**
 * A history of `commits` commits: the first adds every ladder, the rest edit one ladder each (or
 * `minLaddersPerCommit`–`maxLaddersPerCommit`), as
 * squashed pull requests (`Title (#12)`), merged pull requests (a branch commit, then
 * `Merge pull request #12 from login/branch`) or direct commits, with a release tag every `tagEvery`.
 */
export function generateHistory(opts: CorpusOptions = {}): { ladders: CorpusLadder[]; commits: CorpusCommit[] } {
  const seed = opts.seed ?? 1;
  const ladders = generateLadders(opts);
  const r = new Random(rng(seed ^ 0x9e3779b9));
  const dir = opts.dir ?? 'ladders';
  const total = opts.commits ?? 500;
  const tagEvery = opts.tagEvery ?? 50;
  const weights = Object.entries(opts.edits ?? EDIT_WEIGHTS).filter(([, w]) => w > 0) as Array<[EditKind, number]>;
  if (weights.length === 0) throw new Error('the corpus needs at least one kind of edit');
  const minPer = Math.max(1, opts.minLaddersPerCommit ?? 1);
  const maxPer = Math.min(ladders.length, Math.max(minPer, opts.maxLaddersPerCommit ?? minPer));
  const commits: CorpusCommit[] = [];
  let date = CORPUS_START;
  let pr = 100;
  let releases = 0;
  const push = (c: Omit<CorpusCommit, 'date'>) => {
    date += 3600 * r.between(1, 30);
    const commit: CorpusCommit = { ...c, date };
    commits.push(commit);
    if (!commit.side && commits.length % tagEvery === 0) commit.tag = `v1.${releases++}.0`;
  };
  const render = (l: CorpusLadder): string => {
    let text = renderLadder(l, opts.richText === true);
    if (opts.bare) text = text.slice(text.indexOf('\n---\n') + 5).replace(/^\n/, '');
    // The reference in the introduction, its definition at the end: the first section needs the last one's label.
    if (opts.referenceLinks) {
      text = text.replace('the levels before it.\n', `the levels before it. See the [${l.title} handbook] for how it is used in reviews.\n`);
      text += `\n[${l.title} handbook]: https://handbook.example.com/${l.id}\n`;
    }
    return opts.lineEndings === 'crlf' ? text.replaceAll('\n', '\r\n') : text;
  };
  push({
    message: 'Add the career ladders',
    author: PEOPLE[0]!,
    files: Object.fromEntries(ladders.map((l) => [ladderPath(l, dir), render(l)])),
  });
  const snapshot = new Map(ladders.map((l) => [l.id, structuredClone(l)]));
  while (commits.length < total) {
    // One ladder per commit draws exactly what it always drew, so the default corpus stays byte for byte.
    const count = maxPer === 1 ? 1 : r.between(minPer, maxPer);
    const touched: CorpusLadder[] = [];
    let kind: EditKind = 'reword';
    for (let n = 0; n < count; n++) {
      const l = r.pick(ladders);
      if (touched.includes(l)) continue;
      const k = pickEdit(r, weights);
      const edits = k === 'format' || k === 'add-level' ? 1 : r.between(1, 3);
      let applied = 0;
      for (let e = 0; e < edits; e++) if (applyEdit(r, l, k)) applied++;
      if (applied === 0) continue;
      if (touched.length === 0) kind = k;
      touched.push(l);
    }
    if (touched.length === 0) continue;
    const l = touched[0]!;
    const files = Object.fromEntries(touched.map((t) => [ladderPath(t, dir), render(t)]));
    const author = r.pick(PEOPLE);
    const summary = `${r.pick(SUMMARIES[kind])} in ${l.title}${touched.length > 1 ? ` and ${touched.length - 1} more` : ''}`;
    const style = r.next();
    // A merge needs two commits and a tag must not land on the side branch: keep room for both.
    if (style < 0.3 && commits.length + 2 <= total && (commits.length + 1) % tagEvery !== 0) {
      const n = pr++;
      push({ message: summary, author, files, side: true });
      push({ message: `Merge pull request #${n} from ${author.login}/${kind}-${n}\n\n${summary}`, author, files, merge: true });
    } else if (style < 0.9) {
      push({ message: `${summary} (#${pr++})`, author, files });
    } else {
      push({ message: summary, author, files });
    }
    for (const t of touched) snapshot.set(t.id, structuredClone(t));
  }
  return { ladders: [...snapshot.values()], commits };
}
