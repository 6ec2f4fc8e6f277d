export * from './ladder.js';
export * from './diagnostic.js';
export * from './errors.js';
