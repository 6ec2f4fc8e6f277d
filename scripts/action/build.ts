// Bundles the Action's entry into one file with esbuild: `npm run build:action` writes it, and a test
// rebuilds it to check the committed file is current. Run from .build/ (compiled) or source alike.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { REQUIRE_BANNER } from '../cli/bundle.js';

/** The repository root: this file sits in scripts/action/ (source) or .build/scripts/action/ (compiled). */
const ROOT = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(`${join('.build', 'scripts')}`) ? join(here, '..', '..', '..') : join(here, '..', '..');
})();

export const ENTRY = 'scripts/action/index.ts';
export const BUNDLE = 'scripts/action/dist/index.mjs';

// html-table.ts loads hast-util-from-html lazily through createRequire, which esbuild cannot follow;
// a plain require() of the same module it bundles (still loaded only when an HTML table is met).
const lazyRequire: Plugin = {
  name: 'lazy-require',
  setup(b) {
    b.onLoad({ filter: /[\\/]scripts[\\/]parse[\\/]html-table\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const rewritten = source.replace(/createRequire\(import\.meta\.url\)\(/g, 'require(');
      if (rewritten === source) throw new Error(`${args.path}: the createRequire call the bundle rewrites is gone; update scripts/action/build.ts`);
      return { contents: rewritten, loader: 'ts' };
    });
  },
};

/** The bundle's bytes and what went into it. */
export async function bundleAction(): Promise<{ code: Uint8Array; metafile: Metafile }> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    write: false,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'silent',
    define: { __LADDER_NAME__: JSON.stringify(pkg.name), __LADDER_VERSION__: JSON.stringify(pkg.version) },
    banner: { js: `// ${pkg.name} ${pkg.version}: the GitHub Action, bundled by esbuild from ${ENTRY} (npm run build:action). Do not edit.\n${REQUIRE_BANNER}` },
    plugins: [lazyRequire],
  });
  return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { code, metafile } = await bundleAction();
  writeFileSync(join(ROOT, BUNDLE), code);
  const inputs = Object.keys(metafile.inputs).length;
  process.stdout.write(`wrote ${BUNDLE}: ${(code.length / 1024).toFixed(0)} KiB from ${inputs} modules\n`);
}
