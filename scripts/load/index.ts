// The loader stage: ladder files from the working tree and from git revisions, parsed once, and the
// one diff of two revisions. I/O (files, git) happens here and in git/; every later stage is pure.
export { findLadderFiles, loadLadderFile, loadWorkspace, parsePinned, safeParse, displayPath } from './workspace.js';
export { RevisionReader, UnreadableRevisionError, gitBlobId } from './revisions.js';
export { diffRevisions, formatDiff, DIFF_FILES, DIFF_FORMATS, type DiffFormat, type RevisionsDiff } from './diff-revisions.js';
export { scopedDiff, validateChanged } from './pr-check.js';
