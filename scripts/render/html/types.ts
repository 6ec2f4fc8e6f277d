/** What every page says about the release it belongs to. */
export interface SiteInfo {
  /** Release version, e.g. `v1.2.0`. */
  version: string;
  /** Release date as `YYYY-MM-DD` (UTC), from the commit or SOURCE_DATE_EPOCH. */
  date: string;
  /** Organization name for titles; may be empty. */
  organization: string;
  /** Whether this build has PDFs: links to `<id>.pdf` and `ladders.pdf` are shown only then. */
  pdf: boolean;
  /** Page language (BCP 47); default `en`. */
  lang?: string;
  /**
   * A site of every release (`build --all-versions`): the current release at the root, earlier ones
   * under `versions/<version>/`. Each page gets a version list, and an earlier release's pages a banner.
   */
  versions?: SiteVersions;
  /** This page's file name, so the version list links to the same page in the other releases. */
  page?: string;
  /** Whether the release has `verify.html`, the in-browser check of a downloaded PDF. */
  verify?: boolean;
  /** Whether each ladder has a page of its changes release by release (`<id>.changes.html`: builds with git history). */
  changes?: boolean;
  /** Every ladder of the release by source file, so links between ladder files become links between pages. */
  ladders?: ReadonlyArray<{ id: string; file: string }>;
  /** Every ladder's language, and for a translation the id of its source: the language switch and the index use them. */
  languages?: ReadonlyArray<LanguageInfo>;
}

export interface LanguageInfo {
  id: string;
  /** BCP 47. */
  lang: string;
  /** For a translation: the id of the ladder it translates. */
  source?: string;
}

export interface SiteVersions {
  /** The newest release: the one at the site's root. */
  current: string;
  /** Whether the current release has `<id>.changes.html` pages (the banner's "what changed" link). */
  changes?: boolean;
  /** Every release of the site, newest first, with the ladder ids it has. */
  all: ReadonlyArray<{ version: string; date: string; ids: readonly string[] }>;
}
