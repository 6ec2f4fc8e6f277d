import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import {
  attribute,
  buildChangelog,
  bumpVersion,
  formatChangelog,
  formatRef,
  planVersion,
  refOf,
  sentence,
  shorten,
  type CommitDiff,
  type CommitMeta,
  type Ref,
} from '../../scripts/changelog/index.js';
import { diffLadder, diffLadders, type Change, type LadderDiff } from '../../scripts/diff/index.js';
import { parseMarkdown } from '../../scripts/parse/markdown.js';
import { ladder, type Spec } from '../diff/build.js';

describe('versions', () => {
  test.each([
    [undefined, 'major', 'v1.0.0'],
    [undefined, 'none', 'v1.0.0'],
    ['v1.2.3', 'major', 'v2.0.0'],
    ['v1.2.3', 'minor', 'v1.3.0'],
    ['v1.2.3', 'patch', 'v1.2.4'],
    ['v1.2.3', 'none', 'v1.2.3'],
    ['v0.9.9', 'minor', 'v0.10.0'],
    ['2.0.9', 'patch', '2.0.10'],
  ] as const)('%s + %s → %s', (current, bump, next) => {
    expect(bumpVersion(current, bump)).toBe(next);
  });

  test('not a release version', () => {
    expect(() => bumpVersion('v1.2', 'minor')).toThrow(/not a release version/);
    expect(() => bumpVersion('v1.2.3-rc.1', 'minor')).toThrow(/not a release version/);
  });

  test('reasons are the changes whose bump is the overall bump, with their ladder', () => {
    const base = ladder({ levels: { Junior: { Craft: ['Writes tested code.', 'Asks for reviews.'] } } });
    const head = ladder({ levels: { Junior: { Craft: ['Writes tested code.', 'Fixes flaky tests they find.'] } } });
    const plan = planVersion('v1.4.2', diffLadders([base], [head]));
    expect(plan).toMatchObject({ current: 'v1.4.2', next: 'v2.0.0', bump: 'major' });
    expect(plan.reasons.map((r) => [r.ladder, r.kind, r.after ?? r.before])).toEqual([['eng', 'expectation-added', 'Fixes flaky tests they find.']]);
    expect(plan.reasons[0]).not.toHaveProperty('highlight');
    expect(planVersion('v1.4.2', diffLadders([base], [base]))).toEqual({ current: 'v1.4.2', next: 'v1.4.2', bump: 'none', reasons: [] });
  });
});

describe('shorten', () => {
  test('short texts stay as they are', () => {
    expect(shorten('Writes tested code.')).toBe('Writes tested code.');
    expect(shorten('x'.repeat(120))).toBe('x'.repeat(120));
  });

  test('long texts are cut at a word boundary with an ellipsis, at most 120 characters', () => {
    const text = 'Leads the design of systems that several teams depend on, writes down the trade-offs, and makes sure the decision is understood by everyone who operates them.';
    const short = shorten(text);
    expect(short).toBe('Leads the design of systems that several teams depend on, writes down the trade-offs, and makes sure the decision is…');
    expect(Array.from(short).length).toBeLessThanOrEqual(120);
  });

  test('punctuation before the cut goes; one endless word is cut inside; code points, not UTF-16 units', () => {
    expect(shorten(`${'word '.repeat(22)}tail, more words here`)).toBe(`${'word '.repeat(22)}tail…`);
    expect(shorten('a'.repeat(200))).toBe(`${'a'.repeat(119)}…`);
    expect(Array.from(shorten('🙂 '.repeat(100))).length).toBeLessThanOrEqual(120);
  });
});

