import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLadder } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';
import { validateChanged } from '../../scripts/load/pr-check.js';
import { defaultConfig } from '../../scripts/config/index.js';

const run = promisify(execFile);
const ROOT = path.join(import.meta.dirname, '..', '..');
const fixture = (rel: string) => readFileSync(path.join(ROOT, 'test/fixtures/rules', rel), 'utf8');
/** An English source and its German translation, pinned to v1.0.0 (fixtures in our own words). */
const SOURCE = fixture('translation-source/siblings/guide.md');
const GERMAN = fixture('translation-source/ok.md');

interface Found { file: string; line: number; column: number; severity: string; ruleId: string; message: string; related?: Array<{ file?: string; line: number; message: string }> }
const validate = async (cwd: string) => {
  const r = await runLadder(cwd, ['validate', '--format', 'json']);
  expect(r.stderr).toBe('');
  return { code: r.code, found: (JSON.parse(r.stdout) as Found[]).filter((d) => d.ruleId.startsWith('translation-')) };
};

let repo: TempRepo;
beforeEach(async () => {
  repo = await makeRepo();
  await repo.write('ladders/guide.md', SOURCE);
  await repo.commit('guide');
  await repo.tag('v1.0.0');
  await repo.write('ladders/guide.de.md', GERMAN);
  await repo.commit('German translation of guide v1.0.0');
});
afterEach(async () => repo?.cleanup());

