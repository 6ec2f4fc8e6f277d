// quickHead answers for the ladders a diff did not change from their frontmatter alone; whenever it
// answers, it must be what parseLadder and the strict read make of the whole file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../scripts/config/index.js';
import { summarize } from '../../scripts/load/summary-cache.js';
import { parseLadder, quickHead } from '../../scripts/parse/index.js';
import { generateLadders, renderLadder } from '../../scripts/bench/corpus.js';
import { haveSharedData, markdownFiles, SHARED_DATA } from '../helpers/shared-data.js';

const MAX = 64 * 1024;
const config = defaultConfig();

/** quickHead's answer, or undefined; throws when it answers otherwise than the full read. */
function agreed(bytes: Uint8Array, file: string): ReturnType<typeof quickHead> {
  const quick = quickHead(bytes, file, MAX);
  if (!quick) return undefined;
  const full = summarize(parseLadder(bytes, file), config);
  expect({ file, id: quick.id, title: quick.title, clean: true, derived: undefined }).toEqual({ file, id: full.sibling?.id, title: full.title, clean: full.clean, derived: full.sibling?.derivedFrom });
  return quick;
}

const base = renderLadder(generateLadders({ seed: 3, ladders: 1, levels: 3, categories: 3, minSentences: 1, maxSentences: 2 })[0]!);
const enc = (s: string) => new TextEncoder().encode(s);

describe('quickHead', () => {
  it('reads an ordinary ladder from its frontmatter', () => {
    expect(base.startsWith('---\ntitle: ')).toBe(true);
    expect(agreed(enc(base), 'ladders/x.md')).toBeDefined();
  });

  it('answers only what the whole read says, on every variant of the head', () => {
    const variants: Array<[string, string]> = [
      ['id from the file name', base.replace(/^id: .*\n/m, '')],
      ['title with spaces around it', base.replace(/^title: (.*)$/m, 'title: "  $1  "')],
      ['no title: the heading decides', base.replace(/^title: .*\n/m, '')],
      ['empty title', base.replace(/^title: .*$/m, 'title: ""')],
      ['carriage returns', base.replace(/\n/g, '\r\n')],
      ['a byte-order mark', `\ufeff${base}`],
      ['spaces after the opening fence', base.replace(/^---\n/, '---  \n')],
      ['spaces after the closing fence', base.replace(/\n---\n/, '\n---\t \n')],
      ['four dashes to close', base.replace(/\n---\n/, '\n----\n')],
      ['no closing fence', base.replace(/\n---\n/, '\n')],
      ['YAML that does not parse', base.replace(/^title: (.*)$/m, 'title: [$1')],
      ['a schema error', base.replace(/^owners: .*$/m, 'owners: 42')],
      ['a duplicate key', base.replace(/^(title: .*)$/m, '$1\n$1')],
      ['extends a parent', base.replace(/^(title: .*)$/m, '$1\nextends: other')],
      ['a word over the budget', `${base}\n${'x'.repeat(10_001)}\n`],
      ['frontmatter only', '---\ntitle: Lone\n---\n'],
      ['an empty frontmatter', '---\n---\n# Title\n'],
      ['a list, not a mapping', '---\n- a\n- b\n---\n# T\n'],
      ['not UTF-8', ''],
    ];
    const taken: string[] = [];
    for (const [name, text] of variants) {
      const bytes = name === 'not UTF-8' ? new Uint8Array([...enc(base.slice(0, 40)), 0xff, 0xfe, ...enc(base.slice(40))]) : enc(text);
      if (agreed(bytes, `ladders/${name.replace(/\W+/g, '-')}.md`)) taken.push(name);
    }
    // The ones it must leave to the parser, and the ones it may take.
    expect(taken).toEqual(['id from the file name', 'title with spaces around it', 'a byte-order mark', 'spaces after the closing fence', 'frontmatter only']);
  });

  it('agrees with the full read on every fixture', () => {
    let taken = 0;
    for (const f of markdownFiles(path.join(import.meta.dirname, '..', 'fixtures'))) if (agreed(readFileSync(f), f)) taken++;
    expect(taken).toBeGreaterThan(50);
  });

  it.skipIf(!haveSharedData('quickHead on the real ladders'))('agrees with the full read on the real ladders', () => {
    for (const f of markdownFiles(SHARED_DATA)) agreed(readFileSync(f), path.relative(SHARED_DATA, f));
  });
});
