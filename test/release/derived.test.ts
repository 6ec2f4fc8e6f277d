import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ladder } from '../../scripts/model/ladder.js';
import { runLadder } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';
import { bodyText, missingInOrder, readPdf, sequence } from '../pdf/helpers.js';

// The bundled ladders (ladders/) as a release: sre.md extends engineering.md, and the release shows
// it resolved, in HTML and PDF, like any other ladder.

const ROOT = new URL('../../', import.meta.url).pathname;
let repo: TempRepo;
let sre: Ladder;

beforeAll(async () => {
  repo = await makeRepo();
  cpSync(join(ROOT, 'ladders'), join(repo.root, 'ladders'), { recursive: true });
  await repo.commit('bundled ladders');
  const built = await runLadder(repo.root, ['build', '--out', 'dist', '--version', 'v1.0.0']);
  expect(built.stderr).not.toMatch(/error/i);
  expect(built.code).toBe(0);
  const shown = await runLadder(repo.root, ['show', 'ladders/sre.md']);
  expect(shown.code).toBe(0);
  sre = JSON.parse(shown.stdout) as Ladder;
}, 180_000);
afterAll(async () => repo?.cleanup());

describe('the bundled derived ladder in a release', () => {
  it('the bundle holds four ladders, one of them derived, all valid', async () => {
    expect(readdirSync(join(ROOT, 'ladders')).filter((f) => f.endsWith('.md')).sort()).toEqual(['devrel.de.md', 'devrel.md', 'engineering.md', 'sre.md']);
    // This copy has none of the project's history, so the German translation's pinned commit is missing:
    // one honest warning, no error.
    const validated = await runLadder(repo.root, ['validate']);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(/✖ 1 problem \(0 errors, 1 warning\)/);
    expect(validated.stdout).toContain('translation-unpinned');
    expect(sre.derivedFrom).toEqual(['engineering']);
    expect(readdirSync(join(repo.root, 'dist'))).toEqual(expect.arrayContaining(['sre.html', 'sre.pdf', 'sre.changes.html']));
  });

  it('sre.html is the resolved ladder: inherited, overridden and added text, not the removed one', () => {
    const html = readFileSync(join(repo.root, 'dist', 'sre.html'), 'utf8');
    expect(html).toContain('Keeps customer data safe and follows the security guidelines in every change.');
    expect(html).toContain('Carries the pager for their services');
    expect(html).toContain('alerts on error budget burn');
    expect(html).toContain('SRE3');
    // Overridden (SRE2 Execution) and removed (SRE3 Leadership) parent text is not in the child's page.
    expect(html).not.toContain('Takes part in the on-call rotation and resolves common incidents with the runbooks.');
    expect(html).not.toContain('Contributes to hiring by interviewing well');
    expect(html).toMatch(/<dt>Derived from<\/dt><dd><a href="engineering\.html">engineering<\/a><\/dd>/);
    // Markers are syntax, never shown.
    expect(html).not.toMatch(/\((override|add|remove)\b/);
    // The parent's page keeps its own text.
    expect(readFileSync(join(repo.root, 'dist', 'engineering.html'), 'utf8')).toContain('Contributes to hiring by interviewing well');
  });

  it('sre.pdf, read back with pdfjs, shows every resolved level, category and expectation in order', async () => {
    const read = await readPdf(readFileSync(join(repo.root, 'dist', 'sre.pdf')));
    expect(missingInOrder(bodyText(read), sequence(sre))).toEqual([]);
    expect(bodyText(read)).not.toContain('Contributes to hiring by interviewing well');
    expect(read.outline[0]!.items.map((i) => i.title)).toEqual(expect.arrayContaining(['SRE1 · Learns our production systems', 'SRE4 · Leads reliability across teams']));
  });

  it('verify: a newer release that changes only the parent supersedes the child\'s PDF', async () => {
    await repo.tag('v1.0.0', { message: 'v1.0.0' });
    const engineering = await repo.read('ladders/engineering.md');
    await repo.write('ladders/engineering.md', engineering.replace('Raises a blocker in stand-up on the day it appears.', 'Raises a blocker in stand-up on the day it appears, with a first idea for removing it.'));
    await repo.commit('engineering: L1 blockers');
    await repo.tag('v1.1.0', { message: 'v1.1.0' });
    const run = await runLadder(repo.root, ['verify', 'dist/sre.pdf', '--format', 'json']);
    expect(run.code, run.stderr).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ currency: { status: 'superseded', newest: 'v1.1.0', changes: 1 } });
  });
});
