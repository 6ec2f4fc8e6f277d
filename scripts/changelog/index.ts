export { FIRST_VERSION, bumpReasons, bumpVersion, formatVersion, parseVersion, planVersion, type Reason, type Version, type VersionPlan } from './version.js';
export { formatRef, refOf, uniqueRefs, type CommitMeta, type Ref } from './refs.js';
export { attribute, type CommitDiff } from './attribute.js';
export { GROUPS, GROUP_ORDER, groupOf, type GroupId } from './groups.js';
export { sentence, type Sentence } from './sentence.js';
export { MAX_QUOTE, shorten } from './text.js';
export { FORMATTING_ONLY, NO_CHANGE, UNRELEASED, buildChangelog, releaseView, type ChangelogView, type Entry, type LadderSection, type ReleaseInput, type ReleaseView } from './view.js';
export { formatChangelog, type MarkdownOptions } from './markdown.js';
export { summarizeLadder } from './summary.js';
