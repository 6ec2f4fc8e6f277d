/// <reference lib="dom" />
// Slice 1 of issue 17 in the release: "Effective from …" in the release notes, the HTML index (in force
// or announced, relative to the release's own date) and the PDF title page, through the real CLI.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runLadder } from '../helpers/cli.js';
import { FakeGitHub } from '../github/server.js';
import { tempDir } from '../github/helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/governance', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
let dir: ReturnType<typeof tempDir>;

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir.path,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x', GIT_AUTHOR_DATE: '2026-12-01T09:00:00Z', GIT_COMMITTER_DATE: '2026-12-01T09:00:00Z' },
  }).trim();

const ladder = (id: string, title: string, effective?: string) =>
  readFileSync(join(FIXTURES, 'support.md'), 'utf8')
    .replace('title: Customer support\n', `title: ${title}\n${effective ? `effective: ${effective}\n` : ''}`)
    .replace('# Customer support', `# ${title}`)
    .replace(/^---\n/, `---\nid: ${id}\n`);

async function pdfText(file: string): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  await doc.destroy();
  return text.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  dir = tempDir('effective');
  git('init', '-q', '-b', 'main');
  mkdirSync(join(dir.path, 'ladders'));
  // v0.1.0: the ladders before; v1.0.0 raises the bar in "later" and dates it.
  writeFileSync(join(dir.path, 'ladders', 'later.md'), ladder('later', 'Later ladder'));
  writeFileSync(join(dir.path, 'ladders', 'now.md'), ladder('now', 'Current ladder', '2026-10-01'));
  writeFileSync(join(dir.path, 'ladders', 'plain.md'), ladder('plain', 'Undated ladder'));
  git('add', '.');
  git('commit', '-q', '-m', 'first ladders');
  git('tag', 'v0.1.0');
  writeFileSync(
    join(dir.path, 'ladders', 'later.md'),
    ladder('later', 'Later ladder <b>&amp;</b>', '2027-03-01').replace('once a week.', 'once a week. Pairs with a new colleague on their first ten tickets.'),
  );
  git('commit', '-q', '-am', 'raise the bar from March');
  // The release-wide date goes in the annotated tag's message.
  git('tag', '-a', 'v1.0.0', '-m', 'Career ladders v1.0.0\n\neffective: 2027-01-01');
}, 60_000);
afterAll(() => dir?.cleanup());

test('build: index, changelog and PDFs say when each ladder takes effect; byte-identical twice', async () => {
  const r = await runLadder(dir.path, ['build', '--out', 'dist', '--version', 'v1.0.0'], { env: {} });
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  const dist = join(dir.path, 'dist');

  // The PDF title pages, read back: a ladder's own date wins, the tag's fills in for the others.
  expect(await pdfText(join(dist, 'later.pdf'))).toMatch(/Effective from 2027-03-01/);
  expect(await pdfText(join(dist, 'plain.pdf'))).toMatch(/Effective from 2027-01-01/);
  expect(await pdfText(join(dist, 'now.pdf'))).toMatch(/Effective from 2026-10-01/);
  expect(await pdfText(join(dist, 'ladders.pdf'))).toMatch(/Effective from 2027-01-01/);

  // The changelog section of v1.0.0 (the release notes) names the changed ladder's date.
  const changelog = readFileSync(join(dist, 'CHANGELOG.md'), 'utf8');
  const section = changelog.slice(changelog.indexOf('## [v1.0.0]'));
  expect(section).toMatch(/### Later ladder .*\n\nEffective from 2027-03-01\./);

  // The index, in a real browser: relative to the release's date (2026-12-01), not today.
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  expect(index).not.toContain('<b>&amp;</b>');
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`needs ${CHROMIUM} under CI`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dist, 'index.html')).href);
    const rows = await page.$$eval('.index-table tbody tr', (trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('.effective')!.textContent]));
    expect(rows).toEqual([
      ['Current ladder', 'In force, effective from 2026-10-01'],
      ['Later ladder <b>&amp;</b>', 'Announced, effective on 2027-03-01'],
      ['Undated ladder', 'Announced, effective on 2027-01-01'],
    ]);
    expect(await page.textContent('.lede')).toMatch(/Effective from 2027-01-01\.$/);
  } finally {
    await browser.close();
  }

  // Determinism: a second build of the same commit gives the same bytes.
  const again = await runLadder(dir.path, ['build', '--out', 'dist2', '--version', 'v1.0.0'], { env: {} });
  expect(again.code).toBe(0);
  const sums = (d: string) => readFileSync(join(dir.path, d, 'SHA256SUMS'), 'utf8');
  expect(sums('dist2')).toBe(sums('dist'));
}, 180_000);

test('publish: the tag\'s date heads the release notes; a malformed one is refused', async () => {
  const gh = await FakeGitHub.start();
  try {
    const r = await runLadder(dir.path, ['publish', '--tag', 'v1.0.0', '--dist', 'dist'], { env: gh.env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [release] = gh.releases('acme/ladders');
    expect(release!.body).toMatch(/^\*\*Effective from 2027-01-01\.\*\*\n\n/);
    expect(release!.body).toContain('Effective from 2027-03-01.');

    git('tag', '-a', 'v1.0.1', '-m', 'effective: 2027-02-30');
    const bad = await runLadder(dir.path, ['publish', '--tag', 'v1.0.1', '--dist', 'dist', '--dry-run'], { env: gh.env() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/the message of tag v1\.0\.1 says "effective: 2027-02-30"; expected a real date written YYYY-MM-DD/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  } finally {
    await gh.close();
  }
});

test('a bad effective date in frontmatter is a positioned frontmatter-schema error', async () => {
  const bad = tempDir('effective-bad');
  try {
    mkdirSync(join(bad.path, 'ladders'));
    copyFileSync(join(FIXTURES, 'support.md'), join(bad.path, 'ladders', 'support.md'));
    const file = join(bad.path, 'ladders', 'support.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: active\n', 'status: active\neffective: next spring\n'));
    const r = await runLadder(bad.path, ['validate'], { env: {} });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ladders\/support\.md:5:12 +error +Unexpected `effective` value `next spring`, expected a real date written YYYY-MM-DD, e.g\. 2027-01-01 +frontmatter-schema/);
  } finally {
    bad.cleanup();
  }
});
