import type { PhrasingContent } from 'mdast';
import type { Point } from 'unist';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';

/**
 * One line of prose in which no character means anything to CommonMark, GFM or HTML: it starts with
 * a letter (no list marker or heading), ends without spaces (no hard break) or `#` (which may close
 * a heading), holds no `www.` or `://` (autolinks; an email one needs an `@`, which is not allowed)
 * and no `&` but before a space (a character reference). Most expectations are such; for them
 * the renderers and fmt's safety check skip the Markdown parser, whose result would be one paragraph
 * holding this text (test/bench/fast-paths.test.ts), and the parser builds their nodes itself
 * (plain-table.ts, plain-blocks.ts).
 */
const INSIDE_CLASS = `[\\p{L}\\p{N} ,.;:!+='"()?%/#$&\\u00a3\\u00a7\\u00b0\\u00b7\\u00d7\\u20ac\\u2022\\u2018\\u2019\\u201c\\u201d\\u2013\\u2014\\u2026-]`;
const END_CLASS = `[\\p{L}\\p{N}.,;:!?)'"%$\\u00a3\\u00b0\\u20ac\\u2019\\u201d\\u2026]`;
const PLAIN = new RegExp(`^\\p{L}(?:${INSIDE_CLASS}*${END_CLASS})?$`, 'u');
/** Characters PLAIN allows inside a line, and those it allows at its end. */
const INSIDE = new RegExp(`^${INSIDE_CLASS}*$`, 'u');
const END = new RegExp(`${END_CLASS}$`, 'u');
/** What no plain text holds whatever its characters: an autolink's start, or a character reference's. */
const LITERAL_OR_REFERENCE = /www\.|:\/\/|&(?! )/i;

export function isPlainText(markdown: string): boolean {
  // Most text is ASCII, which a table of its characters decides in one pass; the rest takes the expressions.
  const ascii = plainAscii(markdown);
  return ascii !== undefined ? ascii : plainByExpression(markdown);
}

/** The definition, by the two expressions (isPlainText takes it for text beyond ASCII). */
export function plainByExpression(markdown: string): boolean {
  // `&` only before a space (no character reference can start), `#` only inside (no closing sequence).
  return PLAIN.test(markdown) && !LITERAL_OR_REFERENCE.test(markdown);
}

