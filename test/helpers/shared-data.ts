import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/data beside the checkout (the project's CI lays a copy there): third-party ladders, test input only. */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** The project's own CI asks for these tests (.ci/run exports it); a copy of the tool never has the data. */
export const SHARED_DATA_ENV = 'LADDER_SHARED_DATA';

const warned = new Set<string>();

/**
 * Whether tests on ../shared/data run. Only when LADDER_SHARED_DATA=1: then missing data is a failure.
 * Otherwise they skip (use with describe.skipIf / test.skipIf, so they show as skipped, never as passed)
 * and say so in one line.
 */
export function haveSharedData(what: string): boolean {
  if (process.env[SHARED_DATA_ENV] === '1') {
    if (!existsSync(SHARED_DATA)) throw new Error(`${SHARED_DATA} is missing, and ${SHARED_DATA_ENV}=1 asks for ${what}`);
    return true;
  }
  if (!warned.has(what)) {
    warned.add(what);
    console.warn(`SKIPPED ${what}: needs ../shared/data; set ${SHARED_DATA_ENV}=1 to run it (the project's .ci/run does)`);
  }
  return false;
}

/** Every Markdown file under a folder, sorted (the real ladders, fixtures). */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
