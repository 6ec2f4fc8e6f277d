// The bundle's entry: the only place in the Action that exits.
import { processRuntime } from '../cli/runtime.js';
import { runAction } from './main.js';

process.exitCode = await runAction({ ...processRuntime(), cwd: process.env.GITHUB_WORKSPACE ?? process.cwd() });
