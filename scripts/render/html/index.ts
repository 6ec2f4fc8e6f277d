export { renderIndexPage } from './index-page.js';
export { renderLadderPage, levelLabel } from './ladder-page.js';
export { renderChangelogPage, renderChangelogView } from './changelog-page.js';
export { levelSteps, levelStep, type LevelStep, type StepItem } from './compare.js';
export { markdownToHast, sanitizeSchema, defaultLinks, type MarkdownOptions, type LinkResolver } from './markdown.js';
export { renderPage, contentSecurityPolicy, type Theme, type PageParts } from './page.js';
export type { CurrentPage } from './chrome.js';
export type { SiteInfo } from './types.js';
export { renderDiffPage } from './diff-page.js';
