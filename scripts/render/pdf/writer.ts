import type { Diagnostic } from '../../model/diagnostic.js';
import type { Position } from '../../model/ladder.js';
import { FONT_KEYS, fontData, fontKeyFor, parsedFonts, sharedLayoutCache, type FontKey } from './fonts.js';
import { wrap, type Frag, type Line, type TextStyle } from './layout.js';
import type { Span } from './markdown.js';
import { COLOR, PAGE, SIZE } from './theme.js';
import { PDF_RULES } from './types.js';

export type Doc = PDFKit.PDFDocument;

/** Where a piece of text came from, so a warning can point at it. */
export interface Source {
  file: string;
  position: Position;
  ladder: string;
}

/** What the running header and footer show on a page; `chrome: false` for cover pages. */
export interface PageInfo {
  chrome: boolean;
  title: string;
  section: string;
}

export interface Base {
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
}

/** pdfkit's font of a document (internal): the fontkit font and the word layout it caches. */
interface EmbeddedFont {
  font: { hasGlyphForCodePoint(cp: number): boolean };
  layoutCache?: Record<string, unknown>;
  layoutCached(text: string): { advanceWidth: number };
}

/** pdfkit internals this module relies on (present in 0.20, absent from @types/pdfkit). */
interface DocInternals {
  _font: EmbeddedFont;
  _id: Uint8Array;
  _pageBuffer: Array<{ end(): void } | null>;
  _pageBufferStart: number;
  endPageMarkings(page: unknown): void;
}

/**
 * Advance widths (in 1/1000 em) of the pieces pdfkit measures a text in, per face, shared by every
 * document of the process: a width depends only on the face and the piece. Emptied when it reaches
 * CHUNKS_KEPT pieces, so that a build of thousands of ladders keeps a bounded number.
 */
const chunkWidths = new Map<FontKey, Map<string, number>>();
let chunksKept = 0;
const CHUNKS_KEPT = 100_000;

/** Lines by fragments and width (Writer.lines), for every document of the process; emptied when full. */
const laidOut = new Map<string, readonly Line[]>();
const LAID_OUT_KEPT = 20_000;

// Invisible by definition (variation selectors, joiners, soft hyphens): dropping them loses nothing.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const CONTROL = /[\p{Cc}]/u;

/**
 * A thin layer over a pdfkit document: a vertical cursor with page breaks, styled text measured once,
 * glyph coverage checks, and the bookkeeping for headers, footers and links that are drawn at the end.
 */
export class Writer {
  readonly width: number;
  readonly height: number;
  readonly left = PAGE.margin.left;
  readonly right: number;
  readonly top = PAGE.margin.top;
  readonly bottom: number;
  y: number = PAGE.margin.top;
  readonly pages: PageInfo[] = [];
  /** Page index of every named destination. */
  readonly destinations = new Map<string, number>();
  chrome: Omit<PageInfo, 'chrome'> = { title: '', section: '' };
  /** Called after a page break inside a flow that repeats something (a table header). */
  onPageBreak: (() => void) | undefined;

  /** The open structure elements (tagged PDF): the document first, the innermost last. */
  private readonly structs: PDFKit.PDFStructureElement[] = [];
  /** Marked-content sequences open (structure content or an artifact): decoration inside one joins it. */
  private marking = 0;
  private readonly warnings = new Map<string, Diagnostic>();
  private readonly coverage = new Map<FontKey, (cp: number) => boolean>();
  private readonly fonts = new Map<FontKey, EmbeddedFont>();

  constructor(
    readonly doc: Doc,
    private readonly size: string,
  ) {
    for (const [key, data] of fontData()) {
      const src = parsedFonts.get(key) ?? Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      doc.registerFont(key, src as Buffer);
    }
    for (const key of FONT_KEYS) {
      const embedded = (doc.font(key) as unknown as DocInternals)._font;
      if (embedded.layoutCache) embedded.layoutCache = sharedLayoutCache(key);
      this.fonts.set(key, embedded);
      const font = embedded.font;
      parsedFonts.set(key, font);
      const seen = new Map<number, boolean>();
      this.coverage.set(key, (cp) => {
        let has = seen.get(cp);
        if (has === undefined) seen.set(cp, (has = font.hasGlyphForCodePoint(cp)));
        return has;
      });
    }
    this.addPage(false);
    this.width = doc.page.width;
    this.height = doc.page.height;
    this.right = this.width - PAGE.margin.right;
    this.bottom = this.height - PAGE.margin.bottom;
  }