/** PLAIN's classes for ASCII: 1 may stand inside the text, 2 may also end it (letters and digits: both). */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9.,;:!?)'"%$]/.test(ch)) ASCII_CLASS[c] = 2;
  else if (/[ +=(/#&-]/.test(ch)) ASCII_CLASS[c] = 1;
}
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isW = (c: number) => c === 119 || c === 87;

/**
 * isPlainText of an ASCII text, in one pass over its character codes; undefined at the first
 * character beyond ASCII (the Unicode classes are the expressions' business).
 */
function plainAscii(text: string): boolean | undefined {
  const n = text.length;
  if (n === 0) return false;
  const first = text.charCodeAt(0);
  if (first >= 128) return undefined;
  if (!isAsciiLetter(first)) return false;
  for (let i = 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return undefined;
    const ok =
      ASCII_CLASS[c] !== 0 &&
      (c !== 38 || text.charCodeAt(i + 1) === 32) && // `&`, unless a space follows
      (c !== 58 || text.charCodeAt(i + 1) !== 47 || text.charCodeAt(i + 2) !== 47) && // `://`
      (c !== 46 || i < 3 || !isW(text.charCodeAt(i - 1)) || !isW(text.charCodeAt(i - 2)) || !isW(text.charCodeAt(i - 3))); // `www.`
    // What no character after it can mend: the expressions would say the same.
    if (!ok) return false;
  }
  return ASCII_CLASS[text.charCodeAt(n - 1)] === 2;
}

/**
 * Plain text where only inline content can be (a heading's text, a table cell): it may also start
 * with a digit, which nothing there reads as a list ("3 · Senior", "5+ years of experience").
 */
export function isPlainInline(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 48 && c <= 57 ? isPlainText(`a${text}`) : isPlainText(text);
}

/**
 * The phrasing micromark makes of `text` (from `s` to `e` on its line, `at` placing a column), when
 * it is plain: plain runs and inline links (plainRuns), or a plain label in `**` alone or followed by
 * a space or a colon and such runs (`**Craft:** Ships…`, `**Craft**: Ships…`); with `inline` (a table
 * cell), text may start with a digit (isPlainInline). Undefined for anything else.
 */
export function plainPhrasing(text: string, at: (x: number) => Point, s: number, e: number, inline = false, refs?: References): PhrasingContent[] | undefined {
  if (s === e) return [];
  if (inline ? isPlainInline(text) : isPlainText(text)) return [{ type: 'text', value: text, position: { start: at(s), end: at(e) } }];
  return (text.startsWith('**') ? labelled(text, at, s, e, refs) : undefined) ?? plainRuns(text, at, s, inline, refs);
}

/**
 * The link labels a file defines (`[label]: url` anywhere in it), in the form micromark matches them
 * by (normalizeIdentifier's, case-folded to upper case; the identifier mdast gives is that lowercased):
 * with them, plainRuns also reads `[label]` and `[text][label]` as references.
 */
export type References = ReadonlySet<string>;

/** A label's identifier as mdast gives it to a definition or reference: micromark's normalization, lowercased. */
export function identifierOf(label: string): string {
  return normalizeIdentifier(label).toLowerCase();
}

/** The labels of definition lines (`[label]: …`; footnotes, `[^label]: …`, are no link labels). */
export function referencesOf(definitions: readonly string[]): References {
  const out = new Set<string>();
  for (const line of definitions) if (!line.startsWith('[^')) out.add(normalizeIdentifier(line.slice(1, line.lastIndexOf(']:'))));
  return out;
}

/**
 * A plain label in `**` opening the text, alone or followed by a colon, or by an optional colon, a
 * space and runs that could start a line (`**Craft:** Ships…`, `**Craft**: Ships…`): the colon inside
 * the label is what plainRuns does not take. Undefined for anything else.
 */
function labelled(text: string, at: (x: number) => Point, s: number, e: number, refs?: References): PhrasingContent[] | undefined {
  const close = text.indexOf('**', 2);
  if (close < 3) return undefined;
  const label = text.slice(2, close);
  const rest = text.slice(close + 2);
  if (!isPlainText(label)) return undefined;
  const strong: PhrasingContent = {
    type: 'strong',
    children: [{ type: 'text', value: label, position: { start: at(s + 2), end: at(s + close) } }],
    position: { start: at(s), end: at(s + close + 2) },
  };
  if (rest === '') return [strong];
  const restText = (): PhrasingContent => ({ type: 'text', value: rest, position: { start: at(s + close + 2), end: at(e) } });
  if (rest === ':') return [strong, restText()];
  const gap = /^:? (?=\S)/.exec(rest)?.[0].length;
  if (gap === undefined) return undefined;
  if (isPlainText(rest.slice(gap))) return [strong, restText()];
  // What follows the gap must read on its own as the start of a line would (a letter, or a link).
  const after = plainRuns(rest.slice(gap), at, s + close + 2 + gap, false, refs);
  if (!after) return undefined;
  const first = after[0]!;
  if (first.type === 'text') {
    first.value = rest.slice(0, gap) + first.value;
    first.position!.start = at(s + close + 2);
    return [strong, ...after];
  }
  return [strong, { type: 'text', value: rest.slice(0, gap), position: { start: at(s + close + 2), end: at(s + close + 2 + gap) } }, ...after];
}

/**
 * Plain text with inline links, emphasis and code spans in it, as micromark reads them, in forms
 * that read one way only:
 * - `[text](destination)`: the text plain (isPlainInline), the destination a run of URL characters
 *   with no space, parenthesis, quote, backslash, `&` or `<`, and no title; no `!` before it (an image);
 * - `**text**`, `*text*`, `_text_`: after the start, a space or `(`, and before the end, a space or
 *   one of `.,;:!?)`; the text plain inside a line, starting and ending with a letter or digit;
 * - `` `code` ``: one backtick each side, no space at either end of the code;
 * - with `refs`, a reference to a label the file defines: `[label]` (shortcut), `[label][]`
 *   (collapsed) or `[text][label]` (full), the text and label plain (isPlainInline), not at the start
 *   of the line (where `[label]:` defines and `[x]` may be a task), not followed by `(`, `:` or another
 *   bracket, and not after `!` (an image).
 * The text between them is plain inside a line (no character Markdown reads, no autolink), the first
 * run starting as plain text does (a letter, or a digit with `inline`) and the last ending as it does.
 * Undefined for anything else, and for text with none of them (plain text is isPlainText's).
 */
export function plainRuns(text: string, at: (x: number) => Point, s: number, inline: boolean, refs?: References): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  let from = 0;
  const textNode = (a: number, b: number): PhrasingContent => ({ type: 'text', value: text.slice(a, b), position: { start: at(s + a), end: at(s + b) } });
  const run = (a: number, b: number): boolean => {
    if (a === b) return true;
    const value = text.slice(a, b);
    if (!plainInside(value)) return false;
    // The text a line starts with reads as plain text starts (a letter, or a digit in a cell: no list marker, heading or quote).
    if (a === 0 && !startsPlain(value, inline)) return false;
    // The text a line ends with ends as plain text does (no hard break, no heading's closing `#`).
    if (b === text.length && !endsPlain(value)) return false;
    out.push(textNode(a, b));
    return true;
  };
  for (let i = 0; i < text.length; ) {
    // On to the next character that may start something: `[`, a backtick, `*` or `_`.
    MARK.lastIndex = i;
    if (!MARK.test(text)) break;
    i = MARK.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 91) {
      // `[`: a link
      if (i > 0 && text.charCodeAt(i - 1) === 33) return undefined; // `!`: an image
      const link = LINK.exec(text.slice(i));
      if (!link) {
        const ref = refs && i > 0 ? reference(text, i, refs) : undefined;
        if (!ref || !run(from, i)) return undefined;
        const { end, label, identifier, kind, textEnd } = ref;
        out.push({ type: 'linkReference', children: [textNode(i + 1, textEnd)], position: { start: at(s + i), end: at(s + end) }, label, identifier, referenceType: kind });
        i = from = end;
        continue;
      }
      const [whole, label, url] = link as unknown as [string, string, string];
      if (!isPlainInline(label) || !run(from, i)) return undefined;
      out.push({ type: 'link', title: null, url, children: [textNode(i + 1, i + 1 + label.length)], position: { start: at(s + i), end: at(s + i + whole.length) } });
      i = from = i + whole.length;
    } else if (c === 96) {
      // A backtick: a code span
      const close = text.indexOf('`', i + 1);
      if (close < 0 || close === i + 1 || text.charCodeAt(close + 1) === 96 || text.charCodeAt(i + 1) === 32 || text.charCodeAt(close - 1) === 32 || !run(from, i)) return undefined;
      out.push({ type: 'inlineCode', value: text.slice(i + 1, close), position: { start: at(s + i), end: at(s + close + 1) } });
      i = from = close + 1;
    } else if (c === 42 || c === 95) {
      // `*` or `_`: emphasis, or strong when doubled
      const mark = text[i]!;
      const size = text.charCodeAt(i + 1) === c ? 2 : 1;
      const open = i + size;
      const close = text.indexOf(mark.repeat(size), open);
      const before = i === 0 ? 32 : text.charCodeAt(i - 1);
      const after = text.charCodeAt(close + size);
      if (
        close < 0 ||
        (before !== 32 && before !== 40) ||
        !ALNUM.test(text[open] ?? '') ||
        !ALNUM.test(text[close - 1]!) ||
        !(Number.isNaN(after) || AFTER_CLOSE.includes(text[close + size]!)) ||
        text.slice(open, close).includes(mark) ||
        !plainInside(text.slice(open, close)) ||
        !run(from, i)
      ) {
        return undefined;
      }
      out.push({ type: size === 2 ? 'strong' : 'emphasis', children: [textNode(open, close)], position: { start: at(s + i), end: at(s + close + size) } });
      i = from = close + size;
    }
  }
  if (from === 0 || !run(from, text.length)) return undefined;
  return out;
}

