import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUDGETS, checkBudgets, countCells } from '../../scripts/parse/budget.js';
import { parseLadder } from '../../scripts/parse/index.js';

// A handbook that keeps its ladder as one HTML table writes it without a blank line: to Markdown the
// whole table is one block. The block budget is about what is read as one piece, which is a row.
const CATEGORIES = ['Craft', 'Delivery', 'Collaboration', 'Judgement', 'Influence'];
const LEVELS = ['Learns the craft', 'Works independently', 'Owns a system', 'Leads across teams', 'Sets direction', 'Shapes the field'];

function sentence(level: number, category: number, k: number): string {
  return `At level ${level + 1}, in ${CATEGORIES[category]!.toLowerCase()}, expectation ${k + 1} asks for careful, well-reasoned work that others can build on without needing to ask.`;
}

/** One HTML table: a header row, then per level a row of cells, each a list of `perCell` items. */
function htmlLadder(perCell: number, oneLine = false): string {
  const rows = [
    `<tr><th>Level</th>${CATEGORIES.map((c) => `<th>${c}</th>`).join('')}</tr>`,
    ...LEVELS.map(
      (title, l) =>
        `<tr><th>L${l + 1} · ${title}</th>${CATEGORIES.map((_, c) => `<td><ul>${Array.from({ length: perCell }, (_, k) => `<li>${sentence(l, c, k)}</li>`).join('')}</ul></td>`).join('')}</tr>`,
    ),
  ];
  const table = ['<table>', '<thead>', rows[0], '</thead>', '<tbody>', ...rows.slice(1), '</tbody>', '</table>'].join(oneLine ? '' : '\n');
  return `---\nid: platform\n---\n\n# Platform\n\nWhat we expect at each level.\n\n${table}\n`;
}

describe('the block budget on HTML tables', () => {
  it('reads a ladder kept as one HTML table longer than a block may be, row by row', () => {
    for (const oneLine of [false, true]) {
      const source = htmlLadder(9, oneLine);
      expect(source.length).toBeGreaterThan(1.5 * BUDGETS.block);
      expect(checkBudgets(source, 'ladders/platform.md')).toEqual([]);
      const { ladder, diagnostics } = parseLadder(source, 'ladders/platform.md');
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(ladder!.levels.map((l) => l.title)).toEqual(LEVELS);
      expect(ladder!.levels.every((l) => l.cells.length === CATEGORIES.length && l.cells.every((c) => c.expectations.length === 9))).toBe(true);
    }
  });

  it('still refuses one row longer than a block may be, at the row, as a table row', () => {
    const source = htmlLadder(30);
    const line = source.split('\n').findIndex((l) => l.startsWith('<tr><th>L1')) + 1;
    const found = checkBudgets(source, 'ladders/platform.md');
    expect(found.map((d) => [d.ruleId, d.position.line])).toEqual([['block-too-long', line]]);
    expect(found[0]!.message).toMatch(/^Unexpected table row of more than 20,000 characters/);
    // On one line, the row starts there too.
    expect(checkBudgets(htmlLadder(30, true), 'ladders/platform.md').map((d) => [d.ruleId, d.message.slice(0, 20)])).toEqual([['block-too-long', 'Unexpected table row']]);
  });

  it('counts sentences per HTML row, and a paragraph is still one block', () => {
    const many = `<table>\n<tr><td>${'Ships it. '.repeat(BUDGETS.sentences)}</td></tr>\n<tr><td>${'Ships it. '.repeat(BUDGETS.sentences + 1)}</td></tr>\n</table>\n`;
    expect(checkBudgets(`# T\n\n${many}`, 'x.md').map((d) => [d.ruleId, d.position.line, d.message.slice(0, 22)])).toEqual([['too-many-sentences', 5, 'Unexpected table row o']]);
    const paragraph = `# T\n\n${'A long line of words that goes on. '.repeat(300)}\n${'A long line of words that goes on. '.repeat(300)}\n`;
    expect(checkBudgets(paragraph, 'x.md').map((d) => [d.ruleId, d.position.line, d.message.slice(0, 22)])).toEqual([
      ['block-too-long', 3, 'Unexpected paragraph o'],
      ['too-many-sentences', 3, 'Unexpected paragraph o'],
    ]);
  });
});

describe('countCells', () => {
  // The definition: a backslash escapes the next character; a pipe that is not the first or last
  // character of the trimmed row separates two cells.
  const byCharacter = (line: string) => {
    let n = 1;
    const t = line.trim();
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '\\') i++;
      else if (t[i] === '|' && i !== 0 && i !== t.length - 1) n++;
    }
    return n;
  };
  it('counts as the character-by-character definition does', () => {
    const row = fc.array(fc.constantFrom('|', '\\', ' ', 'a', '\\|', '\\\\', '||'), { maxLength: 20 }).map((p) => p.join(''));
    fc.assert(
      fc.property(row, (line) => {
        expect(countCells(line)).toBe(byCharacter(line));
      }),
      { numRuns: 20_000, seed: 16 },
    );
    expect(countCells('| a | b \\| c | d |')).toBe(3);
  });
});
