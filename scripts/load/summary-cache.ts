// What `validate <file>` needs of the other ladders and what `diff A B` needs of the ladders it did not
// change is small (sibling.ts: id, categories used; plus the title and whether the file reads cleanly),
// yet getting it meant parsing every ladder on every run. Summaries are kept here, keyed by everything a
// parse depends on: the bytes (git blob id), the path (default id, pinned shape), the shapes config,
// the frontmatter-schema severity and the code itself, so a stale entry can never change a result.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ParseResult } from '../parse/types.js';
import { resolveSeverities, rulesById } from '../rules/index.js';
import { siblingSummary, type Sibling } from '../rules/sibling.js';

/** One ladder file version, as the skipping paths need it. */
export interface LadderSummary {
  /** Absent when the parser could not build a ladder. */
  sibling?: Sibling;
  title?: string;
  /** The `effective:` date, which the diff lists for an unchanged ladder too. */
  effective?: string;
  /** Whether a strict read (the head of a diff) accepts it: a ladder, and no error from the parser or frontmatter-schema. */
  clean: boolean;
}

/** Bump when LadderSummary changes shape. */
const FORMAT = 'ladder-summary-5';

/**
 * Frontmatter the parser read but the model had to drop (`owners: 42`): the diff would report the
 * owners removed. The frontmatter-schema rule says so, at the severity config gives it (errors only).
 */
export function frontmatterProblems(result: ParseResult, config: Config): Diagnostic[] {
  const rule = rulesById.get('frontmatter-schema');
  const severity = resolveSeverities(config.rules).get('frontmatter-schema');
  const file = result.ladder?.file ?? result.diagnostics[0]?.file;
  if (!rule || severity !== 'error' || file === undefined) return [];
  return rule.run({ ladder: result.ladder, facts: result.facts, file, siblings: [], config }, 'error');
}

/** The errors that make a strict read refuse the file (RevisionReader.read with `strict`). */
export function strictErrors(result: ParseResult, config: Config): Diagnostic[] {
  return [...result.diagnostics, ...frontmatterProblems(result, config)].filter((d) => d.severity === 'error');
}

export function summarize(result: ParseResult, config: Config): LadderSummary {
  if (!result.ladder) return { clean: false };
  const { effective } = result.ladder.meta;
  return { sibling: siblingSummary(result.ladder), title: result.ladder.title, ...(effective !== undefined ? { effective } : {}), clean: strictErrors(result, config).length === 0 };
}

let codeId: string | undefined;

/**
 * The running code, hashed: every script next to this one (the compiled tree, the CLI's bundle, or the
 * Action's single bundle). A new build, however small, starts a fresh cache instead of trusting the old
 * parser's output.
 */
function codeFingerprint(): string {
  if (codeId) return codeId;
  const here = fileURLToPath(import.meta.url);
  const root = path.basename(path.dirname(here)) === 'load' ? path.dirname(path.dirname(here)) : path.dirname(here);
  const hash = createHash('sha1');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(?:js|mjs|cjs|ts)$/.test(e.name)) hash.update(`${path.relative(root, full)}\0`).update(readFileSync(full)).update('\0');
    }
  };
  walk(root);
  return (codeId = hash.digest('hex'));
}

/**
 * The `.git` of the repository whose top folder is `root` (a folder, or a worktree's `gitdir:` file),
 * without spawning git. Only `root` itself is looked at: a folder of ladders inside some other
 * repository keeps its summaries in memory rather than in that repository.
 */
export function findGitDir(root: string): string | undefined {
  const dotGit = path.join(path.resolve(root), '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const m = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    return m ? path.resolve(root, m[1]!.trim()) : undefined;
  } catch {
    return undefined;
  }
}

export interface CacheEnv {
  LADDER_CACHE?: string;
  LADDER_CACHE_DIR?: string;
}

/**
 * Summaries by (path, blob id), in memory and on disk: one small JSON file per entry under
 * `.git/ladder-cache/` (or LADDER_CACHE_DIR), written to a temporary name and renamed, so concurrent
 * runs never see half an entry. Every entry repeats its key and a checksum; one that does not match
 * (truncated, edited, another version) is a miss and is rewritten. `LADDER_CACHE=off` keeps it in memory.
 */
