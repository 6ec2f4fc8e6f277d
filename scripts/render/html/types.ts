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
  /** Whether each ladder has a page of its changes release by release (`<id>.changes.html`: builds with git history). */
  changes?: boolean;
  /** Every ladder of the release by source file, so links between ladder files become links between pages. */
  ladders?: ReadonlyArray<{ id: string; file: string }>;
}
