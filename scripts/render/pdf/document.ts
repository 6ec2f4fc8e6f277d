import { createHash } from 'node:crypto';
import { levelLabel, levelsOf, type Cell, type Ladder, type Level, type Position, type Track } from '../../model/ladder.js';
import { compareDiagnostics } from '../../model/diagnostic.js';
import type { Frag, Line } from './layout.js';
import { inlineSpans, markdownBlocks, type Block } from './markdown.js';
import { COLOR, PAGE, SIZE, TABLE } from './theme.js';
import { COMBINED_ID, infoEntries, XMP_NAMESPACE, type ReleaseInfo } from './release-info.js';
import type { PdfOptions, PdfResult } from './types.js';
import { SLIM, slimReferences, slimStructures } from './slim.js';
import { Writer, type Base, type Doc, type PageInfo, type Source } from './writer.js';

/** `<id>.pdf`: one ladder with its title page, contents, levels and notes. */
export function renderLadderPdf(ladder: Ladder, opts: PdfOptions): Promise<PdfResult> {
  return render([ladder], opts, false);
}

/**
 * `ladders.pdf`: every ladder in one document, with an outline entry per ladder and per level. Each
 * ladder's part is laid out exactly as its own PDF (title page, contents, sections), so with
 * `pageCounts` (the pages of each ladder's own PDF, in order) every page number is known up front:
 * each ladder's pages get their running header and footer as soon as it is done and go to the output,
 * and only the cover and the contents stay in memory. Without them, every page waits for the end.
 */
export async function renderLaddersPdf(ladders: Ladder[], opts: PdfOptions, pageCounts?: readonly number[], out?: (chunk: Buffer) => void): Promise<PdfResult> {
  if (pageCounts && pageCounts.length !== ladders.length) throw new Error(`renderLaddersPdf: ${pageCounts.length} page counts for ${ladders.length} ladders`);
  return render(ladders, opts, true, pageCounts, out);
}

/** Bytes handed to `out` at a time: pdfkit's small chunks joined, so a writer makes few system calls. */
const OUT_BATCH = 1 << 20;

interface Section {
  label: string;
  dest: string;
  render: () => void;
  /** A track opens its own outline item and contents entry; its levels nest under it. */
  role?: 'track' | 'in-track';
}

interface TocEntry {
  frags: Frag[];
  dest: string;
  depth: 0 | 1;
  /** Under a track: one more step of indentation. */
  nested?: boolean;
}

interface PlacedEntry {
  dest: string;
  page: number;
  top: number;
  height: number;
  baseline: number;
  end: number;
}

const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

function languageOf(ladders: Ladder[], opts: PdfOptions): string {
  if (opts.lang) return opts.lang;
  const langs = new Set(ladders.map((l) => l.meta.lang).filter((v): v is string => typeof v === 'string' && BCP47.test(v)));
  return langs.size === 1 ? [...langs][0]! : 'en';
}

function displayVersion(version: string): string {
  return version.replace(/^v(?=\d)/, '');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}


/** A pdfkit document whose output goes to a function as it is written, not through its Readable stream. */
interface DirectDoc {
  /** The chunks so far (the header the constructor wrote), then each one as it comes; `end` after the last. */
  taking(take: (chunk: Uint8Array) => void, end: () => void): void;
}

let direct: Promise<new (options: PDFKit.PDFDocumentOptions) => Doc> | undefined;

/** pdfkit's PDFDocument with push() overridden (loaded lazily: only `build` pays for pdfkit and fontkit). */
function directDocument(): Promise<new (options: PDFKit.PDFDocumentOptions) => Doc> {
  return (direct ??= import('pdfkit').then(({ default: PDFDocument }) => {
    const base = PDFDocument.prototype as unknown as { ref(this: object, data?: object): object; struct(this: object, ...args: unknown[]): object };
    class Direct extends (PDFDocument as unknown as new (options: PDFKit.PDFDocumentOptions) => object) {
      // `declare`: no field initializers, which would run after pdfkit's constructor and lose the header.
      // Names of their own: a Readable already has take() and a PDFDocument end().
      declare private ladderEarly: Uint8Array[] | undefined;
      declare private ladderTake: ((chunk: Uint8Array) => void) | undefined;
      declare private ladderEnd: (() => void) | undefined;
      push(chunk: Uint8Array | null): boolean {
        // Called from pdfkit's constructor too, before taking().
        if (chunk === null) this.ladderEnd?.();
        else if (this.ladderTake) this.ladderTake(chunk);
        else (this.ladderEarly ??= []).push(chunk);
        return true;
      }
      ref(data?: object): object {
        const ref = base.ref.call(this, data);
        slimReferences(Object.getPrototypeOf(ref) as object);
        return ref;
      }
      struct(...args: unknown[]): object {
        const el = base.struct.apply(this, args);
        slimStructures(Object.getPrototypeOf(el) as object);
        return el;
      }
      taking(take: (chunk: Uint8Array) => void, end: () => void): void {
        for (const c of this.ladderEarly ?? []) take(c);
        this.ladderEarly = [];
        this.ladderTake = take;
        this.ladderEnd = end;
      }
    }
    return Direct as unknown as new (options: PDFKit.PDFDocumentOptions) => Doc;
  }));
}

/**
 * The document /ID: the MD5 of `JSON.stringify({ collection, ladders, opts })`, fed to the hash one ladder
 * at a time. As one string, at 2,000 ladders with long cells, it took about 280 MB of heap at once at the
 * start of ladders.pdf, the build's peak. The bytes hashed are the same, so the /ID is too.
 */
