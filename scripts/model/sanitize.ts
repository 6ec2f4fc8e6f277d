/**
 * The one sanitizer for text from ladders and commits on its way to people: terminals, Markdown
 * (CHANGELOG.md, release notes, comments) and diagnostics. Ladder text and author names come from
 * pull requests, so they may carry terminal escapes (ESC, OSC), bidi overrides that make text read
 * differently from how it is stored, invisible characters, and @mentions that would notify a team.
 */

/** C0/C1 controls except tab and newline (ESC starts terminal escapes, OSC sets titles and links). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): "Trojan Source" text. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/** Invisible characters that make two names look the same: zero-width space, word joiner, BOM, soft hyphen. */
export const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;

/** Drops controls, bidi overrides and invisible characters; keeps tabs and newlines. */
export function stripUnsafe(text: string): string {
  return text.replace(CONTROLS, '').replace(BIDI, '').replace(INVISIBLE, '');
}

/** As stripUnsafe, for one line: tabs and newlines become spaces. */
export function safeLine(text: string): string {
  return stripUnsafe(text).replace(/[\t\n]/g, ' ');
}

/** "@name" and "@org/team" get a word joiner after "@", so GitHub notifies nobody; e-mail addresses stay. */
export function defuseMentions(text: string): string {
  return text.replace(/(^|[^\w`/@.-])@(?=[A-Za-z0-9])/g, '$1@\u2060');
}

/** For Markdown that GitHub renders (release notes, CHANGELOG.md): unsafe characters out, mentions defused. */
export function safeMarkdownText(text: string): string {
  return defuseMentions(stripUnsafe(text));
}

/** The characters a name (level, category) may not contain, as `U+XXXX` for a message; empty when clean. */
export function invisibleIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(new RegExp(`${INVISIBLE.source}|${BIDI.source}|${CONTROLS.source}`, 'g'))) {
    found.add(`U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...found];
}
