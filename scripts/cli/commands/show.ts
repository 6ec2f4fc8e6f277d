import { loadConfig } from '../../config/index.js';
import { UsageError, UserError } from '../../model/errors.js';
import { showJson, showText } from '../../render/show.js';
import { annotate } from '../../parse/roles.js';
import { readFileSync } from 'node:fs';
import { oneOf, parse } from '../args.js';
import { formatStylish, wantsColor } from '../report.js';
import type { Command } from '../runtime.js';
import { findLadderFiles, loadWorkspace } from '../../load/workspace.js';

export const command: Command = {
  summary: `Print the parsed model of one ladder: levels, categories, expectations and their positions.
A ladder with \`extends\` is shown resolved: its parent's levels and categories with the child's
overrides, additions and removals, each expectation with its origin (inherited, overridden, added).
Exit 1 (diagnostics on stderr) when the file cannot be parsed or its parent cannot be resolved.

Options:
  --format json|text|annotated
                       json (default) is the model for tools; text is an outline for people;
                       annotated prints the file with the role each line was read in (as git blame
                       does): frontmatter, title, intro, track-heading, level-heading,
                       level-description, category-label, expectation, shared-expectation, note,
                       markup. A line no reader accounted for shows UNREAD.`,
  usage: 'ladder show <file> [--format json|text|annotated]',
  async run(args, rt) {
    const { values, positionals } = parse(args, { format: { type: 'string' } });
    const format = oneOf('format', values.format, ['json', 'text', 'annotated'] as const, 'json');
    if (positionals.length !== 1) throw new UsageError(`expected one ladder file, got ${positionals.length}`);
    const config = loadConfig(rt.cwd);
    const files = findLadderFiles(rt.cwd, config, positionals);
    if (files.length !== 1) throw new UserError(`"${positionals[0]}" names ${files.length} ladder files, expected one`);
    // Through the workspace: a ladder with `extends` is shown resolved against its parent.
    const result = loadWorkspace(rt, [files[0]!], config)[0]!;
    if (result.diagnostics.length > 0) {
      rt.stderr.write(formatStylish(result.diagnostics, { color: wantsColor(rt.stderr, rt.env) }));
    }
    // A derived ladder whose parent cannot be resolved has no resolved ladder to show.
    if (!result.ladder || result.diagnostics.some((d) => d.severity === 'error' && d.ruleId.startsWith('extends-'))) return 1;
    if (format === 'annotated') {
      rt.stdout.write(annotate(readFileSync(files[0]!, 'utf8'), result.facts.roles ?? []));
      return 0;
    }
    rt.stdout.write(format === 'json' ? showJson(result.ladder) : showText(result.ladder));
    return 0;
  },
};
