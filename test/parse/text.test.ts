import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, hashText } from '../../scripts/parse/text.js';

/** What fold() computed before its fast path: the reference the fast path must agree with. */
const slowFold = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

describe('fold', () => {
  it('agrees with NFC + white-space collapsing on text the fast path may take or must refuse', () => {
    const tricky = ['', ' ', 'a', 'a b', 'a  b', ' a', 'a ', 'a\tb', 'a\nb', 'a\u00a0b', 'e\u0301', 'caf\u00e9', 'Leads\u2003teams.', 'x\u200by', '~!@#$%^&*()_+{}|:"<>?'];
    for (const t of tricky) expect(fold(t), JSON.stringify(t)).toBe(slowFold(t));
  });

  it('agrees on arbitrary text', () => {
    const chars = fc.constantFrom('a', 'Z', '.', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u0301', 'é', '\u2028', '\ufeff', '\u3000', 'ß');
    fc.assert(fc.property(fc.array(chars, { maxLength: 12 }).map((a) => a.join('')), (t) => fold(t) === slowFold(t)), { numRuns: 2000 });
  });

  it('keeps expectation ids as they were (sha-256 of the folded text, 12 hex digits)', () => {
    // The ids are stored in diffs and caches: the one-shot hash must give the same digest.
    expect(hashText('abc')).toBe('ba7816bf8f01'); // SHA-256("abc") = ba7816bf8f01cfea…
    expect(hashText(' Owns \n outcomes. ')).toBe(hashText('Owns outcomes.'));
  });
});
