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
  defineParseDiagnostic({ id: 'frontmatter-yaml', severity: 'error', description: 'The frontmatter is not valid YAML.' }),
];
