import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { EDIT_CLASS_IDS } from '../diff/classify/classes.js';
import { LISTS, SCALES } from '../diff/classify/lexicon.js';
import { BUMPS, CHANGE_KINDS, IMPACTS } from '../diff/kinds.js';
import { ShapeSchema } from '../model/ladder.js';
import { UserError } from '../model/errors.js';

const Severity = z.enum(['off', 'warning', 'error']);
const Bump = z.enum(BUMPS);
const Words = z.array(z.string().trim().min(1));

/**
 * `bump`: per impact (the keys themselves), per change kind (`kinds`) and per edit class of a
 * rewording (`classes`); ids come from the registries, so a misspelt one is an error, not ignored.
 */
const BumpPolicySchema = z.strictObject({
  ...Object.fromEntries(IMPACTS.map((i) => [i, Bump.optional()])) as Record<(typeof IMPACTS)[number], z.ZodOptional<typeof Bump>>,
  kinds: z.partialRecord(z.enum(CHANGE_KINDS as [string, ...string[]]), Bump).optional(),
  classes: z.partialRecord(z.enum(EDIT_CLASS_IDS), Bump).optional(),
});

/** `signals`: words an organization adds to the classifier's lists, by signal id and tier name. */
const SignalsSchema = z.strictObject({
  ...Object.fromEntries(
    Object.entries(SCALES).map(([id, tiers]) => [id, z.strictObject(Object.fromEntries(tiers.map((t) => [t.name, Words.optional()]))).optional()]),
  ),
  ...Object.fromEntries(Object.keys(LISTS).map((id) => [id, Words.optional()])),
  /** Groups of words or phrases that mean the same thing in this organization ("RFC", "design doc"). */
  synonyms: z.array(Words.min(2)).optional(),
});

export const ConfigSchema = z.strictObject({
  /** Folder of ladder files, relative to the repository root. */
  laddersDir: z.string().default('ladders'),
  /** Organization name: PDF Author, page footers. */
  organization: z.string().default(''),
  /** Owners added to every CODEOWNERS line (and to ladders without owners). */
  defaultOwners: z.array(z.string()).default([]),
  /** Rule severities by rule id: "off" | "warning" | "error". */
  rules: z.record(z.string(), Severity).default({}),
  /** Bump per impact, per change kind (`kinds`) and per edit class (`classes`), overriding the default policy. */
  bump: BumpPolicySchema.default({}),
  /** Words added to the rewording classifier's signals. */
  signals: SignalsSchema.default({}),
  /** PDF page size. */
  pageSize: z.enum(['A4', 'Letter']).default('A4'),
  /** Pin the Markdown shape of a ladder by id instead of detecting it. */
  shapes: z.record(z.string(), ShapeSchema).default({}),
  /** File names (relative to laddersDir) that are not ladders. README.md is always skipped. */
  ignore: z.array(z.string()).default([]),
  /** activity-quota: activity nouns and periods added to the defaults, and default nouns to drop (`ignore`). */
  activityQuota: z.strictObject({ nouns: Words.optional(), periods: Words.optional(), ignore: Words.optional() }).default({}),
  /** BCP 47 language of the ladders that are not translations (`lang` in HTML and PDF). */
  language: z.string().regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 language tag, e.g. "en" or "pt-BR"').default('en'),
});
export type Config = z.infer<typeof ConfigSchema>;

export const CONFIG_FILES = ['ladder.config.yaml', 'ladder.config.yml', 'ladder.config.json'];

/**
 * Config comes from the `ladder` key of package.json, then `ladders/ladder.config.{yaml,json}` on top
 * (the file wins key by key, so an org can keep the package.json minimal).
 */
export function loadConfig(root: string): Config {
  let merged: Record<string, unknown> = {};
  const pkgPath = join(root, 'package.json');
  if (existsSync(pkgPath)) {
    try {
      const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { ladder?: Record<string, unknown> };
      if (pkg.ladder && typeof pkg.ladder === 'object') merged = { ...pkg.ladder };
    } catch (err) {
      throw new UserError(`cannot read package.json: ${(err as Error).message}`, 'package.json');
    }
  }
  const dir = typeof merged.laddersDir === 'string' ? merged.laddersDir : 'ladders';
  for (const name of CONFIG_FILES) {
    const file = join(root, dir, name);
    if (!existsSync(file)) continue;
    let data: unknown;
    try {
      data = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UserError(`invalid config: ${(err as Error).message.split('\n')[0]}`, join(dir, name));
    }
    if (data && typeof data === 'object') merged = { ...merged, ...(data as Record<string, unknown>) };
    break;
  }
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UserError(`invalid config at "${issue.path.join('.') || '(root)'}": ${issue.message}`, 'ladder config');
  }
  return result.data;
}

export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
