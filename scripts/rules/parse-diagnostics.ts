import { BUDGETS } from '../parse/budget.js';
import { defineParseDiagnostic } from './define.js';

/** Ids the parser reports (scripts/parse/); listed here so config and docs see one registry. */
export const parseDiagnostics = [
  defineParseDiagnostic({
    id: 'parse-error',
    severity: 'error',
    description: 'The Markdown could not be read as a ladder.',
  }),
  defineParseDiagnostic({ id: 'not-utf8', severity: 'error', description: 'The file is not valid UTF-8 text.' }),
  defineParseDiagnostic({ id: 'binary-file', severity: 'error', description: 'The file is binary, not Markdown.' }),
  defineParseDiagnostic({ id: 'empty-file', severity: 'error', description: 'The file is empty or only whitespace.' }),
  defineParseDiagnostic({
    id: 'file-too-large',
    severity: 'error',
    description: 'The file is larger than a ladder can reasonably be, so it is not parsed.',
  }),
  defineParseDiagnostic({
    id: 'not-regular-file',
    severity: 'error',
    description: 'A ladder file is a symlink, folder, FIFO or device: refused unread, by every command alike.',
  }),
  // Budgets (scripts/parse/budget.ts): checked on the source before parsing, so a hostile file cannot stall CI.
  defineParseDiagnostic({ id: 'nesting-too-deep', severity: 'error', description: `Lists, block quotes, emphasis or links nest more than ${BUDGETS.nesting} levels deep.` }),
  defineParseDiagnostic({ id: 'table-too-long', severity: 'error', description: `The tables of a file have more than ${BUDGETS.tableRows} rows in all.` }),
  defineParseDiagnostic({ id: 'too-many-cells', severity: 'error', description: `A table row has more than ${BUDGETS.rowCells} cells.` }),
  defineParseDiagnostic({ id: 'block-too-long', severity: 'error', description: `A paragraph, list item or table row is longer than ${BUDGETS.block} characters.` }),
  defineParseDiagnostic({ id: 'too-many-sentences', severity: 'error', description: `A paragraph, list item or table row has more than ${BUDGETS.sentences} sentences.` }),
  defineParseDiagnostic({ id: 'word-too-long', severity: 'error', description: `A word is longer than ${BUDGETS.word} characters (the PDF cannot lay it out).` }),
  defineParseDiagnostic({ id: 'too-complex', severity: 'error', description: 'The file took longer than the time limit to parse (10 s, LADDER_PARSE_TIMEOUT_MS) and was not checked.' }),
  defineParseDiagnostic({ id: 'frontmatter-yaml', severity: 'error', description: 'The frontmatter is not valid YAML.' }),
];

/**
 * Ids other stages report about a ladder file: fmt's refusals and the PDF renderer's warning. No
 * check of validate's makes them, but they are registered here all the same, so every id a user sees
 * is in one list (`ladder validate --help`) and config can set its severity like any other.
 */
export const stageDiagnostics = [
  defineParseDiagnostic({ id: 'fmt-error', severity: 'error', description: '`ladder fmt` could not format the file, so it left it as it is.' }),
  defineParseDiagnostic({ id: 'fmt-unsafe', severity: 'error', description: 'Formatting would change the parsed ladder, so `ladder fmt` left the file as it is.' }),
  defineParseDiagnostic({ id: 'pdf-missing-glyph', severity: 'warning', description: 'The PDF fonts lack a character of the ladder; the PDF shows it as [U+XXXX].' }),
];
