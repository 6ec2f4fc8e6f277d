/**
 * `npm run bench`: every stage of the pipeline on a generated corpus, next to what a team would run
 * instead (markdownlint-cli2, pandoc, headless Chromium) and the floors no implementation can beat
 * (reading the files, parsing them, git's own walk). Every figure is a median over interleaved runs
 * after a warm-up, shown as a ratio to a baseline measured in the same run; then the stages again on a
 * corpus `--scale` times larger, to show how they grow.
 *
 *   npm run bench [-- --runs 5] [--scale 10] [--quick] [--write] [--only validate,diff] [--corpus table-heavy] [--keep]
 *
 * The changelog and the pull-request path are also measured on the other corpus presets
 * (bench/corpus.ts), the changelog against the parse floor of its own history in the same rounds:
 * issue 16's table-heavy corpus (with and without shared categories) at full size, the others smaller;
 * so are the release build (20 ladders of each proportion, against pandoc + Chromium) and the PDF
 * build's peak memory (each preset's corpus, and 10× its ladders with --write or --only mem-10x).
 *
 * The whole run keeps within ~10 minutes on a 2-core machine: a warm-up round on a small corpus, pandoc
 * and Chromium on samples of ladders, and a growth corpus as large as the time left allows.
 * --write replaces the README section between <!-- bench:start --> and <!-- bench:end -->.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { historyBlobs } from './blobs.js';
import { CORPUS_PRESETS, CORPUS_SHAPES, generateHistory, isCorpusPreset, type CorpusOptions, type CorpusPreset } from './corpus.js';
import { git, writeHistory } from './git-import.js';
import { measure, summarize, TIME_BIN, which, type Job, type Sample, type Summary } from './measure.js';
import { comparisonTable, growth, growthTable, measuredTable, mib, NOT_SELECTED, replaceSection, seconds, verdict, type Comparison, type GrowthRow, type Measured } from './report.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The checkout: run.js lives in .build/scripts/bench/. */
const REPO = path.resolve(HERE, '../../..');
const BIN = path.join(REPO, 'scripts/bin/ladder.js');
const FLOOR = path.join(HERE, 'floor.js');
/** 10× the corpus may cost up to 12× the time: linear, with 20% slack for noise. */
const GROWTH_SLACK = 1.2;

interface Corpus {
  root: string;
  ladders: number;
  commits: number;
  tags: number;
  blobs: number;
  bytes: number;
  files: string[];
  builtMs: number;
  /** `main~N`: the diff base, 100 first-parent commits back (fewer in a tiny corpus). */
  diffBase: string;
  /** A clone whose tip commit edits one ladder (`pr.file`): the pull-request path. */
  /** The edit committed (`root`), and left uncommitted in a clone of its own (`worktree`). */
  pr: { root: string; file: string; worktree: string };
}

/**
 * A clone of the corpus with one more commit that rewords one expectation of one ladder: what a
 * pull request usually is. Its own clone, so the corpus the other cases read stays as generated.
 */
