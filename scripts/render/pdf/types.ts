import type { Diagnostic } from '../../model/diagnostic.js';

export interface PdfOptions {
  /** Release version, e.g. `1.4.0` (a leading `v` is fine). */
  version: string;
  /** Release date: the commit time or SOURCE_DATE_EPOCH, never "now" (it is written into the file). */
  date: Date;
  /** Written as the document's Author and in the footer. */
  organization: string;
  pageSize: 'A4' | 'Letter';
  /** BCP 47 language of the text; default: the ladder's `lang` frontmatter key, else `en`. */
  lang?: string;
  /** The commit the release is built from: in the metadata and on the title page (release-info.ts). */
  commit?: string;
  /** sha256 (hex) of each ladder's source file as built, by ladder id: the content hash in the metadata. */
  contentHashes?: Readonly<Record<string, string>>;
  /** The release-wide effective date (YYYY-MM-DD, the tag's message); a ladder's own `effective` wins on its title page. */
  effective?: string;
  /** The name the release publishes this file under (`engineering.pdf`): the SHA256SUMS line `ladder verify` checks. */
  fileName?: string;
}

export interface PdfResult {
  /** The file; empty when its bytes went to an `out` callback as they were written (renderLaddersPdf). */
  pdf: Buffer;
  /** Pages in the document (what `renderLaddersPdf` needs of each ladder's own PDF to stream). */
  pages: number;
  /** E.g. `pdf-missing-glyph`, at the position of the text that holds the character. */
  warnings: Diagnostic[];
}

/** Stable ids of what the PDF renderer reports. */
export const PDF_RULES = {
  missingGlyph: 'pdf-missing-glyph',
} as const;
