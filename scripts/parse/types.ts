import type { Root } from 'mdast';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Ladder, Position, Shape } from '../model/ladder.js';
import type { FrontmatterResult } from './frontmatter.js';
import type { LineRole } from './roles.js';

/** Source facts the model does not keep but rules need (raw occurrences, table geometry). */
export interface ParseFacts {
  frontmatter?: {
    position: Position;
    /** Position of each top-level key's value, for mapping zod issues to lines. */
    keys: Record<string, Position>;
    data: unknown;
  };
  /** Every GFM table read as ladder content, with each row's cell count as written. */
  tables: Array<{ position: Position; columns: number; rows: Array<{ position: Position; cells: number }> }>;
  /** Every category occurrence per level, in source order, before merging duplicates. */
  occurrences: Array<{ track?: string; levelKey: string; category: string; position: Position }>;
  /** How each line was read (index = line number); see roles.ts. Absent when the file was not parsed. */
  roles?: Array<LineRole | undefined>;
  /** Sections at the level depth (or tables) that look like a level but were kept as prose, and why. */
  skipped?: Array<{ title: string; position: Position; reason: string }>;
  /** Tables read as the ladder although their cells are a few words each (ParseOptions.terseTables), with that average. */
  terse?: Array<{ position: Position; words: number }>;
}

export interface ParseOptions {
  /** Pin the shape instead of detecting it. */
  shape?: Shape;
  /** Ladder id when the frontmatter has none (defaults to the file's base name). */
  id?: string;
  /** Markdown → mdast; must give what parseMarkdown gives (e.g. createChunkedMarkdown, for histories). */
  markdown?: (source: string) => Root;
  /**
   * Count expectations instead of reading them: every expectation is the same empty placeholder, and
   * paragraphs are not split into sentences. For summaries (load/summary-cache.ts), which read the
   * categories, their positions, the title and the errors, never an expectation's text.
   */
  countOnly?: boolean;
  /** A read of this file's frontmatter (siblingHead's): taken when its YAML text is the one micromark cuts, so it is not parsed twice. */
  frontmatter?: { value: string; read: FrontmatterResult };
  /** These bytes are known to be within every budget (siblingHead checks them before it answers): not scanned again. */
  withinBudgets?: boolean;
  /**
   * Read each `<details><summary>Title</summary>` block as a heading of that title (set by parseLadder
   * itself, for a second read of a file whose first found no levels: handbooks fold levels so).
   */
  detailsAsHeadings?: boolean;
  /**
   * Read each paragraph that is one short bold run, and each bold-titled item of a list of them, as a
   * heading (set by parseLadder itself, for a second read of a file whose first found no levels).
   */
  boldAsHeadings?: boolean;
  /**
   * Read a table whose cells are a few words each as levels when one axis is titled like levels (set
   * by parseLadder itself, for a second read of a file whose first found no levels and no table of
   * them, or found only sections over such tables: a terse matrix is otherwise taken for a summary).
   */
  terseTables?: boolean;
}

export interface ParseResult {
  /** Absent only when the file cannot be read as a ladder at all (see diagnostics). */
  ladder?: Ladder;
  diagnostics: Diagnostic[];
  facts: ParseFacts;
}

/** The result for a file that was not parsed: only the diagnostic that says why. */
export function unread(diagnostic: Diagnostic): ParseResult {
  return { diagnostics: [diagnostic], facts: { tables: [], occurrences: [] } };
}
