import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// What `ladder init` writes: the templates/init/ files of the package, with the organization, the
// Action and the version filled in.

/** templates/init/ shipped with the package, found by walking up from this module (source or .build/). */
function initTemplates(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'templates', 'init');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find templates/init in the ladder package');
    dir = up;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

// npm drops or renames dotfiles and may skip .github/ in a tarball: templates keep plain names.
function targetName(template: string): string {
  const rel = template.split(sep).join('/');
  if (rel === 'gitignore') return '.gitignore';
  return rel.replace(/^github\//, '.github/');
}

export interface InitValues {
  org: string;
  action: string;
  version: string;
  package: string;
}

/** The files of a new ladder repository, path → text (CODEOWNERS aside: it is computed from the ladders). */
export function initFiles(values: InitValues): Map<string, string> {
  const root = initTemplates();
  const files = new Map<string, string>();
  for (const file of walk(root)) {
    const text = readFileSync(file, 'utf8').replace(/\{\{(org|action|version|package)\}\}/g, (_, k: keyof InitValues) => values[k]);
    files.set(targetName(relative(root, file)), text);
  }
  return files;
}
