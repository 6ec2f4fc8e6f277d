import { z } from 'zod';

/** A place in a source file: 1-based line and column, as unist gives them. */
export const PositionSchema = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive().optional(),
  endColumn: z.number().int().positive().optional(),
});
export type Position = z.infer<typeof PositionSchema>;

export const ShapeSchema = z.enum(['table', 'headings', 'labelled', 'matrix', 'yaml']);
export type Shape = z.infer<typeof ShapeSchema>;

export const StatusSchema = z.enum(['draft', 'active', 'deprecated']);
export type Status = z.infer<typeof StatusSchema>;

/**
 * The frontmatter every ladder may carry. Unknown keys are kept (real files carry site metadata);
 * the known ones are checked strictly.
 */
/** A calendar day as `YYYY-MM-DD` (a real one: no 2027-02-30): when a ladder version takes effect. */
export const EffectiveDateSchema = z.iso.date({ message: 'a real date written YYYY-MM-DD, e.g. 2027-01-01' });

export const FrontmatterSchema = z.looseObject({
  title: z.string().trim().min(1).optional().describe('Display title; defaults to the first "# " heading.'),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" or "-"')
    .optional()
    .describe('Stable id; defaults to the file name.'),
  owners: z
    .array(z.string().regex(/^@[A-Za-z0-9-]+(\/[A-Za-z0-9._-]+)?$|^[^@\s]+@[^@\s]+\.[^@\s]+$/, '"@user", "@org/team" or an e-mail address'))
    .optional()
    .describe('GitHub users or teams who must approve changes.'),
  status: StatusSchema.optional().describe('draft | active | deprecated'),
  categories: z.array(z.string().trim().min(1)).optional().describe('Explicit category order.'),
  levels: z
    .union([z.number().int().nonnegative(), z.array(z.string())])
    .nullable()
    .optional()
    .describe('Declared level count or level titles; checked against the content.'),
  shape: ShapeSchema.optional().describe('Pin the Markdown shape instead of detecting it.'),
  tracks: z
    .array(z.string().trim().min(1))
    .optional()
    .describe('Names of the level sets (tracks) in file order, e.g. [Individual contributor, Management]; a detected track whose title matches takes that place.'),
  effective: EffectiveDateSchema.optional().describe('The day this version of the ladder takes effect (YYYY-MM-DD), e.g. the next promotion cycle; checked against the notice period (config noticeDays).'),
  translationOf: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*@[A-Za-z0-9][A-Za-z0-9._/-]*$/, '"<ladder id>@<version tag or commit>", e.g. "devrel@v1.2.0"')
    .optional()
    .describe('This ladder translates another one, pinned to the version it was translated from: "<id>@<vX.Y.Z tag or commit>".'),
  lang: z
    .string()
    .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 language tag, e.g. "de" or "pt-BR"')
    .optional()
    .describe('BCP 47 language of the ladder; defaults to the file name suffix of a translation (devrel.de.md), else the config "language".'),
  extends: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'the id of another ladder')
    .optional()
    .describe('Id of the parent ladder this one derives from: its levels and categories are inherited, the body writes only what differs.'),
  levelMap: z
    .record(z.string().min(1), z.string().min(1))
    .optional()
    .describe('With `extends`: this ladder\'s level codes mapped to the parent\'s ({ SRE1: L1 }); only mapped parent levels are inherited.'),
});
export type Frontmatter = z.infer<typeof FrontmatterSchema>;

/**
 * Where a derived ladder's level, cell or expectation comes from (scripts/derive/): `inherited` from
 * the parent unchanged, `overridden` (a child cell replacing the parent's) or `added` by the child.
 * Absent on a ladder that extends nothing.
 */
export const OriginSchema = z.object({
  kind: z.enum(['inherited', 'overridden', 'added']),
  /** The ladder whose file holds the text. */
  ladder: z.string(),
  file: z.string(),
  /** The key of the level in that ladder (absent for "All levels"). */
  level: z.string().optional(),
  /** The level's label in that ladder ("L3 · Owns a system end to end"). */
  levelLabel: z.string().optional(),
  category: z.string().optional(),
});
export type Origin = z.infer<typeof OriginSchema>;