  // ---- structure (tagged PDF) ----------------------------------------------------------------------

  /** Opens the document's structure tree; everything tagged later nests under this element. */
  startStructure(): void {
    const root = this.doc.struct('Document');
    this.doc.addStructure(root);
    this.structs.push(root);
  }

  /** A structure element holding other elements (Sect, Table, TR, L, LI), open while `fn` runs. */
  group<T>(type: string, fn: () => T, options: Record<string, unknown> = {}): T {
    const el = this.open(type, options);
    try {
      return fn();
    } finally {
      this.close(el);
    }
  }

  /** A structure element created now and kept open: content may be added to it across pages (table cells). */
  open(type: string, options: Record<string, unknown> = {}): PDFKit.PDFStructureElement {
    const el = this.doc.struct(type as never, options as never);
    this.structs.at(-1)!.add(el);
    this.structs.push(el);
    return el;
  }

  /** A child of `parent` that stays off the open stack: siblings filled side by side (a row's TH and TD). */
  child(parent: PDFKit.PDFStructureElement, type: string, options: Record<string, unknown> = {}): PDFKit.PDFStructureElement {
    const el = this.doc.struct(type as never, options as never);
    parent.add(el);
    return el;
  }

  close(el: PDFKit.PDFStructureElement): void {
    const i = this.structs.lastIndexOf(el);
    if (i > 0) this.structs.splice(i, 1);
    el.end();
  }

  /** Draws `fn`'s output as content of `el` (default: the innermost open element). */
  content(fn: () => void, el: PDFKit.PDFStructureElement = this.structs.at(-1)!): void {
    el.add(() => {
      this.marking++;
      try {
        fn();
      } finally {
        this.marking--;
      }
    });
  }

  /** A leaf element (H1, P, Lbl…) whose content is what `fn` draws. */
  leaf(type: string, fn: () => void, options: Record<string, unknown> = {}): void {
    const el = this.open(type, options);
    try {
      this.content(fn, el);
    } finally {
      this.close(el);
    }
  }

  /** Page furniture (running heads, page numbers, rules, fills): marked as an artifact, outside the structure. */
  artifact(fn: () => void, type = 'Layout'): void {
    // Marked content does not nest here: inside a sequence already open, the drawing joins it.
    if (this.marking > 0) return fn();
    this.doc.markContent('Artifact', { type } as never);
    this.marking++;
    try {
      fn();
    } finally {
      this.marking--;
      this.doc.endMarkedContent();
    }
  }

  get contentWidth(): number {
    return this.right - this.left;
  }

  get pageIndex(): number {
    return this.pages.length - 1;
  }

  /** A new page; the first page already exists when the writer is made. */
  addPage(chrome = true): void {
    this.doc.addPage({ size: this.size, margin: 0 });
    this.pages.push({ chrome, ...this.chrome });
    this.y = this.top;
  }

