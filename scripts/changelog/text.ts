/** Longest quoted text before it is shortened, in characters (code points). */
export const MAX_QUOTE = 120;

/**
 * Shortens a text to at most `max` characters, cutting at a word boundary and ending in an ellipsis.
 * A single word longer than the limit is cut inside the word rather than dropped.
 */
export function shorten(text: string, max = MAX_QUOTE): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  const head = chars.slice(0, max).join(''); // one more than fits with the ellipsis: a space there is a clean cut
  const cut = head.search(/\s\S*$/);
  const kept = cut > max / 2 ? head.slice(0, cut) : chars.slice(0, max - 1).join('');
  return `${kept.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** “text”, shortened. */
export function quote(text: string | undefined): string {
  return `“${shorten(text ?? '')}”`;
}