export function documentId(collection: boolean, ladders: readonly Ladder[], opts: PdfOptions): Uint8Array {
  const hash = createHash('md5').update(`{"collection":${JSON.stringify(collection)},"ladders":[`);
  ladders.forEach((ladder, i) => hash.update(i === 0 ? JSON.stringify(ladder) : `,${JSON.stringify(ladder)}`));
  return new Uint8Array(hash.update(`],"opts":${JSON.stringify(opts)}}`).digest());
}

/**
 * With `out`, the file's bytes go to it in order as pdfkit writes them (ladders.pdf straight to its file,
 * never whole in memory) and the result's `pdf` is empty.
 */
async function render(ladders: Ladder[], opts: PdfOptions, collection: boolean, pageCounts?: readonly number[], out?: (chunk: Buffer) => void): Promise<PdfResult> {
  // Lazy: only `build` pays for loading pdfkit and fontkit.
  const PDFDocument = await directDocument();
  const single = collection ? undefined : ladders[0];
  const version = displayVersion(opts.version);
  const doc: Doc = new PDFDocument({
    autoFirstPage: false,
    // No default font: pdfkit would otherwise parse Helvetica's metrics for every document (about
    // 1.5 ms each), a font this one never uses (the Writer sets its own before any text).
    font: '',
    bufferPages: true,
    compress: true,
    pdfVersion: '1.7',
    // Tagged: a structure tree (headings, tables with header cells, lists) in reading order, for screen readers and reflow.
    tagged: true,
    lang: languageOf(ladders, opts),
    displayTitle: true,
    info: {
      Title: single ? single.title : `${opts.organization} career ladders`,
      Author: opts.organization,
      Subject: single
        ? `${single.title} career ladder, version ${version}`
        : `Career ladders, version ${version}: ${ladders.map((l) => l.title).join(', ')}`,
      Keywords: ['career ladder', ...(single ? [single.id, ...single.categories] : ladders.map((l) => l.id))].join(', '),
      Creator: 'ladder',
      Producer: 'ladder (PDFKit)',
      CreationDate: opts.date,
      ModDate: opts.date,
      ...infoEntries(releaseInfo(ladders, opts, collection)),
    },
  });
  // Written objects let their dictionaries go (slim.ts): ladders.pdf would otherwise keep all of them.
  (doc as unknown as { [SLIM]?: boolean })[SLIM] = true;
  // pdfkit writes the XMP packet with these values pasted in unescaped: a ladder title with `<` or `&`
  // made it malformed XML. Ours escapes them, and carries the release keys in a namespace of their own.
  const release = releaseInfo(ladders, opts, collection);
  (doc as unknown as { _addInfo(this: { info: Record<string, unknown>; appendXML(xml: string): void }): void })._addInfo = function () {
    this.appendXML(xmpPacket(this.info, release));
  };
  // pdfkit pushes a chunk per token ("1 0 obj", "endobj"…) into its Readable stream. Even read out and
  // flowing, the stream queued them once one waited: a render runs as one chain of microtasks, so the
  // stream's next tick never came, and all of ladders.pdf sat in its buffer as some 200,000 small
  // Buffers per 200 ladders (a heap snapshot). Reading the stream out schedules a tick that holds the
  // document, so every ladder's PDF stayed alive until the last. So the chunks are taken straight from
  // pdfkit's push (directDocument), in order, without the stream; joined every 4,096 (or handed to
  // `out` every MiB), they cost only their bytes.
  const chunks: Buffer[] = [];
  let small: Uint8Array[] = [];
  let smallBytes = 0;
  const take = (chunk: Uint8Array) => {
    smallBytes += chunk.byteLength;
    if (out) {
      small.push(chunk);
      if (smallBytes >= OUT_BATCH) {
        out(Buffer.concat(small));
        small = [];
        smallBytes = 0;
      }
    } else if (small.push(chunk) >= 4096) {
      chunks.push(Buffer.concat(small));
      small = [];
    }
  };
  const done = new Promise<void>((resolve, reject) => {
    doc.on('error', reject);
    (doc as unknown as DirectDoc).taking(take, resolve);
  });
  const output = () => {
    if (!out) return Buffer.concat([...chunks, ...small]);
    if (small.length) out(Buffer.concat(small));
    small = [];
    return Buffer.alloc(0);
  };

  const w = new Writer(doc, opts.pageSize === 'Letter' ? 'LETTER' : 'A4');
  w.startStructure();
  w.setId(documentId(collection, ladders, opts));
  const placed: PlacedEntry[] = [];
  if (single) {
    const sections = ladderSections(w, single, 0);
    titlePage(w, single, opts, 0);
    placed.push(...contents(w, sectionEntries(sections, 1, w), false));
    runSections(w, sections, single, true);
  } else {
    const all = ladders.map((ladder, i) => ({ ladder, sections: ladderSections(w, ladder, i) }));
    collectionPage(w, ladders, opts);
    const entries = all.flatMap(({ ladder, sections }, i): TocEntry[] => [
      { frags: w.plain(ladder.title, { size: 10.5, color: COLOR.text, bold: true }, undefined), dest: `ladder-${i}`, depth: 0 },
      ...sectionEntries(sections, 1, w),
    ]);
    placed.push(...contents(w, entries, true));
    const front = w.pages.length;
    const total = pageCounts ? front + pageCounts.reduce((a, b) => a + b, 0) : undefined;
    all.forEach(({ ladder, sections }, i) => {
      const start = w.pages.length;
      w.addPage(false);
      let own: PlacedEntry[] = [];
      w.group('Part', () => {
        titlePage(w, ladder, opts, i);
        own = contents(w, sectionEntries(sections, 1, w), false);
        runSections(w, sections, ladder, true);
      });
      if (total === undefined) return void placed.push(...own);
      // Laid out as its own PDF, so it must take as many pages: else every later page number is wrong.
      if (w.pages.length - start !== pageCounts![i]) throw new Error(`ladders.pdf: ${ladder.id} took ${w.pages.length - start} pages, its own PDF ${pageCounts![i]}`);
      pageNumbers(w, own);
      chrome(w, opts, version, start, w.pages.length, total);
      w.release(start, w.pages.length);
      w.trimLayoutCaches();
    });
    if (total !== undefined) {
      pageNumbers(w, placed);
      chrome(w, opts, version, 0, front, total);
      w.compact();
      doc.end();
      await done;
      return { pdf: output(), pages: total, warnings: w.diagnostics().sort(compareDiagnostics) };
    }
  }
  pageNumbers(w, placed);
  chrome(w, opts, version);
  doc.end();
  await done;
  return { pdf: output(), pages: w.pages.length, warnings: w.diagnostics().sort(compareDiagnostics) };
}

