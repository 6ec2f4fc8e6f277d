export * from './errors.js';
export { Repo } from './repo.js';
export { WORKTREE } from './types.js';
export type { ChangedFile, ChangeStatus, CommitInfo, LogOptions, RepoFile, TagInfo, Worktree } from './types.js';
export { FINAL_RELEASE_TAG, RELEASE_TAG, compareVersionTags } from './semver.js';
export type { GitCounters } from './process.js';
