import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Ladder } from '../../scripts/model/ladder.js';
import { comparableLadder, firstDifference } from '../../scripts/parse/compare.js';
import { formatLadder } from '../../scripts/parse/format.js';
import { parseLadder } from '../../scripts/parse/index.js';

/**
 * Random ladders, generated as a model and written out as Markdown in each shape. The generator
 * knows the plain text of every expectation it writes, so the parse is checked against the model,
 * not against itself; then fmt must keep the parsed model, and every shape must parse alike.
 */

const RUNS = Number(process.env.FC_RUNS ?? 100);

// ---- the model ----------------------------------------------------------------------------------

/** One word of an expectation: how it is written in a table cell, in a list, and what it reads as. */
interface Tok {
  table: string;
  list: string;
  plain: string;
}
const tok = (md: string, plain: string, table = md): Tok => ({ table, list: md, plain });

interface Sentence {
  toks: Tok[];
  end: string;
}

type Labelled = 'paragraph' | 'bullet' | 'nested';

interface GenLevel {
  code: string;
  sep: string;
  title: string;
  description: Sentence[];
  /** One list of sentences per category, in category order. */
  cells: Sentence[][];
}

interface GenLadder {
  title: string;
  frontmatter: 'none' | 'title' | 'title+categories';
  categories: string[];
  intro: Sentence[];
  levels: GenLevel[];
  labelled: Labelled;
}

const WORDS = ['writes', 'tests', 'reviews', 'code', 'with', 'care', 'and', 'the', 'team', 'owns', 'designs', 'systems', 'mentors', 'peers', 'for', 'quality', 'data', 'APIs', 'on-call', 'trade-offs', 'clearly', 'ships', 'small', 'changes', 'across', 'services'];
const UNICODE = ['café', 'naïve', 'Zürich', '日本語', '😀', 'straße', 'ελληνικά', 'наука', 'façade', 'Ω', '→'];
const CAPITALS = ['Writes', 'Reviews', 'Owns', 'Designs', 'Mentors', 'Ships', 'Leads', 'Explains', 'Éclaire', 'Builds'];
const CATEGORIES = ['Technical quality', 'Collaboration', 'Execution', 'Leadership', 'Impact', 'Craft', 'Communication', 'Ownership', 'Qualité', 'Zusammenarbeit', 'Delivery', 'Mentoring'];

const SPECIAL: Tok[] = [
  tok('\\*', '*'),
  tok('x\\*y', 'x*y'),
  tok('5 \\* 3', '5 * 3'),
  tok('\\_', '_'),
  tok('snake_case', 'snake_case'),
  tok('\\|', '|'),
  tok('a\\|b', 'a|b'),
  tok('\\<', '<'),
  tok('a \\< b', 'a < b'),
  tok('\\<div>', '<div>'),
  tok('\\\\', '\\'),
  tok('C:\\\\tmp', 'C:\\tmp'),
  tok('&amp;', '&'),
  tok('R&D', 'R&D'),
  tok('&lt;b&gt;', '<b>'),
  tok('C++', 'C++'),
  tok('3.5', '3.5'),
  tok('50%', '50%'),
  tok('#1', '#1'),
  tok('"quoted"', '"quoted"'),
  tok('it’s', 'it’s'),
  tok("don't", "don't"),
  tok('(see below)', '(see below)'),
  tok('e.g. logs', 'e.g. logs'),
  tok('i.e. tests', 'i.e. tests'),
  tok('—', '—'),
  tok('1/2', '1/2'),
  tok('\\[x]', '[x]'),
  tok('~', '~'),
  tok('a\\`b', 'a`b'),
  tok('\\#', '#'),
  tok('$5', '$5'),
];

