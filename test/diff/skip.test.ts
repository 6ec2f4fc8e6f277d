// The pull-request path skips unchanged blobs (diff) and takes siblings' summaries from the blob-id
// cache (validate <file>). Its output must be the full path's, byte for byte: every step of a history
// of edits, adds, deletes, renames, broken files, duplicate ids and config changes is run both ways.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateLadders, renderLadder, ladderPath, type CorpusLadder } from '../../scripts/bench/corpus.js';
import { runLadder, type Run } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';

const FULL = { LADDER_FULL_PATH: '1' };
let repo: TempRepo;
let ladders: CorpusLadder[];
/** Commit names in order: each is diffed against the previous one and against the first. */
const steps: string[] = [];
const cacheDir = () => path.join(repo.root, '.git', 'ladder-cache');

async function step(name: string, change: () => Promise<void>): Promise<void> {
  await change();
  await repo.commit(name);
  await repo.tag(name);
  steps.push(name);
}

const write = (l: CorpusLadder, text = renderLadder(l)) => repo.write(ladderPath(l), text);

beforeAll(async () => {
  repo = await makeRepo();
  ladders = generateLadders({ seed: 7, ladders: 10, levels: 3, categories: 4, minSentences: 1, maxSentences: 2 });
  await step('start', async () => {
    for (const l of ladders) await write(l);
    // A date the diff lists for this ladder in every step, though no step touches it.
    await write(ladders[4]!, renderLadder(ladders[4]!).replace(/^id: .*$/m, (m) => `${m}\neffective: 2031-02-03`));
  });
  await step('edit-one', async () => {
    const text = renderLadder(ladders[2]!);
    await write(ladders[2]!, text.replace(/^(- |\* )?(.*\w)\.$/m, (_m, b = '', s) => `${b}${s}, with care.`));
  });
  await step('add-delete', async () => {
    await repo.remove(ladderPath(ladders[3]!));
    await repo.write('ladders/brand-new.md', renderLadder({ ...ladders[4]!, id: 'brand-new', title: 'Brand New' }));
  });
  await step('rename-file', async () => {
    await repo.rename(ladderPath(ladders[5]!), 'ladders/moved.md');
  });
  await step('rename-id', async () => {
    await repo.rename(ladderPath(ladders[6]!), 'ladders/renamed-id.md');
    const text = await repo.read('ladders/renamed-id.md');
    await repo.write('ladders/renamed-id.md', text.replace(`id: ${ladders[6]!.id}`, 'id: renamed-id'));
  });
  await step('readme-and-partial', async () => {
    await repo.write('ladders/README.md', '# About these ladders\n');
    await repo.write('ladders/_shared.md', '# Shared words\n');
  });
  // Breaks a ladder the next step does not touch: the full path refuses the head, so must the fast one.
  await step('broken', async () => {
    const text = renderLadder(ladders[7]!);
    await write(ladders[7]!, text.replace(/^owners: .*$/m, 'owners: 42'));
  });
  await step('untouched-broken', async () => {
    await write(ladders[8]!, renderLadder(ladders[8]!).replace('status: active', 'status: draft'));
  });
  await step('fixed', async () => {
    await write(ladders[7]!);
  });
  // A changed file takes the id of an unchanged one: both revisions' reads must refuse it alike.
  await step('duplicate-id', async () => {
    await write(ladders[9]!, renderLadder(ladders[9]!).replace(`id: ${ladders[9]!.id}`, `id: ${ladders[0]!.id.toUpperCase()}`));
  });
  await step('deduplicated', async () => {
    await write(ladders[9]!);
  });
  // Derived ladders: an unchanged child changes with its parent, and a changed child is resolved
  // against a parent whose blob did not change. The fast path must see both.
  const child = (note: string) => `---\ntitle: Child\nid: child\nextends: ${ladders[0]!.id}\n---\n\n# Child\n\n${note}\n`;
  await step('derived-child', async () => {
    await repo.write('ladders/child.md', child('A ladder that inherits all of its parent.'));
  });
  await step('parent-edit', async () => {
    const text = renderLadder(ladders[0]!);
    // The first expectation of the first table (not the intro, which a child does not inherit).
    const edited = text.replace(/^(\| (?!Category)[^|]*\| )([^|]*?\w)\./m, (_m, cell, s) => `${cell}${s}, every time.`);
    expect(edited).not.toBe(text);
    await write(ladders[0]!, edited);
  });
  await step('child-edit', async () => {
    await repo.write('ladders/child.md', child('A ladder that inherits all of its parent, and says so.'));
  });
});
afterAll(() => repo?.cleanup());

