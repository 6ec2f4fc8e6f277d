import { resolve } from 'node:path';
import { frontmatterJsonSchema } from '../../model/ladder.js';
import { parse } from '../args.js';
import { writeFileAtomic } from '../atomic.js';
import type { Command } from '../runtime.js';

/** The schema as committed in templates/frontmatter.schema.json: stable key order, trailing newline. */
export function schemaText(): string {
  return `${JSON.stringify(frontmatterJsonSchema(), null, 2)}\n`;
}

export const command: Command = {
  summary: `Print the JSON Schema of ladder frontmatter (for editors: yaml-language-server, VS Code).

Options:
  --out <file>   write it to a file instead (atomically), e.g. templates/frontmatter.schema.json`,
  usage: 'ladder schema [--out file]',
  async run(args, rt) {
    const { values } = parse(args, { out: { type: 'string' } }, false);
    if (values.out === undefined) rt.stdout.write(schemaText());
    else writeFileAtomic(resolve(rt.cwd, values.out), schemaText(), values.out);
    return 0;
  },
};
