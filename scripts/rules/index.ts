export { defineRule, defineParseDiagnostic } from './define.js';
export type { Rule, RuleContext, SourceRuleContext, RuleInput } from './define.js';
export { registry, rulesById } from './registry.js';
export { runRules, resolveSeverities, countBySeverity } from './run.js';
export type { RunOptions } from './run.js';
