import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/index.js';
import { UsageError, UserError } from '../../model/errors.js';
import { fillTemplate, isLadderId, titleFromId } from '../../parse/scaffold.js';
import { oneOf, parse } from '../args.js';
import { createFileAtomic } from '../atomic.js';
import { displayPath, loadWorkspace } from '../../load/workspace.js';
import type { Command } from '../runtime.js';

const SHAPES = ['table', 'headings'] as const;

/**
 * The repository's own `templates/` wins, so an organisation can adapt the scaffold; otherwise the
 * templates shipped with ladder (found by walking up from this module, which runs from source in
 * tests and from .build/ in the bin).
 */
function templatePath(root: string, shape: string): string {
  const name = `ladder.${shape}.md`;
  const own = join(root, 'templates', name);
  if (existsSync(own)) return own;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'templates', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new UserError(`template "templates/${name}" not found`);
    dir = parent;
  }
}

export const command: Command = {
  summary: 'scaffold a new ladder from templates/',
  usage: 'ladder new <id> [--title "…"] [--shape table|headings]',
  async run(args, rt) {
    const { values, positionals } = parse(args, { title: { type: 'string' }, shape: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError(`expected one ladder id, got ${positionals.length}`);
    const id = positionals[0]!;
    if (!isLadderId(id)) throw new UsageError(`invalid ladder id "${id}", expected kebab-case such as "platform-engineering"`);
    const shape = oneOf('shape', values.shape, SHAPES, 'table');
    const title = (values.title ?? titleFromId(id)).replace(/\s+/g, ' ').trim();
    if (title === '') throw new UsageError('--title must not be empty');

    const root = rt.cwd;
    const config = loadConfig(root);
    const target = resolve(root, config.laddersDir, `${id}.md`);
    const shown = displayPath(root, target);
    // Ids must be unique across files: a frontmatter `id:` elsewhere may already claim this one.
    if (existsSync(resolve(root, config.laddersDir)) && !existsSync(target)) {
      const clash = loadWorkspace(rt, [], config).find((r) => r.ladder?.id === id);
      if (clash) throw new UserError(`ladder id "${id}" is already used by ${clash.ladder!.file}`, shown);
    }
    const template = templatePath(root, shape);
    const content = fillTemplate(readFileSync(template, 'utf8'), { id, title });
    try {
      createFileAtomic(target, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError('file already exists, not overwriting it', shown);
      throw new UserError(`cannot create file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, shown);
    }
    rt.stdout.write(`created ${shown} (${shape} shape); edit the sample levels, then run "ladder validate ${shown}"\n`);
    return 0;
  },
};
