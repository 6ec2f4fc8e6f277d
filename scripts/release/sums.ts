import { createHash } from 'node:crypto';
import { UserError } from '../model/errors.js';
import { byCodePoint } from '../model/order.js';

/** The checksum list every release carries, in `sha256sum` format: the one home of its name and format. */
export const SUMS_FILE = 'SHA256SUMS';

/** A release asset name: flat, letters, digits, ".", "_", "+", "-" (what GitHub keeps unchanged). */
export const ASSET_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `<hex>  <name>` lines sorted by name, so `sha256sum -c SHA256SUMS` checks a download. */
export function formatSums(entries: Iterable<{ name: string; sha256: string }>): string {
  return [...entries]
    .sort((a, b) => byCodePoint(a.name, b.name))
    .map((e) => `${e.sha256}  ${e.name}\n`)
    .join('');
}

/** SHA256SUMS of files in memory (name → bytes). */
export function sumsOf(files: ReadonlyMap<string, Uint8Array>): string {
  return formatSums([...files].map(([name, data]) => ({ name, sha256: sha256Hex(data) })));
}

/** Reads `sha256sum` output ("<hex>  <name>" or "<hex> *<name>"); entries must be flat asset names. */
export function parseSums(text: string, file = SUMS_FILE): Map<string, string> {
  const out = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new UserError(`expected "<sha256>  <file name>", found "${line.slice(0, 80)}"`, file, { line: i + 1, column: 1 });
    const name = m[2]!;
    if (!ASSET_NAME_RE.test(name)) {
      throw new UserError(`"${name}" cannot be a release asset name (letters, digits, ".", "_", "+", "-"; no folders)`, file, { line: i + 1, column: 67 });
    }
    if (out.has(name)) throw new UserError(`"${name}" is listed twice`, file, { line: i + 1, column: 67 });
    out.set(name, m[1]!.toLowerCase());
  });
  return out;
}
