import type { Ladder } from './ladder.js';

/** `translationOf: devrel@v1.2.0`: the source ladder's id and the revision (a version tag or a commit) it was translated from. */
export interface TranslationPin {
  /** The value as written. */
  spec: string;
  source: string;
  ref: string;
}

export function translationPin(ladder: Pick<Ladder, 'meta'>): TranslationPin | undefined {
  const spec = ladder.meta.translationOf;
  if (typeof spec !== 'string') return undefined;
  const at = spec.lastIndexOf('@');
  if (at <= 0 || at === spec.length - 1) return undefined;
  return { spec, source: spec.slice(0, at), ref: spec.slice(at + 1) };
}

const LANG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/**
 * A ladder's BCP 47 language: frontmatter `lang`, else (for a translation) the file name's suffix
 * (`devrel.de.md` → `de`), else the configured language of the repository.
 */
export function ladderLanguage(ladder: Pick<Ladder, 'meta' | 'file'>, fallback: string): string {
  if (typeof ladder.meta.lang === 'string' && LANG.test(ladder.meta.lang)) return ladder.meta.lang;
  if (translationPin(ladder)) {
    const name = ladder.file.split('/').pop()!.replace(/\.md$/i, '');
    const suffix = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
    if (LANG.test(suffix)) return suffix;
  }
  return fallback;
}

/**
 * The source ladder read at the pinned revision (see load/translations.ts); `missing` says why it
 * could not be (no such tag or commit in this clone, no such ladder there).
 */
export interface PinnedSource {
  ladder?: Ladder;
  missing?: string;
}

/** Pinned sources by `translationOf` value. */
export type PinnedSources = ReadonlyMap<string, PinnedSource>;

/** Source id → its translations, in the given order (for the language switch and the index). */
export function translationsBySource(ladders: readonly Ladder[]): Map<string, Ladder[]> {
  const ids = new Set(ladders.map((l) => l.id));
  const out = new Map<string, Ladder[]>();
  for (const l of ladders) {
    const pin = translationPin(l);
    if (!pin || !ids.has(pin.source) || pin.source === l.id) continue;
    out.set(pin.source, [...(out.get(pin.source) ?? []), l]);
  }
  return out;
}
