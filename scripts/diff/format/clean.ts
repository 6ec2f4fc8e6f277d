/**
 * Ladder text is untrusted: control characters (terminal escapes) and bidi overrides (text that
 * reads differently from how it is stored) are dropped before any formatter shows it.
 */
export function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[\n\t]/g, ' ');
}

/** "@name" gets a zero-width space so GitHub does not notify people or teams named in a ladder. */
export function noMentions(s: string): string {
  return s.replace(/@(?=[\w-])/g, '@\u200b');
}
