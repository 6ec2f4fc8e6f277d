import type { Config } from '../config/index.js';
import type { Diagnostic, Related, Severity } from '../model/diagnostic.js';
import type { Ladder, Position } from '../model/ladder.js';
import type { PinnedSources } from '../model/translation.js';
import type { ParseFacts } from '../parse/types.js';
import type { Sibling } from './sibling.js';

/** What a rule sees of one ladder file. */
export interface RuleContext {
  ladder: Ladder;
  facts: ParseFacts;
  /** The file as reported (relative to the repository root). */
  file: string;
  /** The other ladders of the repository, as cross-ladder rules need them. */
  siblings: readonly Sibling[];
  config: Config;
  /** Translation sources read at their pinned revision; absent when the caller read no git history. */
  pinned: PinnedSources | undefined;
  /** `related` points at the other place involved (the earlier duplicate), never a second message. */
  report(message: string, position: Position, related?: Related | Related[]): void;
}

/** Rules that read only source facts also run when the parser could not build a ladder. */
export type SourceRuleContext = Omit<RuleContext, 'ladder'> & { ladder: Ladder | undefined };

export interface RuleInput {
  ladder: Ladder | undefined;
  facts: ParseFacts;
  file: string;
  siblings: readonly Sibling[];
  config: Config;
  pinned?: PinnedSources;
}

export interface Rule {
  /** Stable kebab-case id: config keys, output and docs refer to it. */
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  /** `parser`: reported by parseLadder itself; listed so config can set its severity. */
  readonly origin: 'rule' | 'parser';
  /** Runs the check; every report is stamped with this rule's id and the given severity. */
  run(input: RuleInput, severity: Severity): Diagnostic[];
}

interface BaseDefinition {
  id: string;
  severity: Severity;
  description: string;
}

export interface LadderRuleDefinition extends BaseDefinition {
  runsWithoutLadder?: false;
  check(ctx: RuleContext): void;
}

export interface SourceRuleDefinition extends BaseDefinition {
  runsWithoutLadder: true;
  check(ctx: SourceRuleContext): void;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Wraps a check so it never repeats its own id or severity (as unified-lint-rule does for remark-lint):
 * the factory stamps both on every report.
 */
export function defineRule(def: LadderRuleDefinition | SourceRuleDefinition): Rule {
  if (!ID.test(def.id)) throw new Error(`rule id "${def.id}" is not kebab-case`);
  return {
    id: def.id,
    severity: def.severity,
    description: def.description,
    origin: 'rule',
    run(input, severity) {
      const out: Diagnostic[] = [];
      const report = (message: string, position: Position, related?: Related | Related[]) => {
        const diagnostic: Diagnostic = { file: input.file, position, severity, ruleId: def.id, message };
        const list = related === undefined ? [] : Array.isArray(related) ? related : [related];
        if (list.length > 0) diagnostic.related = list;
        out.push(diagnostic);
      };
      const base = { facts: input.facts, file: input.file, siblings: input.siblings, config: input.config, pinned: input.pinned, report };
      if (def.runsWithoutLadder) def.check({ ...base, ladder: input.ladder });
      else if (input.ladder) def.check({ ...base, ladder: input.ladder });
      return out;
    },
  };
}

/** An id the parser reports (scripts/parse/); it has no check of its own. */
export function defineParseDiagnostic(def: BaseDefinition): Rule {
  if (!ID.test(def.id)) throw new Error(`rule id "${def.id}" is not kebab-case`);
  return { ...def, origin: 'parser', run: () => [] };
}
