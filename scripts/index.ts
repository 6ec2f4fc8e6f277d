// The package's library API (package.json "exports"): load, validate, diff, render. Re-exports only.
export { load, validate, diff, renderHtml, renderPdf, type Loaded } from './api/api.js';
export { parseLadder, type ParseResult, type ParseOptions } from './parse/index.js';
export { loadConfig, defaultConfig, type Config } from './config/index.js';
export { formatText, formatMarkdown, formatJson, formatHtml } from './diff/format/index.js';
export type { DiffResult, DiffView, DiffOptions } from './diff/index.js';
export type { Ladder, Level, Expectation, Position } from './model/ladder.js';
export type { Diagnostic } from './model/diagnostic.js';
export { UserError, UsageError } from './model/errors.js';
