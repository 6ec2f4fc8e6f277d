import type { Config } from '../config/index.js';
import { buildLexicon, diffLadder, type Change, type Lexicon } from '../diff/index.js';
import type { Ladder, Position } from '../model/ladder.js';
import { translationPin, type TranslationPin } from '../model/translation.js';
import type { RuleContext } from './define.js';
import { ladderOf } from './sibling.js';

/** What the translation rules share: the pin, the source as it is now, and the source at the pin (if read). */
export interface TranslationFacts {
  pin: TranslationPin;
  /** Where `translationOf` is written. */
  at: Position;
  /** The source ladder in the repository now; undefined when no ladder has that id. */
  current: Ladder | undefined;
  /** The source at the pinned revision, when it could be read. */
  pinned: Ladder | undefined;
  /** Why the pinned source could not be read. */
  missing: string | undefined;
}

export function translationFacts(ctx: Pick<RuleContext, 'ladder' | 'facts' | 'siblings' | 'pinned'>): TranslationFacts | undefined {
  const pin = translationPin(ctx.ladder);
  if (!pin) return undefined;
  const found = pin.source === ctx.ladder.id ? undefined : ctx.siblings.find((l) => l.id === pin.source);
  // validate <file> parses the sources of the files it checks in full (cli/commands/validate.ts).
  const current = found && ladderOf(found);
  const read = ctx.pinned?.get(pin.spec);
  return {
    pin,
    at: ctx.facts.frontmatter?.keys.translationOf ?? ctx.ladder.position,
    current,
    pinned: read?.ladder,
    missing: read?.ladder ? undefined : (read?.missing ?? (ctx.pinned ? 'it was not read' : 'this check reads no git history')),
  };
}

const lexicons = new WeakMap<object, Lexicon>();

/**
 * What changed in the source since the pin, as the semantic diff sees it; owners and status are not
 * text a translator carries over, so they do not make a translation stale.
 */
export function sourceChanges(pinned: Ladder, current: Ladder, config: Config): Change[] {
  let lexicon = lexicons.get(config.signals);
  if (!lexicon) lexicons.set(config.signals, (lexicon = buildLexicon(config.signals)));
  const diff = diffLadder(pinned, current, config.bump, undefined, lexicon);
  return diff.changes.filter((c) => !(c.kind === 'metadata-changed' && (c.field === 'owners' || c.field === 'status')));
}
