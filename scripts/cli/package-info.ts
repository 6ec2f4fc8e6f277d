import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The Action bundle has no package.json beside it at run time: esbuild defines these (scripts/action/build.ts).
declare const __LADDER_NAME__: string | undefined;
declare const __LADDER_VERSION__: string | undefined;

export interface PackageInfo {
  /** The npm package name, e.g. for `npx <name>@<version>` in generated workflows. */
  name: string;
  version: string;
  /** `owner/repo` of the tool on GitHub (package.json "repository"), for `uses: owner/repo@vX.Y.Z`. */
  repository: string;
}

let cached: PackageInfo | undefined;

/** This tool's own package.json: the first one above this module (source, .build/ or node_modules/). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  if (typeof __LADDER_VERSION__ === 'string' && typeof __LADDER_NAME__ === 'string') {
    return (cached = { name: __LADDER_NAME__, version: __LADDER_VERSION__, repository: '' });
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the ladder package.json');
    dir = up;
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; repository?: string | { url?: string } };
  const url = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
  const repository = /github(?:\.com[/:]|:)([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url)?.[1] ?? '';
  return (cached = { name: pkg.name, version: pkg.version, repository });
}
