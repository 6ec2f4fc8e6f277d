export { parseLadder } from './ladder.js';
export type { ParseFacts, ParseOptions, ParseResult } from './types.js';
export { createChunkedMarkdown, type ChunkedMarkdown } from './chunks.js';
export { quickHead, siblingHead, type QuickHead } from './head.js';
