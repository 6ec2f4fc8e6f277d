import type { FontKey } from './fonts.js';

export interface TextStyle {
  font: FontKey;
  size: number;
  color: string;
  link?: string;
  strike?: boolean;
}

/** Text in one style, ready to measure. `\n` is a hard line break. */
export interface Frag {
  text: string;
  style: TextStyle;
}

/** A run of one style on one line, at `x` from the line's start. */
export interface Piece extends Frag {
  x: number;
  width: number;
}

export interface Line {
  pieces: Piece[];
  width: number;
}

export type Measure = (text: string, style: TextStyle) => number;

type Item = { kind: 'word'; parts: Frag[] } | { kind: 'space'; frag: Frag } | { kind: 'newline' };

// Only ordinary spaces and tabs are break opportunities: a no-break space must keep its words together.
const TOKEN = /\n|[ \t]+|[^ \t\n]+/g;

function items(frags: Frag[]): Item[] {
  const out: Item[] = [];
  let word: Frag[] | undefined;
  for (const frag of frags) {
    for (const [token] of frag.text.matchAll(TOKEN)) {
      if (token === '\n') {
        word = undefined;
        out.push({ kind: 'newline' });
      } else if (token[0] === ' ' || token[0] === '\t') {
        word = undefined;
        out.push({ kind: 'space', frag: { text: ' ', style: frag.style } });
      } else if (word) {
        // "**un**believable": styles change inside one word, which must not break there.
        word.push({ text: token, style: frag.style });
      } else {
        word = [{ text: token, style: frag.style }];
        out.push({ kind: 'word', parts: word });
      }
    }
  }
  return out;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a.font === b.font && a.size === b.size && a.color === b.color && a.link === b.link && a.strike === b.strike;
}

/** Greedy line breaking of styled text into lines no wider than `maxWidth`; overlong words break between graphemes. */
export function wrap(frags: Frag[], maxWidth: number, measure: Measure): Line[] {
  const lines: Frag[][] = [];
  let current: Frag[] = [];
  let width = 0;
  let space: Frag | undefined;
  const flush = (): void => {
    lines.push(current);
    current = [];
    width = 0;
    space = undefined;
  };
  const widthOf = (parts: Frag[]): number => parts.reduce((sum, part) => sum + measure(part.text, part.style), 0);

  for (const item of items(frags)) {
    if (item.kind === 'newline') {
      flush();
      continue;
    }
    if (item.kind === 'space') {
      if (current.length > 0) space = item.frag;
      continue;
    }
    const w = widthOf(item.parts);
    const sw = space ? measure(space.text, space.style) : 0;
    if (current.length > 0 && width + sw + w > maxWidth) flush();
    if (current.length === 0 && w > maxWidth) {
      // A URL or a very long compound: cut it where it no longer fits.
      for (const part of item.parts) {
        for (const { segment } of graphemes.segment(part.text)) {
          const gw = measure(segment, part.style);
          if (current.length > 0 && width + gw > maxWidth) flush();
          current.push({ text: segment, style: part.style });
          width += gw;
        }
      }
      continue;
    }
    if (current.length > 0 && space) {
      current.push(space);
      width += sw;
    }
    space = undefined;
    current.push(...item.parts);
    width += w;
  }
  if (current.length > 0 || lines.length === 0) flush();
  return lines.map((line) => place(line, measure));
}

/** Merge neighbouring fragments of one style and measure each merged piece once. */
function place(frags: Frag[], measure: Measure): Line {
  const merged: Frag[] = [];
  for (const frag of frags) {
    const last = merged[merged.length - 1];
    if (last && sameStyle(last.style, frag.style)) last.text += frag.text;
    else merged.push({ text: frag.text, style: frag.style });
  }
  let x = 0;
  const pieces = merged.map((frag) => {
    const width = measure(frag.text, frag.style);
    const piece = { ...frag, x, width };
    x += width;
    return piece;
  });
  return { pieces, width: x };
}