async function makePullRequest(root: string, files: readonly string[]): Promise<Corpus['pr']> {
  const pr = `${root}-pr`;
  await git(path.dirname(root), ['clone', '-q', '--no-hardlinks', root, pr]);
  // A third of the way in (the generated corpora's choice), else the next file that has a sentence to reword.
  const start = Math.floor(files.length / 3);
  for (let i = 0; i < files.length; i++) {
    const file = files[(start + i) % files.length]!;
    const text = readFileSync(path.join(pr, file), 'utf8');
    const edited = text.replace(/^(\s*(?:[-*] |\| )?)([A-Z][^|\n]*?\w)\.(?=\s|$)/m, '$1$2, with care.');
    if (edited === text) continue;
    writeFileSync(path.join(pr, file), edited);
    await git(pr, ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-a', '-m', `Reword one expectation in ${file}`]);
    // The same edit before it is committed: what its author runs (`ladder diff HEAD`, the working tree).
    const worktree = `${root}-wt`;
    await git(path.dirname(root), ['clone', '-q', '--no-hardlinks', pr, worktree]);
    await git(worktree, ['reset', '-q', 'HEAD~1']);
    return { root: pr, file, worktree };
  }
  throw new Error(`bench: found no expectation to reword in any of ${files.length} ladder files`);
}

async function makeCorpus(opts: CorpusOptions, root: string): Promise<Corpus> {
  const t0 = performance.now();
  const { commits } = generateHistory(opts);
  await writeHistory(commits, root);
  const builtMs = performance.now() - t0;
  const files = (await git(root, ['ls-files', 'ladders'])).split('\n').filter((f) => f.endsWith('.md'));
  const bytes = files.reduce((n, f) => n + readFileSync(path.join(root, f)).length, 0);
  const tags = (await git(root, ['tag'])).split('\n').filter(Boolean).length;
  const firstParents = Number((await git(root, ['rev-list', '--first-parent', '--count', 'main'])).trim());
  const diffBase = `main~${Math.min(100, firstParents - 1)}`;
  const pr = await makePullRequest(root, files);
  return { root, ladders: files.length, commits: commits.length, tags, blobs: (await historyBlobs(root)).size, bytes, files, builtMs, diffBase, pr };
}

/**
 * A corpus from a repository of one's own (`--repo`): a clone, its branch named `main` (the cases
 * name it), its ladders under `ladders/` as `ladder init` lays them out, and the same pull-request
 * commit on top of a clone of it. Its history is measured as it is; nothing is generated.
 */
async function corpusFromRepo(src: string, root: string): Promise<Corpus> {
  const t0 = performance.now();
  if (!existsSync(src)) throw new Error(`--repo: ${src} does not exist`);
  await git(path.dirname(root), ['clone', '-q', '--no-hardlinks', path.resolve(src), root]);
  await git(root, ['checkout', '-q', '-B', 'main']);
  const files = (await git(root, ['ls-files', 'ladders'])).split('\n').filter((f) => /^ladders\/.+\.md$/.test(f));
  if (files.length === 0) throw new Error(`--repo: ${src} has no ladders/*.md at HEAD`);
  const bytes = files.reduce((n, f) => n + readFileSync(path.join(root, f)).length, 0);
  const tags = (await git(root, ['tag'])).split('\n').filter(Boolean).length;
  const commits = Number((await git(root, ['rev-list', '--first-parent', '--count', 'main', '--', 'ladders'])).trim());
  const firstParents = Number((await git(root, ['rev-list', '--first-parent', '--count', 'main'])).trim());
  const diffBase = `main~${Math.max(0, Math.min(100, firstParents - 1))}`;
  const pr = await makePullRequest(root, files);
  return { root, ladders: files.length, commits, tags, blobs: (await historyBlobs(root)).size, bytes, files, builtMs: performance.now() - t0, diffBase, pr };
}

interface Case {
  id: string;
  name: string;
  command: string;
  group: 'floor' | 'peer' | 'ours';
  job?: Job;
  missing?: string;
  /** Multiplies the measured figures, e.g. 1/sample for "per ladder". */
  scale?: number;
  /** Run once, unmeasured, before the first round (fills a cache the case is about). */
  prime?: Job;
  unit?: string;
}

interface Tools {
  markdownlint?: string;
  pandoc?: string;
  chromium?: string;
}

function detectTools(): Tools {
  const ml = path.join(REPO, 'node_modules/.bin/markdownlint-cli2');
  const pandoc = which(['pandoc']);
  const chromium = which([process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome']);
  return { ...(existsSync(ml) ? { markdownlint: ml } : {}), ...(pandoc ? { pandoc } : {}), ...(chromium ? { chromium } : {}) };
}

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!.trim();
  } catch {
    return 'unknown version';
  }
}

const sh = (script: string, cwd: string, ok?: number[]): Job => ({ cmd: '/bin/sh', args: ['-c', script], cwd, ...(ok ? { ok } : {}) });
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The first files: the generator cycles through the four shapes, so any 4 consecutive hold all of them. */
function sampleFiles(files: readonly string[], n: number): string[] {
  return files.slice(0, Math.min(n, files.length));
}

async function prepareChromiumSample(corpus: Corpus, tools: Tools, work: string, n: number): Promise<string[]> {
  if (!tools.pandoc) return [];
  const dir = path.join(work, 'chromium-in');
  mkdirSync(dir, { recursive: true });
  return sampleFiles(corpus.files, n).map((f) => {
    const out = path.join(dir, `${path.basename(f, '.md')}.html`);
    execFileSync(tools.pandoc!, ['-s', '-f', 'gfm', '-t', 'html5', f, '-o', out], { cwd: corpus.root, stdio: 'ignore' });
    return out;
  });
}

interface Samples {
  chromium: string[];
  /** Ladders pandoc converts per run; its time is scaled to the whole corpus. */
  pandoc: number;
}

function buildCases(corpus: Corpus, tools: Tools, work: string, samples: Samples, groups: ReadonlySet<Case['group']>): Case[] {
  const chromiumSample = samples.chromium;
  const root = corpus.root;
  const node = process.execPath;
  const ladder = (args: string[], ok?: number[]): Job => ({ cmd: node, args: [BIN, ...args], cwd: root, ...(ok ? { ok } : {}) });
  const diffBase = corpus.diffBase;
  const cases: Case[] = [
    { id: 'cat', group: 'floor', name: 'read all files', command: '`cat ladders/*.md`', job: sh('cat ladders/*.md > /dev/null', root) },
    { id: 'parse-files', group: 'floor', name: 'parse floor (files)', command: 'read + parseLadder every file', job: { cmd: node, args: [FLOOR, 'files', root], cwd: root } },
    { id: 'git-log', group: 'floor', name: 'I/O floor (history)', command: '`git log -p`', job: { cmd: 'git', args: ['log', '-p', '--no-color'], cwd: root } },
    { id: 'parse-history', group: 'floor', name: 'parse floor (history)', command: `read + parseLadder each of the ${corpus.blobs} blob versions once`, job: { cmd: node, args: [FLOOR, 'history', root], cwd: root } },
    { id: 'md-history', group: 'floor', name: 'remark + GFM floor (history)', command: `remark-parse + remark-gfm (to mdast) each of the ${corpus.blobs} blob versions once`, job: { cmd: node, args: [FLOOR, 'history-md', root], cwd: root } },
    { id: 'parse-one', group: 'floor', name: 'parse floor (one file)', command: `read + parseLadder \`${corpus.pr.file}\``, job: { cmd: node, args: [FLOOR, 'one', corpus.pr.root, corpus.pr.file], cwd: corpus.pr.root } },
    { id: 'parse-trees', group: 'floor', name: 'parse floor (two trees)', command: `read + parseLadder the blobs of \`${diffBase}\` and \`main\``, job: { cmd: node, args: [FLOOR, 'trees', root, diffBase, 'main'], cwd: root } },
  ];
  const missing = (what: string) => `${what} not found; install it to compare`;
  cases.push(
    tools.markdownlint
      ? { id: 'markdownlint', group: 'peer', name: 'markdownlint-cli2', command: '`markdownlint-cli2 "ladders/**/*.md"`', job: { cmd: tools.markdownlint, args: ['ladders/**/*.md'], cwd: root, ok: [0, 1] } }
      : { id: 'markdownlint', group: 'peer', name: 'markdownlint-cli2', command: '`markdownlint-cli2`', missing: missing('node_modules/.bin/markdownlint-cli2 (npm ci)') },
  );
  const htmlOut = path.join(work, 'pandoc-out');
  mkdirSync(htmlOut, { recursive: true });
  // pandoc costs the same for every ladder (mostly its start-up): a sample, scaled to the corpus, saves minutes.
  const pandocFiles = sampleFiles(corpus.files, samples.pandoc);
  cases.push(
    tools.pandoc
      ? {
          id: 'pandoc',
          group: 'peer',
          name: 'pandoc',
          command: `\`pandoc -s -f gfm -t html5\` per ladder${pandocFiles.length < corpus.ladders ? ` (${pandocFiles.length} run, scaled to ${corpus.ladders})` : ''}`,
          job: sh(`for f in ${pandocFiles.map(q).join(' ')}; do ${q(tools.pandoc)} -s -f gfm -t html5 "$f" -o ${q(htmlOut)}/"$(basename "$f" .md)".html || exit 1; done`, root),
          scale: corpus.ladders / pandocFiles.length,
        }
      : { id: 'pandoc', group: 'peer', name: 'pandoc', command: '`pandoc`', missing: missing('pandoc') },
  );
  if (tools.chromium && chromiumSample.length > 0) {
    const profile = path.join(work, 'chromium-profile');
    const flags = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-pdf-header-footer';
    const loop = chromiumSample.map((f) => `${q(tools.chromium!)} ${flags} --user-data-dir=${q(profile)} --print-to-pdf=${q(f.replace(/\.html$/, '.pdf'))} ${q(`file://${f}`)} 2>/dev/null || exit 1`);
    cases.push({
      id: 'chromium',
      group: 'peer',
      name: 'headless Chromium',
      command: `\`chromium --headless --print-to-pdf\` on pandoc's HTML, per ladder (${chromiumSample.length} run)`,
      job: sh(loop.join('\n'), root),
      scale: 1 / chromiumSample.length,
      unit: 'per ladder',
    });
  } else {
    cases.push({ id: 'chromium', group: 'peer', name: 'headless Chromium', command: '`chromium --headless --print-to-pdf`', missing: tools.chromium ? 'needs pandoc for its HTML input' : missing('chromium') });
  }
  const out = (name: string) => path.join(work, name);
  const prCommand = `\`ladder validate ${corpus.pr.file}\` + \`ladder diff HEAD~1 HEAD\``;
  // validate exits 1 on errors in the file (not in this corpus); anything else is a failure.
  const prScript = `${q(node)} ${q(BIN)} validate ${q(corpus.pr.file)} > /dev/null; [ $? -le 1 ] || exit 1; ${q(node)} ${q(BIN)} diff HEAD~1 HEAD > /dev/null`;
  cases.push(
    { id: 'help', group: 'ours', name: 'cold start', command: '`ladder --help`', job: ladder(['--help']) },
    { id: 'validate', group: 'ours', name: 'validate', command: '`ladder validate`', job: ladder(['validate'], [0, 1]) },
    { id: 'fmt', group: 'ours', name: 'fmt --check', command: '`ladder fmt --check`', job: ladder(['fmt', '--check'], [0, 1]) },
    // The summary cache is filled by one unmeasured run first, so that every measured run, at 1× and in
    // the growth run alike, is warm (the first of five used to fill it: the median was warm, growth cold).
    { id: 'diff', group: 'ours', name: 'diff', command: `\`ladder diff ${diffBase} main\``, job: ladder(['diff', diffBase, 'main']), prime: ladder(['diff', diffBase, 'main']) },
    // The pull-request path: validate the edited file, then diff the tip with its parent. The summary
    // cache (.git/ladder-cache) is filled by one unmeasured run first, as on a developer's clone or a
    // CI cache; pr-path-cold turns it off, which is what a fresh clone pays once.
    { id: 'pr-path', group: 'ours', name: 'PR path (cache warm)', command: prCommand, job: sh(prScript, corpus.pr.root), prime: sh(prScript, corpus.pr.root) },
    { id: 'pr-path-cold', group: 'ours', name: 'PR path (no cache)', command: `${prCommand}, \`LADDER_CACHE=off\``, job: sh(`LADDER_CACHE=off; export LADDER_CACHE; ${prScript}`, corpus.pr.root) },
    // The same edit uncommitted, from a fresh clone: the working tree against HEAD.
    {
      id: 'pr-path-worktree',
      group: 'ours',
      name: 'PR path, uncommitted (no cache)',
      command: `\`ladder validate ${corpus.pr.file}\` + \`ladder diff HEAD\`, \`LADDER_CACHE=off\``,
      job: sh(`LADDER_CACHE=off; export LADDER_CACHE; ${prScript.replace(/ diff HEAD~1 HEAD /, ' diff HEAD ')}`, corpus.pr.worktree),
    },
    { id: 'changelog', group: 'ours', name: 'changelog --all', command: '`ladder changelog --all`', job: ladder(['changelog', '--all']) },
    { id: 'html', group: 'ours', name: 'build HTML', command: '`ladder build --html-only`', job: ladder(['build', '--html-only', '--version', 'v9.9.9', '--out', out('dist-html')]) },
    {
      id: 'pdf',
      group: 'ours',
      name: 'build PDF',
      command: '`ladder build --pdf-only`',
      job: ladder(['build', '--pdf-only', '--version', 'v9.9.9', '--out', out('dist-pdf')]),
      scale: 1 / corpus.ladders,
      unit: 'per ladder',
    },
  );
  return cases.filter((c) => groups.has(c.group));
}

/**
 * The release build (issue 16): `build` (HTML + PDF + ladders.pdf + CHANGELOG.md, everything a release
 * publishes) of a 20-ladder corpus next to what a team would run instead, pandoc -s then Chromium's
 * print-to-PDF for each of the same ladders; and the peak memory of the PDF build on the 1× corpus
 * and (`mem-10x`, minutes: only when named in --only, or with --write) on 10× the ladders over as long a history.
 */
const RELEASE_IDS = ['build', 'pandoc-chromium', 'mem-1x', 'mem-10x'];
/** Ladders of the release-build corpus, and how many of them the peer converts per run (scaled to all). */
const BUILD_LADDERS = 20;
const BUILD_PEER_SAMPLE = 5;
/** Peak memory target of the PDF build, whatever the corpus. */
const MEMORY_TARGET_KIB = 1024 * 1024;

function releaseCases(build: Corpus | undefined, corpus: Corpus, big: Corpus | undefined, tools: Tools, work: string, label = ''): Case[] {
  const node = process.execPath;
  const ladder = (root: string, args: string[]): Job => ({ cmd: node, args: [BIN, ...args], cwd: root });
  const out: Case[] = [];
  if (build) {
    out.push({ id: 'build', group: 'ours', name: 'build (release)', command: `\`ladder build\` of ${build.ladders} ladders: HTML, PDF, ladders.pdf, CHANGELOG.md`, job: ladder(build.root, ['build', '--out', path.join(work, 'dist-build')]) });
    const sample = sampleFiles(build.files, BUILD_PEER_SAMPLE);
    if (tools.pandoc && tools.chromium) {
      const dir = path.join(work, 'peer-build');
      const profile = path.join(work, 'chromium-profile-build');
      mkdirSync(dir, { recursive: true });
      const flags = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-pdf-header-footer';
      const loop = sample.map((f) => {
        const html = path.join(dir, `${path.basename(f, '.md')}.html`);
        return `${q(tools.pandoc!)} -s -f gfm -t html5 ${q(f)} -o ${q(html)} || exit 1\n${q(tools.chromium!)} ${flags} --user-data-dir=${q(profile)} --print-to-pdf=${q(html.replace(/\.html$/, '.pdf'))} ${q(`file://${html}`)} 2>/dev/null || exit 1`;
      });
      out.push({
        id: 'pandoc-chromium',
        group: 'peer',
        name: 'pandoc + Chromium',
        command: `\`pandoc -s\` then \`chromium --print-to-pdf\` per ladder (${sample.length} run, scaled to ${build.ladders})`,
        job: sh(loop.join('\n'), build.root),
        scale: build.ladders / sample.length,
      });
    } else out.push({ id: 'pandoc-chromium', group: 'peer', name: 'pandoc + Chromium', command: '`pandoc` + `chromium`', missing: 'needs pandoc and chromium' });
  }
  out.push({ id: 'mem-1x', group: 'ours', name: `PDF build, ${label}${corpus.ladders} ladders`, command: '`ladder build --pdf-only`', job: ladder(corpus.root, ['build', '--pdf-only', '--version', 'v9.9.9', '--out', path.join(work, 'dist-mem-1x')]) });
  if (big) out.push({ id: 'mem-10x', group: 'ours', name: `PDF build, ${label}${big.ladders} ladders`, command: '`ladder build --pdf-only`', job: ladder(big.root, ['build', '--pdf-only', '--version', 'v9.9.9', '--out', path.join(work, 'dist-mem-10x')]) });
  return out;
}

/** Peak memory of the PDF build against its target, whole process tree (worker threads included). */
function memoryTable(rows: Array<{ c: Case; r: Summary | Error | undefined; note: string }>): string {
  const lines = ['| PDF build | command | runs | wall | CPU | peak RSS | target | |', '|---|---|---:|---:|---:|---:|---:|---|'];
  for (const { c, r, note } of rows) {
    if (!r || r instanceof Error) {
      lines.push(`| ${c.name} | ${c.command} | — | — | — | — | < 1024 MiB | ${r instanceof Error ? `failed: ${r.message.split('\n')[0]}` : note} |`);
      continue;
    }
    const ok = r.rssKiB !== undefined && r.rssKiB < MEMORY_TARGET_KIB;
    lines.push(`| ${c.name} | ${c.command} | ${r.runs} | ${seconds(r.wallMs)} | ${seconds(r.cpuMs)} | ${mib(r.rssKiB)} | < 1024 MiB | ${r.rssKiB === undefined ? 'not measured' : ok ? '✅ met' : '❌ missed'} |`);
  }
  return lines.join('\n');
}

/** Runs every case `rounds` times, interleaved so that load on the machine hits all alike. */
async function runCases(cases: readonly Case[], rounds: number, label: string, failed = new Map<string, Error>()): Promise<Map<string, Summary | Error>> {
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.id, []]));
  for (const c of cases) {
    if (!c.prime || failed.has(c.id)) continue;
    try {
      await measure(c.prime);
    } catch (err) {
      failed.set(c.id, err as Error);
      process.stderr.write(`  ${label}: ${c.id} FAILED while priming: ${(err as Error).message}\n`);
    }
  }
  for (let i = 0; i < rounds; i++) {
    const round = rounds === 1 ? label : `${label} ${i + 1}/${rounds}`;
    for (const c of cases) {
      if (!c.job || failed.has(c.id)) continue;
      try {
        const s = await measure(c.job);
        process.stderr.write(`  ${round}: ${c.id.padEnd(14)} ${seconds(s.wallMs).padStart(9)}${s.cpuMs !== undefined ? `  cpu ${seconds(s.cpuMs)}` : ''}\n`);
        samples.get(c.id)!.push(s);
      } catch (err) {
        failed.set(c.id, err as Error);
        process.stderr.write(`  ${round}: ${c.id} FAILED: ${(err as Error).message}\n`);
      }
    }
  }
  const out = new Map<string, Summary | Error>();
  for (const c of cases) {
    const got = samples.get(c.id)!;
    if (failed.has(c.id)) out.set(c.id, failed.get(c.id)!);
    else if (got.length) out.set(c.id, summarize(got, c.scale, label));
  }
  return out;
}

