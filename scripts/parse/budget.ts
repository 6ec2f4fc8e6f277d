import type { Diagnostic } from '../model/diagnostic.js';
import type { Position } from '../model/ladder.js';

/**
 * Budgets for untrusted Markdown, checked by one linear scan of the source before remark runs (as
 * markdown-it's maxNesting does): nesting, table size, sentences per block and word length. Past a
 * budget the file is refused with a positioned diagnostic instead of parsed, because the parser, its
 * dependencies or the PDF layout slow down super-linearly on such input (minutes, gigabytes). Real
 * ladders stay far below every limit.
 */
export const BUDGETS = {
  /** List items, block quotes, emphasis or link brackets open at one point. */
  nesting: 32,
  /** Table rows in one file (GFM or HTML `<tr>`): remark-gfm slows down super-linearly with their total. */
  tableRows: 1_000,
  /** Cells in one table row (a matrix has one per level). */
  rowCells: 64,
  /** Sentence ends in one paragraph, list item or table cell. */
  sentences: 500,
  /** Characters in one paragraph, list item or table row: each is parsed again when rendered. */
  block: 20_000,
  /** Characters without a space (the PDF layout measures words whole). */
  word: 10_000,
} as const;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const SENTENCE_END = /[.!?。！？](?=\s|\||$)/g;
/** Where each HTML row (`<tr>`) starts in a line. */
function htmlRowStarts(line: string): readonly number[] {
  const out: number[] = [];
  for (TR_START.lastIndex = 0; TR_START.exec(line) !== null; ) out.push(TR_START.lastIndex - 3);
  return out;
}
const TR_START = /<tr(?=[\s>])/gi;
const NO_ROWS: readonly number[] = [];
/** What opens inline nesting: link brackets and emphasis. */
const OPENERS = /[[*_]/g;

function diag(file: string, ruleId: string, position: Position, message: string): Diagnostic {
  return { file, position, severity: 'error', ruleId, message };
}

/** Cells of a table row: unescaped pipes, outer pipes optional. */
export function countCells(line: string): number {
  let n = 1;
  const t = line.trim();
  // From pipe to pipe (indexOf), not character by character: every row of every table passes here. A
  // backslash escapes the character after it, so a pipe is escaped after an odd run of backslashes.
  for (let p = t.indexOf('|', 1); p >= 0 && p < t.length - 1; p = t.indexOf('|', p + 1)) {
    let run = 0;
    while (p - run > 0 && t.charCodeAt(p - run - 1) === 92) run++;
    if (run % 2 === 0) n++;
  }
  return n;
}

/**
 * The first broken budget of each kind, in source order (one line per kind keeps the report short);
 * an empty list when the file is within every budget. Linear in the length of `source`.
 */
export function checkBudgets(source: string, file: string): Diagnostic[] {
  const found = new Map<string, Diagnostic>();
  const report = (ruleId: string, position: Position, message: string) => {
    if (!found.has(ruleId)) found.set(ruleId, diag(file, ruleId, position, message));
  };
  const lines = source.split('\n');
  let fence: string | null = null;
  let tableRows = 0;
  let tableStart = 0;
  let inTable = false;
  let sentences = 0;
  let blockChars = 0;
  let blockStart = 0;
  let trs = 0;
  /** The block is an HTML table row (from its `<tr>`). */
  let inRow = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const f = FENCE.exec(line);
    if (fence !== null) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }

    // Container depth at the line start: block quote and list markers, and indentation (2 columns a level).
    let depth = 0;
    let col = 0;
    let k = 0;
    for (; k < line.length; k++) {
      const c = line[k]!;
      // Indentation before the first marker; spaces after a marker only separate it from the next.
      if (c === ' ') col += depth === 0 ? 1 : 0;
      else if (c === '\t') col += depth === 0 ? 4 - (col % 4) : 0;
      else if (c === '>') depth++;
      else if ((c === '-' || c === '*' || c === '+') && (line[k + 1] === ' ' || line[k + 1] === '\t')) depth++;
      else if (c >= '0' && c <= '9') {
        let j = k;
        while (j < line.length && j - k < 9 && line[j]! >= '0' && line[j]! <= '9') j++;
        if ((line[j] === '.' || line[j] === ')') && (line[j + 1] === ' ' || line[j + 1] === '\t')) {
          depth++;
          k = j;
        } else break;
      } else break;
    }
    depth += Math.floor(col / 2);
    if (depth > BUDGETS.nesting) {
      report('nesting-too-deep', { line: lineNo, column: 1 }, `Unexpected list or block quote nested ${depth} levels deep, expected at most ${BUDGETS.nesting}`);
    }

    // Inline nesting and word length. A line no longer than a word may be, with no more openers than
    // may nest, can break neither budget: most lines, which then skip the walk character by character.
    if (line.length > BUDGETS.word || (line.match(OPENERS)?.length ?? 0) > BUDGETS.nesting) inlineBudgets(line, lineNo, report);

    // HTML rows (`<tr>`) count toward the file's table rows, and each starts a block (below).
    const rows = line.includes('<') ? htmlRowStarts(line) : NO_ROWS;

    // Tables: a delimiter row starts one; rows run to the first line without a pipe.
    const blank = line.trim() === '';
    if (!inTable && line.includes('|') && DELIMITER_ROW.test(line) && line.includes('-')) {
      inTable = true;

    } else if (inTable && (blank || !line.includes('|'))) {
      inTable = false;
    }
    if (inTable || (line.includes('|') && DELIMITER_ROW.test(lines[i + 1] ?? ''))) {
      if (tableRows++ === 0) tableStart = lineNo;
      if (tableRows + trs > BUDGETS.tableRows) {
        report('table-too-long', { line: lineNo, column: 1 }, `Unexpected table row ${(tableRows + trs).toLocaleString('en-US')} (the first table is at line ${tableStart}), expected at most ${BUDGETS.tableRows.toLocaleString('en-US')} table rows in a file`);
      }
      const cells = countCells(line);
      if (cells > BUDGETS.rowCells) {
        report('too-many-cells', { line: lineNo, column: 1 }, `Unexpected table row of ${cells} cells, expected at most ${BUDGETS.rowCells}`);
      }
    }
    for (let r = 0; r < rows.length; r++) {
      if (++trs + tableRows > BUDGETS.tableRows) {
        report('table-too-long', { line: lineNo, column: 1 }, `Unexpected table row ${(tableRows + trs).toLocaleString('en-US')} (an HTML <tr>), expected at most ${BUDGETS.tableRows.toLocaleString('en-US')} table rows in a file`);
        break;
      }
    }

    // Sentences and characters: per table row cell line, else per block (paragraph or list item, up to a
    // blank line or a new item). An HTML `<tr>` starts a block of its own, as a GFM row does: a ladder
    // kept as one HTML table is a single block to Markdown, but it is read row by row.
    if (inTable || blank || k > 0 || /^\s*[-*+]\s/.test(line) || rows[0] === 0) {
      sentences = 0;
      blockChars = 0;
      blockStart = blank ? lineNo + 1 : lineNo;
      inRow = rows[0] === 0;
    }
    // A line is one piece, or several where HTML rows start inside it.
    SENTENCE_END.lastIndex = 0;
    let end = SENTENCE_END.exec(line)?.index ?? Infinity;
    for (let r = 0; r <= rows.length; r++) {
      const from = r === 0 ? 0 : rows[r - 1]!;
      const to = r < rows.length ? rows[r]! : line.length + 1;
      if (from > 0) {
        sentences = 0;
        blockChars = 0;
        blockStart = lineNo;
        inRow = true;
      }
      const what = inTable || inRow ? 'table row' : 'paragraph';
      blockChars += to - from;
      if (blockChars > BUDGETS.block) {
        report('block-too-long', { line: blockStart, column: 1 }, `Unexpected ${what} of more than ${BUDGETS.block.toLocaleString('en-US')} characters, expected at most ${BUDGETS.block.toLocaleString('en-US')} (split it up)`);
      }
      for (; end < to; end = SENTENCE_END.exec(line)?.index ?? Infinity) {
        if (++sentences > BUDGETS.sentences) {
          report('too-many-sentences', { line: blockStart, column: 1 }, `Unexpected ${what} of more than ${BUDGETS.sentences} sentences, expected at most ${BUDGETS.sentences} (split it up)`);
        }
      }
    }
  }
  return [...found.values()];
}

