// quickHead answers for the ladders a diff did not change from their frontmatter alone; whenever it
// answers, it must be what parseLadder and the strict read make of the whole file. siblingHead answers
// for the ladders `validate <file>` compares with, before it reads their categories: the id and the
// frontmatter a summary keeps, for a file that the parser reads as a ladder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../scripts/config/index.js';
import { summarize } from '../../scripts/load/summary-cache.js';
import { parseLadder, quickHead, siblingHead } from '../../scripts/parse/index.js';
import { siblingMeta } from '../../scripts/rules/sibling.js';
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

/** siblingHead's answer, or undefined; throws when it answers otherwise than the full read. */
function siblingAgreed(bytes: Uint8Array, file: string): ReturnType<typeof siblingHead> {
  const head = siblingHead(bytes, file, MAX);
  if (!head) return undefined;
  const full = summarize(parseLadder(bytes, file), config).sibling;
  expect({ file, id: head.id, meta: siblingMeta(head.meta), derived: undefined }).toEqual({ file, id: full?.id, meta: full?.meta, derived: full?.derivedFrom });
  // The parse that takes the head's frontmatter read instead of its own reads the file alike.
  const hinted = parseLadder(bytes, file, head.frontmatter ? { frontmatter: head.frontmatter } : {});
  expect({ file, ...hinted }).toEqual({ file, ...parseLadder(bytes, file) });
  return head;
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
      ['carriage returns in the frontmatter alone', base.replace(/^(---\n[\s\S]*?\n---\n)/, (fm) => fm.replace(/\n/g, '\r\n'))],
      ['a lone carriage return', base.replace(/\n/g, '\r\n').replace(/\r\n#/, '\r#')],
      ['carriage returns and a character reference', `${base.replace(/\n/g, '\r\n')}\r\nA &#10; B\r\n`],
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
    expect(taken).toEqual(['id from the file name', 'title with spaces around it', 'carriage returns', 'a byte-order mark', 'spaces after the closing fence', 'frontmatter only']);
  });

  it('reads a ladder with no frontmatter by its first line, when nothing else could be its title', () => {
    const bare = base.replace(/^---\n[\s\S]*?\n---\n\n?/, '');
    expect(bare.startsWith('# ')).toBe(true);
    const levels = (text: string) => text.replace(/^## /gm, '# ');
    const variants: Array<[string, string]> = [
      ['a title heading', bare],
      ['a byte-order mark', `\ufeff${bare}`],
      ['levels as level-1 headings too', levels(bare)],
      ['another level-1 heading below', `${bare}\n# Notes\n\nMore.\n`],
      ['an indented level-1 heading below', `${bare}\n   # Notes\n`],
      ['a setext heading below', `${bare}\nNotes\n=====\n`],
      ['a closing sequence', bare.replace(/^# (.*)$/m, '# $1 #')],
      ['a space after the title', bare.replace(/^# (.*)$/m, '# $1 ')],
      ['emphasis in the title', bare.replace(/^# (.*)$/m, '# *$1*')],
      ['a title starting with a number', bare.replace(/^# (.*)$/m, '# 2024 $1')],
      ['carriage returns', bare.replace(/\n/g, '\r\n')],
      ['a lone carriage return', bare.replace(/\n/, '\r')],
      ['mixed line endings', bare.replace(/\n/, '\r\n')],
      ['a level-2 heading first', bare.replace(/^# /, '## ')],
      ['a title heading and nothing else', '# Lone\n'],
      ['prose before the title', `Intro.\n\n${bare}`],
      ['a word over the budget', `${bare}\n${'x'.repeat(10_001)}\n`],
    ];
    const taken: string[] = [];
    for (const [name, text] of variants) if (agreed(enc(text), `ladders/${name.replace(/\W+/g, '-')}.md`)) taken.push(name);
    expect(taken).toEqual(['a title heading', 'a byte-order mark', 'a title starting with a number', 'carriage returns', 'a title heading and nothing else']);
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

describe('siblingHead', () => {
  const translated = base.replace(/^(id: .*)$/m, '$1\ntranslationOf: other@v1\nlang: de');
  const variants: Array<[string, string]> = [
    ['ordinary', base],
    ['id from the file name', base.replace(/^id: .*\n/m, '')],
    ['no title: the heading decides', base.replace(/^title: .*\n/m, '')],
    ['a translation', translated],
    ['no frontmatter', base.replace(/^---\n[\s\S]*?\n---\n/, '')],
    ['no frontmatter, a blank line first', `\n${base}`],
    ['a thematic break first', `----\n${base.replace(/^---\n[\s\S]*?\n---\n/, '')}`],
    ['carriage returns', base.replace(/\n/g, '\r\n')],
    ['carriage returns and a byte-order mark', `\ufeff${base.replace(/\n/g, '\r\n')}`],
    ['mixed line endings', base.replace(/\n/, '\r\n')],
    ['no frontmatter, carriage returns', base.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/\n/g, '\r\n')],
    ['a byte-order mark', `\ufeff${base}`],
    ['no closing fence', base.replace(/\n---\n/, '\n')],
    ['YAML that does not parse', base.replace(/^title: (.*)$/m, 'title: [$1')],
    ['a schema error', base.replace(/^owners: .*$/m, 'owners: 42')],
    ['extends a parent', base.replace(/^(title: .*)$/m, '$1\nextends: other')],
    ['a word over the budget', `${base.replace(/^---\n[\s\S]*?\n---\n/, '')}\n${'x'.repeat(10_001)}\n`],
    ['only blank lines', '\n\n'],
  ];

  it('answers only what the whole read says, on every variant of the head', () => {
    const taken: string[] = [];
    for (const [name, text] of variants) if (siblingAgreed(enc(text), `ladders/${name.replace(/\W+/g, '-')}.md`)) taken.push(name);
    expect(taken).toEqual([
      'ordinary',
      'id from the file name',
      'no title: the heading decides',
      'a translation',
      'no frontmatter',
      'no frontmatter, a blank line first',
      'carriage returns',
      'carriage returns and a byte-order mark',
      'no frontmatter, carriage returns',
      'a byte-order mark',
    ]);
    expect(siblingHead(enc(translated), 'ladders/t.md', MAX)?.meta.translationOf).toBe('other@v1');
  });

  it('agrees with the full read on every fixture', () => {
    let taken = 0;
    for (const f of markdownFiles(path.join(import.meta.dirname, '..', 'fixtures'))) if (siblingAgreed(readFileSync(f), f)) taken++;
    expect(taken).toBeGreaterThan(100);
  });

  it.skipIf(!haveSharedData('siblingHead on the real ladders'))('agrees with the full read on the real ladders', () => {
    let taken = 0;
    const files = markdownFiles(SHARED_DATA);
    for (const f of files) if (siblingAgreed(readFileSync(f), path.relative(SHARED_DATA, f))) taken++;
    // Most real ladders have no frontmatter, or a plain one: their heads are read without parsing.
    expect(taken).toBeGreaterThan(files.length / 2);
  });
});