export const ExpectationSchema = z.object({
  /** Stable content hash of the normalized text (12 hex digits). */
  id: z.string(),
  /** Plain text, formatting stripped and whitespace folded: what the diff compares. */
  text: z.string(),
  /** Inline Markdown as written (emphasis, links, code): what renderers show. */
  markdown: z.string(),
  position: PositionSchema,
  origin: OriginSchema.optional(),
});
export type Expectation = z.infer<typeof ExpectationSchema>;

export const CellSchema = z.object({
  category: z.string(),
  position: PositionSchema,
  expectations: z.array(ExpectationSchema),
  origin: OriginSchema.optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const LevelSchema = z.object({
  /** Stable key within its track: the level's code when it has one (`L3`, `IC2`), else a slug of the title. */
  key: z.string(),
  /** Key of the track the level belongs to (see Ladder.tracks). */
  track: z.string(),
  code: z.string().optional(),
  title: z.string(),
  position: PositionSchema,
  /** Prose under the level that is not an expectation (Markdown). */
  description: z.string().optional(),
  cells: z.array(CellSchema),
  origin: OriginSchema.optional(),
});
export type Level = z.infer<typeof LevelSchema>;

export const NoteSchema = z.object({
  title: z.string().optional(),
  markdown: z.string(),
  position: PositionSchema,
});
export type Note = z.infer<typeof NoteSchema>;

/**
 * One level set of a ladder (an individual-contributor track, a management track). A ladder with one
 * level set has one track, keyed `main` unless its heading names it.
 */
export const TrackSchema = z.object({
  key: z.string(),
  title: z.string(),
  /** The heading (or table) that opens the track; absent for an unnamed track. */
  position: PositionSchema.optional(),
  /** Prose under the track's heading, before its first level (Markdown). */
  description: z.string().optional(),
});
export type Track = z.infer<typeof TrackSchema>;

/** The key of a ladder's one unnamed track. */
export const MAIN_TRACK = 'main';

export const LadderSchema = z.object({
  id: z.string(),
  title: z.string(),
  file: z.string(),
  shape: ShapeSchema,
  status: StatusSchema,
  owners: z.array(z.string()),
  /** Ordered as declared in frontmatter, else by first appearance. */
  categories: z.array(z.string()),
  /** Optional grouping of categories (bold group rows in a matrix table). */
  categoryGroups: z.array(z.object({ title: z.string(), categories: z.array(z.string()) })).optional(),
  /** Level sets in file order; every level names its track. */
  tracks: z.array(TrackSchema),
  /** Every level, track by track; within a track junior (first) to senior (last). */
  levels: z.array(LevelSchema),
  /** Expectations that hold at every level ("All levels"). */
  shared: z.array(CellSchema),
  intro: z.string(),
  notes: z.array(NoteSchema),
  meta: FrontmatterSchema,
  position: PositionSchema,
  /**
   * Set once a ladder with `extends` is resolved (scripts/derive/): the ids of its ancestors, parent
   * first. Its levels, cells and expectations then carry their `origin`.
   */
  derivedFrom: z.array(z.string()).optional(),
});
export type Ladder = z.infer<typeof LadderSchema>;

/** JSON Schema of the frontmatter, for editors (see `ladder schema`). */
export function frontmatterJsonSchema(): unknown {
  return z.toJSONSchema(FrontmatterSchema, { io: 'input', unrepresentable: 'any' });
}

/**
 * How readers know a level: its code and title ("L3 · Owns a system"), the title alone when it has no
 * code or already starts with it. The one home of that label: diff, changelog, HTML and PDF use it.
 */
export function levelLabel(level: Pick<Level, 'code' | 'title'>): string {
  return level.code && level.code !== level.title && !level.title.startsWith(level.code) ? `${level.code} · ${level.title}` : level.title;
}

/** The levels of one track, junior first. */
export function levelsOf(ladder: Pick<Ladder, 'levels'>, track: string): Level[] {
  return ladder.levels.filter((l) => l.track === track);
}

/** Tracks with their levels, in file order (what `show --format json` prints as `tracks[]`). */
export function tracksWithLevels(ladder: Pick<Ladder, 'levels' | 'tracks'>): Array<Track & { levels: Level[] }> {
  return ladder.tracks.map((t) => ({ ...t, levels: levelsOf(ladder, t.key) }));
}
