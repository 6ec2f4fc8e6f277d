import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdfInfo } from '../../scripts/render/pdf/release-info.js';
import { runLadder } from '../helpers/cli.js';
import { makeRepo, START_DATE, type TempRepo } from '../helpers/git-repo.js';
import { bodyText, readPdf } from './helpers.js';

const SAMPLES = new URL('../fixtures/sample-ladders/', import.meta.url).pathname;
const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');

/**
 * A ladder repository with three releases: v1.0.0; v1.1.0 raises the bar in engineering; v1.2.0 only
 * reformats devrel. The PDFs of v1.0.0 are kept as a reader would have downloaded them.
 */
describe('ladder verify: where a downloaded PDF stands', () => {
  let repo: TempRepo;
  let v1: string;
  let downloads: string;
  let commit1: string;
  const verify = (...args: string[]) => runLadder(repo.root, ['verify', ...args]);

  beforeAll(async () => {
    repo = await makeRepo();
    await repo.write('ladders/engineering.md', sample('engineering.md'));
    await repo.write('ladders/devrel.md', sample('devrel.md'));
    commit1 = await repo.commit('ladders', { date: START_DATE });
    await repo.tag('v1.0.0');
    const built = await runLadder(repo.root, ['build', '--out', 'release-v1', '--version', 'v1.0.0']);
    expect(built.code, built.stderr).toBe(0);
    v1 = join(repo.root, 'release-v1');
    downloads = join(repo.root, '..', `${repo.root.split('/').at(-1)}-downloads`);
    mkdirSync(downloads, { recursive: true });
    for (const f of ['engineering.pdf', 'devrel.pdf', 'ladders.pdf', 'SHA256SUMS']) copyFileSync(join(v1, f), join(downloads, f));

    const raised = sample('engineering.md').replace(
      '- Writes small, readable changes with tests for the behaviour they add.',
      '- Writes small, readable changes with tests for the behaviour they add.\n- Writes a short design note before any change that touches two services.',
    );
    expect(raised).not.toBe(sample('engineering.md'));
    await repo.write('ladders/engineering.md', raised);
    await repo.commit('engineering: a new expectation at L1', { date: START_DATE + 86_400 });
    await repo.tag('v1.1.0');
    // Formatting only: table columns no longer padded. The diff reports nothing; a reader's copy stays current.
    const unpadded = sample('devrel.md').replace(/ {2,}\|/g, ' |').replace(/-{3,}/g, '---');
    expect(unpadded).not.toBe(sample('devrel.md'));
    await repo.write('ladders/devrel.md', unpadded);
    await repo.commit('devrel: bullets', { date: START_DATE + 2 * 86_400 });
    await repo.tag('v1.2.0');
  }, 120_000);

  afterAll(async () => {
    await repo?.cleanup();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('each PDF carries its ladder, version, date, commit, content hash and file name in its metadata and on its title page', async () => {
    const bytes = readFileSync(join(downloads, 'engineering.pdf'));
    const sourceHash = (await import('node:crypto')).createHash('sha256').update(sample('engineering.md')).digest('hex');
    const expected = {
      LadderId: 'engineering',
      LadderVersion: 'v1.0.0',
      LadderReleaseDate: '2024-01-01',
      LadderSourceCommit: commit1,
      LadderContentHash: `sha256:${sourceHash}`,
      LadderSource: 'ladders/engineering.md',
      LadderFile: 'engineering.pdf',
    };
    // Read by our small reader and, independently, by pdf.js (custom keys of the Info dictionary).
    expect(readPdfInfo(bytes)).toMatchObject(expected);
    const read = await readPdf(bytes);
    expect(read.info.Custom).toEqual(expected);
    const titlePage = read.pages[0]!.items.map((i) => i.str).join(' ');
    expect(titlePage).toContain(commit1.slice(0, 12));
    expect(titlePage).toContain(`sha256:${sourceHash.slice(0, 16)}…`);
    expect(bodyText(read)).toContain('Content hash');
    expect(readPdfInfo(readFileSync(join(downloads, 'ladders.pdf')))).toMatchObject({ LadderId: '*', LadderVersion: 'v1.0.0', LadderFile: 'ladders.pdf' });
  });

  it('a copy of the newest release: current and intact (exit 0)', async () => {
    const built = await runLadder(repo.root, ['build', '--out', 'dist', '--version', 'v1.2.0']);
    expect(built.code, built.stderr).toBe(0);
    const r = await verify('dist/engineering.pdf');
    expect(r.stdout.split('\n').slice(1)).toEqual([
      '  bytes:   match dist/SHA256SUMS of v1.2.0',
      '  current: yes, v1.2.0 is the newest release',
      'verdict: current and intact: as published in v1.2.0 (exit 0)',
      '',
    ]);
    expect(r.code).toBe(0);
    // A newer release that leaves the ladder's source alone, or only reformats it, does not supersede a copy.
    const same = await verify(join(downloads, 'devrel.pdf'), '--sums', join(downloads, 'SHA256SUMS'));
    expect(same.stdout).toContain('  current: yes: the newest release, v1.2.0, changes only its formatting\n');
    expect(same.code).toBe(0);
  });

  it('a copy superseded by a release that changes the ladder (exit 3)', async () => {
    const r = await verify(join(downloads, 'engineering.pdf'), '--sums', join(downloads, 'SHA256SUMS'));
    expect(r.stdout.split('\n').slice(1)).toEqual([
      `  bytes:   match ${join(downloads, 'SHA256SUMS')} of v1.0.0`,
      '  current: NO: v1.2.0 is the newest release and changes this ladder (1 change, major)',
      'verdict: superseded: v1.2.0 is the current release (exit 3)',
      '',
    ]);
    expect(r.code).toBe(3);
    expect((await verify(join(downloads, 'ladders.pdf'), '--sums', join(downloads, 'SHA256SUMS'))).code).toBe(3);
    // The verdict as JSON, for scripts.
    const json = JSON.parse((await verify(join(downloads, 'engineering.pdf'), '--sums', join(downloads, 'SHA256SUMS'), '--format', 'json')).stdout);
    expect(json).toMatchObject({ exit: 3, integrity: { status: 'match' }, currency: { status: 'superseded', newest: 'v1.2.0', changes: 1, bump: 'major' } });
  });

  it('a modified copy (exit 4), whatever its metadata still says', async () => {
    const bytes = readFileSync(join(downloads, 'engineering.pdf'));
    const edited = Buffer.from(bytes.toString('latin1').replace('(Engineering)', '(Engineerinq)'), 'latin1');
    expect(edited.equals(bytes)).toBe(false);
    writeFileSync(join(downloads, 'edited.pdf'), edited);
    const r = await verify(join(downloads, 'edited.pdf'), '--sums', join(downloads, 'SHA256SUMS'));
    expect(r.stdout).toMatch(/ {2}bytes: {3}DIFFER from .*SHA256SUMS of v1\.0\.0 \(sha256 [0-9a-f]{16}…, published [0-9a-f]{16}…\)\n/);
    expect(r.stdout).toContain('verdict: modified: the bytes differ from engineering.pdf as published in v1.0.0 (exit 4)');
    expect(r.code).toBe(4);
    // Checked against another release's sums: that release did not publish these bytes.
    const other = await verify(join(downloads, 'engineering.pdf'), '--sums', 'dist/SHA256SUMS');
    expect(other.code).toBe(4);
  });

  it('a file that is not from a release (exit 1), and one that cannot be checked (exit 5)', async () => {
    writeFileSync(join(downloads, 'notes.pdf'), '%PDF-1.4\n1 0 obj\n<< /Title (Notes) >>\nendobj\ntrailer\n<< /Info 1 0 R >>\n%%EOF\n');
    const plain = await verify(join(downloads, 'notes.pdf'));
    expect(plain).toEqual({ code: 1, stdout: '', stderr: `ladder verify: ${join(downloads, 'notes.pdf')}: not a ladder release PDF: its metadata names no ladder release\n` });
    writeFileSync(join(downloads, 'text.pdf'), 'hello');
    expect((await verify(join(downloads, 'text.pdf'))).stderr).toContain('not a ladder release PDF: no PDF document information to read');
    expect((await verify(join(downloads, 'missing.pdf'))).code).toBe(1);
    expect((await verify()).code).toBe(2);
    // No SHA256SUMS of v1.0.0 anywhere it looks (dist/ holds v1.2.0): the bytes cannot be checked.
    const build = await runLadder(repo.root, ['build', '--out', 'dist', '--version', 'v1.2.0']);
    expect(build.code).toBe(0);
    const devrel = await verify(join(downloads, 'devrel.pdf'));
    expect(devrel.stdout).toContain('  bytes:   not checked (no SHA256SUMS of v1.0.0 found: pass --sums <file>, --remote, or build v1.0.0 into dist/)\n');
    expect(devrel.code).toBe(5);
  });
});
