/**
 * One line of prose in which no character means anything to CommonMark, GFM or HTML: it starts with
 * a letter (no list marker or heading), ends without spaces (no hard break), holds no `www.`
 * (autolink). Most expectations are such; for them the renderers and fmt's safety check skip the
 * Markdown parser, whose result would be one paragraph holding this text (test/bench/fast-paths.test.ts).
 */
const PLAIN = /^\p{L}(?:[\p{L}\p{N} ,.;'"()?%/\u2018\u2019\u201c\u201d\u2013\u2014-]*[\p{L}\p{N}.,;?)'"%\u2019\u201d])?$/u;

export function isPlainText(markdown: string): boolean {
  return PLAIN.test(markdown) && !/www\./i.test(markdown);
}