describe('ladder validate: translations pinned to a source version', () => {
  it('a faithful translation pinned to an existing tag is clean', async () => {
    const r = await runLadder(repo.root, ['validate']);
    expect(r).toEqual({ code: 0, stdout: '✔ 2 ladders checked, no problems\n', stderr: '' });
  });

  it('translation-stale: the source changed since the tag; lists the changed expectations with class and impact (exit 0)', async () => {
    await repo.write('ladders/guide.md', SOURCE.replace('Designs and ships medium features without supervision.', 'Designs and ships large features across teams without supervision.')
      .replace('- Asks for help early and says what was tried.', '- Asks for help early and says what was tried.\n- Writes down what they learned for the next newcomer.'));
    await repo.commit('guide: raise the bar');
    const { code, found } = await validate(repo.root);
    expect(code).toBe(0);
    expect(found).toHaveLength(1);
    const [stale] = found;
    expect(stale).toMatchObject({ file: 'ladders/guide.de.md', line: 3, column: 16, severity: 'warning', ruleId: 'translation-stale' });
    expect(stale!.message).toBe('Source `guide` changed since `v1.0.0`: 2 changes (2 raises-bar), expected the translation brought up to date and `translationOf` pinned to the new version');
    expect(stale!.related!.map((r) => `${r.file}:${r.line} ${r.message}`)).toEqual([
      'ladders/guide.md:19 expectation-added, raises-bar at `G1 · Learns the trade` / `Teamwork`: `Writes down what they learned for the next newcomer.`',
      'ladders/guide.md:25 expectation-reworded (raised), raises-bar at `G2 · Works on their own` / `Craft`: `Designs and ships large features across teams without super…`',
    ]);
    // Re-pinned to the commit the translation was updated against: no longer stale.
    const head = (await repo.git('rev-parse', 'HEAD')).slice(0, 12);
    await repo.write('ladders/guide.de.md', GERMAN.replace('guide@v1.0.0', `guide@${head}`));
    expect(await validate(repo.root)).toEqual({ code: 0, found: [] });
  });

  it('translation-structure: a missing category is an error at the level, against the source at the pin (exit 1)', async () => {
    // The source gains a level after the tag: the translation is compared with v1.0.0, so that is no error.
    await repo.write('ladders/guide.md', `${SOURCE}\n## G3 · Leads others\n\n### Craft\n\n- Plans work for the whole team.\n\n### Teamwork\n\n- Mentors newer teammates.\n`);
    await repo.write('ladders/guide.de.md', GERMAN.replace('### Teamarbeit\n\n- Prüft die Änderungen im Team mit konkreten Kommentaren.\n', ''));
    const r = await runLadder(repo.root, ['validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ladders/guide.de.md:21:1  error    Level `G2 · Arbeitet selbstständig` lacks category `Teamarbeit (Teamwork)` that the source `guide` at `v1.0.0` has at `G2`, expected the same categories  translation-structure');
    expect(r.stdout).not.toMatch(/G3.*translation-structure/);
    // The new level is what makes it stale: a warning that lists it.
    expect(r.stdout).toContain('ladders/guide.md:30:1  level-added, editorial at `G3 · Leads others`');
    expect(r.stderr).toBe('');
  });

  it('translation-unpinned: a tag this clone lacks is a warning, and the structure is checked against the current source', async () => {
    await repo.write('ladders/guide.de.md', GERMAN.replace('guide@v1.0.0', 'guide@v2.0.0').replace('## G2 · Arbeitet selbstständig', '## G7 · Arbeitet selbstständig'));
    const { code, found } = await validate(repo.root);
    expect(code).toBe(1);
    expect(found.map((d) => [d.ruleId, d.line, d.message.split(',')[0]])).toEqual([
      ['translation-unpinned', 3, 'Cannot read the source `guide` at `v2.0.0` (no tag or commit `v2.0.0` in this repository)'],
      ['translation-structure', 21, 'Level `G7 · Arbeitet selbstständig` has key `G7` where the source `guide` now has `G2 · Works on their own`'],
    ]);
  });

  it('a bare version finds its v-tag; a commit SHA pins too', async () => {
    await repo.write('ladders/guide.de.md', GERMAN.replace('guide@v1.0.0', 'guide@1.0.0'));
    expect(await validate(repo.root)).toEqual({ code: 0, found: [] });
    const tagged = (await repo.git('rev-list', '-n', '1', 'v1.0.0')).slice(0, 10);
    await repo.write('ladders/guide.de.md', GERMAN.replace('guide@v1.0.0', `guide@${tagged}`));
    expect(await validate(repo.root)).toEqual({ code: 0, found: [] });
  });

  it('translation-source: an unknown source id is an error with a suggestion', async () => {
    await repo.write('ladders/guide.de.md', GERMAN.replace('guide@v1.0.0', 'gide@v1.0.0'));
    const { code, found } = await validate(repo.root);
    expect(code).toBe(1);
    expect(found.map((d) => d.message)).toEqual(['Unexpected `translationOf` source `gide`: no ladder has that id (did you mean `guide`?), expected the id of the ladder this one translates']);
  });

  it('a shallow clone (CI checkout) degrades to a warning naming the cause, never a crash', async () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'ladder-shallow-'));
    try {
      await run('git', ['clone', '-q', '--depth', '1', '--no-tags', `file://${repo.root}`, clone], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
      const { code, found } = await validate(clone);
      expect(code).toBe(0);
      expect(found.map((d) => [d.ruleId, d.severity, d.message.split(',')[0]])).toEqual([
        ['translation-unpinned', 'warning', 'Cannot read the source `guide` at `v1.0.0` (no tag or commit `v1.0.0` in this shallow clone)'],
      ]);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('outside git the pin cannot be read: a warning, the structure still checked', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-nogit-'));
    try {
      mkdirSync(path.join(dir, 'ladders'));
      writeFileSync(path.join(dir, 'ladders/guide.md'), SOURCE);
      writeFileSync(path.join(dir, 'ladders/guide.de.md'), GERMAN);
      const { code, found } = await validate(dir);
      expect(code).toBe(0);
      expect(found.map((d) => d.message.split(',')[0])).toEqual(['Cannot read the source `guide` at `v1.0.0` (not a git repository)']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lang and translationOf are checked by the frontmatter schema', async () => {
    await repo.write('ladders/guide.de.md', GERMAN.replace('translationOf: guide@v1.0.0', 'translationOf: guide\nlang: "deutsch!"'));
    const r = await runLadder(repo.root, ['validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Unexpected `translationOf` value `guide`, expected "<ladder id>@<version tag or commit>"');
    expect(r.stdout).toContain('Unexpected `lang` value `deutsch!`, expected a BCP 47 language tag');
  });

  it("the Action's scoped check of a changed translation alone still reads its source and the pin", async () => {
    const only = [path.join(repo.root, 'ladders/guide.de.md')];
    expect(await validateChanged(repo.root, defaultConfig(), only)).toEqual([]);
    await repo.write('ladders/guide.de.md', GERMAN.replace('## G2 · Arbeitet selbstständig', '## G7 · Arbeitet selbstständig'));
    expect((await validateChanged(repo.root, defaultConfig(), only)).map((d) => `${d.ruleId} ${d.position.line}`)).toEqual(['translation-structure 21']);
  });

  it("the Action's scoped check of a changed source also checks its translations, so the pull request sees them go stale", async () => {
    await repo.write('ladders/guide.md', SOURCE.replace('Designs and ships medium features', 'Designs and ships large features'));
    const found = await validateChanged(repo.root, defaultConfig(), [path.join(repo.root, 'ladders/guide.md')]);
    expect(found.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['ladders/guide.de.md translation-stale']);
  });
});
