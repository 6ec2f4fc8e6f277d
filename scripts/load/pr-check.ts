// The pull-request path, scoped to what the pull request changes: on a repository of 200 ladders a PR
// usually edits one, and parsing the other 199 twice (diff) and again (validate) cost seconds per PR.
// Files the PR does not touch are identical on both sides, so their diff is "unchanged" by definition;
// they are listed from their frontmatter alone, and their validation already ran when they merged.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_FILES, type Config } from '../config/index.js';
import type { DiffResult, LadderComparison, LadderDiff } from '../diff/index.js';
import { diffRevisions } from './diff-revisions.js';
import { quickHead } from '../parse/index.js';
import { GUARD_MIN_BYTES } from './parse-guard.js';
import type { Repo } from '../git/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { runRules } from '../rules/index.js';
import { RevisionReader } from './revisions.js';
import { loadLadderFile, resolveInWorkspace } from './workspace.js';
import { byCodePoint } from '../model/order.js';
import { translationPin } from '../model/translation.js';
import { readPinnedSources } from './translations.js';

/** What a ladder's frontmatter says, read without parsing its Markdown. */
export interface LightFacts {
  id: string;
  title: string;
  owners?: string[];
  /** The parent's id, for a derived ladder. */
  extends?: string;
}

const FRONTMATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n/;

/** id, title and owners from the frontmatter; the file name and the first "# " heading stand in. */
export function lightFacts(text: string, file: string): LightFacts {
  let data: Record<string, unknown> = {};
  const m = FRONTMATTER.exec(text);
  if (m) {
    try {
      const parsed: unknown = parseYaml(m[1]!);
      if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
    } catch {
      // unreadable frontmatter: the file name and heading below, and validation says what is wrong
    }
  }
  const id = typeof data.id === 'string' && data.id !== '' ? data.id : path.posix.basename(file).replace(/\.md$/i, '');
  const heading = /^# +(.+?)\s*#*\s*$/m.exec(m ? text.slice(m[0].length) : text)?.[1];
  const title = typeof data.title === 'string' && data.title !== '' ? data.title : (heading ?? id);
  const owners = Array.isArray(data.owners) ? data.owners.filter((o): o is string => typeof o === 'string') : undefined;
  return { id, title, ...(owners ? { owners } : {}), ...(typeof data.extends === 'string' ? { extends: data.extends } : {}) };
}

export interface ScopedDiff {
  result: DiffResult;
  comparisons: LadderComparison[];
  /** Ladder files at head that the PR adds, changes or renames (repo paths). */
  changed: string[];
  /** Whether the PR changes the config, so every ladder must be validated again. */
  configChanged: boolean;
}


/**
 * `ladder diff base head`, parsing only the ladder files that differ between the two. The result is the
 * full diff's (a test holds the two equal): unchanged ladders are listed as such, from their frontmatter.
 */
