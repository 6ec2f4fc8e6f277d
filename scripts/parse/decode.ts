import { fileError, type Diagnostic } from '../model/diagnostic.js';

/** Ladders are small (the largest public one we know is 40 KiB); past this, a file is almost certainly not a ladder, and remark alone needs seconds per MiB (issue 19). */
export const MAX_BYTES = 256 * 1024;

/** The `file-too-large` diagnostic for a file of `bytes` bytes, wherever its size was learnt (disk, git, text). */
export function tooLarge(file: string, bytes: number): Diagnostic {
  return fileError(file, 'file-too-large', `File is ${Math.round(bytes / 1024)} KiB, expected at most ${MAX_BYTES / 1024} KiB for a ladder`);
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function lineColumnOfByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Column in characters would need decoding the broken line; bytes are honest here.
  return { line, column: index - lineStart + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return 0;
}

/** Bytes → text, or the diagnostic that says why the file cannot be a ladder. */
export function decodeSource(input: string | Uint8Array, file: string): { text?: string; diagnostic?: Diagnostic } {
  const at = (line = 1, column = 1) => ({ line, column });
  const fail = (ruleId: string, message: string, position = at()): { diagnostic: Diagnostic } => ({
    diagnostic: { file, position, severity: 'error', ruleId, message },
  });
  let text: string;
  if (typeof input === 'string') {
    if (input.length > MAX_BYTES) return { diagnostic: tooLarge(file, input.length) };
    text = input;
  } else {
    if (input.byteLength > MAX_BYTES) return { diagnostic: tooLarge(file, input.byteLength) };
    const nul = input.subarray(0, 8192).indexOf(0);
    if (nul >= 0) return fail('binary-file', 'Unexpected binary content (NUL byte), expected a UTF-8 Markdown file', lineColumnOfByte(input, nul));
    try {
      text = decoder.decode(input);
    } catch {
      const bad = firstInvalidUtf8(input);
      return fail('not-utf8', `Unexpected byte \`0x${input[bad]?.toString(16).padStart(2, '0')}\`, expected UTF-8 text`, lineColumnOfByte(input, bad));
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0')) return fail('binary-file', 'Unexpected binary content (NUL character), expected a UTF-8 Markdown file');
  if (text.trim() === '') return fail('empty-file', 'Unexpected empty file, expected a ladder with a title and levels');
  return { text };
}