/**
 * Cache entries for the ladders at `at`: `validate <file>` summarizes every other ladder here, since
 * its sibling-category finding needs all of them (diff writes only the ladders it had to parse; it
 * reads the others from their frontmatter, see the test below).
 */
async function fillCache(at: string): Promise<void> {
  await repo.git('checkout', '-q', at);
  try {
    const run = await runLadder(repo.root, ['validate', ladderPath(ladders[1]!), '--format', 'json']);
    expect(run.stdout).toContain('sibling-category');
  } finally {
    await repo.git('checkout', '-q', 'main');
  }
}

/** Every entry file under the cache folder. */
async function cacheEntries(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of await readdir(dir).catch(() => [])) for (const name of await readdir(path.join(dir, sub))) out.push(path.join(sub, name));
  return out;
}

async function both(args: string[]): Promise<{ fast: Run; full: Run }> {
  const full = await runLadder(repo.root, args, { env: FULL });
  const fast = await runLadder(repo.root, args, { env: {} });
  return { fast, full };
}

function pairs(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 1; i < steps.length; i++) out.push([steps[i - 1]!, steps[i]!], [steps[0]!, steps[i]!]);
  return out;
}

describe('diff: the skipping path equals the full path', () => {
  test('every step against the previous one and against the start, cold then warm cache, every format', async () => {
    for (const pass of ['cold', 'warm']) {
      for (const [i, [a, b]] of pairs().entries()) {
        // json carries every field; the other formats on a few pairs (they are views of the same result).
        for (const format of pass === 'cold' ? ['json'] : i < 6 ? ['text', 'markdown', 'html'] : ['text']) {
          const { fast, full } = await both(['diff', a, b, '--format', format]);
          expect({ pass, a, b, format, ...fast }).toEqual({ pass, a, b, format, ...full });
        }
      }
    }
    // The broken step is an error both ways (exit 1, the same diagnostics), not a diff of what was read.
    const broken = await both(['diff', 'untouched-broken', 'fixed']);
    expect(broken.full.code).toBe(0);
    const refused = await both(['diff', 'broken', 'untouched-broken']);
    expect(refused.full.code).toBe(1);
    expect(refused.fast).toEqual(refused.full);
    const dup = await both(['diff', 'fixed', 'duplicate-id']);
    expect(dup.full.code).toBe(1);
    expect(dup.fast).toEqual(dup.full);
  }, 240_000);

  test('against the working tree: uncommitted edits, new and deleted files, a move, bytes git filters', async () => {
    // Each case changes the files on disk (never committed), is diffed against HEAD and the start both
    // ways, cold and warm, and is undone by a reset to the commit.
    const edited = ladderPath(ladders[2]!);
    const cases: Array<[string, () => Promise<void>]> = [
      ['clean', async () => {}],
      ['edit', async () => {
        const text = await repo.read(edited);
        await repo.write(edited, text.replace(/^(- |\* )?(.*\w)\.$/m, (_m, b = '', t) => `${b}${t}, in writing.`));
      }],
      ['untracked', async () => repo.write('ladders/on-disk.md', renderLadder({ ...ladders[4]!, id: 'on-disk', title: 'On Disk' }))],
      ['deleted', async () => repo.remove(ladderPath(ladders[1]!))],
      // Same id, new file name: the same ladder, unchanged.
      ['moved', async () => repo.rename(ladderPath(ladders[0]!), 'ladders/elsewhere.md')],
      ['broken', async () => repo.write(edited, (await repo.read(edited)).replace(/^owners: .*$/m, 'owners: 42'))],
      // Git calls the file unchanged (it compares after its eol conversion); its bytes are not the blob's.
      ['crlf', async () => {
        await repo.git('config', 'core.autocrlf', 'true');
        await repo.write(ladderPath(ladders[8]!), (await repo.read(ladderPath(ladders[8]!))).replace(/\n/g, '\r\n'));
      }],
      // A clean filter hides an edit from git: the ladder on disk says more than the blob it cleans to.
      ['filtered', async () => {
        await repo.git('config', 'filter.tidy.clean', "sed 's/, in ink//'");
        await writeFile(path.join(repo.root, '.git', 'info', 'attributes'), '*.md filter=tidy\n');
        const text = await repo.read(edited);
        await repo.write(edited, text.replace(/^(- |\* )?(.*\w)\.$/m, (_m, b = '', t) => `${b}${t}, in ink.`));
      }],
    ];
    const undo = async () => {
      await repo.git('config', 'core.autocrlf', 'false');
      await rm(path.join(repo.root, '.git', 'info', 'attributes'), { force: true });
      await repo.git('reset', '-q', '--hard');
      await repo.git('clean', '-qfd', 'ladders');
    };
    let compared = 0;
    try {
      for (const [name, change] of cases) {
        await change();
        if (name === 'crlf' || name === 'filtered') expect(await repo.git('diff', '--raw', 'HEAD')).toBe('');
        for (const pass of ['cold', 'warm']) {
          if (pass === 'cold') await rm(cacheDir(), { recursive: true, force: true });
          for (const base of ['HEAD', 'start']) {
            for (const format of base === 'HEAD' || pass === 'cold' ? ['json', 'text'] : ['json']) {
              const { fast, full } = await both(['diff', base, '--format', format]);
              expect({ name, pass, base, format, ...fast }).toEqual({ name, pass, base, format, ...full });
              compared++;
            }
          }
        }
        const run = await runLadder(repo.root, ['diff', 'HEAD', '--format', 'json'], { env: {} });
        const changed = JSON.parse(run.stdout || '{"ladders":[]}').ladders.filter((l: { status: string }) => l.status !== 'unchanged');
        expect({ name, code: run.code, changed: changed.length > 0 }).toEqual({ name, code: name === 'broken' ? 1 : 0, changed: ['edit', 'untracked', 'deleted', 'filtered'].includes(name) });
        await undo();
      }
    } finally {
      await undo();
    }
    expect(compared).toBe(cases.length * 7);
  }, 240_000);

  test('a fresh clone parses only what changed: unchanged ladders are read from their frontmatter', async () => {
    await rm(cacheDir(), { recursive: true, force: true });
    const { fast, full } = await both(['diff', 'start', 'deduplicated', '--format', 'json']);
    expect(fast).toEqual(full);
    // Nothing of the unchanged ladders was parsed, their titles come from `title:`: the cache holds no
    // summary of them, only their heads (an id and a title each) for the next diff.
    const entries = await Promise.all((await cacheEntries(cacheDir())).map(async (name) => JSON.parse(await readFile(path.join(cacheDir(), name), 'utf8')).summary));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => !['id,title', 'effective,id,title'].includes(Object.keys(e).sort().join()))).toEqual([]);
    expect(entries.filter((e) => e.effective === '2031-02-03')).toHaveLength(1);
    // A ladder whose frontmatter names no title is parsed (its title is its heading), and cached.
    const bare = renderLadder(ladders[1]!).replace(/^title: .*\n/m, '').replace(/^id: .*\n/m, '');
    await repo.write('ladders/no-title.md', bare);
    await repo.commit('no-title');
    await repo.write(ladderPath(ladders[2]!), renderLadder(ladders[2]!).replace(/^(- |\* )?(.*\w)\.$/m, (_m, b = '', t) => `${b}${t}, again.`));
    await repo.commit('after-no-title');
    try {
      const again = await both(['diff', 'HEAD~1', 'HEAD', '--format', 'json']);
      expect(again.fast).toEqual(again.full);
      expect({ code: again.fast.code, stderr: again.fast.stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(again.fast.stdout).ladders.find((l: { file: string }) => l.file === 'ladders/no-title.md').title).toBe(ladders[1]!.title);
      expect((await readdir(cacheDir())).length).toBeGreaterThan(0);
    } finally {
      await repo.git('reset', '-q', '--hard', 'HEAD~2');
    }
  });

  test('unchanged ladders are listed from the cache, not parsed again', async () => {
    await fillCache('edit-one');
    // Forge the entry of one unchanged ladder (valid key and checksum): its title shows, so it was not parsed.
    const target = ladderPath(ladders[0]!);
    let forged = 0;
    for (const sub of await readdir(cacheDir())) {
      for (const name of await readdir(path.join(cacheDir(), sub))) {
        const file = path.join(cacheDir(), sub, name);
        const entry = JSON.parse(await readFile(file, 'utf8'));
        if (entry.summary?.sibling?.file !== target) continue;
        entry.summary.title = 'Title From The Cache';
        entry.sum = createHash('sha1').update(JSON.stringify(entry.summary)).digest('hex');
        await writeFile(file, JSON.stringify(entry));
        forged++;
      }
    }
    expect(forged).toBeGreaterThan(0);
    const run = await runLadder(repo.root, ['diff', 'start', 'edit-one', '--format', 'json']);
    expect(JSON.parse(run.stdout).ladders.find((l: { file: string }) => l.file === target).title).toBe('Title From The Cache');
    // LADDER_CACHE=off reads nothing from disk: the real title again.
    const off = await runLadder(repo.root, ['diff', 'start', 'edit-one', '--format', 'json'], { env: { LADDER_CACHE: 'off' } });
    expect(JSON.parse(off.stdout).ladders.find((l: { file: string }) => l.file === target).title).toBe(ladders[0]!.title);
  });

  test('the heads a diff read from frontmatter are remembered, apart from the summaries', async () => {
    await rm(cacheDir(), { recursive: true, force: true });
    const args = ['diff', 'start', 'edit-one', '--format', 'json'];
    const first = await runLadder(repo.root, args);
    const target = ladders[0]!;
    let forged = 0;
    for (const name of await cacheEntries(cacheDir())) {
      const file = path.join(cacheDir(), name);
      const entry = JSON.parse(await readFile(file, 'utf8'));
      // A head is an id and a title, no more: the summaries of parsed files also say what they use.
      if (entry.summary?.id !== target.id || 'sibling' in entry.summary) continue;
      entry.summary.title = 'Title From A Head';
      entry.sum = createHash('sha1').update(JSON.stringify(entry.summary)).digest('hex');
      await writeFile(file, JSON.stringify(entry));
      forged++;
    }
    expect(forged).toBe(1);
    const again = await runLadder(repo.root, args);
    const title = (run: Run) => JSON.parse(run.stdout).ladders.find((l: { file: string }) => l.file === ladderPath(target)).title;
    expect([title(first), title(again)]).toEqual([target.title, 'Title From A Head']);
    await rm(cacheDir(), { recursive: true, force: true });
  });

  test('validate <file> knows the other ladders by the heads a diff remembered', async () => {
    await rm(cacheDir(), { recursive: true, force: true });
    await runLadder(repo.root, ['diff', 'start', 'edit-one', '--format', 'json']);
    // Forge the head of one unchanged ladder to take the checked ladder's id: validate reports the
    // duplicate, so it read that head rather than the ladder's frontmatter.
    const [other, checked] = [ladders[0]!, ladders[1]!];
    let forged = 0;
    for (const name of await cacheEntries(cacheDir())) {
      const file = path.join(cacheDir(), name);
      const entry = JSON.parse(await readFile(file, 'utf8'));
      if (entry.summary?.id !== other.id || 'sibling' in entry.summary) continue;
      entry.summary.id = checked.id.toUpperCase();
      entry.sum = createHash('sha1').update(JSON.stringify(entry.summary)).digest('hex');
      await writeFile(file, JSON.stringify(entry));
      forged++;
    }
    expect(forged).toBe(1);
    await repo.git('checkout', '-q', 'edit-one');
    try {
      const run = await runLadder(repo.root, ['validate', ladderPath(checked), '--format', 'json']);
      const duplicate = JSON.parse(run.stdout).filter((d: { ruleId: string }) => d.ruleId === 'duplicate-id');
      expect(duplicate.map((d: { message: string }) => d.message)).toEqual([expect.stringContaining(ladderPath(other))]);
      // Without the cache, the ladder's own frontmatter: no duplicate.
      const off = await runLadder(repo.root, ['validate', ladderPath(checked), '--format', 'json'], { env: { LADDER_CACHE: 'off' } });
      expect(off.stdout).not.toContain('duplicate-id');
    } finally {
      await repo.git('checkout', '-q', 'main');
      await rm(cacheDir(), { recursive: true, force: true });
    }
  });

  test('torn, edited or foreign cache entries are misses: the output stays the full path’s', async () => {
    await fillCache('deduplicated');
    let n = 0;
    for (const sub of await readdir(cacheDir())) {
      for (const name of await readdir(path.join(cacheDir(), sub))) {
        const file = path.join(cacheDir(), sub, name);
        const text = await readFile(file, 'utf8');
        const kind = n++ % 4;
        if (kind === 0) await writeFile(file, text.slice(0, text.length >> 1));
        else if (kind === 1) await writeFile(file, text.replace(/"clean":true/, '"clean":false'));
        else if (kind === 2) await writeFile(file, JSON.stringify({ ...JSON.parse(text), key: 'someone-else' }));
        else await writeFile(file, JSON.stringify({ ...JSON.parse(text), summary: { clean: true, sibling: { id: 1 } } }));
      }
    }
    expect(n).toBeGreaterThan(4);
    for (const args of [['diff', 'start', 'deduplicated', '--format', 'json'], ['validate', ladderPath(ladders[1]!)]]) {
      const { fast, full } = await both(args);
      expect(fast).toEqual(full);
    }
  });

  test('LADDER_CACHE_DIR holds the entries; a cache folder that cannot be written only costs parses', async () => {
    const dir = path.join(repo.root, '.git', 'elsewhere');
    const args = ['diff', 'start', 'edit-one', '--format', 'json'];
    const full = await runLadder(repo.root, args, { env: FULL });
    expect(await runLadder(repo.root, args, { env: { LADDER_CACHE_DIR: '.git/elsewhere' } })).toEqual(full);
    await runLadder(repo.root, ['validate', ladderPath(ladders[1]!)], { env: { LADDER_CACHE_DIR: '.git/elsewhere' } });
    expect((await readdir(dir)).length).toBeGreaterThan(0);
    // A file where the folder should be: every write fails, the result does not change.
    await writeFile(path.join(repo.root, '.git', 'not-a-folder'), 'x');
    expect(await runLadder(repo.root, args, { env: { LADDER_CACHE_DIR: '.git/not-a-folder' } })).toEqual(full);
    expect(await runLadder(repo.root, ['validate', ladderPath(ladders[1]!)], { env: { LADDER_CACHE_DIR: '.git/not-a-folder' } })).toEqual(
      await runLadder(repo.root, ['validate', ladderPath(ladders[1]!)], { env: FULL }),
    );
  });

  test('a config change (pinned shape, frontmatter-schema severity) is never answered from old entries', async () => {
    await runLadder(repo.root, ['diff', 'fixed', 'deduplicated']);
    await runLadder(repo.root, ['validate', ladderPath(ladders[1]!)]);
    const configs = [
      { rules: { 'frontmatter-schema': 'warning' } },
      { shapes: { [ladders[0]!.id]: 'table' } },
      { rules: { 'sibling-category': 'off' } },
    ];
    try {
      for (const config of configs) {
        await repo.write('ladders/ladder.config.json', JSON.stringify(config));
        for (const args of [['diff', 'broken', 'untouched-broken', '--format', 'json'], ['diff', 'start', 'deduplicated'], ['validate', ladderPath(ladders[1]!)]]) {
          const { fast, full } = await both(args);
          expect({ config, args, ...fast }).toEqual({ config, args, ...full });
        }
      }
    } finally {
      await repo.remove('ladders/ladder.config.json');
    }
  });
});

