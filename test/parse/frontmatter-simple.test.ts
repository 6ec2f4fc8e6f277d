import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Yaml } from 'mdast';
import { readFrontmatter, simpleFrontmatter } from '../../scripts/parse/frontmatter.js';

// simpleFrontmatter answers for the frontmatter most files have, without the YAML library: whenever it
// answers, the library must read the same data from the same text, with no error.
const library = (text: string) => {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return doc.errors.length > 0 ? 'error' : (doc.toJS({ maxAliasCount: 50 }) ?? {});
};

describe('simpleFrontmatter', () => {
  it('reads what the YAML library reads, or leaves the text to it', () => {
    const word = fc.constantFrom('Craft', 'a', 'Z', 'é', 'true', 'True', 'null', 'NULL', 'yes', 'no', '1', '0x1F', '2027-01-04', '.inf', '~', '-', '- x', '@acme/x', 'x:y', 'x: y', 'a #b', 'a#b', '*a', '&a', '!a', '|', '>', '%', '?', "'q'", '"q"', '"a\\"b"', "'it''s'", '"a, b"', 'it\'s', 'x\ty', '[', ']', '{', '}', ',', '  ', ' ', 'Technical  quality', 'Ünïcode', '2', '.5', 'x.y', 'N/A', '(a)', 'e=mc', 'a~b');
    const scalar = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    const sequence = fc.array(scalar, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`);
    const key = fc.constantFrom('title', 'id', 'owners', 'status', 'categories', 'effective', 'translationOf', 'extends', 'lang', 'x_y', 'a-b', 'true', 'Null', '1a', ' id', 'id ', '#id', 'title');
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(key, fc.constantFrom(': ', ':  ', ':', ' : ', ':\t'), fc.oneof(scalar, sequence), fc.constantFrom('', ' ', '  # note', '\t')).map((p) => p.join('')) },
      { weight: 1, arbitrary: fc.constantFrom('', '# comment', '---', '...', '  continued', '- item', 'key:', '%YAML 1.2', 'a: [x, y', 'a: [x, y,]', 'a: {b: c}', 'a: "x" y') },
    );
    const text = fc.array(line, { maxLength: 6 });
    let answered = 0;
    let answeredCrlf = 0;
    const check = (t: string) => {
      const data = simpleFrontmatter(t);
      if (data === undefined) return;
      answered++;
      if (t.includes('\r\n')) answeredCrlf++;
      expect(library(t)).toEqual(data);
      // And the whole read: the data, the fields kept, and where each key's value is, as the library places it.
      const node: Yaml = { type: 'yaml', value: t, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
      const fast = readFrontmatter(node, 'x.md');
      const slow = readFrontmatter(node, 'x.md', true);
      expect({ data: fast.data, meta: fast.meta, keys: fast.keys, position: fast.position, diagnostics: fast.diagnostics }).toEqual({
        data: slow.data,
        meta: slow.meta,
        keys: slow.keys,
        position: slow.position,
        diagnostics: slow.diagnostics,
      });
    };
    fc.assert(
      // Each text with its lines ended as files end them: LF, CR LF (saved on Windows), and a lone CR
      // (a line break of its own to YAML).
      fc.property(text, (lines) => {
        for (const end of ['\n', '\r\n', '\r']) check(lines.join(end));
      }),
      { numRuns: 20_000, seed: 16 },
    );
    // The test says something only if the fast path answers often.
    expect(answered).toBeGreaterThan(2_000);
    // Several lines the fast path reads (distinct keys, values it takes), ended each way, and now and
    // then one of the lines above, which it may not read.
    const value = fc.constantFrom('Craft', 'a b', 'Ünïcode', 'Technical quality', 'x.y', 'N/A', '(a)', "'q'", '"q"', '2027-01-04', "it's", '[Craft, Care]', '[]', '["@acme/x"]');
    const many = fc
      .array(fc.oneof({ weight: 12, arbitrary: value.map((v) => ({ v })) }, { weight: 1, arbitrary: line.map((raw) => ({ raw })) }), { minLength: 2, maxLength: 6 })
      .map((items) => items.map((x, i) => ('raw' in x ? x.raw : `key${i}: ${x.v}`)));
    fc.assert(
      fc.property(many, fc.constantFrom('\r\n', '\r', '\n'), (lines, end) => check(lines.join(end))),
      { numRuns: 10_000, seed: 16 },
    );
    expect(answeredCrlf).toBeGreaterThan(300);
  });

  it('reads the frontmatter of a typical ladder, and leaves the rest to the library', () => {
    expect(simpleFrontmatter('title: Platform Engineering\nid: platform\nowners: ["@acme/leads"]\nstatus: active\ncategories: [Craft, Technical quality]')).toEqual({
      title: 'Platform Engineering',
      id: 'platform',
      owners: ['@acme/leads'],
      status: 'active',
      categories: ['Craft', 'Technical quality'],
    });
    expect(simpleFrontmatter('effective: 2027-01-04')).toEqual({ effective: '2027-01-04' });
    for (const t of ['effective: 2027-1-4', 'draft: true', 'title: A: B', 'title: x # c', 'levels:\n  - a', 'title: a\ntitle: b', 'n: 3']) expect(simpleFrontmatter(t)).toBeUndefined();
    // Saved on Windows: the same data; a lone carriage return is left to the library.
    expect(simpleFrontmatter('title: Platform Engineering\r\nid: platform\r\ncategories: [Craft, Care]')).toEqual({ title: 'Platform Engineering', id: 'platform', categories: ['Craft', 'Care'] });
    expect(simpleFrontmatter('title: Platform\rid: platform')).toBeUndefined();
  });
});
