// The release stage: version and changelog from the history, the assets (HTML, PDF, SHA256SUMS) and
// the workers that render them, and the atomic write of dist/.
export { assembleRelease, loadTheme, writeReleaseDir, type ReleasePlan } from './release.js';
export { nextVersion, changelogMarkdown } from './history.js';
export { historyInBackground } from './release-history.js';
export { SUMS_FILE, formatSums, parseSums, sha256Hex, sumsOf } from './sums.js';