export async function scopedDiff(repo: Repo, config: Config, cwd: string, base: string, head: string): Promise<ScopedDiff> {
  const reader = new RevisionReader(repo, config, cwd);
  const all = await repo.changes(base, head, repo.root);
  const ladderDir = path.relative(repo.root, reader.dir).split(path.sep).join('/');
  const configPaths = new Set(['package.json', ...CONFIG_FILES.map((f) => (ladderDir ? `${ladderDir}/${f}` : f))]);
  const configChanged = all.some((c) => configPaths.has(c.path) || (c.oldPath !== undefined && configPaths.has(c.oldPath)));
  const ladders = all.filter((c) => reader.isLadderPath(c.path) || (c.oldPath !== undefined && reader.isLadderPath(c.oldPath)));
  const atBase = new Set(ladders.filter((c) => c.status !== 'A').map((c) => c.oldPath ?? c.path));
  const atHead = new Set(ladders.filter((c) => c.status !== 'D').map((c) => c.path));
  const renames = ladders.filter((c) => c.status === 'R' && c.oldPath !== undefined).map((c) => ({ from: c.oldPath!, to: c.path }));
  const headFiles = (await repo.listFiles(head, reader.dir, '.md')).filter((f) => reader.isLadderPath(f.path));
  // A parent's edit changes the resolved ladders of the ladders that extend it: they are diffed too.
  const derived = headFiles.some((f) => f.content.includes('extends:'));
  const onlyHead = derived ? withDescendants(atHead, headFiles) : atHead;
  const onlyBase = derived ? withDescendants(atBase, (await repo.listFiles(base, reader.dir, '.md')).filter((f) => reader.isLadderPath(f.path))) : atBase;
  // The same diff `ladder diff` computes (policy, signal words, strict head), on the changed files only.
  const { result, comparisons } = await diffRevisions(repo, config, cwd, base, head, { only: { base: onlyBase, head: onlyHead }, renames });

  const unchanged: LadderDiff[] = [];
  for (const f of headFiles) {
    if (onlyHead.has(f.path)) continue;
    // The parser's own id and title when the frontmatter decides them (parse/head.ts), else a light read.
    const facts = quickHead(f.content, f.path, GUARD_MIN_BYTES) ?? lightFacts(f.content.toString('utf8'), f.path);
    unchanged.push({ id: facts.id, title: facts.title, status: 'unchanged', bump: 'none', file: f.path, changes: [] });
  }
  const merged = [...result.ladders, ...unchanged].sort((x, y) => byCodePoint(x.id, y.id) || byCodePoint(x.fromId ?? '', y.fromId ?? '') || byCodePoint(x.status, y.status));
  return { result: { ...result, ladders: merged }, comparisons, changed: [...atHead].sort(), configChanged };
}

/** `paths` plus every file whose `extends` chain reaches one of them, judged from frontmatter alone. */
function withDescendants(paths: ReadonlySet<string>, files: ReadonlyArray<{ path: string; content: Buffer }>): Set<string> {
  const facts = files.map((f) => ({ path: f.path, ...lightFacts(f.content.toString('utf8'), f.path) }));
  if (!facts.some((f) => f.extends !== undefined)) return new Set(paths);
  const out = new Set(paths);
  const changedIds = new Set(facts.filter((f) => out.has(f.path)).map((f) => f.id.toLowerCase()));
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of facts) {
      if (out.has(f.path) || f.extends === undefined || !changedIds.has(f.extends.toLowerCase())) continue;
      out.add(f.path);
      changedIds.add(f.id.toLowerCase());
      grew = true;
    }
  }
  return out;
}

/**
 * Validation of the PR's ladders: the changed files, or every ladder when the config changed. Rules that
 * compare a ladder with its siblings (sibling-category, a warning) see only the checked files here;
 * `ladder validate` runs them on the whole folder.
 */
export async function validateChanged(cwd: string, config: Config, files: readonly string[]): Promise<Diagnostic[]> {
  const results = files.map((absolute) => loadLadderFile(cwd, absolute, config));
  const checked = new Set(files.map((f) => path.resolve(f)));
  // A changed source makes its translations (`<laddersDir>/<id>.<lang>.md`) stale: they are checked too.
  const dir = path.resolve(cwd, config.laddersDir);
  const ids = new Set(results.flatMap((r) => (r.ladder && !translationPin(r.ladder) ? [r.ladder.id] : [])));
  if (ids.size > 0 && existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const id = name.split('.')[0]!;
      if (!ids.has(id) || !/^[^.]+\.[A-Za-z0-9-]+\.md$/.test(name) || checked.has(file)) continue;
      const result = loadLadderFile(cwd, file, config);
      if (result.ladder && translationPin(result.ladder)?.source === id) {
        results.push(result);
        checked.add(file);
      }
    }
  }
  // A changed translation is compared with its source (`<laddersDir>/<source id>.md`), read as context only.
  const context = results.flatMap((r) => {
    const source = r.ladder ? translationPin(r.ladder)?.source : undefined;
    const file = source === undefined ? undefined : path.resolve(cwd, config.laddersDir, `${source}.md`);
    return file && !checked.has(file) && existsSync(file) ? (loadLadderFile(cwd, file, config).ladder ?? []) : [];
  });
  const pinned = await readPinnedSources(cwd, config, [...results.flatMap((r) => r.ladder ?? []), ...context]);
  return runRules(resolveInWorkspace(cwd, config, results, files), config, { context, pinned });
}
