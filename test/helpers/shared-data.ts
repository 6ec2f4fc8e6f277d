import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/data beside the checkout (CI lays a copy there): third-party ladders, test input only. */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** True when the data is there; without it, a loud skip on a laptop and a failure under CI. */
export function haveSharedData(what: string): boolean {
  if (existsSync(SHARED_DATA)) return true;
  if (process.env.CI) throw new Error(`${SHARED_DATA} is missing: ${what} cannot run under CI`);
  console.warn(`\n*** SKIPPING ${what}: ${SHARED_DATA} not found ***\n`);
  return false;
}
