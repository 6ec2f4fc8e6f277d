import path from 'node:path';
import { loadConfig } from '../../config/index.js';
import { UsageError, UserError } from '../../model/errors.js';
import type { Ladder } from '../../model/ladder.js';
import { countBySeverity, registry, resolveSeverities, runRules } from '../../rules/index.js';
import { oneOf, parse } from '../args.js';
import { FORMATS, formatDiagnostics, wantsColor } from '../report.js';
import type { Command } from '../runtime.js';
import { displayPath, findLadderFiles, loadLadderFile, loadSiblings, loadWorkspace } from '../../load/workspace.js';
import { SummaryCache } from '../../load/summary-cache.js';
import { readPinnedSources } from '../../load/translations.js';
import { translationPin } from '../../model/translation.js';
import type { Sibling } from '../../rules/sibling.js';

const width = Math.max(...registry.map((r) => r.id.length));
const ruleList = registry.map((r) => `  ${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}`).join('\n');

export const command: Command = {
  summary: `Parse every ladder (or the given files, folders, globs) and run the rules.
Exit 0 when clean (warnings allowed), 1 on errors or more warnings than --max-warnings.

Options:
  --format stylish|json|github   output (default stylish; github = workflow annotations)
  --max-warnings <n>             fail when there are more than n warnings

Rules (id, default severity; override with "rules": { "<id>": "off" | "warning" | "error" } in the config):
${ruleList}`,
  usage: 'ladder validate [paths…] [--format stylish|json|github] [--max-warnings n]',
  async run(args, rt) {
    const { values, positionals } = parse(args, { format: { type: 'string' }, 'max-warnings': { type: 'string' } });
    const format = oneOf('format', values.format, FORMATS, 'stylish');
    const maxWarnings = values['max-warnings'];
    if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) {
      throw new UsageError(`--max-warnings must be a whole number (got "${maxWarnings}")`);
    }
    const config = loadConfig(rt.cwd);
    resolveSeverities(config.rules); // a typo in the config fails before any work
    const fullPath = rt.env.LADDER_FULL_PATH === '1';
    // Named files are resolved (extends) by the rules, against the parents the context below holds in
    // full; reading every other ladder in full for that would undo the summaries.
    const results = positionals.length > 0 && !fullPath ? findLadderFiles(rt.cwd, config, positionals).map((f) => loadLadderFile(rt.cwd, f, config)) : loadWorkspace(rt, positionals, config);
    // Checking a few files still compares them with every other ladder of the repository.
    let context: Array<Ladder | Sibling> = [];
    if (positionals.length > 0) {
      const checked = new Set(results.map((r) => r.ladder?.file ?? r.diagnostics[0]?.file));
      let others: string[] = [];
      try {
        others = findLadderFiles(rt.cwd, config).filter((f) => !checked.has(displayPath(rt.cwd, f)));
      } catch (err) {
        if (!(err instanceof UserError)) throw err; // else no ladders folder: nothing to compare with
      }
      // Their summaries are all cross-ladder rules read: cached by blob id, parsed only when new.
      // LADDER_FULL_PATH=1 parses every one of them instead (the reference the fast path is tested against).
      const everyOther = () => others.flatMap((f) => loadLadderFile(rt.cwd, f, config).ladder ?? []);
      if (fullPath) context = everyOther();
      else {
        const siblings = loadSiblings(rt.cwd, others, config, SummaryCache.open(rt.cwd, config, rt.env));
        // Parsed in full: the sources of the checked translations (the translation rules compare them) and
        // every ancestor of a checked derived ladder (resolved top down; a finding on inherited text is the
        // parent's). An ancestor no file has: every other ladder is read, as the derive stage's "did you
        // mean" then picks from all of them.
        const sources = new Set(results.flatMap((r) => (r.ladder && translationPin(r.ladder) ? [translationPin(r.ladder)!.source] : [])));
        const checkedIds = new Set(results.flatMap((r) => (r.ladder ? [r.ladder.id.toLowerCase()] : [])));
        const byId = new Map(siblings.map((s) => [s.id.toLowerCase(), s]));
        const ancestors = new Set<string>();
        const queue = results.flatMap((r) => (typeof r.ladder?.meta.extends === 'string' ? [r.ladder.meta.extends.toLowerCase()] : []));
        let orphan = false;
        for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
          if (ancestors.has(id) || checkedIds.has(id)) continue;
          const s = byId.get(id);
          if (!s) orphan = true;
          else {
            ancestors.add(id);
            queue.push(...(s.derivedFrom ?? []).map((p) => p.toLowerCase()));
          }
        }
        context = orphan
          ? everyOther()
          : siblings.map((s) => (sources.has(s.id) || ancestors.has(s.id.toLowerCase()) ? (loadLadderFile(rt.cwd, path.resolve(rt.cwd, s.file), config).ladder ?? s) : s));
      }
    }
    // Translations are checked against their source at the pinned revision, read from git here.
    const parsed = context.filter((l): l is Ladder => 'levels' in l);
    const pinned = await readPinnedSources(rt.cwd, config, [...results.flatMap((r) => r.ladder ?? []), ...parsed]);
    const diagnostics = runRules(results, config, { context, pinned });
    rt.stdout.write(formatDiagnostics(diagnostics, format, { color: wantsColor(rt.stdout, rt.env), files: results.length }));
    const { errors, warnings } = countBySeverity(diagnostics);
    if (errors > 0) return 1;
    if (maxWarnings !== undefined && warnings > Number(maxWarnings)) {
      rt.stderr.write(`ladder validate: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  },
};
