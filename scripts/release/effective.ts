/**
 * The release-wide effective date: a line `effective: YYYY-MM-DD` in the release tag's message
 * (`git tag -a v1.3.0 -m $'Career ladders v1.3.0\n\neffective: 2027-01-01'`). A ladder's own
 * frontmatter `effective` wins over it.
 */
import { EmptyRepoError, NotARepoError, Repo } from '../git/index.js';
import { UserError } from '../model/errors.js';
import type { Ladder } from '../model/ladder.js';
import { isDay } from '../diff/notice.js';

const LINE = /^effective:[ \t]*(.*?)[ \t]*$/im;

/** The date a tag message announces, if any; a malformed one is an error, not ignored. */
export function effectiveInMessage(message: string, tag: string): string | undefined {
  const m = LINE.exec(message);
  if (!m) return undefined;
  const day = m[1]!.replace(/^(["'])(.*)\1$/, '$2');
  if (!isDay(day)) throw new UserError(`the message of tag ${tag} says "effective: ${day.slice(0, 40)}"; expected a real date written YYYY-MM-DD, e.g. effective: 2027-01-01`);
  return day;
}

/** The effective date of the annotated tag `tag`, when it exists and says one. */
export async function tagEffective(cwd: string, tag: string): Promise<string | undefined> {
  let repo: Repo | undefined;
  try {
    repo = await Repo.open(cwd);
    const message = await repo.tagMessage(tag);
    return message === undefined ? undefined : effectiveInMessage(message, tag);
  } catch (err) {
    if (err instanceof NotARepoError || err instanceof EmptyRepoError) return undefined;
    throw err;
  } finally {
    repo?.close();
  }
}

/** The ladder with the release-wide date when it has none of its own. */
export function withEffective(ladder: Ladder, effective: string | undefined): Ladder {
  return effective === undefined || ladder.meta.effective !== undefined ? ladder : { ...ladder, meta: { ...ladder.meta, effective } };
}
