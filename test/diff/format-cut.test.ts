import { describe, expect, it } from 'vitest';
import { buildView, compareLadders } from '../../scripts/diff/index.js';
import { formatMarkdown, type MarkdownCut } from '../../scripts/diff/format/markdown.js';
import { ladder } from './build.js';

// Twelve ladders, each with five levels of changes: a comment far over any small budget.
function bigView() {
  const before = [];
  const after = [];
  for (let n = 0; n < 12; n++) {
    const levels: Record<string, Record<string, string[]>> = {};
    const changed: Record<string, Record<string, string[]>> = {};
    for (let l = 1; l <= 5; l++) {
      levels[`L${l} · Level ${l}`] = { Craft: [`Writes tested code for part ${n}-${l} of the product.`] };
      changed[`L${l} · Level ${l}`] = { Craft: [`Writes tested code for part ${n}-${l} of the product.`, `Reviews the designs of part ${n}-${l} with the team.`] };
    }
    before.push(ladder({ id: `ladder-${String(n).padStart(2, '0')}`, levels }));
    after.push(ladder({ id: `ladder-${String(n).padStart(2, '0')}`, levels: changed }));
  }
  const { result, comparisons } = compareLadders(before, after, { base: 'v1', head: 'v2' });
  return buildView(result, comparisons);
}

describe('formatMarkdown with a limit: the comment is cut on the view, at level groups', () => {
  const view = bigView();
  const whole = formatMarkdown(view);
  const note = (cut: MarkdownCut) => `> Cut. Left out: ${cut.inside ? `the rest of ${cut.inside.split(' ')[0]}; ` : ''}${cut.sections.length} sections, ${cut.headings} levels.`;

  it('is the whole output when it fits', () => {
    expect(formatMarkdown(view, { limit: whole.length + 1, note })).toBe(whole);
  });

  it('fits the limit, keeps whole groups in order, closes the open section and says what it left out', () => {
    // (The heading and the summary table, about 1.4k here, are always kept: 65,536 characters hold hundreds of ladders' rows.)
    for (const limit of [2500, 4000, 9000]) {
      const cut = formatMarkdown(view, { limit, note });
      expect(cut.length, `limit ${limit}`).toBeLessThanOrEqual(limit);
      expect(cut.length).toBeGreaterThan(limit / 3);
      // What it kept is a prefix of the whole, block by block, and every <details> it opened is closed.
      const kept = cut.slice(0, cut.lastIndexOf('</details>') + '</details>'.length);
      expect(whole.startsWith(kept.slice(0, kept.lastIndexOf('<details>')))).toBe(true);
      expect(cut.split('<details>').length).toBe(cut.split('</details>').length);
      expect(cut).toMatch(/> Cut\. Left out: (?:the rest of ladder-\d\d; )?\d+ sections, \d+ levels\.\n$/);
      // Every ladder is either opened here (whole or cut partway) or named as left out.
      const left = Number(/(\d+) sections/.exec(cut)![1]);
      expect(cut.split('<details>').length - 1 + left).toBe(12);
    }
  });
});
