// A release's diff meets most ladders as the very object it had (no commit touched them): compareLadder
// answers "unchanged" for one object on both sides without aligning anything. That must be exactly
// what comparing two equal copies gives, for the diff and for a view built on it (its alignment is made
// only when the view asks).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { compareLadder, compareLadders } from '../../scripts/diff/index.js';
import { buildView } from '../../scripts/diff/view.js';
import { parseLadder } from '../../scripts/parse/index.js';
import type { Ladder } from '../../scripts/model/ladder.js';
import { CORPUS_PRESETS, generateLadders, renderLadder } from '../../scripts/bench/corpus.js';
import { SHARED_DATA, haveSharedData, markdownFiles } from '../helpers/shared-data.js';

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

function texts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const f of markdownFiles(path.join(import.meta.dirname, '../fixtures')).concat(markdownFiles(path.join(import.meta.dirname, '../../ladders')))) {
    out.push([path.basename(f), readFileSync(f, 'utf8')]);
  }
  for (const preset of Object.keys(CORPUS_PRESETS) as Array<keyof typeof CORPUS_PRESETS>) {
    for (const l of generateLadders({ ...CORPUS_PRESETS[preset].options, seed: 7, ladders: 4 })) out.push([`${preset}/${l.id}.md`, renderLadder(l)]);
  }
  if (haveSharedData('the identity diff on real ladders')) for (const f of markdownFiles(SHARED_DATA)) out.push([path.relative(SHARED_DATA, f), readFileSync(f, 'utf8')]);
  return out;
}

test('one object on both sides compares as two equal copies do, view included', () => {
  let ladders = 0;
  for (const [file, text] of texts()) {
    const one = parseLadder(text, `ladders/${file}`).ladder;
    const two = parseLadder(text, `ladders/${file}`).ladder;
    if (!one || !two) continue;
    ladders++;
    const same = compareLadder(one, one);
    const copies = compareLadder(one, two);
    expect(copies.diff.changes, file).toEqual([]);
    expect(plain(same.diff), file).toEqual(plain(copies.diff));
    // The view reads the alignment's levels (headings): made on demand, the same as the copies'.
    const viewOf = (head: Ladder) => {
      const { result, comparisons } = compareLadders([one], [head]);
      return plain({ ...buildView(result, comparisons), ladders: buildView(result, comparisons).ladders.map((l) => ({ ...l, label: l.levelLabel(one.levels[0]?.title ?? '') })) });
    };
    expect(viewOf(one), file).toEqual(viewOf(two));
    const shape = (c: typeof same) => c.tracks.map((t) => [t.track, t.alignment.base?.levels.map((l) => l.title), t.alignment.head?.levels.map((l) => l.title), t.alignment.headItems.map((i) => i.match?.base.exp.text)]);
    expect(shape(same), file).toEqual(shape(copies));
  }
  expect(ladders).toBeGreaterThan(40);
});
