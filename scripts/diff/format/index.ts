export { formatText, type TextOptions } from './text.js';
export { formatMarkdown } from './markdown.js';
export { formatJson } from './json.js';
export { formatHtml } from './html.js';