describe('validate <file>: sibling summaries equal parsing every sibling', () => {
  test('a translation is checked against its source parsed in full, its siblings skip it', async () => {
    const source = ladders[1]!;
    const translated = renderLadder(source)
      .replace(`id: ${source.id}`, `id: ${source.id}-de\ntranslationOf: ${source.id}@start\nlang: de`)
      .replace(/^(- |\* )?(.*\w)\.$/m, (_m, b = '', t) => `${b}${t} (übersetzt).`);
    await repo.write(`ladders/${source.id}.de.md`, translated);
    try {
      for (const file of [`ladders/${source.id}.de.md`, ladderPath(source), ladderPath(ladders[0]!)]) {
        for (const pass of ['cold', 'warm']) {
          const { fast, full } = await both(['validate', file, '--format', 'json']);
          expect({ file, pass, ...fast }).toEqual({ file, pass, ...full });
        }
      }
    } finally {
      await repo.remove(`ladders/${source.id}.de.md`);
    }
  }, 120_000);

  test('each ladder alone, at several steps, cold and warm, every format', async () => {
    for (const at of ['start', 'rename-id', 'deduplicated', 'child-edit']) {
      await repo.git('checkout', '-q', at);
      const files = (await repo.git('ls-files', 'ladders')).split('\n').filter((f) => f.endsWith('.md'));
      for (const pass of ['cold', 'warm']) {
        for (const file of files) {
          for (const format of pass === 'cold' ? ['json'] : ['json', 'stylish']) {
            const { fast, full } = await both(['validate', file, '--format', format]);
            expect({ at, pass, file, format, ...fast }).toEqual({ at, pass, file, format, ...full });
          }
        }
      }
    }
    await repo.git('checkout', '-q', 'main');
    // The cache is in use: sibling-category warnings name their siblings from it.
    expect((await cacheEntries(cacheDir())).length).toBeGreaterThan(ladders.length - 2);
    const run = await runLadder(repo.root, ['validate', ladderPath(ladders[1]!), '--format', 'json']);
    expect(run.stdout).toContain('sibling-category');
  }, 120_000);

  test('with no cache, only the siblings sibling-category needs are parsed, and the findings stay the same', async () => {
    // Eleven ladders with the same categories: once five of the ten others are read, the five left could
    // not make a category that this one lacks "used by most", so they are never parsed.
    const alike = await makeRepo();
    try {
      const text = renderLadder(ladders[0]!);
      for (let i = 0; i < 11; i++) await alike.write(`ladders/alike-${String(i).padStart(2, '0')}.md`, text.replace(`id: ${ladders[0]!.id}`, `id: alike-${String(i).padStart(2, '0')}`));
      await alike.commit('alike');
      const dir = path.join(alike.root, '.git', 'ladder-cache');
      const args = ['validate', 'ladders/alike-03.md', '--format', 'json'];
      const full = await runLadder(alike.root, args, { env: FULL });
      const cold = await runLadder(alike.root, args, { env: {} });
      expect(cold).toEqual(full);
      expect((await cacheEntries(dir)).length).toBe(5);
      // Warm: the five known are enough.
      const warm = await runLadder(alike.root, args, { env: {} });
      expect(warm).toEqual(full);
      expect((await cacheEntries(dir)).length).toBe(5);
      // A ladder that lacks a category all the others use reads every one of them, and says so.
      await alike.write('ladders/alike-03.md', '---\ntitle: Alike\nid: alike-03\n---\n\n# Alike\n\n## Level 1\n\n### Poise\n\n- Stays calm.\n\n## Level 2\n\n### Poise\n\n- Calms others.\n');
      const lacking = ['validate', 'ladders/alike-03.md', '--format', 'json'];
      const fullLacking = await runLadder(alike.root, lacking, { env: FULL });
      expect(fullLacking.stdout).toContain('sibling-category');
      expect(await runLadder(alike.root, lacking, { env: {} })).toEqual(fullLacking);
      expect((await cacheEntries(dir)).length).toBe(10);
    } finally {
      await alike.cleanup();
    }
  }, 60_000);
});