function toMeasured(c: Case, results: Map<string, Summary | Error>): Measured {
  const r = results.get(c.id);
  const base = { name: c.name, command: c.command, ...(c.unit ? { unit: c.unit } : {}) };
  if (r instanceof Error) return { ...base, missing: `failed: ${r.message.split('\n')[0]}` };
  if (!r) return { ...base, missing: c.missing ?? 'not run' };
  return { ...base, summary: r };
}

/** A row's name as a folder name (`repo my ladders` → `repo_my_ladders`). */
function slug(name: string): string {
  return name.replace(/[^\w.-]+/g, '_');
}

function describe(c: Corpus, seed: number): string {
  return `${c.ladders} ladders in 4 shapes (${CORPUS_SHAPES.join(', ')}) × 6 levels × 5 categories × 4–8 expectations (${(c.bytes / 1e6).toFixed(1)} MB), ${c.commits} commits with ${c.blobs} ladder blob versions and ${c.tags} tags, seed ${seed}`;
}

/** A case's median as a whole-corpus figure (per-ladder rows multiplied back). */
function total(c: Case, s: Summary | Error | undefined, ladders: number): Summary | undefined {
  if (!s || s instanceof Error) return undefined;
  const k = c.unit === 'per ladder' ? ladders : 1;
  return { ...s, wallMs: s.wallMs * k, ...(s.cpuMs !== undefined ? { cpuMs: s.cpuMs * k } : {}) };
}