describe('who brought a change in', () => {
  const commit = (subject: string, author = 'Ada Tester', email = 'ada@example.com'): CommitMeta => ({
    sha: '0123456789abcdef0123456789abcdef01234567',
    parents: [],
    author,
    authorEmail: email,
    date: 0,
    subject,
  });

  test('merge commit: the PR number and the GitHub user of the branch prefix', () => {
    expect(refOf(commit('Merge pull request #123 from alice/mentoring', 'Max Maintainer'))).toEqual({ sha: commit('').sha, pr: 123, author: '@alice' });
  });

  test('squash commit: the PR number and the author, as a login when GitHub gave the private e-mail', () => {
    expect(refOf(commit('Clarify delivery (#45)', 'Bob Stone'))).toMatchObject({ pr: 45, author: 'Bob Stone' });
    expect(refOf(commit('Clarify delivery (#45)', 'Bob Stone', '1001+bstone@users.noreply.github.com'))).toMatchObject({ pr: 45, author: '@bstone' });
    expect(refOf(commit('x', 'Bob', 'bstone@users.noreply.github.com'))).toMatchObject({ author: '@bstone' });
  });

  test('any other commit: its short SHA and author; "#12" inside a subject is no PR', () => {
    const r = refOf(commit("Merge branch 'main' into fix (see #12 later)"));
    expect(r).toEqual({ sha: commit('').sha, author: 'Ada Tester' });
    expect(formatRef(r)).toBe('0123456, Ada Tester');
    expect(formatRef({ sha: 'x', pr: 7, author: '@a' })).toBe('#7, @a');
  });
});

// ---- attribution ----------------------------------------------------------------------------------

/** Per-commit diffs of a sequence of versions of one ladder, each commit named c1, c2, … */
function history(versions: Spec[]): { release: LadderDiff; commits: CommitDiff[] } {
  const ls = versions.map(ladder);
  const commits = ls.slice(1).map((l, i) => ({ ref: { sha: `c${i + 1}`, author: 'x' } as Ref, ladders: [diffLadder(ls[i], l)] }));
  return { release: diffLadder(ls[0], ls.at(-1)), commits };
}

function refsOf(versions: Spec[]): Array<[string, string | undefined, string[]]> {
  const { release, commits } = history(versions);
  const refs = attribute([release], commits);
  return release.changes.map((c: Change) => [c.kind, c.after ?? c.before, refs.get(c)!.map((r) => r.sha)]);
}

const one = (levels: Spec['levels']): Spec => ({ levels });

describe('attribution: each release change traced through the commits that made it', () => {
  test('a rewording reworded again: both commits', () => {
    expect(
      refsOf([
        one({ Junior: { Craft: ['Writes tested code for every change.'] } }),
        one({ Junior: { Craft: ['Writes well tested code for every change.'] } }),
        one({ Junior: { Craft: ['Writes well tested code for every change they make.'] } }),
      ]),
    ).toEqual([['expectation-reworded', 'Writes well tested code for every change they make.', ['c1', 'c2']]]);
  });

  test('added, then reworded: both; added then removed again: nothing in the release', () => {
    expect(
      refsOf([
        one({ Junior: { Craft: ['Asks for reviews.'] } }),
        one({ Junior: { Craft: ['Asks for reviews.', 'Writes tested code for every change.', 'Fixes flaky tests.'] } }),
        one({ Junior: { Craft: ['Asks for reviews.', 'Writes well tested code for every change.', 'Fixes flaky tests.'] } }),
        one({ Junior: { Craft: ['Asks for reviews.', 'Writes well tested code for every change.'] } }),
      ]),
    ).toEqual([['expectation-added', 'Writes well tested code for every change.', ['c1', 'c2']]]);
  });

  test('reworded, then removed: the removal follows the text forward', () => {
    expect(
      refsOf([
        one({ Junior: { Craft: ['Asks for reviews.', 'Writes tested code for every change.'] } }),
        one({ Junior: { Craft: ['Asks for reviews.', 'Writes well tested code for every change.'] } }),
        one({ Junior: { Craft: ['Asks for reviews.'] } }),
      ]),
    ).toEqual([['expectation-removed', 'Writes tested code for every change.', ['c1', 'c2']]]);
  });

  test('moved in one commit, reworded in another', () => {
    expect(
      refsOf([
        one({ Junior: { Craft: ['Asks for reviews.', 'Leads design reviews for the team.'] }, Senior: { Craft: ['Sets direction.'] } }),
        one({ Junior: { Craft: ['Asks for reviews.'] }, Senior: { Craft: ['Sets direction.', 'Leads design reviews for the team.'] } }),
        one({ Junior: { Craft: ['Asks for reviews.'] }, Senior: { Craft: ['Sets direction.', 'Leads design reviews for the whole team.'] } }),
      ]),
    ).toEqual([['expectation-moved', 'Leads design reviews for the whole team.', ['c1', 'c2']]]);
  });

  test('added to a level that a later commit renamed: the rename and the addition each to their commit', () => {
    const base = { 'L1 · Junior': { Craft: ['Asks for reviews.', 'Writes tests.'] }, 'L2 · Senior': { Craft: ['Sets direction for the team.', 'Mentors others.'] } };
    expect(
      refsOf([
        one(base),
        one({ ...base, 'L2 · Senior': { Craft: ['Sets direction for the team.', 'Mentors others.', 'Runs the incident review.'] } }),
        one({ 'L1 · Junior': base['L1 · Junior'], 'L2 · Staff': { Craft: ['Sets direction for the team.', 'Mentors others.', 'Runs the incident review.'] } }),
      ]),
    ).toEqual([
      ['level-renamed', 'L2 · Staff', ['c2']],
      ['expectation-added', 'Runs the incident review.', ['c1']],
    ]);
  });

  test('one PR in several commits, and a change no trace explains, found by kind and text', () => {
    const { release, commits } = history([
      one({ Junior: { Craft: ['Asks for reviews.'] } }),
      one({ Junior: { Craft: ['Asks for reviews.', 'Writes tests.'] } }),
      one({ Junior: { Craft: ['Asks for reviews.', 'Writes tests.', 'Fixes flaky tests.'] } }),
    ]);
    for (const c of commits) c.ref = { sha: c.ref.sha, pr: 9, author: '@a' };
    const refs = attribute([release], commits);
    expect(release.changes.map((c) => refs.get(c)!.map(formatRef))).toEqual([['#9, @a'], ['#9, @a']]);
  });
});