const word = fc.constantFrom(...WORDS);
const anyWord = fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: fc.constantFrom(...UNICODE) });
const decorated: fc.Arbitrary<Tok> = fc.oneof(
  anyWord.map((w) => tok(`*${w}*`, w)),
  anyWord.map((w) => tok(`_${w}_`, w)),
  anyWord.map((w) => tok(`**${w}**`, w)),
  anyWord.map((w) => tok(`__${w}__`, w)),
  fc.tuple(word, word).map(([a, b]) => tok(`_${a} ${b}_`, `${a} ${b}`)),
  anyWord.map((w) => tok(`~~${w}~~`, w)),
  anyWord.map((w) => tok(`\`${w}\``, w)),
  // In a table cell a pipe needs `\|` even inside code (GFM splits cells first), elsewhere it must not.
  fc.constantFrom(tok('`a|b`', 'a|b', '`a\\|b`'), tok('`x * y`', 'x * y'), tok('`snake_case`', 'snake_case'), tok('`<b>`', '<b>')),
  anyWord.map((w) => tok(`[${w}](https://example.com/a_b?x=1&y=2)`, w)),
);
const token: fc.Arbitrary<Tok> = fc.oneof(
  { weight: 6, arbitrary: anyWord.map((w) => tok(w, w)) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: decorated },
);

const sentence: fc.Arbitrary<Sentence> = fc.record({
  toks: fc.tuple(fc.constantFrom(...CAPITALS), fc.array(token, { minLength: 1, maxLength: 7 })).map(([first, rest]) => [tok(first, first), ...rest]),
  end: fc.constantFrom('.', '.', '.', '!', '?'),
});

const levelTitle = fc.tuple(fc.constantFrom(...CAPITALS), fc.array(anyWord, { minLength: 1, maxLength: 3 })).map(([a, rest]) => [a, ...rest].join(' '));

const ladderArb: fc.Arbitrary<GenLadder> = fc
  .record({
    title: levelTitle,
    frontmatter: fc.constantFrom('none', 'title', 'title+categories') as fc.Arbitrary<GenLadder['frontmatter']>,
    categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 4 }),
    intro: fc.array(sentence, { minLength: 1, maxLength: 2 }),
    titles: fc.uniqueArray(levelTitle, { minLength: 2, maxLength: 5, selector: (t) => t.toLowerCase() }),
    prefix: fc.constantFrom('L', 'IC', 'E', 'DR'),
    sep: fc.constantFrom('·', '-'),
    labelled: fc.constantFrom('paragraph', 'bullet', 'nested') as fc.Arbitrary<Labelled>,
    seed: fc.array(fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }), { minLength: 4, maxLength: 4 }), { minLength: 5, maxLength: 5 }),
    descriptions: fc.array(fc.array(sentence, { maxLength: 2 }), { minLength: 5, maxLength: 5 }),
  })
  .map((g) => ({
    title: g.title,
    frontmatter: g.frontmatter,
    categories: g.categories,
    intro: g.intro,
    labelled: g.labelled,
    levels: g.titles.map((title, i) => ({
      code: `${g.prefix}${i + 1}`,
      sep: g.sep,
      title,
      description: g.descriptions[i]!,
      cells: g.categories.map((_, c) => g.seed[i]![c]!),
    })),
  }));

// ---- rendering ----------------------------------------------------------------------------------

type Shape = 'table' | 'headings' | 'labelled';

const md = (s: Sentence, where: 'table' | 'list') => s.toks.map((t) => t[where]).join(' ') + s.end;
const plain = (s: Sentence) => s.toks.map((t) => t.plain).join(' ') + s.end;
const prose = (ss: Sentence[]) => ss.map((s) => md(s, 'list')).join(' ');