/** Issue 16: changelog --all within half the whole-file parse floor of its history, on every corpus. */
const CHANGELOG_TARGET = 0.5;

/** Issue 16: validate the edited file + diff HEAD~1 HEAD within a second, on every corpus. */
const PR_PATH_TARGET_MS = 1000;

/** Presets the changelog is measured on beside the main corpus, by default. */
const PRESET_ROWS: readonly CorpusPreset[] = ['table-heavy', 'shared-categories', 'long-cells', 'many-per-commit', 'restructure', 'html-tables', 'wide-headings', 'matrix-rewording', 'windows-line-endings', 'reference-links', 'rich-text', 'tracks'];

/** Issue 16's table-heavy corpus (with and without one set of categories) at the main corpus's size; the others smaller, to keep within the bench's budget. */
function presetSize(preset: CorpusPreset, quick: boolean, ladders: number, commits: number): { ladders: number; commits: number } {
  // Full size where what `validate <file>` reads of 200 ladders is the point (rich-text: every sibling's Markdown).
  if (quick || preset === 'table-heavy' || preset === 'shared-categories' || preset === 'rich-text' || preset === 'default') return { ladders, commits };
  return { ladders: Math.max(4, Math.round(ladders / 4)), commits: Math.max(20, Math.round(commits / 4)) };
}