  /** Move to a new page unless `height` still fits below the cursor. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom + 0.01) return false;
    this.addPage();
    this.onPageBreak?.();
    return true;
  }

  destination(name: string): void {
    this.doc.addNamedDestination(name, 'XYZ', 0, Math.max(0, this.y - 12), null);
    this.destinations.set(name, this.pageIndex);
  }

  // ---- text ------------------------------------------------------------------------------------

  /**
   * The width of `text` in `style`, as pdfkit's widthOfString computes it (same pieces, same order of
   * additions, so the same number to the last bit), from widths of its pieces kept across documents:
   * pdfkit splits the text after each space or tab and adds the advance widths of the pieces' shaped runs.
   */
  measure = (text: string, style: TextStyle): number => {
    let known = chunkWidths.get(style.font);
    if (!known) chunkWidths.set(style.font, (known = new Map()));
    let advance = 0;
    let last = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = text.charCodeAt(i);
      if (i < text.length ? c !== 32 && c !== 9 : last >= i) continue;
      const piece = text.slice(last, i + 1);
      let width = known.get(piece);
      if (width === undefined) {
        width = this.fonts.get(style.font)!.layoutCached(piece).advanceWidth;
        if (++chunksKept > CHUNKS_KEPT) {
          for (const m of chunkWidths.values()) m.clear();
          chunksKept = 1;
        }
        known.set(piece, width);
      }
      advance += width;
      last = i + 1;
    }
    // EmbeddedFont.widthOfString, then PDFDocument.widthOfString with no character spacing, at 100% scale.
    return ((advance * (style.size / 1000) + 0 * (text.length - 1)) * 100) / 100;
  };

  /**
   * Spans to drawable fragments: fonts chosen, text NFC-normalized, characters without a glyph shown as
   * `[U+XXXX]` and reported at `source`. Text that repeats what is reported elsewhere (contents, running
   * headers) passes no source.
   */
  frags(spans: Span[], base: Base, source: Source | undefined): Frag[] {
    const out: Frag[] = [];
    for (const span of spans) {
      const font = fontKeyFor({ bold: base.bold || span.bold, italic: base.italic || span.italic, code: span.code });
      const style: TextStyle = {
        font,
        size: base.size,
        color: span.link ? COLOR.link : span.code ? COLOR.code : base.color,
        ...(span.link ? { link: span.link } : {}),
        ...(span.strike ? { strike: true } : {}),
      };
      let text = '';
      const has = this.coverage.get(font)!;
      for (const ch of span.text.normalize('NFC')) {
        if (ch === '\n') text += ch;
        else if (CONTROL.test(ch)) text += ' ';
        else if (IGNORABLE.test(ch)) continue;
        else if (has(ch.codePointAt(0)!)) text += ch;
        else {
          if (text) out.push({ text, style });
          text = '';
          const code = codePoint(ch);
          out.push({ text: `[${code}]`, style: { ...style, font: 'mono', color: COLOR.missing } });
          if (source) this.warn(source, ch, code);
        }
      }
      if (text) out.push({ text, style });
    }
    return out;
  }

  plain(text: string, base: Base, source: Source | undefined): Frag[] {
    return this.frags([{ text }], base, source);
  }

  /**
   * The text broken into lines no wider than `width`. Remembered by the fragments and the width for
   * every document of the process: a line break depends only on the text, its styles and the width
   * (measure() is shared too), and ladders.pdf lays each ladder's text out again at the widths its own
   * PDF used. The lines are frozen: callers only read them.
   */
  lines(frags: Frag[], width: number): readonly Line[] {
    let key = `${width}`;
    for (const { text, style } of frags) key += `\u0001${style.font}\u0002${style.size}\u0002${style.color}\u0002${style.link ?? ''}\u0002${style.strike ? 1 : 0}\u0002${text}`;
    let lines = laidOut.get(key);
    if (lines === undefined) {
      const fresh = wrap(frags, width, this.measure);
      for (const line of fresh) {
        for (const piece of line.pieces) Object.freeze(piece);
        Object.freeze(line.pieces);
        Object.freeze(line);
      }
      lines = Object.freeze(fresh);
      if (laidOut.size >= LAID_OUT_KEPT) laidOut.clear();
      laidOut.set(key, lines);
    }
    return lines;
  }

  /** Draw one laid-out line with its baseline at `baseline`. */
  drawLine(line: Line, x: number, baseline: number): void {
    const { doc } = this;
    for (const piece of line.pieces) {
      const { style } = piece;
      if (!piece.text.trim()) continue;
      doc
        .font(style.font)
        .fontSize(style.size)
        .fillColor(style.color)
        // textWidth and wordCount: pdfkit would measure the text again for them, and uses them only
        // for the link, underline and strike options, which this call does not pass.
        .text(piece.text, x + piece.x, baseline, { lineBreak: false, baseline: 'alphabetic', textWidth: piece.width, wordCount: 0 } as PDFKit.Mixins.TextOptions);
      if (style.link) doc.link(x + piece.x, baseline - style.size * 0.95, piece.width, style.size * 1.25, style.link);
      if (style.strike) {
        const y = baseline - style.size * 0.3;
        doc.save().moveTo(x + piece.x, y).lineTo(x + piece.x + piece.width, y).lineWidth(0.6).strokeColor(style.color).stroke().restore();
      }
    }
  }

  /** Lay out and draw a paragraph at the cursor, breaking pages between lines. */
  paragraph(frags: Frag[], opts: { x?: number; width?: number; leading: number; keep?: number; marker?: Frag }): void {
    const x = opts.x ?? this.left;
    const width = opts.width ?? this.right - x;
    const indent = opts.marker ? 14 : 0;
    const lines = this.lines(frags, width - indent);
    this.ensure(opts.leading * Math.min(lines.length, opts.keep ?? 2));
    lines.forEach((line, i) => {
      this.ensure(opts.leading);
      const baseline = this.y + opts.leading * 0.76;
      if (i === 0 && opts.marker) this.drawLine(this.lines([opts.marker], indent)[0]!, x, baseline);
      this.drawLine(line, x + indent, baseline);
      this.y += opts.leading;
    });
  }

  /** A single line cut to `width` with an ellipsis (running headers). */
  fit(frags: Frag[], width: number): Line {
    const line = this.lines(frags.map((f) => ({ ...f, text: f.text.replace(/\s+/g, ' ') })), Number.MAX_SAFE_INTEGER)[0]!;
    if (line.width <= width) return line;
    const style = frags[0]?.style ?? { font: 'regular', size: SIZE.chrome, color: COLOR.muted };
    let text = frags.map((f) => f.text).join('');
    while (text && this.measure(`${text}…`, style) > width) text = text.slice(0, -1);
    return this.lines([{ text: `${text.trimEnd()}…`, style }], Number.MAX_SAFE_INTEGER)[0]!;
  }

  rule(y: number, color: string = COLOR.rule, width = 0.6, x1 = this.left, x2 = this.right): void {
    this.artifact(() => this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore());
  }

  fill(x: number, y: number, w: number, h: number, color: string): void {
    this.artifact(() => this.doc.save().rect(x, y, w, h).fillColor(color).fill().restore());
  }

  // ---- warnings and the end ----------------------------------------------------------------------

  private warn(source: Source, ch: string, code: string): void {
    const key = `${source.file}:${source.position.line}:${source.position.column}:${code}`;
    if (this.warnings.has(key)) return;
    this.warnings.set(key, {
      file: source.file,
      position: source.position,
      severity: 'warning',
      ruleId: PDF_RULES.missingGlyph,
      message: `Character \`${ch}\` (${code}) in ladder \`${source.ladder}\` has no glyph in the PDF font (DejaVu Sans), expected a character it covers; the PDF shows \`[${code}]\` instead`,
    });
  }

  diagnostics(): Diagnostic[] {
    return [...this.warnings.values()];
  }

  /**
   * Ends pages `from`..`to` (exclusive) and writes them to the output, keeping the other buffered pages
   * (pdfkit's flushPages ends them all): a long document keeps only the pages still to be drawn on.
   * Their running header and footer must be drawn already; switching to them afterwards throws.
   */
  release(from: number, to: number): void {
    const doc = this.doc as unknown as DocInternals;
    for (let i = from; i < to; i++) {
      const page = doc._pageBuffer[i - doc._pageBufferStart];
      if (!page) continue;
      doc.endPageMarkings(page);
      page.end();
      doc._pageBuffer[i - doc._pageBufferStart] = null;
    }
  }

  /**
   * Within one document pdfkit's fonts keep adding to the shared layout caches: ladders.pdf, which has
   * every word of every ladder, would grow them without bound. Called between ladders, it lets a face
   * that went past the bound start afresh (fonts.ts).
   */
  trimLayoutCaches(): void {
    for (const [key, embedded] of this.fonts) if (embedded.layoutCache) embedded.layoutCache = sharedLayoutCache(key);
  }

  /** Before doc.end(): drop the released pages' slots so pdfkit's flushPages sees only open pages. */
  compact(): void {
    const doc = this.doc as unknown as DocInternals;
    doc._pageBuffer = doc._pageBuffer.filter((p) => p !== null);
  }

  /** The document /ID: pdfkit derives it from the info dictionary only; make it depend on the content too. */
  setId(id: Uint8Array): void {
    (this.doc as unknown as DocInternals)._id = id;
  }
}

export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
