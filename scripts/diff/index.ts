export * from './kinds.js';
export * from './policy.js';
export * from './types.js';
export { REWORD_THRESHOLD, similarity, words, highlight, type Segment } from './similarity.js';
export { alignLadder, sameWords, ownsMatch, SHARED, CONTENT_THRESHOLD, type LadderAlignment, type AlignOptions } from './align.js';
export { judge, labelFromChange } from './changes.js';
export * from './classify/index.js';
export { diffLadder, diffLadders, compareLadder, compareLadders, comparisonMemo, type ComparisonMemo, type DiffOptions, type LadderComparison } from './diff.js';
export { buildView, type DiffView, type LadderView, type LevelSide, type Row } from './view.js';