const ALNUM = /^[\p{L}\p{N}]/u;

/** What may start a link, a code span or emphasis. */
const MARK = /[[`*_]/g;

/** Whether text may open a line as plain text does: a letter, or with `inline` (a cell) a digit too. */
function startsPlain(text: string, inline: boolean): boolean {
  const c = text.charCodeAt(0);
  if (c < 128) return isAsciiLetter(c) || (inline && c >= 48 && c <= 57);
  return /^\p{L}/u.test(text);
}

/** Whether text may end a line as plain text does (PLAIN's last class: no space, `#`, `&` or the like). */
function endsPlain(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c < 128 ? ASCII_CLASS[c] === 2 : END.test(text);
}

/** What may follow a closing `*`, `**` or `_` here: a space, or punctuation that ends a phrase. */
const AFTER_CLOSE = ' .,;:!?)';

/**
 * The reference starting at `text[i]` (a `[`) to a label in `refs`: where it ends, its label as
 * written and its identifier, its kind and where its text ends. Undefined for any other bracket (see plainRuns).
 */
function reference(text: string, i: number, refs: References): { end: number; label: string; identifier: string; kind: 'shortcut' | 'collapsed' | 'full'; textEnd: number } | undefined {
  const close = text.indexOf(']', i + 1);
  if (close < 0) return undefined;
  const first = text.slice(i + 1, close);
  if (first.length > 999 || !isPlainInline(first)) return undefined;
  let end = close + 1;
  let label = first;
  let kind: 'shortcut' | 'collapsed' | 'full' = 'shortcut';
  if (text[end] === '[') {
    const close2 = text.indexOf(']', end + 1);
    if (close2 < 0) return undefined;
    const second = text.slice(end + 1, close2);
    if (second !== '') {
      if (second.length > 999 || !isPlainInline(second)) return undefined;
      label = second;
      kind = 'full';
    } else kind = 'collapsed';
    end = close2 + 1;
  }
  // What could make it a link, a definition or part of another bracket.
  const next = text[end];
  const key = normalizeIdentifier(label);
  if (next === '(' || next === '[' || next === ':' || !refs.has(key)) return undefined;
  return { end, label, identifier: key.toLowerCase(), kind, textEnd: close };
}

/** `[text](destination)` at the start: no bracket, backslash or backtick in the text; a plain URL. */
const LINK = /^\[([^[\]\\`]{1,200})\]\(([A-Za-z0-9\-._~:/?#@!$+,;=%]{1,500})\)/;

/** Text that may stand inside a plain line: only characters PLAIN allows there, no autolink, no character reference. */
function plainInside(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return INSIDE.test(text) && !LITERAL_OR_REFERENCE.test(text);
    if (ASCII_CLASS[c] === 0) return false;
  }
  return !LITERAL_OR_REFERENCE.test(text);
}
