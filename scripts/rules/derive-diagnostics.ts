import { defineParseDiagnostic } from './define.js';

/** Ids the derive stage (scripts/derive/) reports while resolving a ladder with `extends`. */
export const deriveDiagnostics = [
  defineParseDiagnostic({ id: 'extends-unknown-parent', severity: 'error', description: '`extends` names a ladder id no file of the repository has.' }),
  defineParseDiagnostic({ id: 'extends-cycle', severity: 'error', description: 'A ladder extends itself, directly or through its ancestors.' }),
  defineParseDiagnostic({ id: 'extends-too-deep', severity: 'error', description: 'A ladder has more than 8 ancestors through `extends` (each level copies its parent, so a hostile chain would grow without bound).' }),
  defineParseDiagnostic({ id: 'extends-unknown-level', severity: 'error', description: '`levelMap` maps a level to a key the parent ladder has no level of.' }),
  defineParseDiagnostic({
    id: 'extends-unknown-cell',
    severity: 'error',
    description: 'A derived ladder overrides or removes a cell (or an expectation) its parent does not have at that level.',
  }),
  defineParseDiagnostic({
    id: 'stale-override',
    severity: 'warning',
    description: 'An `(override <hash>)` cell whose parent cell has changed since the hash was written, or an override that records no hash.',
  }),
];
