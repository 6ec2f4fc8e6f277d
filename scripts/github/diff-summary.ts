import { z } from 'zod';
import { UserError } from '../model/errors.js';
import { BUMPS, type Bump } from '../diff/kinds.js';

/** The part of `ladder diff --format json` the PR steps rely on, checked strictly: it arrives as an artifact. */
const DiffJsonSchema = z.looseObject({
  bump: z.enum(BUMPS),
  ladders: z.array(z.looseObject({ status: z.string(), changes: z.array(z.unknown()) })),
});

export interface DiffSummary {
  bump: Bump;
  /** Whether any ladder changes at all (formatting-only edits report none). */
  changed: boolean;
}

export function readDiffSummary(text: string, file: string): DiffSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`not JSON: ${(err as Error).message}`, file);
  }
  const parsed = DiffJsonSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`not a ladder diff: "${issue.path.join('.') || '(root)'}" ${issue.message}`, file);
  }
  const changed = parsed.data.ladders.some((l) => l.status !== 'unchanged' || l.changes.length > 0);
  return { bump: parsed.data.bump, changed };
}
