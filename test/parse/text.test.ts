import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldedWords, hashText, plainSentences, sentenceRanges } from '../../scripts/parse/text.js';

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

  it('counts the words of folded text as splitting at white space does', () => {
    const chars = fc.constantFrom('a', 'Z', '.', ' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\u3000', 'é', '-');
    const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
    fc.assert(fc.property(fc.array(chars, { maxLength: 16 }).map((a) => fold(a.join(''))), (t) => foldedWords(t) === words(t)), { numRuns: 2000 });
    expect(foldedWords(fold('  Owns \n outcomes  end to end. '))).toBe(5);
  });

  it('keeps expectation ids as they were (sha-256 of the folded text, 12 hex digits)', () => {
    // The ids are stored in diffs and caches: the one-shot hash must give the same digest.
    expect(hashText('abc')).toBe('ba7816bf8f01'); // SHA-256("abc") = ba7816bf8f01cfea…
    expect(hashText(' Owns \n outcomes. ')).toBe(hashText('Owns outcomes.'));
  });
});

describe('plainSentences', () => {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const icu = (text: string) => [...segmenter.segment(text)].map((s) => [s.index, s.index + s.segment.length]);

  it('takes ordinary ladder sentences, and answers what Intl.Segmenter answers', () => {
    const texts = [
      'Leads projects. Mentors peers on code reviews.',
      'Owns the roadmap for a team of 5-8 people. Shares what they learn (in writing).  Plans releases',
      "Reviews the team's designs. Writes \"clear\" docs.",
      'Mr. Smith leads. A. B. C.',
      '. Starts with a stop. Ends without one',
      'Plan A. Then plan B.',
    ];
    for (const t of texts) {
      expect(plainSentences(t), t).toBeDefined();
      expect(plainSentences(t), t).toEqual(icu(t));
    }
  });

  it('leaves to the segmenter every stop it cannot be sure of', () => {
    for (const t of ['e.g. this', 'Version 2.5 ships.', 'Ends. then lower', 'Quoted." Next', 'Why? Because.', 'Two\nlines. Here', 'Café. Next', 'Stop.) Next']) {
      expect(plainSentences(t), t).toBeUndefined();
    }
  });

  it('agrees with Intl.Segmenter on arbitrary text of its alphabet', () => {
    const piece = fc.constantFrom('Leads', 'teams', 'A', 'x', '5', '.', '. ', '.  ', ' ', ',', ';', ':', "'", '"', '(', ')', '-', '/', '&', '%', '+', 'e.g', 'U.S', 'Mr', 'ok');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }).map((a) => a.join('')), (t) => {
        const fast = plainSentences(t);
        return fast === undefined || JSON.stringify(fast) === JSON.stringify(icu(t));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives sentenceRanges the same sentences either way', () => {
    const t = 'Leads incident reviews. Mentors peers on releases. Shares roadmaps.';
    expect(sentenceRanges(t).map(([a, b]) => t.slice(a, b).trim())).toEqual(['Leads incident reviews.', 'Mentors peers on releases.', 'Shares roadmaps.']);
  });
});
