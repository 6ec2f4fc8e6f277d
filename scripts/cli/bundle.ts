// Bundles the compiled CLI (.build/scripts/) into .build/bundle/ with esbuild, so a command loads a few
// files instead of about 500 (zod, yaml, micromark and unified are many small modules each): module
// loading was about 90 ms of every heavy command. `npm run build:ts` (and `prepare`) runs it after tsc.
//
// The command line's own code is one CommonJS file, `entry.cjs`: scripts/bin/ladder.js loads it as a
// vm.Script, so V8 can keep the code it compiled for one run and take it on the next (cachedData, in
// `entry.cjs.v8cache`). Node 20 keeps no such cache for ES modules, and compiling the CLI's code again
// on every run was 40–55 ms of each command. The worker threads stay ES modules, split into chunks,
// beside it, where `new URL('./x-worker.js', import.meta.url)` finds them (import.meta.url in the
// CommonJS file is its own file URL).
// pdfkit stays outside: it and its font libraries read data files relative to their own folders (the
// fonts' own files are found with require.resolve at run time, which esbuild leaves as it is).
// scripts/bin/ladder.js runs the bundle only when it is newer than tsc's output.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** .build/ : this file is .build/scripts/cli/bundle.js once compiled. */
const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BUNDLE_DIR = join(BUILD, 'bundle');

/** The command line, relative to .build/scripts/: one CommonJS file (entry.cjs). */
const CLI_ENTRY = 'cli/entry.js';

/** The worker threads it starts, relative to .build/scripts/: ES modules sharing chunks. */
const ENTRIES: Record<string, string> = {
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
  const common = {
    absWorkingDir: BUILD,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Not identifiers: names stay as written, in stack traces and wherever code reads a function's name.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  } as const;
  const cli = await build({
    ...common,
    entryPoints: [join(BUILD, 'scripts', CLI_ENTRY)],
    outfile: join(outdir, 'entry.cjs'),
    format: 'cjs',
    // import.meta.url is the file's own URL, as in the compiled tree; import('pdfkit') a require.
    define: { 'import.meta.url': '__ladderUrl' },
    supported: { 'dynamic-import': false },
    banner: { js: "var __ladderUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const result = await build({
    ...common,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(BUILD, 'scripts', file)])),
    outdir,
    splitting: true,
    format: 'esm',
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    banner: { js: REQUIRE_BANNER },
  });
  // Written beside, then swapped in: a failed or interrupted bundle leaves the last one (or none), never half.
  const staging = `${outdir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let bytes = 0;
  for (const file of [...cli.outputFiles, ...result.outputFiles]) {
    writeFileSync(join(staging, file.path.slice(outdir.length + 1)), file.contents);
    bytes += file.contents.length;
  }
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  const inputs = new Set([...Object.keys(cli.metafile.inputs), ...Object.keys(result.metafile.inputs)]);
  return { files: cli.outputFiles.length + result.outputFiles.length, bytes, inputs: inputs.size };
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
