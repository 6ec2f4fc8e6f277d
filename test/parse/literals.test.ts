import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CORPUS_PRESETS, generateHistory, renderLadder } from '../../scripts/bench/corpus.js';
import { mayHaveLiterals, parseMarkdown, parseMarkdownAllGfm } from '../../scripts/parse/markdown.js';
import { SHARED_DATA, haveSharedData, markdownFiles } from '../helpers/shared-data.js';

// parseMarkdown leaves GFM's autolink literals out for a text none can start in: the tree must be the
// one the whole of GFM gives, for every text, with literals or without.


const same = (source: string) => expect(JSON.stringify(parseMarkdown(source))).toBe(JSON.stringify(parseMarkdownAllGfm(source)));

describe('autolink literals are looked for only where one can start', () => {
  test('where one can start: an @, www., or http(s)://, in the body, in any case', () => {
    for (const text of ['write to team@example.com', 'see WWW.example.com', 'at Https://example.com', 'mailto:a@b.co', '---\ntitle: x\n---\n\nask @someone']) {
      expect(mayHaveLiterals(text), text).toBe(true);
      same(text);
      // The whole of GFM links it: the check must not send it down the other path.
      if (!text.includes('@someone')) expect(JSON.stringify(parseMarkdown(text))).toContain('"type":"link"');
    }
    for (const text of ['# Levels\n\n- Ships http handlers and www-style docs', '---\nowners: ["@acme/leads"]\n---\n\n# T\n\n- plain text']) {
      expect(mayHaveLiterals(text), text).toBe(false);
      same(text);
    }
  });

  test('a frontmatter block is skipped only when it certainly is one', () => {
    // A "---" line inside, a fence with trailing text, no closing fence: the whole text is looked at.
    for (const text of ['---\na: 1\n---x\n@b\n---\n\n# T', '---\na: "@x"\n--- \n\n# T\n\nmail a@b.co', '---\nowners: "@x"\n\n# T', '\ufeff---\no: "@x"\n---\n\n# T']) {
      expect(mayHaveLiterals(text), JSON.stringify(text)).toBe(true);
      same(text);
    }
  });

  test('tricky texts parse the same both ways', () => {
    for (const text of [
      'A table:\n\n| a | b |\n|---|---|\n| x@y.z | www.q.org |\n',
      'Footnote[^1] and ~~struck~~ text, - [ ] task\n\n[^1]: note with https://e.org\n',
      '```\nhttp://in.code\n```\n\n`www.x.org` and <http://auto.link>\n',
      '---\r\ntitle: X\r\n---\r\n\r\n# T\r\n\r\n- one\r\n',
      '- [x] done ~~old~~ new\n- plain\n\n| a |\n|---|\n| b |\n',
    ]) same(text);
  });

  test('every fixture and every generated corpus ladder parses the same both ways', () => {
    const files = markdownFiles(path.join(import.meta.dirname, '../fixtures')).concat(markdownFiles(path.join(import.meta.dirname, '../../ladders')));
    expect(files.length).toBeGreaterThan(50);
    let plain = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (!mayHaveLiterals(text)) plain++;
      same(text);
    }
    for (const preset of Object.keys(CORPUS_PRESETS) as Array<keyof typeof CORPUS_PRESETS>) {
      const { ladders } = generateHistory({ ...CORPUS_PRESETS[preset].options, seed: 3, ladders: 8, commits: 4 });
      for (const l of ladders) {
        const text = renderLadder(l);
        if (!mayHaveLiterals(text)) plain++;
        same(text);
      }
    }
    // The check is not vacuous: most of these take the path without literals.
    expect(plain).toBeGreaterThan(20);
  });

  test.runIf(haveSharedData('the real ladders parsed both ways'))('every real ladder and history version parses the same both ways', () => {
    const files = markdownFiles(SHARED_DATA);
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) same(readFileSync(f, 'utf8'));
  });
});