export class SummaryCache {
  private readonly memory = new Map<string, LadderSummary>();
  private readonly heads = new Map<string, CachedHead>();
  private salt: string | undefined;
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly dir: string | undefined,
    private readonly config: Config,
  ) {}

  static open(root: string, config: Config, env: CacheEnv = {}): SummaryCache {
    if (env.LADDER_CACHE === 'off') return new SummaryCache(undefined, config);
    const gitDir = findGitDir(root);
    const dir = env.LADDER_CACHE_DIR ? path.resolve(root, env.LADDER_CACHE_DIR) : gitDir ? path.join(gitDir, 'ladder-cache') : undefined;
    return new SummaryCache(dir, config);
  }

  /** The summary of one file version: from the cache, else from `parse()` (then stored). */
  get(file: string, blob: string, parse: () => ParseResult): LadderSummary {
    return this.known(file, blob) ?? this.add(file, blob, parse());
  }

  /** The cached summary of one file version, if any. */
  known(file: string, blob: string): LadderSummary | undefined {
    const key = this.key(file, blob);
    const found = this.memory.get(key) ?? this.load(key, valid);
    if (!found) return undefined;
    this.stats.hits++;
    this.memory.set(key, found);
    return found;
  }

  /**
   * What a diff needs of an unchanged file version whose frontmatter said it (parse/head.ts quickHead):
   * remembered apart from the summaries, so the next diff reads neither the blob nor its YAML, and the
   * next `validate <file>` knows that ladder without reading its YAML either.
   */
  knownHead(file: string, blob: string): CachedHead | undefined {
    const key = this.key(file, blob, 'head');
    const found = this.heads.get(key) ?? this.load(key, validHead);
    if (found) this.heads.set(key, found);
    return found;
  }

  addHead(file: string, blob: string, head: CachedHead): void {
    const key = this.key(file, blob, 'head');
    this.heads.set(key, head);
    this.store(key, head);
  }

  /** Stores the summary of a file version just parsed; returns it. */
  add(file: string, blob: string, result: ParseResult): LadderSummary {
    this.stats.misses++;
    const key = this.key(file, blob);
    const summary = summarize(result, this.config);
    this.memory.set(key, summary);
    this.store(key, summary);
    return summary;
  }

  private key(file: string, blob: string, kind = 'summary'): string {
    // In memory only (LADDER_CACHE=off, or no .git): one run, one config and one build, so the entry
    // needs no salt, and no hash to name a file (the salt's code fingerprint reads every script).
    if (!this.dir) return `${kind}\0${file}\0${blob}`;
    this.salt ??= JSON.stringify([FORMAT, codeFingerprint(), this.config.shapes, resolveSeverities(this.config.rules).get('frontmatter-schema')]);
    return createHash('sha1').update(this.salt).update('\0').update(kind).update('\0').update(file).update('\0').update(blob).digest('hex');
  }

  private entryPath(key: string): string {
    return path.join(this.dir!, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  private load<T>(key: string, isValid: (x: unknown) => x is T): T | undefined {
    if (!this.dir) return undefined;
    let text: string;
    try {
      text = readFileSync(this.entryPath(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { key?: unknown; sum?: unknown; summary?: unknown };
      const body = JSON.stringify(entry.summary);
      if (entry.key !== key || typeof body !== 'string' || entry.sum !== checksum(body)) return undefined;
      return isValid(entry.summary) ? entry.summary : undefined;
    } catch {
      return undefined;
    }
  }

  private store(key: string, summary: LadderSummary | CachedHead): void {
    if (!this.dir) return;
    const file = this.entryPath(key);
    const body = JSON.stringify(summary);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ key, sum: checksum(body), summary }));
      renameSync(tmp, file);
    } catch {
      // A read-only or full disk only costs the next run a parse.
      try {
        unlinkSync(tmp);
      } catch {
        // never written
      }
    }
  }
}

function checksum(body: string): string {
  return createHash('sha1').update(body).digest('hex');
}

function isPosition(p: unknown): boolean {
  const x = p as { line?: unknown; column?: unknown } | null;
  return typeof x === 'object' && x !== null && typeof x.line === 'number' && typeof x.column === 'number';
}

/**
 * What quickHead says of a file version: its id and title, its `translationOf` when a string, and (by
 * answering at all) that it reads cleanly, with no `extends`. All a sibling summary holds but the
 * categories: `validate <file>` takes these too, for the ladders a diff read before.
 */
export interface CachedHead {
  id: string;
  title: string;
  translationOf?: string;
  /** The `effective:` date (the diff lists it for an unchanged ladder). */
  effective?: string;
}

function validHead(h: unknown): h is CachedHead {
  const x = h as Record<string, unknown> | null;
  if (typeof x !== 'object' || x === null || typeof x.id !== 'string' || typeof x.title !== 'string') return false;
  return Object.keys(x).every((k) => k === 'id' || k === 'title' || ((k === 'translationOf' || k === 'effective') && typeof x[k] === 'string'));
}

/** The shape of a summary, checked: a well-formed entry of another shape is a miss, never a crash. */
function valid(s: unknown): s is LadderSummary {
  const x = s as Partial<LadderSummary> | null;
  if (typeof x !== 'object' || x === null || typeof x.clean !== 'boolean') return false;
  if (x.effective !== undefined && typeof x.effective !== 'string') return false;
  if (x.sibling === undefined) return x.title === undefined;
  const sib = x.sibling as Partial<Sibling>;
  return (
    typeof x.title === 'string' &&
    typeof sib.id === 'string' &&
    typeof sib.file === 'string' &&
    isPosition(sib.position) &&
    typeof sib.meta === 'object' &&
    sib.meta !== null &&
    (sib.meta.translationOf === undefined || typeof sib.meta.translationOf === 'string') &&
    (sib.derivedFrom === undefined || (Array.isArray(sib.derivedFrom) && sib.derivedFrom.every((id) => typeof id === 'string'))) &&
    Array.isArray(sib.used) &&
    sib.used.every((u) => typeof u?.name === 'string' && isPosition(u.position))
  );
}