function render(l: GenLadder, shape: Shape): string {
  const out: string[] = [];
  if (l.frontmatter !== 'none') {
    const data: Record<string, unknown> = { title: l.title };
    if (l.frontmatter === 'title+categories') data.categories = l.categories;
    out.push(`---\n${yamlStringify(data)}---`);
  }
  out.push(`# ${l.title}`, prose(l.intro));
  for (const level of l.levels) {
    out.push(`## ${level.code} ${level.sep} ${level.title}`);
    if (level.description.length) out.push(prose(level.description));
    if (shape === 'table') {
      const rows = l.categories.map((c, i) => `| ${c} | ${level.cells[i]!.map((s) => md(s, 'table')).join(' ')} |`);
      out.push(['| Category | Expectations |', '| --- | --- |', ...rows].join('\n'));
    } else if (shape === 'headings') {
      l.categories.forEach((c, i) => out.push(`### ${c}`, level.cells[i]!.map((s) => `- ${md(s, 'list')}`).join('\n')));
    } else if (l.labelled === 'paragraph') {
      l.categories.forEach((c, i) => out.push(`**${c}:** ${level.cells[i]!.map((s) => md(s, 'list')).join(' ')}`));
    } else if (l.labelled === 'bullet') {
      out.push(l.categories.map((c, i) => `- **${c}:** ${level.cells[i]!.map((s) => md(s, 'list')).join(' ')}`).join('\n'));
    } else {
      out.push(l.categories.map((c, i) => `- ${c}:\n${level.cells[i]!.map((s) => `  - ${md(s, 'list')}`).join('\n')}`).join('\n'));
    }
  }
  out.push('## How to use this ladder', 'Read each level as a whole, and talk it through with your manager.');
  return `${out.join('\n\n')}\n`;
}

// ---- properties ---------------------------------------------------------------------------------

function parse(source: string): Ladder {
  const result = parseLadder(source, 'ladders/random.md');
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.ladder).toBeDefined();
  return result.ladder!;
}

/** What the parser must make of the generated ladder, from the generator's own knowledge. */
function expectModel(ladder: Ladder, g: GenLadder): void {
  expect(ladder.title).toBe(g.title);
  expect(ladder.categories).toEqual(g.categories);
  expect(ladder.levels.map((l) => [l.key, l.title])).toEqual(g.levels.map((l) => [l.code, l.title]));
  ladder.levels.forEach((level, i) => {
    expect(level.cells.map((c) => c.category)).toEqual(g.categories);
    level.cells.forEach((cell, c) => expect(cell.expectations.map((e) => e.text)).toEqual(g.levels[i]!.cells[c]!.map(plain)));
  });
  expect(ladder.shared).toEqual([]);
  expect(ladder.notes.map((n) => n.title)).toEqual(['How to use this ladder']);
}

function sameModel(a: Ladder, b: Ladder, what: string): void {
  const diff = firstDifference(comparableLadder(a), comparableLadder(b));
  expect(diff, `${what}: differs at ${diff?.path}: ${JSON.stringify(diff?.a)} vs ${JSON.stringify(diff?.b)}`).toBeUndefined();
}

describe.each(['table', 'headings', 'labelled'] as const)('random ladders in the %s shape', (shape) => {
  it('parse to the generated model', () => {
    fc.assert(
      fc.property(ladderArb, fc.context(), (g, ctx) => {
        const source = render(g, shape);
        ctx.log(source);
        const ladder = parse(source);
        expect(ladder.shape).toBe(shape);
        expectModel(ladder, g);
      }),
      { numRuns: RUNS },
    );
  });

  it('keep their parsed model through fmt, and fmt is idempotent', () => {
    fc.assert(
      fc.property(ladderArb, fc.context(), (g, ctx) => {
        const source = render(g, shape);
        const formatted = formatLadder(source);
        ctx.log(`${source}\n----- formatted -----\n${formatted}`);
        expect(formatLadder(formatted)).toBe(formatted);
        sameModel(parse(source), parse(formatted), 'fmt changed the model');
      }),
      { numRuns: RUNS },
    );
  });
});

it('the same random ladder parses to the same model in every shape', () => {
  const neutral = (l: Ladder): Ladder => ({ ...l, shape: 'table' });
  fc.assert(
    fc.property(ladderArb, (g) => {
      const table = neutral(parse(render(g, 'table')));
      sameModel(table, neutral(parse(render(g, 'headings'))), 'table vs headings');
      sameModel(table, neutral(parse(render(g, 'labelled'))), 'table vs labelled');
    }),
    { numRuns: RUNS },
  );
});
