// What scripts/bin/ladder.js needs, from one module: the bundle's entry (scripts/cli/bundle.ts), or the
// compiled tree when there is no current bundle.
export { main } from './main.js';
export { processRuntime } from './runtime.js';
export { removeTrackedTemps } from './temp.js';
