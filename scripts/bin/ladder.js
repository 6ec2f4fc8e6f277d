#!/usr/bin/env node
// The only place that exits. The code is TypeScript compiled to .build/scripts/ and bundled into
// .build/bundle/ by `npm ci` (prepare) or `npm run build:ts` (scripts/cli/bundle.ts).
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const BUNDLE = fileURLToPath(new URL('../../.build/bundle/entry.cjs', import.meta.url));
/** V8's compiled code for the bundle, from an earlier run (cachedData). */
const CODE_CACHE = `${BUNDLE}.v8cache`;

/**
 * The bundle, when it was made from the current compiled tree: tsc rewrites every output on each run,
 * so a bundle older than its main.js holds older code and the compiled tree runs instead (as it does
 * with LADDER_BUNDLE=off, or when there is no bundle).
 */
function bundleIsCurrent() {
  if (process.env.LADDER_BUNDLE === 'off') return false;
  try {
    return statSync(BUNDLE).mtimeMs >= statSync(new URL('../../.build/scripts/cli/main.js', import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
}

/**
 * The bundle (CommonJS) run as a vm.Script with the code V8 compiled for it on an earlier run: Node 20
 * caches no compiled code for ES modules, and compiling the CLI again was 40–55 ms of every command.
 * V8 checks that the cache is for this very source, V8 version and flags, and ignores it otherwise
 * (`cachedDataRejected`); `save` then writes a new one, once the command has run, so that the cache
 * holds the functions a real command compiled, not just the top level.
 */
function loadBundle() {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    // none yet
  }
  // The wrapper adds nothing before the first line, so positions in stack traces stay the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  const stale = cachedData === undefined || script.cachedDataRejected;
  return { cli: module.exports, save: () => stale && saveCodeCache(script) };
}

/** Written beside and renamed, so a concurrent run reads a whole cache or none; a read-only install keeps none. */
function saveCodeCache(script) {
  const tmp = `${CODE_CACHE}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, CODE_CACHE);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // never written
    }
  }
}

const bundled = bundleIsCurrent() ? loadBundle() : undefined;
const { main, processRuntime, removeTrackedTemps } = bundled?.cli ?? (await import('../../.build/scripts/cli/entry.js'));

// Told to stop: remove the work folders of this run, then die of the same signal (exit 128 + n).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    removeTrackedTemps();
    process.kill(process.pid, signal);
  });
}

// A reader that stops reading (`ladder show x --format json | head`): stop as a Unix tool stops on
// SIGPIPE, quietly and with its status (128 + 13), instead of an unhandled 'error' event's stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    removeTrackedTemps();
    process.exit(141);
  });
}

const args = process.argv.slice(2);
process.exitCode = await main(args, processRuntime());
// The help and the version compile next to nothing: a cache made by them would spare a command little.
if (bundled && args.length > 0 && !['--help', '-h', 'help', '--version'].includes(args[0])) bundled.save();
