import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import type { Cell, Expectation, Ladder, Level } from '../../scripts/model/ladder.js';

// ---- a ladder built by hand ----------------------------------------------------------------------

let line = 10;
const at = () => ({ line: line++, column: 3 });

export function exp(markdown: string, text = markdown): Expectation {
  return { id: `e${line}`, text, markdown, position: at() };
}

export function cell(category: string, expectations: Expectation[]): Cell {
  return { category, position: at(), expectations };
}

export function level(key: string, title: string, cells: Cell[], description?: string): Level {
  return { key, track: 'main', code: key, title, position: at(), cells, ...(description ? { description } : {}) };
}

export function ladder(id: string, title: string, levels: Level[], extra: Partial<Ladder> = {}): Ladder {
  const categories = [...new Set(levels.flatMap((l) => l.cells.map((c) => c.category)))];
  return {
    id,
    title,
    file: `ladders/${id}.md`,
    shape: 'table',
    status: 'active',
    owners: ['@acme/leads'],
    categories,
    tracks: [{ key: 'main', title }],
    levels,
    shared: [],
    intro: '',
    notes: [],
    meta: {},
    position: { line: 1, column: 1 },
    ...extra,
  };
}

export const SAMPLES = {
  polish: 'Zażółć gęślą jaźń: łączy zespoły w Łodzi i Gdańsku.',
  turkish: 'Işık ılık süt içer; İstanbul ve Iğdır ekipleri ğüşöç harflerini doğru yazar.',
  german: 'Größere Übergänge verlangen Maßstäbe für Qualitätsprüfungen.',
  cyrillic: 'Съешь же ещё этих мягких французских булок, да выпей чаю.',
  greek: 'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία των πρακτικών αναθεωρήσεων.',
};

const LOREM =
  'Shares context generously with every adjacent team and documents each decision so that reviewers in other time zones can follow the reasoning without a meeting';

/** Six levels: emphasis in cells, every sample script, a cell that spans pages, an unbreakable URL, HTML, an emoji and a CJK character. */
export function sampleLadder(): Ladder {
  line = 10;
  const long = Array.from({ length: 30 }, (_, i) => `${LOREM} (part ${i + 1}).`).join(' ');
  return ladder(
    'sample',
    'Platform Engineering',
    [
      level('P1', 'Learns the platform', [
        cell('Technical quality', [
          exp('Writes **well-tested** changes and *explains* them in `README.md` files.', 'Writes well-tested changes and explains them in README.md files.'),
          exp('Reads [the style guide](https://example.com/style) before every review.', 'Reads the style guide before every review.'),
        ]),
        cell('Collaboration', [exp('Asks for help after a reasonable attempt of their own.')]),
      ], 'New to the team; works with **close** guidance.'),
      level('P2', 'Delivers features', [
        cell('Technical quality', [exp(SAMPLES.polish), exp(SAMPLES.turkish), exp(SAMPLES.german)]),
        cell('Collaboration', [exp(SAMPLES.cyrillic), exp(SAMPLES.greek)]),
      ]),
      level('P3', 'Owns a service', [
        cell('Technical quality', [exp(long)]),
        cell('Execution', Array.from({ length: 30 }, (_, i) => exp(`Keeps milestone ${i + 1} of the service roadmap visible to stakeholders and updates it weekly.`))),
      ]),
      level('P4', 'Leads across teams', [
        cell('Technical quality', [
          exp(`Links to https://example.com/${'very-long-path-segment/'.repeat(12)}end in design notes.`),
          exp('Handles <script>alert(1)</script> input and <b>raw</b> HTML safely.', 'Handles alert(1) input and raw HTML safely.'),
          exp('Never follows [odd links](javascript:alert(1)).', 'Never follows odd links.'),
        ]),
      ]),
      level('P5', 'Shapes the platform', [
        cell('Collaboration', [exp('Celebrates launches with a 🚀 and greets partners with 你好.')]),
      ]),
      level('P6', 'Sets technical direction', [
        cell('Leadership', [exp('Sets the direction for the platform and explains the trade-offs in writing.')]),
        cell('Execution', [exp('Retires systems that no longer pay for their upkeep.')]),
      ]),
    ],
    {
      intro: '# Platform Engineering\n\nThis ladder describes **platform** engineers.\n\n- Levels build on each other.\n- Read a level as sustained behaviour.',
      notes: [{ title: 'How to use this ladder', markdown: 'Use it in conversations, not as a *scorecard*.', position: { line: 200, column: 1 } }],
      shared: [cell('Values', [exp('Treats colleagues with respect.')])],
    },
  );
}

/** How contents and outline name a level: its code and title, the title alone when it starts with the code. */
export function levelLabel(l: Level): string {
  return l.code && !l.title.startsWith(l.code) ? `${l.code} · ${l.title}` : l.title;
}

/** The level heading as drawn: the code, then the title. */
export function levelHeading(l: Level): string {
  return l.code && !l.title.startsWith(l.code) ? `${l.code} ${l.title}` : l.title;
}

/** Text as the PDF must show it: each character a warning names as missing shown as [U+XXXX], invisible ones gone. */
export function shown(text: string, warnings: Array<{ message: string }>): string {
  const missing = new Set(warnings.map((w) => w.message.match(/U\+([0-9A-F]{4,6})/)![1]));
  return [...text.normalize('NFC').replace(/\p{Default_Ignorable_Code_Point}/gu, '')]
    .map((ch) => {
      const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      return missing.has(code) ? `[U+${code}]` : ch;
    })
    .join('');
}

