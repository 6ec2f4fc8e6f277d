import type { Element } from 'hast';
import { h } from 'hastscript';
import { pageName } from './chrome.js';
import type { LanguageInfo, SiteInfo } from './types.js';

/** A language's name in that language ("Deutsch", "English"): ICU data, the same on every build of a Node version. */
export function languageName(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang);
    return name ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : lang;
  } catch {
    return lang;
  }
}

/** The ladder in every language of the release: its source first, then the translations by language tag. */
export function languageVersions(site: SiteInfo, id: string): LanguageInfo[] {
  const all = site.languages ?? [];
  const me = all.find((l) => l.id === id);
  if (!me) return [];
  const root = me.source !== undefined && all.some((l) => l.id === me.source) ? me.source : id;
  const translations = all.filter((l) => l.source === root && l.id !== root).sort((a, b) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : a.id < b.id ? -1 : 1));
  const source = all.find((l) => l.id === root);
  return translations.length ? [...(source ? [source] : []), ...translations] : [];
}

/** Links between the language versions of one ladder (`devrel.html` ↔ `devrel.de.html`); null when there is only one. */
export function languageSwitch(site: SiteInfo, id: string): Element | null {
  const versions = languageVersions(site, id);
  if (versions.length < 2) return null;
  return h('nav.languages', { ariaLabel: 'Languages' }, [
    h('ul', versions.map((v) =>
      h('li', v.id === id
        ? h('span', { lang: v.lang, ariaCurrent: 'page' }, languageName(v.lang))
        : h('a', { href: pageName(v.id), hreflang: v.lang, lang: v.lang, rel: 'alternate' }, languageName(v.lang))),
    )),
  ]);
}
