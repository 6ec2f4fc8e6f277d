/**
 * The floors the pipeline is measured against, each run as its own process by bench/run.ts:
 *   files <root>            read + parseLadder every ladder file of the working tree
 *   history <root>          every distinct ladder blob the history holds, read through one
 *                           `git cat-file --batch` and parsed once: what any history-wide command must do
 *   trees <root> <a> <b>    the same for the distinct blobs of two trees (what `ladder diff a b` must read)
 *   one <root> <file>       read + parseLadder one file: the least any check of a pull request's one edit costs
 *   history-md <root>       the blobs of `history`, each only parsed to mdast by remark + GFM (+ frontmatter):
 *                           the floor as the issue states it, with no ladder model built
 * Parsing is the product's own parseLadder with default options, as a single read: nothing kept from
 * one file to the next, with the shortcuts every read takes (plain sections and table rows built
 * without micromark). history-md: the whole of remark-gfm, every time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLadder } from '../parse/index.js';
import { parseMarkdownAllGfm } from '../parse/markdown.js';
import { historyBlobs, readBlobs, treeBlobs } from './blobs.js';

function ladderFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? ladderFiles(dir, path.join(rel, e.name)) : e.name.endsWith('.md') ? [path.join(rel, e.name)] : [],
  );
}

function parseAll(items: Iterable<[string, Uint8Array]>): number {
  let count = 0;
  let levels = 0;
  for (const [file, bytes] of items) {
    levels += parseLadder(bytes, file).ladder?.levels.length ?? 0;
    count++;
  }
  // A floor that parsed nothing would make every ratio meaningless.
  if (count > 0 && levels === 0) throw new Error('the floor parsed no levels');
  return count;
}

async function parseBlobs(root: string, blobs: Map<string, string>): Promise<number> {
  const contents = await readBlobs(root, [...blobs.keys()]);
  return parseAll([...blobs].map(([sha, file]) => [file, contents.get(sha)!] as [string, Uint8Array]));
}

async function main(): Promise<void> {
  const [mode, root, a, b] = process.argv.slice(2);
  if (!root) throw new Error('usage: floor.js files|history|trees|one <root> [<a> <b> | <file>]');
  let count: number;
  if (mode === 'files') {
    const dir = path.join(root, 'ladders');
    count = parseAll(ladderFiles(dir).map((f) => [`ladders/${f}`, readFileSync(path.join(dir, f))] as [string, Uint8Array]));
  } else if (mode === 'one' && a) {
    count = parseAll([[a, readFileSync(path.join(root, a))]]);
  } else if (mode === 'history') {
    count = await parseBlobs(root, await historyBlobs(root));
  } else if (mode === 'history-md') {
    const blobs = await historyBlobs(root);
    const contents = await readBlobs(root, [...blobs.keys()]);
    const decoder = new TextDecoder();
    let nodes = 0;
    for (const sha of blobs.keys()) nodes += parseMarkdownAllGfm(decoder.decode(contents.get(sha)!)).children.length;
    if (blobs.size > 0 && nodes === 0) throw new Error('the floor parsed nothing');
    count = blobs.size;
  } else if (mode === 'trees' && a && b) {
    const blobs = new Map<string, string>();
    await treeBlobs(root, a, blobs);
    await treeBlobs(root, b, blobs);
    count = await parseBlobs(root, blobs);
  } else throw new Error(`unknown floor "${mode}"`);
  process.stdout.write(`${count}\n`);
}

await main();