/** Link brackets and emphasis openers not yet closed on a line, and words longer than the budget. */
function inlineBudgets(line: string, lineNo: number, report: (ruleId: string, position: Position, message: string) => void): void {
  let brackets = 0;
  let emphasis = 0;
  let word = 0;
  let wordStart = 0;
  for (let j = 0; j < line.length; j++) {
    const c = line[j]!;
    if (c === '\\') {
      j++;
      word += 2;
      continue;
    }
    if (c === ' ' || c === '\t') {
      word = 0;
    } else {
      if (word === 0) wordStart = j;
      word++;
      if (word > BUDGETS.word) {
        report('word-too-long', { line: lineNo, column: wordStart + 1 }, `Unexpected word of more than ${BUDGETS.word.toLocaleString('en-US')} characters, expected at most ${BUDGETS.word.toLocaleString('en-US')} (a long word cannot be laid out)`);
        word = -Infinity; // once per word
      }
    }
    if (c === '[') brackets++;
    else if (c === ']' && brackets > 0) brackets--;
    else if (c === '*' || c === '_') {
      const before = j === 0 ? ' ' : line[j - 1]!;
      const after = line[j + 1] ?? ' ';
      const opens = /[\s([{"'*_]/.test(before) && !/\s/.test(after);
      const closes = !/\s/.test(before) && /[\s)\]}"'.,;:!?*_]/.test(after);
      if (opens && !closes) emphasis++;
      else if (closes && !opens && emphasis > 0) emphasis--;
    }
    if (brackets > BUDGETS.nesting || emphasis > BUDGETS.nesting) {
      const what = brackets > BUDGETS.nesting ? 'link brackets' : 'emphasis';
      report('nesting-too-deep', { line: lineNo, column: j + 1 }, `Unexpected ${what} nested more than ${BUDGETS.nesting} levels deep, expected at most ${BUDGETS.nesting}`);
      brackets = emphasis = -Infinity;
    }
  }
}
