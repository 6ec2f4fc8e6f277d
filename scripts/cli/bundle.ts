// Bundles the compiled CLI (.build/scripts/) into .build/bundle/ with esbuild, so a command loads a few
// files instead of about 500 (zod, yaml, micromark and unified are many small modules each): module
// loading was about 90 ms of every heavy command. `npm run build:ts` (and `prepare`) runs it after tsc.
//
// Code splitting keeps `--help` small (each command is its own chunk, as main.ts imports it lazily), and
// the worker entries sit beside the chunks, where `new URL('./x-worker.js', import.meta.url)` finds them.
// pdfkit stays outside: it and its font libraries read data files relative to their own folders (the
// fonts' own files are found with require.resolve at run time, which esbuild leaves as it is).
// scripts/bin/ladder.js runs the bundle only when it is newer than tsc's output.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** .build/ : this file is .build/scripts/cli/bundle.js once compiled. */
const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BUNDLE_DIR = join(BUILD, 'bundle');

/** Entry points, relative to .build/scripts/: the CLI, and the worker threads it starts. */
const ENTRIES: Record<string, string> = {
  entry: 'cli/entry.js',
  'parse-worker': 'load/parse-worker.js',
  'pdf-worker': 'release/pdf-worker.js',
  'history-worker': 'release/history-worker.js',
};

/** Loaded from node_modules at run time rather than bundled: pdfkit, with the libraries it loads, reads files beside itself. */
const EXTERNAL = ['pdfkit'];

/** CommonJS dependencies call require() for Node's built-ins; an ES module has none of its own. The Action's bundle starts with it too. */
export const REQUIRE_BANNER = "import { createRequire as __ladderRequire } from 'node:module';const require = __ladderRequire(import.meta.url);";

export async function bundleCli(outdir = BUNDLE_DIR): Promise<{ files: number; bytes: number; inputs: number }> {
  // Loaded here, so that `--optional` can say esbuild is missing instead of failing to start.
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: BUILD,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(BUILD, 'scripts', file)])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    external: EXTERNAL,
    // Not identifiers: names stay as written, in stack traces and wherever code reads a function's name.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
    banner: { js: REQUIRE_BANNER },
  });
  // Written beside, then swapped in: a failed or interrupted bundle leaves the last one (or none), never half.
  const staging = `${outdir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let bytes = 0;
  for (const file of result.outputFiles) {
    writeFileSync(join(staging, file.path.slice(outdir.length + 1)), file.contents);
    bytes += file.contents.length;
  }
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  return { files: result.outputFiles.length, bytes, inputs: Object.keys(result.metafile.inputs).length };
}

// `--optional` (prepare, on install): a machine where esbuild cannot run still installs, and runs the
// compiled tree (the bin takes no bundle older than tsc's output).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { files, bytes, inputs } = await bundleCli();
    process.stdout.write(`wrote .build/bundle/: ${files} files, ${(bytes / 1024).toFixed(0)} KiB from ${inputs} modules\n`);
  } catch (err) {
    if (!process.argv.includes('--optional')) throw err;
    process.stderr.write(`ladder: no bundle (${(err as Error)?.message?.split('\n')[0] ?? String(err)}); the compiled tree runs instead\n`);
  }
}
