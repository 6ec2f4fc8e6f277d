/**
 * What a release PDF says about where it stands, in its document Info dictionary (custom keys, which
 * PDF readers show under "custom properties") and on its title page. `ladder verify` reads it back.
 * The one home of these key names: the writer (document.ts) and the reader below share them.
 */
export const RELEASE_KEYS = {
  /** The ladder's id; `*` for the combined `ladders.pdf`. */
  id: 'LadderId',
  /** The release version as tagged: `v1.2.0`. */
  version: 'LadderVersion',
  /** `YYYY-MM-DD` (UTC), the release date. */
  date: 'LadderReleaseDate',
  /** The commit the release was built from (40 hex digits), when the build ran in a git repository. */
  commit: 'LadderSourceCommit',
  /** `sha256:<hex>` of the ladder's source file as built (combined file: of the sorted `<id> <hash>` lines). */
  contentHash: 'LadderContentHash',
  /** The ladder's source file, repository-relative (combined file: absent). */
  source: 'LadderSource',
  /** The file name the release published it under (`engineering.pdf`), the line of SHA256SUMS to check. */
  file: 'LadderFile',
} as const;

export type ReleaseInfo = { -readonly [K in keyof typeof RELEASE_KEYS]?: string };

/** The XMP namespace of the same keys (`ladder:Version` …), beside the Info dictionary. */
export const XMP_NAMESPACE = 'urn:ladder-governance:release:1';

/** The ladder id `LadderId` holds for `ladders.pdf`. */
export const COMBINED_ID = '*';

export function infoEntries(info: ReleaseInfo): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, key] of Object.entries(RELEASE_KEYS)) {
    const v = info[k as keyof ReleaseInfo];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

// ---- reading it back ---------------------------------------------------------------------------

/**
 * The Info dictionary of a PDF as written by pdfkit (and by most writers that keep a classic
 * cross-reference table): the last trailer's `/Info n 0 R`, then each value, a literal or hex string,
 * direct or by reference. Returns undefined when there is no such dictionary to read (not a PDF, or
 * one whose trailer lives in a compressed cross-reference stream).
 */
export function readPdfInfo(bytes: Uint8Array): Record<string, string> | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!text.startsWith('%PDF-')) return undefined;
  const trailer = text.lastIndexOf('trailer');
  if (trailer < 0) return undefined;
  const ref = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(text.slice(trailer, trailer + 4096));
  if (!ref) return undefined;
  const dict = objectBody(text, Number(ref[1]), Number(ref[2]));
  if (dict === undefined || !dict.trimStart().startsWith('<<')) return undefined;
  const out: Record<string, string> = {};
  const entry = /\/([A-Za-z0-9_#.-]+)\s*(?:(\d+)\s+(\d+)\s+R|(\((?:\\[\s\S]|[^\\)])*(?:\)|$))|<([0-9A-Fa-f\s]*)>)/g;
  for (let m = entry.exec(dict); m; m = entry.exec(dict)) {
    const name = m[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    let value: string | undefined;
    if (m[2] !== undefined) {
      const body = objectBody(text, Number(m[2]), Number(m[3]))?.trim();
      if (body?.startsWith('(')) value = literal(body);
      else if (body?.startsWith('<') && !body.startsWith('<<')) value = hex(body.slice(1, body.indexOf('>')));
    } else if (m[4] !== undefined) value = literal(m[4]);
    else if (m[5] !== undefined) value = hex(m[5]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function releaseInfoOf(entries: Record<string, string>): ReleaseInfo {
  const out: ReleaseInfo = {};
  for (const [k, key] of Object.entries(RELEASE_KEYS)) if (entries[key] !== undefined) out[k as keyof ReleaseInfo] = entries[key];
  return out;
}

/** The text between `n g obj` and `endobj` of the last definition of that object (incremental updates win). */
function objectBody(text: string, n: number, g: number): string | undefined {
  const re = new RegExp(`(?:^|[\\r\\n\\s])${n}\\s+${g}\\s+obj\\b`, 'g');
  let start = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) start = m.index + m[0].length;
  if (start < 0) return undefined;
  const end = text.indexOf('endobj', start);
  return end < 0 ? undefined : text.slice(start, end);
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

/** A literal string `( … )` with its escapes, then decoded (UTF-16BE with a BOM, else PDFDocEncoding ≈ Latin-1). */
function literal(s: string): string {
  let raw = '';
  let depth = 0;
  for (let i = s.indexOf('(') + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      const d = s[++i] ?? '';
      if (ESCAPES[d] !== undefined) raw += ESCAPES[d];
      else if (/[0-7]/.test(d)) {
        let oct = d;
        while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) oct += s[++i];
        raw += String.fromCharCode(parseInt(oct, 8) & 0xff);
      } else if (d === '\r' || d === '\n') {
        if (d === '\r' && s[i + 1] === '\n') i++;
      } else raw += d;
    } else if (c === '(') {
      depth++;
      raw += c;
    } else if (c === ')') {
      if (depth === 0) break;
      depth--;
      raw += c;
    } else raw += c;
  }
  return decode(Buffer.from(raw, 'latin1'));
}

function hex(s: string): string {
  const digits = s.replace(/\s+/g, '');
  return decode(Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex'));
}

function decode(b: Buffer): string {
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.alloc(b.length - 2);
    for (let i = 2; i + 1 < b.length; i += 2) {
      swapped[i - 2] = b[i + 1]!;
      swapped[i - 1] = b[i]!;
    }
    return swapped.toString('utf16le');
  }
  return b.toString('latin1');
}