/** Every level heading, category and expectation of a ladder, in the order the PDF shows them. */
export function sequence(ladder: Ladder, warnings: Array<{ message: string }> = []): string[] {
  // With several tracks a level is counted within its track, whose title leads: "Management · Level 2 of 4".
  const multi = (ladder.tracks?.length ?? 1) > 1;
  return ladder.levels.flatMap((level, j) => {
    const set = ladder.levels.filter((l) => l.track === level.track);
    const title = ladder.tracks?.find((t) => t.key === level.track)?.title ?? level.track;
    return [
    multi ? `${shown(title, warnings)} · Level ${set.indexOf(level) + 1} of ${set.length}` : `Level ${j + 1} of ${ladder.levels.length}`,
    shown(levelHeading(level), warnings),
    ...level.cells.flatMap((c) => [shown(c.category, warnings), ...c.expectations.map((e) => shown(e.text, warnings))]),
    ];
  });
}

// ---- reading a PDF back with pdfjs-dist -----------------------------------------------------------

export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  font: string;
}

export interface ReadPage {
  view: number[];
  items: TextItem[];
  links: Array<{ url?: string; dest?: unknown; rect: number[] }>;
}

export interface ReadOutline {
  title: string;
  page: number;
  items: ReadOutline[];
}

export interface ReadPdf {
  pages: ReadPage[];
  info: Record<string, unknown>;
  outline: ReadOutline[];
  /** Page index of every named destination. */
  destinations: Map<string, number | undefined>;
}

export async function readPdf(pdf: Uint8Array): Promise<ReadPdf> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pageOf = async (dest: unknown): Promise<number | undefined> => {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[] | null);
    if (!explicit) return undefined;
    return doc.getPageIndex(explicit[0] as { num: number; gen: number });
  };
  const pages: ReadPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    await page.getOperatorList(); // loads the fonts, so their real names can be read
    const items: TextItem[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const font = page.commonObjs.has(item.fontName) ? String((page.commonObjs.get(item.fontName) as { name?: string }).name) : item.fontName;
      items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height, font });
    }
    const annotations = (await page.getAnnotations()) as Array<{ subtype: string; url?: string; dest?: unknown; rect: number[] }>;
    const links = annotations.filter((a) => a.subtype === 'Link').map((a) => ({ url: a.url, dest: a.dest, rect: a.rect }));
    pages.push({ view: page.view, items, links });
  }
  const meta = await doc.getMetadata();
  const walk = async (nodes: Awaited<ReturnType<typeof doc.getOutline>>): Promise<ReadOutline[]> =>
    Promise.all((nodes ?? []).map(async (n) => ({ title: n.title, page: (await pageOf(n.dest)) ?? -1, items: await walk(n.items) })));
  const outline = await walk(await doc.getOutline());
  const named = new Map<string, number | undefined>();
  for (const name of Object.keys((await doc.getDestinations()) as Record<string, unknown>)) named.set(name, await pageOf(name));
  const result: ReadPdf = { pages, info: meta.info as Record<string, unknown>, outline, destinations: named };
  await doc.destroy();
  return result;
}

/** Text of the items, a space where the pen jumps (a new line, a column), whitespace folded. */
export function joinText(items: TextItem[]): string {
  let out = '';
  let prev: TextItem | undefined;
  for (const item of items) {
    if (prev && (Math.abs(item.y - prev.y) > 1 || Math.abs(item.x - (prev.x + prev.width)) > 1.5)) out += ' ';
    out += item.str;
    prev = item;
  }
  return fold(out);
}

export function fold(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Text inside the content area of every page (the running header and footer left out), in reading order. */
export function bodyText(read: ReadPdf): string {
  return read.pages
    .map((p) => joinText(p.items.filter((i) => i.y > 60 && i.y < p.view[3]! - 60)))
    .join(' ');
}

/**
 * The needles not found in order, each after the previous one. White space is ignored: a word too
 * long for its column is cut between lines, and the extracted text has a space there.
 */
export function missingInOrder(text: string, needles: string[]): string[] {
  const missing: string[] = [];
  const haystack = text.replace(/\s/g, '');
  let from = 0;
  for (const needle of needles.map((n) => n.replace(/\s/g, ''))) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) missing.push(needle);
    else from = at + needle.length;
  }
  return missing;
}

/**
 * Where every text object starts, read from the raw content streams. pdf.js (like poppler) silently
 * drops text outside the page, so "no text outside the page box" is checked here, beneath the parser.
 */
export function textOrigins(pdf: Uint8Array): Array<{ x: number; y: number }> {
  const bytes = Buffer.from(pdf);
  const raw = bytes.toString('latin1');
  const origins: Array<{ x: number; y: number }> = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    let content: string;
    try {
      content = inflateSync(bytes.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue; // not a Flate stream
    }
    // pdfkit undoes its flipped page matrix around every text object, so Tm holds page coordinates.
    for (const t of content.matchAll(/BT\s+1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/g)) origins.push({ x: Number(t[1]), y: Number(t[2]) });
  }
  return origins;
}

// ---- system tools ---------------------------------------------------------------------------------

/** True when the binary runs; false (with a loud message) when absent outside CI; throws under CI. */
export function hasTool(name: string, args = ['--version']): boolean {
  const ok = spawnSync(name, args, { stdio: 'ignore' }).status === 0;
  if (!ok) {
    if (process.env.CI) throw new Error(`${name} is required under CI but is not installed`);
    console.warn(`\n*** SKIPPING: ${name} is not installed (set CI=1 to make this a failure) ***\n`);
  }
  return ok;
}

/** `qpdf --check` on the bytes; returns its exit status and output. */
export function qpdfCheck(pdf: Uint8Array): { status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-pdf-'));
  try {
    const file = join(dir, 'check.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
