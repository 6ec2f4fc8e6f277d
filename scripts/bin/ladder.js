#!/usr/bin/env node
// The only place that exits. The code is TypeScript compiled to .build/scripts/ and bundled into
// .build/bundle/ by `npm ci` (prepare) or `npm run build:ts` (scripts/cli/bundle.ts).
import { statSync } from 'node:fs';

/**
 * The bundle, when it was made from the current compiled tree: tsc rewrites every output on each run,
 * so a bundle older than its main.js holds older code and the compiled tree runs instead (as it does
 * with LADDER_BUNDLE=off, or when there is no bundle).
 */
function bundleIsCurrent() {
  if (process.env.LADDER_BUNDLE === 'off') return false;
  try {
    const built = (path) => statSync(new URL(`../../.build/${path}`, import.meta.url)).mtimeMs;
    return built('bundle/entry.js') >= built('scripts/cli/main.js');
  } catch {
    return false;
  }
}

const { main, processRuntime, removeTrackedTemps } = await import(bundleIsCurrent() ? '../../.build/bundle/entry.js' : '../../.build/scripts/cli/entry.js');

// Told to stop: remove the work folders of this run, then die of the same signal (exit 128 + n).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    removeTrackedTemps();
    process.kill(process.pid, signal);
  });
}

process.exitCode = await main(process.argv.slice(2), processRuntime());
