import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The faces the PDF uses; Markdown emphasis picks among them, `code` uses the mono face. */
export type FontKey = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

export const FONT_FILES: Record<FontKey, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

export const FONT_KEYS = Object.keys(FONT_FILES) as FontKey[];

export function fontKeyFor(style: { bold?: boolean; italic?: boolean; code?: boolean }): FontKey {
  if (style.code) return 'mono';
  if (style.bold) return style.italic ? 'boldItalic' : 'bold';
  return style.italic ? 'italic' : 'regular';
}

let cache: Map<FontKey, Uint8Array> | undefined;

/** The DejaVu TTF files shipped by the `dejavu-fonts-ttf` package, read once per process. */
export function fontData(): Map<FontKey, Uint8Array> {
  if (cache) return cache;
  // The package has no entry point; its package.json locates the ttf/ folder.
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  cache = new Map(FONT_KEYS.map((key) => [key, new Uint8Array(readFileSync(join(dir, FONT_FILES[key])))]));
  return cache;
}

/**
 * Fonts pdfkit has already parsed (fontkit objects), keyed like the files. Parsing the five faces costs
 * more than laying out a ladder; a parsed font is read-only to pdfkit (each document makes its own subset).
 */
export const parsedFonts = new Map<FontKey, object>();

/** Words a face's shared layout cache holds before it starts afresh: bounded, whatever the ladders hold. */
const LAYOUT_CACHE_WORDS = 20_000;

const layouts = new Map<FontKey, { words: Record<string, unknown>; uses: number }>();

/**
 * The shaped runs of words (fontkit layout, scaled) for a face, shared by every document this process
 * renders: pdfkit caches them per document font, so each ladder's PDF shaped all its words again. A run
 * depends only on the face and the word (glyph ids of the subset are assigned later, in encode), and
 * pdfkit copies a position before changing it (word spacing), so sharing changes no output. Its size is
 * checked every 32 calls (a document, or a ladder of ladders.pdf: trimLayoutCaches); past the bound the
 * face starts an empty cache.
 */
export function sharedLayoutCache(key: FontKey): Record<string, unknown> {
  let entry = layouts.get(key);
  if (entry && ++entry.uses % 32 === 0 && Object.keys(entry.words).length > LAYOUT_CACHE_WORDS) entry = undefined;
  if (!entry) {
    entry = { words: Object.create(null) as Record<string, unknown>, uses: 0 };
    layouts.set(key, entry);
  }
  return entry.words;
}
