export * from './levels.js';
export * from './format.js';