function describePreset(c: Corpus, o: CorpusOptions): string {
  const shapes = o.shapes ?? CORPUS_SHAPES;
  const per = `${o.minLaddersPerCommit ?? 1}–${o.maxLaddersPerCommit ?? o.minLaddersPerCommit ?? 1}`;
  return `${c.ladders} ladders (${shapes.join(', ')}; ${o.levels ?? 6} levels × ${o.categories ?? 5} categories), ${o.minSentences ?? 4}–${o.maxSentences ?? 8} expectations per cell (${(c.bytes / 1e6).toFixed(1)} MB), ${c.commits} commits of ${per} ladders, ${c.blobs} blob versions, ${c.tags} tags`;
}

const CASE_IDS = ['cat', 'parse-files', 'git-log', 'parse-history', 'md-history', 'parse-one', 'parse-trees', 'markdownlint', 'pandoc', 'chromium', 'help', 'validate', 'fmt', 'diff', 'pr-path', 'pr-path-cold', 'pr-path-worktree', 'changelog', 'html', 'pdf', ...RELEASE_IDS];
/** Cases measured along with a selected one: its baseline and its variants. */
const COMPANIONS: Record<string, string[]> = { 'pr-path': ['pr-path-cold', 'pr-path-worktree', 'parse-one'] };

