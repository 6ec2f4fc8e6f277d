import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ladder } from '../../scripts/model/ladder.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { loadTheme } from '../../scripts/release/release.js';
import { buildView, compareLadders } from '../../scripts/diff/index.js';
import type { LevelStep } from '../../scripts/render/html/compare.js';
import { renderDiffPage, type SiteInfo } from '../../scripts/render/html/index.js';
import { makeRepo, START_DATE, type TempRepo } from '../helpers/git-repo.js';

export const FIXTURES = new URL('../fixtures/html/', import.meta.url).pathname;
export const COMPARE_CASES = readdirSync(join(FIXTURES, 'compare')).sort();

export function parseFixture(path: string, file = 'ladders/x.md'): Ladder {
  const result = parseLadder(readFileSync(path), file);
  if (!result.ladder) throw new Error(`fixture ${path} does not parse: ${JSON.stringify(result.diagnostics)}`);
  return result.ladder;
}

/** The site every build test uses: each compare case as `<case>.md`, plus the hostile ladder. */
export function siteFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const c of COMPARE_CASES) files[`ladders/${c}.md`] = readFileSync(join(FIXTURES, 'compare', c, 'ladder.md'), 'utf8');
  for (const f of readdirSync(join(FIXTURES, 'site', 'ladders'))) {
    files[`ladders/${f}`] = readFileSync(join(FIXTURES, 'site', 'ladders', f), 'utf8');
  }
  return files;
}

/** A real git repository holding the site, committed at START_DATE (2024-01-01T00:00:00Z). */
export async function siteRepo(): Promise<TempRepo> {
  const repo = await makeRepo();
  for (const [file, content] of Object.entries(siteFiles())) await repo.write(file, content);
  await repo.commit('ladders', { date: START_DATE });
  return repo;
}

/** What a comparison fixture's expected.json states: per step, per category, what differs. */
export interface ExpectedStep {
  from: string;
  to: string;
  categories: Record<
    string,
    {
      new?: string[];
      changed?: Array<{ text: string; was: string }>;
      moved?: Array<{ text: string; from: string }>;
      notRepeated?: string[];
    }
  >;
}

export function expectedSteps(name: string): ExpectedStep[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'compare', name, 'expected.json'), 'utf8')) as ExpectedStep[];
}

/** A LevelStep in the fixture's terms (plain texts, empty kinds left out). */
export function describeStep(step: LevelStep): ExpectedStep {
  const categories: ExpectedStep['categories'] = {};
  for (const { category, items } of step.categories) {
    const c: ExpectedStep['categories'][string] = {};
    for (const item of items) {
      if (item.kind === 'new') (c.new ??= []).push(item.expectation.text);
      if (item.kind === 'changed') (c.changed ??= []).push({ text: item.expectation.text, was: item.was });
      if (item.kind === 'moved') (c.moved ??= []).push({ text: item.expectation.text, from: item.fromCategory });
      if (item.kind === 'not-repeated') (c.notRepeated ??= []).push(item.expectation.text);
    }
    categories[category] = c;
  }
  return { from: step.lower.code ?? step.lower.key, to: step.higher.code ?? step.higher.key, categories };
}

/**
 * diff.html for the platform fixture against a head that rewords one expectation and adds a hostile
 * one (markup and handlers in the text): the review page the PR workflow publishes.
 */
export function hostileDiffPage(site: SiteInfo): string {
  const base = parseFixture(join(FIXTURES, 'compare', 'platform', 'ladder.md'), 'ladders/platform.md');
  const head: Ladder = structuredClone(base);
  const craft = head.levels[0]!.cells[0]!;
  craft.expectations[0] = { ...craft.expectations[0]!, text: 'Writes well tested changes to one service.', markdown: 'Writes well tested changes to one service.' };
  const evil = `<img src=x onerror="window.__pwned='diff'"> reviews <script>window.__pwned='diff'</script> code.`;
  craft.expectations.push({ id: 'evil', text: evil, markdown: evil, position: { line: 1, column: 1 } });
  const { result, comparisons } = compareLadders([base], [head], { base: 'v1.2.0', head: 'WORKTREE' });
  return renderDiffPage(buildView(result, comparisons), site, loadTheme());
}

export const HOSTILE_DIFF_TEXT = `<img src=x onerror="window.__pwned='diff'"> reviews <script>window.__pwned='diff'</script> code.`;