/** Where this PDF stands (release-info.ts): read back by `ladder verify`, shown on the title page. */
export function releaseInfo(ladders: Ladder[], opts: PdfOptions, collection: boolean): ReleaseInfo {
  const hashes = opts.contentHashes;
  let contentHash: string | undefined;
  if (!collection && hashes?.[ladders[0]!.id]) contentHash = `sha256:${hashes[ladders[0]!.id]}`;
  if (collection && hashes && ladders.every((l) => hashes[l.id])) {
    const lines = ladders.map((l) => `${l.id} ${hashes[l.id]}\n`).sort().join('');
    contentHash = `sha256:${createHash('sha256').update(lines).digest('hex')}`;
  }
  return {
    id: collection ? COMBINED_ID : ladders[0]!.id,
    version: /^\d/.test(opts.version) ? `v${opts.version}` : opts.version,
    date: isoDate(opts.date),
    ...(opts.commit ? { commit: opts.commit } : {}),
    ...(contentHash ? { contentHash } : {}),
    ...(collection ? {} : { source: ladders[0]!.file }),
    ...(opts.fileName ? { file: opts.fileName } : {}),
  };
}

const xml = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** The XMP packet's descriptions (pdfkit wraps them): the document info, escaped, and the release keys. */
export function xmpPacket(info: Record<string, unknown>, release: ReleaseInfo): string {
  const created = info.CreationDate instanceof Date ? `${info.CreationDate.toISOString().split('.')[0]}Z` : '';
  const keys = Object.entries(infoEntries(release)).map(([k, v]) => `<ladder:${k.replace(/^Ladder/, '')}>${xml(v)}</ladder:${k.replace(/^Ladder/, '')}>`);
  return [
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>${created}</xmp:CreateDate><xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    info.Title ? `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>` : '',
    info.Author ? `<dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    info.Subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Subject)}</rdf:li></rdf:Alt></dc:description>` : '',
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${xml(info.Producer)}</pdf:Producer>${info.Keywords ? `<pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>` : ''}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:ladder="${XMP_NAMESPACE}">${keys.join('')}</rdf:Description>`,
  ].join('\n');
}

/** Title-page rows naming the build: the commit and the content hash, shortened as git shortens them. */
function provenanceRows(info: ReleaseInfo): Array<[string, string]> {
  return [
    ...(info.commit ? [['Commit', info.commit.slice(0, 12)] as [string, string]] : []),
    ...(info.contentHash ? [['Content hash', `${info.contentHash.slice(0, 'sha256:'.length + 16)}…`] as [string, string]] : []),
  ];
}

function ladderSource(ladder: Ladder, position: Position = ladder.position): Source {
  return { file: ladder.file, position, ladder: ladder.id };
}

// ---- pages -------------------------------------------------------------------------------------

function titlePage(w: Writer, ladder: Ladder, opts: PdfOptions, index: number): void {
  const src = ladderSource(ladder);
  w.chrome = { title: ladder.title, section: ladder.title };
  w.pages[w.pageIndex] = { chrome: false, ...w.chrome };
  w.fill(0, 0, w.width, 10, COLOR.accent);
  w.y = w.height * 0.22;
  w.destination(`ladder-${index}`);
  w.doc.outline.addItem(ladder.title, outlineOptions(w, true));
  outlineStack.set(w, w.doc.outline.children[w.doc.outline.children.length - 1]!);

  w.leaf('P', () => w.paragraph(w.plain(opts.organization, { size: 11, color: COLOR.muted, bold: true }, undefined), { leading: 16 }));
  w.y += 8;
  w.leaf('H1', () => w.paragraph(w.plain(ladder.title, { size: SIZE.coverTitle, color: COLOR.text, bold: true }, src), { leading: 37 }));
  w.y += 2;
  w.leaf('P', () => w.paragraph(w.plain('Career ladder', { size: 14, color: COLOR.muted }, src), { leading: 20 }));
  w.y += 14;
  w.rule(w.y, COLOR.accent, 3, w.left, w.left + 64);
  w.y += 28;

  const status = ladder.status;
  const statusColor = status === 'draft' ? COLOR.draft : status === 'deprecated' ? COLOR.deprecated : COLOR.text;
  const rows: Array<[string, string, string?]> = [
    ['Version', displayVersion(opts.version)],
    ['Released', isoDate(opts.date)],
    ...(ladder.meta.effective !== undefined ? [['Effective from', ladder.meta.effective] as [string, string]] : []),
    ['Status', status[0]!.toUpperCase() + status.slice(1), statusColor],
    ['Owners', ladder.owners.length ? ladder.owners.join(', ') : '—'],
    ['Levels', levelsSummary(ladder)],
    ['Categories', ladder.categories.join(', ') || '—'],
    ['Source', ladder.file],
    ...provenanceRows(releaseInfo([ladder], opts, false)),
  ];
  metaTable(w, rows, src);
}

function levelsSummary(ladder: Ladder): string {
  const summary = (levels: Level[]) => {
    const codes = levels.map((l) => l.code);
    return codes.every(Boolean) ? `${codes.length}: ${codes.join(', ')}` : String(codes.length);
  };
  if (ladder.levels.length === 0) return 'none';
  if (ladder.tracks.length <= 1) return summary(ladder.levels);
  return ladder.tracks.map((t) => `${t.title} ${summary(levelsOf(ladder, t.key))}`).join('; ');
}

function collectionPage(w: Writer, ladders: Ladder[], opts: PdfOptions): void {
  // The organization comes from config, ladder titles are reported on their own title pages.
  const src = undefined;
  w.chrome = { title: `${opts.organization} career ladders`, section: 'Contents' };
  w.pages[w.pageIndex] = { chrome: false, ...w.chrome };
  w.fill(0, 0, w.width, 10, COLOR.accent);
  w.y = w.height * 0.22;
  w.leaf('P', () => w.paragraph(w.plain(opts.organization, { size: 11, color: COLOR.muted, bold: true }, src), { leading: 16 }));
  w.y += 8;
  w.leaf('H1', () => w.paragraph(w.plain('Career ladders', { size: SIZE.coverTitle, color: COLOR.text, bold: true }, src), { leading: 37 }));
  w.y += 16;
  w.rule(w.y, COLOR.accent, 3, w.left, w.left + 64);
  w.y += 28;
  metaTable(
    w,
    [
      ['Version', displayVersion(opts.version)],
      ['Released', isoDate(opts.date)],
      ...(opts.effective !== undefined ? [['Effective from', opts.effective] as [string, string]] : []),
      ['Ladders', ladders.length ? ladders.map((l) => l.title).join(', ') : 'none'],
      ...provenanceRows(releaseInfo(ladders, opts, true)),
    ],
    src,
  );
}

function metaTable(w: Writer, rows: Array<[string, string, string?]>, src: Source | undefined): void {
  const labelWidth = 84;
  w.group('Table', () => {
    for (const [label, value, color] of rows) {
      w.group('TR', () => {
        const top = w.y;
        w.leaf('TH', () => w.paragraph(w.plain(label, { size: 9, color: COLOR.muted, bold: true }, src), { width: labelWidth, leading: 15 }), { scope: 'Row' });
        w.y = top;
        w.leaf('TD', () => w.paragraph(w.plain(value, { size: 10.5, color: color ?? COLOR.text }, src), { x: w.left + labelWidth, leading: 15, keep: 1 }));
      });
      w.y += 5;
    }
  });
}

// The outline item of the ladder being rendered, so sections nest under it.
const outlineStack = new WeakMap<Writer, PDFKit.PDFOutline>();

function outlineOptions(w: Writer, expanded: boolean): { expanded?: boolean } {
  // pdfkit writes [page /XYZ width-left height-top zoom]: left = page width puts the view at the left edge.
  return { top: Math.max(0, w.y - 12), left: w.width, zoom: 0, expanded } as { expanded?: boolean };
}

function ladderSections(w: Writer, ladder: Ladder, index: number): Section[] {
  const sections: Section[] = [];
  if (ladder.intro.trim()) {
    sections.push({ label: 'Introduction', dest: `ladder-${index}-intro`, render: () => intro(w, ladder) });
  }
  if (ladder.shared.some((cell) => cell.expectations.length > 0)) {
    sections.push({
      label: 'All levels',
      dest: `ladder-${index}-shared`,
      render: () => {
        heading(w, 'All levels', 'Expectations that hold at every level', ladderSource(ladder));
        table(w, ladder.shared, ladder);
      },
    });
  }
  const multi = ladder.tracks.length > 1;
  ladder.levels.forEach((level, j) => {
    const track = ladder.tracks.find((t) => t.key === level.track);
    if (multi && track && (j === 0 || ladder.levels[j - 1]!.track !== level.track)) {
      sections.push({ label: track.title, dest: `ladder-${index}-track-${ladder.tracks.indexOf(track)}`, render: () => trackSection(w, ladder, track), role: 'track' });
    }
    sections.push({
      label: levelLabel(level),
      dest: `ladder-${index}-level-${j}`,
      render: () => levelSection(w, ladder, level, j),
      ...(multi ? { role: 'in-track' as const } : {}),
    });
  });
  if (ladder.notes.length > 0) {
    sections.push({ label: 'Notes', dest: `ladder-${index}-notes`, render: () => notes(w, ladder) });
  }
  return sections;
}

function sectionEntries(sections: Section[], depth: 0 | 1, w: Writer): TocEntry[] {
  return sections.map((s) => ({
    frags: w.plain(s.label, { size: 10, color: COLOR.text, ...(s.role === 'track' ? { bold: true } : {}) }, undefined),
    dest: s.dest,
    depth,
    ...(s.role === 'in-track' ? { nested: true } : {}),
  }));
}

function runSections(w: Writer, sections: Section[], ladder: Ladder, afterContents: boolean): void {
  const parent = outlineStack.get(w)!;
  let trackItem: PDFKit.PDFOutline | undefined;
  sections.forEach((section, i) => {
    w.chrome = { title: ladder.title, section: section.label };
    // The introduction may share the contents page; every other section starts on a fresh page.
    if (i === 0 && section.label === 'Introduction' && afterContents && w.y + 160 < w.bottom) {
      w.y += 24;
      w.pages[w.pageIndex] = { ...w.pages[w.pageIndex]!, section: 'Contents · Introduction' };
    } else w.addPage();
    w.destination(section.dest);
    const under = section.role === 'in-track' && trackItem ? trackItem : parent;
    under.addItem(section.label, outlineOptions(w, section.role === 'track'));
    if (section.role === 'track') trackItem = parent.children[parent.children.length - 1];
    w.group('Sect', () => section.render());
  });
}

function contents(w: Writer, entries: TocEntry[], collection: boolean): PlacedEntry[] {
  w.chrome = { ...w.chrome, section: 'Contents' };
  w.addPage();
  heading(w, 'Contents', undefined, undefined);
  const numberWidth = 36;
  const out: PlacedEntry[] = [];
  // The page numbers and dot leaders are drawn at the end, once known: artifacts; each entry's text is a TOCI.
  const toc = w.open('TOC');
  for (const entry of entries) {
    const indent = (collection && entry.depth === 1 ? 16 : 0) + (entry.nested ? 16 : 0);
    const leading = entry.depth === 0 && collection ? 18 : 16;
    const lines = w.lines(entry.frags, w.contentWidth - indent - numberWidth - 12);
    const gap = entry.depth === 0 && collection && out.length > 0 ? 8 : 0;
    w.ensure(gap + lines.length * leading);
    w.y += gap;
    const top = w.y;
    let baseline = top;
    let end = w.left;
    w.leaf('TOCI', () => {
      for (const line of lines) {
        baseline = w.y + leading * 0.72;
        w.drawLine(line, w.left + indent, baseline);
        end = w.left + indent + line.width;
        w.y += leading;
      }
    });
    out.push({ dest: entry.dest, page: w.pageIndex, top, height: w.y - top, baseline, end });
  }
  w.close(toc);
  return out;
}

/** Page numbers, dot leaders and links of the contents, once every destination has its page. */
function pageNumbers(w: Writer, placed: PlacedEntry[]): void {
  const style = { font: 'regular' as const, size: 10, color: COLOR.text };
  for (const entry of placed) {
    const page = w.destinations.get(entry.dest);
    if (page === undefined) continue;
    w.doc.switchToPage(entry.page);
    w.artifact(() => pageNumber(w, entry, page, style));
  }
}

function pageNumber(w: Writer, entry: PlacedEntry, page: number, style: { font: 'regular'; size: number; color: string }): void {
  {
    const text = String(page + 1);
    const width = w.measure(text, style);
    const [line] = w.lines([{ text, style }], Number.MAX_SAFE_INTEGER);
    w.drawLine(line!, w.right - width, entry.baseline);
    const from = entry.end + 6;
    const to = w.right - width - 6;
    if (to - from > 8) {
      w.doc.save().moveTo(from, entry.baseline - 1).lineTo(to, entry.baseline - 1).lineWidth(0.7).dash(0.7, { space: 2.6 }).strokeColor(COLOR.faint).stroke().undash().restore();
    }
    w.doc.goTo(w.left, entry.top, w.contentWidth, entry.height, entry.dest);
  }
}

/** Running header (ladder, section, version) and footer (organization, date, page N of M) on every page but covers. */
function chrome(w: Writer, opts: PdfOptions, version: string, from = 0, to = w.pages.length, total = w.pages.length): void {
  for (let i = from; i < to; i++) {
    const page = w.pages[i]!;
    if (!page.chrome) continue;
    w.doc.switchToPage(i);
    w.artifact(() => pageChrome(w, page, i, total, opts, version), 'Pagination');
  }
}

function pageChrome(w: Writer, page: PageInfo, i: number, total: number, opts: PdfOptions, version: string): void {
  const src = undefined;
  const muted: Base = { size: SIZE.chrome, color: COLOR.muted };
  {
    const right = w.lines(w.plain(`Version ${version}`, muted, src), Number.MAX_SAFE_INTEGER)[0]!;
    const head = [
      ...w.plain(page.title, { ...muted, bold: true, color: COLOR.accent }, src),
      ...(page.section && page.section !== page.title ? w.plain(`  ·  ${page.section}`, muted, src) : []),
    ];
    w.drawLine(w.fit(head, w.contentWidth - right.width - 24), w.left, PAGE.headerBaseline);
    w.drawLine(right, w.right - right.width, PAGE.headerBaseline);
    w.rule(PAGE.headerBaseline + 7, COLOR.rule, 0.5);

    const footerBaseline = w.height - PAGE.footerOffset;
    const num = w.lines(w.plain(`Page ${i + 1} of ${total}`, muted, src), Number.MAX_SAFE_INTEGER)[0]!;
    w.rule(footerBaseline - 12, COLOR.rule, 0.5);
    w.drawLine(w.fit(w.plain(`${opts.organization}  ·  Released ${isoDate(opts.date)}`, muted, src), w.contentWidth - num.width - 24), w.left, footerBaseline);
    w.drawLine(num, w.right - num.width, footerBaseline);
  }
}

// ---- sections ----------------------------------------------------------------------------------

function heading(w: Writer, title: string, subtitle: string | undefined, src: Source | undefined): void {
  w.leaf('H2', () => w.paragraph(w.plain(title, { size: SIZE.h1, color: COLOR.text, bold: true }, src), { leading: 26 }));
  if (subtitle) w.leaf('P', () => w.paragraph(w.plain(subtitle, { size: 10, color: COLOR.muted }, src), { leading: 15 }));
  w.y += 4;
  w.rule(w.y, COLOR.accent, 1.2);
  w.y += 14;
}

/** A track's opening page: its title, what it spans, and the prose under its heading. */
function trackSection(w: Writer, ladder: Ladder, track: Track): void {
  const src = ladderSource(ladder, track.position);
  const set = levelsOf(ladder, track.key);
  heading(w, track.title, `Track of ${set.length} levels: ${set.map((l) => levelLabel(l)).join(', ')}`, src);
  if (track.description) blocks(w, markdownBlocks(track.description), src);
}

function levelSection(w: Writer, ladder: Ladder, level: Level, j: number): void {
  const src = ladderSource(ladder, level.position);
  // Counted within the level's track: "Management · Level 2 of 3".
  const set = levelsOf(ladder, level.track);
  const multi = ladder.tracks.length > 1;
  const trackName = multi ? `${ladder.tracks.find((t) => t.key === level.track)?.title ?? level.track} · ` : '';
  const n = multi ? set.indexOf(level) : j;
  w.leaf('P', () => w.paragraph(w.plain(`${trackName}Level ${n + 1} of ${multi ? set.length : ladder.levels.length}`, { size: 9, color: COLOR.muted, bold: true }, src), { leading: 14 }));
  const title: Frag[] = [
    ...(level.code ? [...w.plain(level.code, { size: SIZE.h1, color: COLOR.accent, bold: true }, src), ...w.plain('  ', { size: SIZE.h1, color: COLOR.text }, src)] : []),
    ...w.plain(level.code && level.title.startsWith(level.code) ? level.title.slice(level.code.length).replace(/^[\s·:–—-]+/, '') : level.title, { size: SIZE.h1, color: COLOR.text, bold: true }, src),
  ];
  w.leaf('H2', () => w.paragraph(title, { leading: 26 }));
  w.y += 4;
  w.rule(w.y, COLOR.accent, 1.2);
  w.y += 12;
  if (level.description?.trim()) {
    blocks(w, markdownBlocks(level.description), src);
    w.y += 6;
  }
  table(w, level.cells, ladder);
}

function intro(w: Writer, ladder: Ladder): void {
  const src = ladderSource(ladder);
  heading(w, 'Introduction', undefined, src);
  const parsed = markdownBlocks(ladder.intro);
  // The file's own "# Title" heading repeats the title page.
  const first = parsed[0];
  if (first?.kind === 'heading' && first.spans.map((s) => s.text).join('').trim() === ladder.title) parsed.shift();
  blocks(w, parsed, src);
}

function notes(w: Writer, ladder: Ladder): void {
  heading(w, 'Notes', undefined, ladderSource(ladder));
  for (const note of ladder.notes) {
    const src = ladderSource(ladder, note.position);
    if (note.title) {
      w.ensure(60);
      w.leaf('H3', () => w.paragraph(w.plain(note.title!, { size: SIZE.h2, color: COLOR.accent, bold: true }, src), { leading: 19, keep: 3 }));
      w.y += 3;
    }
    blocks(w, markdownBlocks(note.markdown), src);
    w.y += 8;
  }
}

function blocks(w: Writer, list: Block[], src: Source): void {
  const prose: Base = { size: SIZE.prose, color: COLOR.text };
  let inList = false;
  // Open lists (L) by depth, each with its open item (LI): a marker block at depth d is an item of the
  // list at d, opened inside the item above it when deeper; anything shallower closes the deeper ones.
  const lists: Array<{ depth: number; list: PDFKit.PDFStructureElement; item?: PDFKit.PDFStructureElement }> = [];
  const closeDeeperThan = (depth: number) => {
    while (lists.length && lists.at(-1)!.depth > depth) {
      const open = lists.pop()!;
      if (open.item) w.close(open.item);
      w.close(open.list);
    }
  };
  for (const block of list) {
    const depth = block.kind === 'heading' || block.kind === 'rule' ? 0 : block.depth;
    const marker = block.kind === 'paragraph' && block.marker !== undefined;
    closeDeeperThan(marker ? depth : depth === 0 ? -1 : depth);
    // Under a section's H2: Markdown '#' and '##' are H3, '###' H4 and so on.
    let tag = block.kind === 'heading' ? `H${Math.min(6, Math.max(3, block.level + 1))}` : 'P';
    if (marker) {
      let open = lists.at(-1);
      if (!open || open.depth < depth) lists.push((open = { depth, list: w.open('L') }));
      else if (open.item) w.close(open.item);
      open.item = w.open('LI');
      tag = 'LBody';
    }
    if (block.kind === 'rule') drawBlock(block); // a thematic break is decoration: an artifact
    else w.leaf(tag, () => drawBlock(block));
  }
  closeDeeperThan(-1);

  function drawBlock(block: Block): void {
    const listItem = block.kind !== 'heading' && block.kind !== 'rule' && block.depth > 0;
    // A list packs its items tightly; what follows it needs the paragraph gap back.
    if (inList && !listItem) w.y += 4;
    inList = listItem;
    switch (block.kind) {
      case 'heading': {
        const size = block.level <= 1 ? SIZE.h2 : block.level === 2 ? SIZE.h3 : SIZE.prose;
        w.y += 6;
        w.ensure(size * 1.5 + SIZE.proseLeading * 2);
        w.paragraph(w.frags(block.spans, { size, color: block.level <= 2 ? COLOR.accent : COLOR.text, bold: true }, src), { leading: size * 1.45 });
        w.y += 3;
        break;
      }
      case 'paragraph': {
        const indent = Math.max(0, block.depth - 1) * 14 + (block.quote ? 12 : 0);
        const base = block.quote ? { ...prose, color: COLOR.muted, italic: true } : prose;
        const top = w.y;
        const page = w.pageIndex;
        w.paragraph(w.frags(block.spans, base, src), {
          x: w.left + indent,
          leading: SIZE.proseLeading,
          ...(block.marker ? { marker: { text: block.marker, style: { font: 'regular', size: SIZE.prose, color: COLOR.muted } } } : {}),
        });
        if (block.quote && page === w.pageIndex) quoteBar(w, w.left + indent - 8, top, w.y);
        w.y += block.marker || block.tight ? 2 : 6;
        break;
      }
      case 'code': {
        const style = { font: 'mono' as const, size: 8.5, color: COLOR.code };
        for (const text of block.text.split('\n')) {
          w.paragraph(w.frags([{ text, code: true }], { size: 8.5, color: style.color }, src), { x: w.left + 10 + block.depth * 14, leading: 12, keep: 1 });
        }
        w.y += 6;
        break;
      }
      case 'rule':
        w.ensure(14);
        w.y += 6;
        w.rule(w.y);
        w.y += 8;
        break;
    }
  }
}

function quoteBar(w: Writer, x: number, top: number, bottom: number): void {
  w.doc.save().moveTo(x, top + 2).lineTo(x, bottom - 2).lineWidth(2).strokeColor(COLOR.rule).stroke().restore();
}

// ---- the expectations table --------------------------------------------------------------------

interface Slot {
  line: Line;
  gap: number;
  bullet: boolean;
}

function slotsHeight(slots: Slot[], from: number, count: number): number {
  let h = 0;
  for (let k = from; k < from + count; k++) h += SIZE.bodyLeading + (k > from ? slots[k]!.gap : 0);
  return h;
}

function fitCount(slots: Slot[], from: number, avail: number): number {
  let n = 0;
  while (from + n < slots.length && slotsHeight(slots, from, n + 1) <= avail) n++;
  return n;
}

/**
 * Category | Expectations, as a table whose rows break across pages between lines: the header row
 * repeats on every page and a continued row names its category again.
 */
function table(w: Writer, cells: Cell[], ladder: Ladder): void {
  new ExpectationsTable(w, ladder).render(cells);
}

type Node = PDFKit.PDFStructureElement;

/**
 * A level's Category | Expectations table. Rows break across pages between lines, the header repeats
 * on each page (as an artifact), and a row continued on a new page is labelled "(continued)".
 * Structure: Table > THead > TR > TH (column headers), then TBody > TR > TH (the category, a row header)
 * + TD > L > LI > LBody per expectation; rows break across pages, so their cells stay open and take
 * content part by part.
 */
class ExpectationsTable {
  private readonly catWidth: number;
  private readonly x0: number;
  private readonly x1: number;
  private readonly textLeft: number;
  private readonly textRight: number;
  private readonly body: Base = { size: SIZE.body, color: COLOR.text };
  private readonly bullet: Line;
  private headerShown = false;
  /** Where the header is still to be drawn (the top of a page's table), drawn in reading order. */
  private pendingHeader: number | undefined;
  /** Nothing drawn on this page yet below the header: a row may not move to the next page. */
  private fresh = true;
  private headCells!: readonly [Node, Node];
  private tbody!: Node;

  constructor(
    private readonly w: Writer,
    private readonly ladder: Ladder,
  ) {
    this.catWidth = Math.round(w.contentWidth * TABLE.categoryShare);
    this.x0 = w.left;
    this.x1 = w.left + this.catWidth;
    this.textLeft = this.catWidth - 2 * TABLE.padX;
    this.textRight = w.contentWidth - this.catWidth - 2 * TABLE.padX - TABLE.bulletIndent;
    this.bullet = w.lines([{ text: '•', style: { font: 'regular', size: SIZE.body, color: COLOR.accent } }], 100)[0]!;
  }

  render(cells: Cell[]): void {
    const { w } = this;
    if (cells.length === 0) {
      w.leaf('P', () => w.paragraph(w.plain('No expectations are listed for this level.', { ...this.body, color: COLOR.muted, italic: true }, ladderSource(this.ladder)), { leading: SIZE.bodyLeading }));
      return;
    }
    const tableEl = w.open('Table');
    const headRow = w.child(w.child(tableEl, 'THead'), 'TR');
    this.headCells = [w.child(headRow, 'TH', { scope: 'Column' }), w.child(headRow, 'TH', { scope: 'Column' })] as const;
    this.tbody = w.child(tableEl, 'TBody');
    // Start the table where its header and the first lines of a row fit.
    w.ensure(TABLE.headHeight + 2 * TABLE.padY + 3 * SIZE.bodyLeading);
    this.pendingHeader = w.y;
    w.y += TABLE.headHeight;
    this.fresh = true;
    for (const cell of cells) this.row(cell);
    w.close(tableEl);
  }

  private header(top: number): void {
    const { w, x0, x1, textLeft, textRight } = this;
    const src = ladderSource(this.ladder);
    w.fill(x0, top, w.contentWidth, TABLE.headHeight, COLOR.accent);
    const base: Base = { size: SIZE.tableHead, color: COLOR.white, bold: true };
    const baseline = top + TABLE.headHeight / 2 + SIZE.tableHead * 0.36;
    const draw = (text: string, width: number, x: number) => () => w.drawLine(w.lines(w.plain(text, base, src), width)[0]!, x, baseline);
    if (this.headerShown) {
      w.artifact(() => {
        draw('Category', textLeft, x0 + TABLE.padX)();
        draw('Expectations', textRight, x1 + TABLE.padX)();
      });
    } else {
      w.content(draw('Category', textLeft, x0 + TABLE.padX), this.headCells[0]);
      w.content(draw('Expectations', textRight, x1 + TABLE.padX), this.headCells[1]);
      this.headerShown = true;
    }
  }

  private drawPendingHeader(): void {
    if (this.pendingHeader !== undefined) this.header(this.pendingHeader);
    this.pendingHeader = undefined;
  }

  private newPage(): void {
    this.w.addPage();
    this.pendingHeader = this.w.y;
    this.w.y += TABLE.headHeight;
    this.fresh = true;
  }

  /** One category's row, in as many parts as pages it needs. */
  private row(cell: Cell): void {
    const { w, ladder, body, textLeft, textRight, x0, catWidth } = this;
    const cellSrc = ladderSource(ladder, cell.position);
    const left: Slot[] = w.lines(w.plain(cell.category, { ...body, bold: true }, cellSrc), textLeft).map((line) => ({ line, gap: 0, bullet: false }));
    const right: Slot[] = [];
    // The expectation each right-hand line belongs to (-1: the placeholder of an empty cell).
    const itemOf: number[] = [];
    cell.expectations.forEach((e, k) => {
      const frags = w.frags(inlineSpans(e.markdown), body, ladderSource(ladder, e.position));
      w.lines(frags, textRight).forEach((line, i) => {
        right.push({ line, gap: i === 0 && k > 0 ? TABLE.itemGap : 0, bullet: i === 0 });
        itemOf.push(k);
      });
    });
    if (right.length === 0) {
      right.push({ line: w.lines(w.plain('—', { ...body, color: COLOR.faint }, cellSrc), textRight)[0]!, gap: 0, bullet: false });
      itemOf.push(-1);
    }
    const row = w.child(this.tbody, 'TR');
    const rowHead = w.child(row, 'TH', { scope: 'Row' });
    const data = w.child(row, 'TD');
    const list = cell.expectations.length ? w.child(data, 'L') : undefined;
    const bodies = cell.expectations.map(() => w.child(w.child(list!, 'LI'), 'LBody'));
    const continued: Slot[] = w
      .lines(w.plain(`${cell.category} (continued)`, { size: 8.5, color: COLOR.muted, italic: true }, cellSrc), textLeft)
      .map((line) => ({ line, gap: 0, bullet: false }));

    let li = 0;
    let ri = 0;
    let part = 0;
    for (;;) {
      const avail = w.bottom - w.y - 2 * TABLE.padY;
      let nl = fitCount(left, li, avail);
      let nr = fitCount(right, ri, avail);
      const restL = left.length - li;
      const restR = right.length - ri;
      // At least two lines of each column on a page (or all of it), else the row starts on the next page.
      const enough = (nl === restL || nl >= 2) && (nr === restR || nr >= 2);
      if (!enough && !this.fresh) {
        this.newPage();
        continue;
      }
      if (nl === 0 && nr === 0) {
        // Nothing fits even on a fresh page: a line taller than a page. Take one anyway rather than loop.
        nl = Math.min(1, restL);
        nr = Math.min(1, restR);
      }
      const label = part > 0 && li >= left.length ? continued.slice(0, Math.max(1, fitCount(continued, 0, avail))) : [];
      const contentHeight = Math.max(slotsHeight(left, li, nl), slotsHeight(right, ri, nr), slotsHeight(label, 0, label.length));
      const top = w.y;
      const height = contentHeight + 2 * TABLE.padY;
      w.fill(x0, top, catWidth, height, COLOR.accentSoft);
      // The fill would hide half of the previous row's bottom rule.
      if (!this.fresh) w.rule(top, COLOR.rule, 0.6);
      // Content-stream order is reading order: a continued row's text follows on directly from the
      // previous page, and the repeated header and category label come after it.
      if (part === 0) {
        this.drawPendingHeader();
        this.drawLeft(top, left, li, nl, rowHead);
        this.drawRight(top, right, itemOf, ri, nr, data, bodies);
      } else {
        this.drawRight(top, right, itemOf, ri, nr, data, bodies);
        if (label.length) this.drawLeft(top, label, 0, label.length, rowHead, true);
        else this.drawLeft(top, left, li, nl, rowHead);
        this.drawPendingHeader();
      }
      w.rule(top + height, COLOR.rule, 0.6);
      w.y = top + height;
      this.fresh = false;
      li += nl;
      ri += nr;
      part++;
      if (li >= left.length && ri >= right.length) break;
      this.newPage();
    }
    row.end();
  }

  private drawLeft(top: number, slots: Slot[], from: number, count: number, rowHead: Node, continued = false): void {
    if (count === 0) return;
    const { w, x0 } = this;
    const draw = () => {
      let y = top + TABLE.padY;
      for (let k = from; k < from + count; k++) {
        w.drawLine(slots[k]!.line, x0 + TABLE.padX, y + SIZE.bodyLeading * 0.74);
        y += SIZE.bodyLeading;
      }
    };
    // "Category (continued)" repeats the row header: an artifact.
    if (continued) w.artifact(draw);
    else w.content(draw, rowHead);
  }

  /** Consecutive lines of one expectation are one piece of its list item's content. */
  private drawRight(top: number, right: Slot[], itemOf: number[], ri: number, nr: number, data: Node, bodies: Node[]): void {
    const { w, x1, bullet } = this;
    let y = top + TABLE.padY;
    for (let k = ri; k < ri + nr; ) {
      const item = itemOf[k]!;
      let end = k;
      while (end < ri + nr && itemOf[end] === item) end++;
      const from = k;
      w.content(() => {
        for (let j = from; j < end; j++) {
          const slot = right[j]!;
          if (j > ri) y += slot.gap;
          const baseline = y + SIZE.bodyLeading * 0.74;
          if (slot.bullet) w.drawLine(bullet, x1 + TABLE.padX, baseline);
          w.drawLine(slot.line, x1 + TABLE.padX + TABLE.bulletIndent, baseline);
          y += SIZE.bodyLeading;
        }
      }, item < 0 ? data : bodies[item]!);
      k = end;
    }
  }
}