// ---- the Markdown ----------------------------------------------------------------------------------

describe('the changelog Markdown', () => {
  test('sentences name level and category; moves say from where to where', () => {
    const base = ladder({ levels: { Junior: { Craft: ['Asks for reviews.', 'Leads design reviews.'] }, Senior: { Craft: ['Sets direction.'] } } });
    const head = ladder({ levels: { Junior: { Craft: ['Asks for reviews.'] }, Senior: { Craft: ['Sets direction.', 'Leads design reviews.'] }, Staff: { Craft: ['Shapes strategy.'] } } });
    expect(diffLadder(base, head).changes.map(sentence)).toEqual([
      { subject: 'Senior · Craft', text: '“Leads design reviews.” moved from Junior to Senior; the bar is lowered at Junior' },
      { subject: 'Staff', text: 'new level, with 1 expectation' },
    ]);
  });

  test('ladder text is escaped: no HTML, links or emphasis reach the reader from a ladder file', () => {
    const evil = 'Uses <script>alert(1)</script> and [a link](javascript:alert(1)) with *stars* | pipes.';
    const base = ladder({ title: '# Team <b>', levels: { 'Level *1*': { '[Craft]': ['Asks for reviews.'] } } });
    const head = ladder({ title: '# Team <b>', levels: { 'Level *1*': { '[Craft]': ['Asks for reviews.', evil] } } });
    const diff = diffLadders([base], [head], { base: 'v1.0.0', head: 'HEAD' });
    const md = formatChangelog(buildChangelog([{ diff, commits: [], touched: true }]));
    const tree: Root = parseMarkdown(md);
    const kinds = new Set<string>();
    visit(tree, (n) => void kinds.add(n.type));
    expect([...kinds].filter((k) => ['html', 'link', 'emphasis', 'strong', 'linkReference', 'image', 'heading'].includes(k))).toEqual(['heading', 'strong']);
    const item = toString(tree.children.find((n) => n.type === 'list')!);
    expect(item).toBe(`Level *1* · [Craft] — now expects “${evil}”`);
    expect(toString(tree.children.find((n) => n.type === 'heading' && n.depth === 3)!)).toBe('# Team <b>');
  });

  test('a release with no change says whether files changed at all', () => {
    const l = ladder({ levels: { Junior: { Craft: ['Asks for reviews.'] } } });
    const diff = diffLadders([l], [l]);
    const md = (touched: boolean) => formatChangelog(buildChangelog([{ version: 'v1.0.1', date: 1714557600, diff, commits: [], touched }]));
    expect(md(true)).toBe('## [v1.0.1] - 2024-05-01\n\nFormatting only; no change to expectations.\n');
    expect(md(false)).toBe('## [v1.0.1] - 2024-05-01\n\nNo change to the ladders.\n');
  });
});
