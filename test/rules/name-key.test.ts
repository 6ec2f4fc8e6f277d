// nameKey folds names and expectation texts for comparison; ASCII text skips ICU (NFKC, locale lowercasing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectationKey, nameKey, q } from '../../scripts/rules/text.js';

/** The definition: NFKC, English lowercasing, white space collapsed and trimmed. */
const folded = (text: string) => text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

describe('nameKey', () => {
  it('is the definition on ASCII text, control characters and white space included, and beyond it', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    const beyond = fc.string({ unit: fc.constantFrom('A', 'ß', 'İ', 'Σ', 'ﬁ', 'Ａ', '\u00a0', '\u2003', 'é', 'e\u0301', ' ', '\t', 'x'), maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(ascii, beyond), (text) => {
        expect(nameKey(text), JSON.stringify(text)).toBe(folded(text));
        expect(nameKey(`${text}.`), JSON.stringify(text)).toBe(folded(`${text}.`));
      }),
      { numRuns: 20_000 },
    );
    // Width and compatibility forms fold only through NFKC: they must not take the ASCII path.
    expect(nameKey('Ｔechnical  Quality')).toBe('technical quality');
    expect(nameKey('ﬁnance')).toBe('finance');
    expect(expectationKey('- Ships it.  ')).toBe('ships it');
  });

  it('quotes short values whole and shortens long ones by code point', () => {
    expect(q('a`b  c')).toBe("`a'b c`");
    const emoji = '😀'.repeat(40); // 80 code units, 40 code points: not shortened
    expect(q(emoji)).toBe(`\`${emoji}\``);
    const long = 'x'.repeat(61);
    expect(q(long)).toBe(`\`${'x'.repeat(59)}…\``);
  });
});
