import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeLadder } from '../../scripts/changelog/index.js';
import { diffLadder } from '../../scripts/diff/index.js';
import { parseLadder } from '../../scripts/parse/index.js';

const source = readFileSync(new URL('../fixtures/html/compare/platform/ladder.md', import.meta.url), 'utf8');
const parse = (text: string) => parseLadder(text, 'ladders/platform.md').ladder!;

describe('the changelog summary: one sentence per ladder, for people', () => {
  it('names what a reader must know first: renames, raised and lowered bars by level and category, then wording', () => {
    const head = source
      .replace('## P2 · Builds services', '## P2 · Builds and runs services')
      .replace('- Mentors two or more engineers.', '- Mentors two or more engineers.\n- Runs the platform guild.')
      .replace('- Plans a quarter of work for a small team.\n\n## P3', '- Plans a quarter of work for a small team.\n- Writes the on-call handbook.\n\n## P3')
      .replace('- Reads the runbook before touching production.', '- Reads the runbok before touching production.')
      .replace(/^owners: .*$/m, 'owners: ["@acme/platform-leads"]');
    const text = summarizeLadder(diffLadder(parse(source), parse(head)));
    expect(text).toBe('Renamed P2 to “Builds and runs services”; raised the bar at P2 in Delivery, P3 in Collaboration; fixed a typo; updated its owners.');
  });

  it('says a ladder is new or removed in two words, and nothing for no change', () => {
    expect(summarizeLadder(diffLadder(undefined, parse(source)))).toBe('New ladder.');
    expect(summarizeLadder(diffLadder(parse(source), undefined))).toBe('Removed.');
    expect(summarizeLadder(diffLadder(parse(source), parse(source)))).toBeUndefined();
  });

  it('lowered bars and removed levels', () => {
    const head = source.replace(/## P3 · Leads systems[\s\S]*$/, '').replace('- Ships small changes every week.\n- Plans', '- Plans');
    expect(summarizeLadder(diffLadder(parse(source), parse(head)))).toBe('Removed P3; lowered the bar at P2 in Delivery.');
  });
});