async function main(): Promise<number> {
  const started = performance.now();
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      scale: { type: 'string' },
      budget: { type: 'string' },
      ladders: { type: 'string' },
      commits: { type: 'string' },
      seed: { type: 'string', default: '1' },
      sample: { type: 'string' },
      'pandoc-sample': { type: 'string' },
      only: { type: 'string' },
      corpus: { type: 'string' },
      repo: { type: 'string', multiple: true },
      write: { type: 'boolean', default: false },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run bench -- [--quick] [--runs n] [--scale k] [--budget s] [--ladders n] [--commits n] [--seed n]\n' +
        '                        [--sample n] [--pandoc-sample n] [--only ids] [--write] [--out file] [--keep]\n' +
        '  --quick          tiny corpus, one run, growth at 3×: a smoke test of the whole bench\n' +
        '  --runs           timed runs per case (default 5), after a warm-up round on a small corpus\n' +
        '  --scale          growth corpus, in multiples of the default one (default: the largest up to 10\n' +
        '                   that fits the budget; 1 skips the growth run)\n' +
        '  --budget         seconds the whole bench may take, for choosing the growth scale (default 570)\n' +
        '  --sample         ladders Chromium prints per run (default 4)\n' +
        '  --pandoc-sample  ladders pandoc converts per run, scaled to the corpus (default 50)\n' +
        `  --only           comma-separated case ids: ${CASE_IDS.join(', ')}\n` +
        '                   (mem-10x, the PDF build of 10× the ladders, runs only when named here or with --write)\n' +
        `  --corpus         comma-separated corpus presets the changelog, the PR path, the release build and the PDF build's memory are also measured on (default: ${PRESET_ROWS.join(', ')}; none for no preset rows)\n` +
        '  --repo           a git repository of ladders (in ladders/) measured like a preset, its own history as it is\n' +
        '                   (repeatable; all its ladders are built against the peer, its memory at 1× only)\n' +
        '  --write          replace the README section between <!-- bench:start --> and <!-- bench:end -->\n' +
        '  --out            also write the section to this file\n',
    );
    return 0;
  }
  const num = (v: string | undefined, d: number, name: string) => {
    const n = v === undefined ? d : Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number (got "${v}")`);
    return n;
  };
  const quick = values.quick;
  const runs = Math.max(1, num(values.runs, quick ? 1 : 5, 'runs'));
  const fixedScale = values.scale === undefined ? (quick ? 3 : undefined) : num(values.scale, 1, 'scale');
  const budgetMs = num(values.budget, 570, 'budget') * 1000;
  const seed = num(values.seed, 1, 'seed');
  const ladders = num(values.ladders, quick ? 8 : 200, 'ladders');
  const commits = num(values.commits, quick ? 120 : 500, 'commits');
  const tagEvery = quick ? 20 : 50;
  const samples = { chromium: [] as string[], pandoc: Math.max(1, num(values['pandoc-sample'], quick ? 8 : 50, 'pandoc-sample')) };
  const chromiumCount = Math.max(1, num(values.sample, quick ? 2 : 4, 'sample'));
  const only = values.only ? new Set(values.only.split(',').map((x) => x.trim())) : undefined;
  const presets = values.corpus === undefined ? [...PRESET_ROWS] : values.corpus === 'none' ? [] : values.corpus.split(',').map((x) => x.trim());
  for (const p of presets) if (!isCorpusPreset(p)) throw new Error(`--corpus: unknown preset "${p}" (${Object.keys(CORPUS_PRESETS).join(', ')})`);
  // Each preset's corpus gets the changelog and the pull-request path, or what --only names of them.
  const presetIds = ['parse-history', 'md-history', 'changelog', 'pr-path', 'pr-path-cold', 'pr-path-worktree'].filter((id) => !only || only.has(id) || (id.endsWith('-history') && only.has('changelog')) || (id.startsWith('pr-path-') && only.has('pr-path')));
  // …and the release build and the PDF build's memory, when those are measured.
  const presetRelease = !only || RELEASE_IDS.some((id) => only.has(id));
  const anyRows = presetIds.length > 0 || presetRelease;
  const presetRows = anyRows ? (presets as CorpusPreset[]) : [];
  const repos = anyRows ? (values.repo ?? []) : [];
  for (const id of only ?? []) if (!CASE_IDS.includes(id)) throw new Error(`--only: unknown case "${id}" (${CASE_IDS.join(', ')})`);
  for (const id of [...(only ?? [])]) for (const c of COMPANIONS[id] ?? []) only!.add(c);
  if (!existsSync(path.join(REPO, '.build/scripts/cli/main.js'))) throw new Error('the CLI is not compiled: run "npm ci" or "npm run build:ts" first');

  const tools = detectTools();
  const missing = (['markdownlint', 'pandoc', 'chromium'] as const).filter((t) => !tools[t]);
  if (missing.length) process.stderr.write(`bench: missing peers (their rows say so): ${missing.join(', ')}\n`);
  if (!TIME_BIN) process.stderr.write('bench: /usr/bin/time not found: no CPU time or peak memory\n');

  // Own prefix: nothing else on the machine cleans it up under us.
  const work = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ladder-perf-')));
  try {
    const selected = (cs: Case[]) => (only ? cs.filter((c) => only.has(c.id)) : cs);
    process.stderr.write(`bench: generating ${ladders} ladders, ${commits} commits…\n`);
    const corpus = await makeCorpus({ seed, ladders, commits, tagEvery }, path.join(work, 'corpus'));
    process.stderr.write(`bench: corpus at ${corpus.root} in ${seconds(corpus.builtMs)} (${corpus.blobs} blob versions)\n`);
    samples.chromium = await prepareChromiumSample(corpus, tools, work, chromiumCount);
    const all = buildCases(corpus, tools, path.join(work, 'out'), samples, new Set(['floor', 'peer', 'ours']));

    // Warm-up: every case once on a small corpus, so binaries, modules and git are in the file cache
    // (the corpus itself was just written) without paying a full round of the big cases.
    const warmCorpus = await makeCorpus({ seed: seed + 1, ladders: Math.min(ladders, 12), commits: Math.min(commits, 60), tagEvery: 20 }, path.join(work, 'warm'));
    const warmSamples = { chromium: await prepareChromiumSample(warmCorpus, tools, path.join(work, 'warm-out'), 1), pandoc: 2 };
    const failed = new Map<string, Error>();
    await runCases(selected(buildCases(warmCorpus, tools, path.join(work, 'warm-out'), warmSamples, new Set(['floor', 'peer', 'ours']))), 1, 'warm-up', failed);
    const results = await runCases(selected(all), runs, '1×', failed);

    // The release build and the PDF build's memory: corpora of their own, before the growth run so that its budget counts them.
    const releaseLines: string[] = [];
    const releaseComparisons: Comparison[] = [];
    // mem-10x takes minutes: it runs when named, and for the README table (--write), which shows it.
    const wanted = (id: string) => (only ? only.has(id) : id !== 'mem-10x' || values.write === true);
    /**
     * One corpus's release round: `build` of 20 of its ladders (`build`) against pandoc + Chromium
     * (median of `runs` after a warm-up), and the peak memory of `build --pdf-only` on `base` and on
     * 10× its ladders (`big`; one run each: a peak, not a median).
     */
    const releaseRound = async (name: string | undefined, base: Corpus, make: { build: () => Promise<Corpus>; big?: () => Promise<Corpus>; bigLadders?: number }) => {
      const tag = name ? `-${slug(name)}` : '';
      const label = name ? `${name}, ` : '';
      const buildCorpus = wanted('build') || wanted('pandoc-chromium') ? await make.build() : undefined;
      const memCorpus = wanted('mem-10x') && make.big ? await make.big() : undefined;
      const rc = releaseCases(buildCorpus, base, memCorpus, tools, path.join(work, `out${tag}`), label).filter((c) => wanted(c.id));
      const timed = rc.filter((c) => c.id === 'build' || c.id === 'pandoc-chromium');
      const round = name ?? '1×';
      await runCases(timed, 1, `${round} warm-up`, failed);
      const rr = await runCases(timed, runs, round, failed);
      for (const [id, r] of await runCases(rc.filter((c) => c.id.startsWith('mem-')), 1, `${round} memory`, failed)) rr.set(id, r);
      const mr = (id: string): Measured => {
        const c = rc.find((x) => x.id === id);
        return c ? toMeasured(c, rr) : { name: id, command: '', missing: NOT_SELECTED };
      };
      const memRows = ['mem-1x', 'mem-10x'].map((id) => {
        const c = rc.find((x) => x.id === id) ?? { id, name: `PDF build, ${label}${id === 'mem-1x' ? base.ladders : (make.bigLadders ?? base.ladders * 10)} ladders`, command: '`ladder build --pdf-only`', group: 'ours' as const };
        const note = id === 'mem-10x' && !make.big ? 'a repository is measured as it is' : id === 'mem-10x' && !wanted(id) ? 'minutes: `--only mem-10x` (or `--write`)' : NOT_SELECTED;
        return { c, r: rr.get(id), note };
      });
      const peer = mr('pandoc-chromium');
      const build = buildCorpus ? { stage: `build (release, ${label}${buildCorpus.ladders} ladders)`, ours: mr('build'), baseline: peer, target: 0.1 } : undefined;
      return { buildCorpus, memCorpus, build, peer: name ? { ...peer, name: `pandoc + Chromium, ${name}` } : peer, memRows };
    };
    /** A generated corpus's release round: 20 ladders of the same proportions, and 10× its ladders over as long a history. */
    const generatedRound = (preset: CorpusPreset | undefined, base: Corpus, baseLadders: number, baseCommits: number) => {
      const options = preset ? CORPUS_PRESETS[preset].options : {};
      const tag = preset ? `-${preset}` : '';
      const buildOpts = { ...options, seed, ladders: BUILD_LADDERS, commits: Math.max(20, Math.round((baseCommits * BUILD_LADDERS) / Math.max(BUILD_LADDERS, baseLadders))), tagEvery: options.tagEvery ?? (quick ? 20 : 10) };
      return releaseRound(preset, base, {
        build: () => makeCorpus(buildOpts, path.join(work, `build-corpus${tag}`)),
        // 10× the ladders over the same history: the build's peak may be its history walk (CHANGELOG.md),
        // which a short history hid (2,000 ladders: 950 MiB with 20 commits, 1.14 GB with 500).
        big: () => makeCorpus({ ...options, seed, ladders: baseLadders * 10, commits: baseCommits, tagEvery: options.tagEvery ?? tagEvery }, path.join(work, `mem-10x${tag}`)),
        bigLadders: baseLadders * 10,
      });
    };
    if (!only || RELEASE_IDS.some((id) => only.has(id))) {
      const r = await generatedRound(undefined, corpus, ladders, commits);
      if (r.build && r.buildCorpus) {
        releaseComparisons.push(r.build);
        releaseLines.push('', `Release build: ${describe(r.buildCorpus, seed)}; median of ${runs} after a warm-up run. The peer converts ${Math.min(BUILD_PEER_SAMPLE, r.buildCorpus.ladders)} of the ladders per run, scaled to ${r.buildCorpus.ladders} (its cost per ladder is Chromium's start-up).`, '', measuredTable([r.peer]), '', comparisonTable(releaseComparisons));
      }
      releaseLines.push('', `Peak memory of the PDF build (whole process, worker threads included; one run each${r.memCorpus ? `; the 10× corpus has ${r.memCorpus.commits} commits` : ''}):`, '', memoryTable(r.memRows));
    }
    const m = (id: string): Measured => {
      const c = all.find((x) => x.id === id)!;
      return only && !only.has(id) ? { name: c.name, command: c.command, missing: NOT_SELECTED } : toMeasured(c, results);
    };

    // The changelog on histories of other proportions: each preset's corpus, its floor and ours, interleaved.
    const presetLines: string[] = [];
    const presetComparisons: Comparison[] = [];
    const presetBuilds: Comparison[] = [];
    const presetPeers: Measured[] = [];
    const presetMemory: Parameters<typeof memoryTable>[0] = [];
    // Each preset, then each repository of one's own (--repo), measured alike.
    const rows: Array<{ name: string; make: () => Promise<{ corpus: Corpus; line: string }>; release: (c: Corpus) => ReturnType<typeof releaseRound> }> = [
      ...presetRows.map((preset) => {
        const size = presetSize(preset, quick, ladders, commits);
        const opts = { ...CORPUS_PRESETS[preset].options, seed, ...size };
        return {
          name: preset,
          make: async () => {
            process.stderr.write(`bench: corpus ${preset}: ${size.ladders} ladders, ${size.commits} commits…\n`);
            const corpus = await makeCorpus(opts, path.join(work, `corpus-${preset}`));
            return { corpus, line: `- \`${preset}\` (${CORPUS_PRESETS[preset].description}): ${describePreset(corpus, opts)}` };
          },
          release: (c: Corpus) => generatedRound(preset, c, size.ladders, size.commits),
        };
      }),
      ...repos.map((src, i) => {
        const name = `repo ${path.basename(path.resolve(src))}`;
        return {
          name,
          make: async () => {
            process.stderr.write(`bench: repository ${src}…\n`);
            const c = await corpusFromRepo(src, path.join(work, `repo-${i}`));
            return { corpus: c, line: `- \`${name}\` (\`--repo ${src}\`, its own history): ${c.ladders} ladders (${(c.bytes / 1e6).toFixed(1)} MB), ${c.commits} commits touching them, ${c.blobs} blob versions, ${c.tags} tags` };
          },
          // Its own ladders are built (the peer converts a sample of them, scaled); it has no 10×.
          release: (c: Corpus) => releaseRound(name, c, { build: async () => c }),
        };
      }),
    ];
    for (const row of rows) {
      const { name } = row;
      const { corpus: pc, line } = await row.make();
      presetLines.push(line);
      if (presetRelease) {
        const r = await row.release(pc);
        if (r.build) presetBuilds.push(r.build);
        if (r.buildCorpus) presetPeers.push(r.peer);
        presetMemory.push(...r.memRows);
      }
      const cases = buildCases(pc, tools, path.join(work, `out-${slug(name)}`), { chromium: [], pandoc: 1 }, new Set(['floor', 'ours'])).filter((c) => presetIds.includes(c.id));
      if (cases.length === 0) continue;
      const got = await runCases(cases, runs, name, new Map());
      const found = (id: string) => cases.find((c) => c.id === id);
      const [floorCase, mdCase, ours] = [found('parse-history'), found('md-history'), found('changelog')];
      // Against the product's own single read of each version: context, not the target (see below).
      if (ours && floorCase) presetComparisons.push({ stage: `changelog --all, ${name}`, ours: toMeasured(ours, got), baseline: { ...toMeasured(floorCase, got), name: `parse floor (history, ${pc.blobs} blobs)` } });
      if (ours && mdCase) presetComparisons.push({ stage: `changelog --all, ${name}, vs remark + GFM`, ours: toMeasured(ours, got), baseline: { ...toMeasured(mdCase, got), name: `remark + GFM floor (history, ${pc.blobs} blobs)` }, target: CHANGELOG_TARGET });
      const [warm, cold, uncommitted] = [found('pr-path'), found('pr-path-cold'), found('pr-path-worktree')];
      if (warm) presetComparisons.push({ stage: `PR path (cache warm), ${name}`, ours: toMeasured(warm, got), target: PR_PATH_TARGET_MS, absoluteMs: true });
      if (cold) presetComparisons.push({ stage: `PR path, fresh clone (no cache), ${name}`, ours: toMeasured(cold, got), target: PR_PATH_TARGET_MS, absoluteMs: true });
      if (uncommitted) presetComparisons.push({ stage: `PR path, uncommitted edit (no cache), ${name}`, ours: toMeasured(uncommitted, got), target: PR_PATH_TARGET_MS, absoluteMs: true });
    }

    const comparisons: Comparison[] = [
      { stage: 'cold start', ours: m('help'), target: 300, absoluteMs: true },
      { stage: 'validate', ours: m('validate'), baseline: m('markdownlint'), target: 1.0 },
      { stage: 'fmt --check', ours: m('fmt'), baseline: m('parse-files') },
      { stage: 'diff (100 commits apart)', ours: m('diff'), baseline: m('parse-trees'), target: 2.0 },
      { stage: 'PR path: validate the edited file + diff HEAD~1 HEAD', ours: m('pr-path'), target: PR_PATH_TARGET_MS, absoluteMs: true },
      { stage: 'PR path vs parsing that one file', ours: m('pr-path'), baseline: m('parse-one') },
      { stage: 'PR path, fresh clone (no cache)', ours: m('pr-path-cold'), target: PR_PATH_TARGET_MS, absoluteMs: true },
      { stage: 'PR path, uncommitted edit (no cache)', ours: m('pr-path-worktree'), target: PR_PATH_TARGET_MS, absoluteMs: true },
      // Context: the product's own single read of each version, which builds plain sections and rows
      // without micromark (parse/plain-blocks.ts) and so moves with the parser; the target is against
      // the floor as the issue states it, remark + GFM to mdast with no ladder model.
      { stage: 'changelog --all', ours: m('changelog'), baseline: m('parse-history') },
      { stage: 'changelog --all vs remark + GFM', ours: m('changelog'), baseline: m('md-history'), target: CHANGELOG_TARGET },
      { stage: 'changelog --all vs I/O', ours: m('changelog'), baseline: m('git-log') },
      { stage: 'build HTML', ours: m('html'), baseline: m('pandoc'), target: 0.5 },
      { stage: 'build PDF', ours: m('pdf'), baseline: m('chromium'), target: 0.05 },
    ];

    // Growth: our stages once on a corpus `scale` times larger; by default the largest that fits the budget.
    const growthCases = (cs: Case[]) => selected(cs).filter((c) => c.group === 'ours' && c.id !== 'help');
    const oneRound = growthCases(all).reduce((ms, c) => ms + (total(c, results.get(c.id), corpus.ladders)?.wallMs ?? 0), 0);
    let scale = fixedScale;
    let scaleNote = '';
    if (scale === undefined) {
      const left = budgetMs - (performance.now() - started) - 20_000;
      // 15% over linear for the larger corpus, plus generating it (~1 s per default corpus).
      const fits = (k: number) => k * (oneRound * 1.15 + 1000) <= left;
      scale = [10, 9, 8, 7, 6, 5, 4, 3, 2].find(fits) ?? 2;
      scaleNote = scale === 10 ? '' : fits(scale) ? ` (the largest multiple up to 10× that fits the ${Math.round(budgetMs / 60000)}-minute budget; \`--scale 10\` for the full 10×)` : ` (2×, though it does not fit the ${Math.round(budgetMs / 60000)}-minute budget)`;
    }
    let growthRows: GrowthRow[] = [];
    let big: Corpus | undefined;
    const growthTarget = Math.round(scale * GROWTH_SLACK * 10) / 10;
    if (scale > 1 && growthCases(all).length > 0) {
      const bigOpts = { seed, ladders: ladders * scale, commits: commits * scale, tagEvery };
      process.stderr.write(`bench: generating the ${scale}× corpus: ${bigOpts.ladders} ladders, ${bigOpts.commits} commits…\n`);
      big = await makeCorpus(bigOpts, path.join(work, 'big'));
      process.stderr.write(`bench: ${scale}× corpus in ${seconds(big.builtMs)} (${big.blobs} blob versions)\n`);
      const bigCases = growthCases(buildCases(big, tools, path.join(work, 'big-out'), { chromium: [], pandoc: 1 }, new Set(['ours'])));
      const bigResults = await runCases(bigCases, 1, `${scale}×`);
      growthRows = bigCases.map((c) => {
        const row: GrowthRow = { stage: c.name };
        const small = total(c, results.get(c.id), corpus.ladders);
        const large = total(c, bigResults.get(c.id), big!.ladders);
        if (small) row.small = small;
        if (large) row.large = large;
        return row;
      });
    }

    const cpu = os.cpus();
    const date = new Date().toISOString().slice(0, 10);
    const lines = [
      `Measured ${date} on ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, ${version('git', ['--version'])}${tools.pandoc ? `, ${version(tools.pandoc, ['--version'])}` : ''}${tools.chromium ? `, ${version(tools.chromium, ['--version']).replace(/\s+built on.*$/, '')}` : ''}${tools.markdownlint ? `, markdownlint-cli2 ${JSON.parse(readFileSync(path.join(REPO, 'node_modules/markdownlint-cli2/package.json'), 'utf8')).version}` : ''}.`,
      '',
      `Corpus: ${describe(corpus, seed)}. Median of ${runs} run${runs === 1 ? '' : 's'} after a warm-up round (every case once on a 12-ladder corpus), cases interleaved; \`diff\` and the warm PR path run once unmeasured first, to fill the summary cache (\`.git/ladder-cache\`), at 1× and in the growth run alike; CPU is user + sys of the whole process tree; ratio = ours ÷ baseline, the median over the rounds of the two measured in the same round (a round runs every case once; the load of this shared machine drifts between rounds and cancels within one), so it may differ from the ratio of the two medians shown.${missing.length ? ` **Missing peers: ${missing.join(', ')}.**` : ''}`,
      '',
      measuredTable(['cat', 'parse-files', 'git-log', 'parse-history', 'md-history', 'parse-one', 'parse-trees', 'markdownlint', 'pandoc', 'chromium'].map(m)),
      '',
      comparisonTable(comparisons),
      ...releaseLines,
    ];
    if (presetComparisons.length > 0) {
      lines.push(
        '',
        `The changelog and the pull-request path on histories of other proportions (\`--corpus\`)${repos.length ? " and of repositories' own histories (\`--repo\`)" : ''}, seed ${seed}, the changelog against the parse floor of its own history measured in the same rounds (median of ${runs}); the PR path edits one ladder of each corpus as above:`,
        '',
        ...presetLines,
        '',
        comparisonTable(presetComparisons),
      );
    }
    if (presetBuilds.length > 0 || presetMemory.length > 0) {
      lines.push('', `The release build and the PDF build's memory on the same proportions: \`build\` of 20 ladders of each (median of ${runs} after a warm-up run, the peer converting ${BUILD_PEER_SAMPLE} per run, scaled), and \`build --pdf-only\` of each corpus above and of 10× its ladders over as many commits (one run each):`);
      if (presetBuilds.length > 0) lines.push('', measuredTable(presetPeers), '', comparisonTable(presetBuilds));
      if (presetMemory.length > 0) lines.push('', memoryTable(presetMemory));
    }
    if (big) {
      lines.push(
        '',
        `Growth: the same stages once on ${scale}× the corpus${scaleNote}: ${describe(big, seed)}. Judged on CPU time, since that single run and the medians above meet different load; target ${scale}× the size within ${growthTarget}× the time.`,
        '',
        growthTable(growthRows, scale, growthTarget),
      );
    }
    lines.push('', `Whole bench: ${seconds(performance.now() - started)}. Regenerate with \`npm run bench -- --write\`.`);
    const section = lines.join('\n');
    process.stdout.write(`\n${section}\n`);

    const saved = path.join(REPO, '.bench');
    mkdirSync(saved, { recursive: true });
    writeAtomic(path.join(saved, 'table.md'), `${section}\n`);
    if (values.out) writeAtomic(path.resolve(values.out), `${section}\n`);
    const misses = [...comparisons, ...presetComparisons, ...releaseComparisons, ...presetBuilds].filter((c) => verdict(c).verdict === 'missed').map((c) => c.stage);
    const growthMisses = growthRows.filter((r) => {
      const g = growth(r);
      const x = g.cpu ?? g.wall;
      return x !== undefined && x > growthTarget;
    });
    process.stderr.write(`bench: table saved to .bench/table.md; targets missed: ${misses.length + growthMisses.length ? [...misses, ...growthMisses.map((r) => `growth of ${r.stage}`)].join(', ') : 'none'}\n`);

    if (values.write) {
      const readme = path.join(REPO, 'README.md');
      if (!existsSync(readme)) {
        process.stderr.write('bench: --write: README.md does not exist; the table is in .bench/table.md\n');
        return 1;
      }
      let next: string;
      try {
        next = replaceSection(readFileSync(readme, 'utf8'), section);
      } catch (err) {
        process.stderr.write(`bench: --write: ${(err as Error).message}; the table is in .bench/table.md\n`);
        return 1;
      }
      writeAtomic(readme, next);
      process.stderr.write('bench: README.md updated\n');
    }
    return [...results.values()].some((r) => r instanceof Error) ? 1 : 0;
  } finally {
    if (values.keep) process.stderr.write(`bench: kept ${work}\n`);
    else await rm(work, { recursive: true, force: true });
  }
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

try {
  process.exitCode = await main();
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
