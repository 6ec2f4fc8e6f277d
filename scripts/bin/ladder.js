#!/usr/bin/env node
// The only place that exits. The code is TypeScript compiled to .build/ by `npm ci` (prepare) or `npm run build:ts`.
import { main } from '../../.build/scripts/cli/main.js';
import { processRuntime } from '../../.build/scripts/cli/runtime.js';
import { removeTrackedTemps } from '../../.build/scripts/cli/temp.js';

// Told to stop: remove the work folders of this run, then die of the same signal (exit 128 + n).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    removeTrackedTemps();
    process.kill(process.pid, signal);
  });
}

process.exitCode = await main(process.argv.slice(2), processRuntime());
