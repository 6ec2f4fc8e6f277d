/**
 * Hostile ladder files (issue 19): small inputs that once took minutes or gigabytes to parse. Each is
 * a function of its size so tests use small ones and the benchmark the sizes that were reported.
 *
 *   node .build/scripts/bench/hostile.js [--timeout 120] [--only id,id] [--build] [--bin path/to/ladder.js]
 *
 * Times `ladder validate` (and with --build, `ladder build --pdf-only`) on each case in a fresh
 * repository, one process per case, killed at the timeout: timings are reported, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HEAD = '---\ntitle: Hostile\nid: hostile\n---\n\n# Hostile\n\n';
const LEVELS = '## L1 · One\n\n### Craft\n\n- Writes code.\n\n## L2 · Two\n\n### Craft\n\n- Ships code.\n\n';

export interface HostileCase {
  id: string;
  what: string;
  text: string;
}

const table = (rows: number) => `${HEAD}## L1 · One\n\n| Category | Description |\n| --- | --- |\n${'| Craft | Writes code. |\n'.repeat(rows)}\n## L2 · Two\n\n| Category | Description |\n| --- | --- |\n| Craft | Ships code. |\n`;
const matrix = (rows: number) => `${HEAD}| Category | L1 | L2 |\n| --- | --- | --- |\n${'| C | a. | b. |\n'.repeat(rows)}`;

/** The cases at the sizes reported in the issue (scale 1), or smaller (scale < 1) for tests. */
export function hostileCases(scale = 1): HostileCase[] {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  return [
    { id: 'nested-list-line', what: `${n(10_000)} nested list items on one line`, text: `${HEAD}${LEVELS}${'- '.repeat(n(10_000))}x\n` },
    { id: 'nested-list-indent', what: `a ${n(1_400)}-level indented list`, text: `${HEAD}${LEVELS}${Array.from({ length: n(1_400) }, (_, i) => `${'  '.repeat(i)}- a`).join('\n')}\n` },
    { id: 'nested-quote', what: `${n(10_000)} nested block quotes`, text: `${HEAD}${LEVELS}${'> '.repeat(n(10_000))}x\n` },
    { id: 'nested-emphasis', what: `${Math.round(n(60_000) / 1024)} KB of nested emphasis`, text: `${HEAD}${LEVELS}- ${'*a _'.repeat(n(7_500))}x${'_ a*'.repeat(n(7_500))}\n` },
    { id: 'nested-links', what: `${Math.round(n(250_000) / 1024)} KB of nested links`, text: `${HEAD}${LEVELS}- ${'['.repeat(n(50_000))}x${'](y)'.repeat(n(50_000))}\n` },
    { id: 'table-5k', what: `a table of ${n(5_000)} rows`, text: table(n(5_000)) },
    { id: 'table-20k', what: `a table of ${n(20_000)} rows`, text: table(n(20_000)) },
    { id: 'table-80k', what: `a table of ${n(80_000)} rows`, text: table(n(80_000)) },
    { id: 'matrix-60k', what: `a matrix of ${n(60_000)} rows`, text: matrix(n(60_000)) },
    { id: 'sentences-10k', what: `a cell of ${n(10_000)} sentences`, text: `${HEAD}## L1 · One\n\n| Category | Description |\n| --- | --- |\n| Craft | ${'Writes code. '.repeat(n(10_000))}|\n\n## L2 · Two\n\n| Category | Description |\n| --- | --- |\n| Craft | Ships code. |\n` },
    { id: 'sentences-100k', what: `a cell of ${n(100_000)} sentences`, text: `${HEAD}## L1 · One\n\n| Category | Description |\n| --- | --- |\n| Craft | ${'Ok. '.repeat(n(100_000))}|\n\n## L2 · Two\n\n| Category | Description |\n| --- | --- |\n| Craft | Ships code. |\n` },
    { id: 'block-words', what: `a paragraph of ${n(40_000)} words`, text: `${HEAD}${LEVELS}${'word '.repeat(n(40_000))}\n` },
    // Within every budget, near the size limit: the slowest inputs left, bounded by the wall-clock guard.
    { id: 'near-emphasis', what: `${n(250)} KB of emphasis openers in short paragraphs`, text: `${HEAD}${LEVELS}- x\n\n${`${'*a '.repeat(30)}\n\n`.repeat(Math.floor((n(250) * 1024) / 92))}` },
    { id: 'near-lines', what: `${n(250)} KB of one-word lines in 18 KB paragraphs`, text: `${HEAD}${LEVELS}${`${'a\n'.repeat(9_000)}\n`.repeat(Math.max(1, Math.floor(n(250) / 18)))}` },
    { id: 'near-tables', what: `${n(1_000)} table rows in 25 tables`, text: `${HEAD}${`## L1 · One\n\n| Category | Description |\n| --- | --- |\n${'| Craft | Writes code. |\n'.repeat(Math.max(1, n(37)))}\n`.repeat(25)}` },
    // Every `[` the search for link definitions starts from (chunks.ts): linear only while a label stops at the next bracket.
    { id: 'open-brackets', what: `${n(40_000)} paragraphs that open a bracket`, text: `${HEAD}${LEVELS}${'[a\n\n'.repeat(n(40_000))}` },
    { id: 'long-word', what: `a ${(n(1_500_000) / 1e6).toFixed(1)} MB word`, text: `${HEAD}${LEVELS.replace('- Writes code.', `- Writes ${'x'.repeat(n(1_500_000))}.`)}` },
  ];
}

function main(): void {
  const { values } = parseArgs({ options: { timeout: { type: 'string', default: '120' }, only: { type: 'string' }, build: { type: 'boolean', default: false }, bin: { type: 'string' } } });
  const here = path.dirname(fileURLToPath(import.meta.url));
  // --bin: another checkout's ladder.js, to time a version before a change.
  const bin = values.bin ? path.resolve(values.bin) : path.resolve(here, '../../../scripts/bin/ladder.js');
  const only = values.only ? new Set(values.only.split(',')) : undefined;
  const timeout = Number(values.timeout) * 1000;
  const rows: string[] = ['| case | size | command | time | exit | first diagnostic |', '| --- | ---: | --- | ---: | ---: | --- |'];
  for (const c of hostileCases()) {
    if (only && !only.has(c.id)) continue;
    const root = mkdtempSync(path.join(os.tmpdir(), 'ladder-hostile-'));
    try {
      mkdirSync(path.join(root, 'ladders'));
      writeFileSync(path.join(root, 'ladders', 'hostile.md'), c.text);
      const commands = [['validate'], ...(values.build ? [['build', '--pdf-only', '--version', 'v1.0.0', '--out', path.join(root, '..', `${path.basename(root)}-dist`)]] : [])];
      for (const argv of commands) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [bin, ...argv], { cwd: root, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SOURCE_DATE_EPOCH: '0' } });
        const ms = performance.now() - t0;
        const killed = r.signal !== null;
        const first = `${r.stdout}\n${r.stderr}`.split('\n').find((l) => /error|warning/.test(l))?.trim().slice(0, 140) ?? '';
        rows.push(`| ${c.what} | ${Math.round(Buffer.byteLength(c.text) / 1024)} KB | \`ladder ${argv[0]}\` | ${killed ? `killed after ${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(2)} s`} | ${killed ? r.signal : r.status} | ${first.replace(/\|/g, '\\|')} |`);
        process.stdout.write(`${rows.at(-1)}\n`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(`${root}-dist`, { recursive: true, force: true });
    }
  }
  process.stdout.write(`\n${rows.join('\n')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
