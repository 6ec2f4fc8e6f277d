export { clientOptionsFromEnv, createGitHub, parseRepo, type ClientOptions, type GitHub, type RepoRef } from './client.js';
export { AuthError, GitHubError, NotFoundError, RateLimitError, UnavailableError, ValidationError, toGitHubError } from './errors.js';
export { COMMENT_LIMIT, COMMENT_MARKER, NO_CHANGES, commentBody, cutMarkdown, defuseMentions, summaryText, type Omitted } from './comment-body.js';
export { upsertStickyComment, type StickyResult } from './comments.js';
export { BUMPS, BUMP_LABELS, LABEL_PREFIX, setBumpLabel, type Bump, type LabelResult } from './labels.js';
export {
  SUMS_FILE,
  changelogSection,
  contentType,
  formatPlan,
  formatSums,
  hasWrites,
  parseSums,
  planAssets,
  planRelease,
  type AssetStep,
  type LocalAsset,
  type PublishPlan,
  type ReleaseSpec,
  type RemoteAsset,
  type RemoteRelease,
} from './release-plan.js';
export { findRelease, publishRelease, releaseAsset, type LocalFile, type PublishOptions, type PublishResult } from './releases.js';
export { CODEOWNERS_PATH, codeownersPatch, renderCodeowners, type CodeownersInput, type OwnedFile } from './codeowners.js';
export { readDiffSummary, type DiffSummary } from './diff-summary.js';
