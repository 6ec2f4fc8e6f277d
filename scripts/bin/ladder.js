#!/usr/bin/env node
// The only place that exits. The code is TypeScript compiled to .build/ by `npm ci` (prepare) or `npm run build:ts`.
import { main } from '../../.build/scripts/cli/main.js';
import { processRuntime } from '../../.build/scripts/cli/runtime.js';

process.exitCode = await main(process.argv.slice(2), processRuntime());
