export { renderLadderPdf, renderLaddersPdf } from './document.js';
export { PDF_RULES, type PdfOptions, type PdfResult } from './types.js';
