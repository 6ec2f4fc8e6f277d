import type { Octokit } from '@octokit/rest';
import { UsageError, UserError } from '../model/errors.js';
import { toGitHubError } from './errors.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface ClientOptions {
  token: string;
  /** REST API root: https://api.github.com, or https://ghes.example.com/api/v3 on Enterprise Server. */
  baseUrl: string;
  repo: RepoRef;
  /**
   * Multiplies every wait: retry back-off, `retry-after`, the plugins' spacing of writes.
   * 1 in production; tests set LADDER_GITHUB_RETRY_SCALE=0.001 so honoured waits take milliseconds.
   */
  waitScale?: number;
  /** Retries of a 5xx or a dropped connection (plugin-retry). */
  retries?: number;
  /** Retries after a primary or secondary rate limit (plugin-throttling). */
  rateLimitRetries?: number;
  /** One line per retry, so a slow run says why it is slow. */
  warn?: (line: string) => void;
}

export interface GitHub {
  readonly octokit: Octokit;
  readonly owner: string;
  readonly repo: string;
  /** Runs one API call, turning Octokit errors into our named one-line errors. */
  call<T>(doing: string, fn: (octokit: Octokit) => Promise<T>): Promise<T>;
}

const REPO_RE = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/;

export function parseRepo(value: string): RepoRef {
  const m = REPO_RE.exec(value.trim());
  if (!m || m[2] === '.' || m[2] === '..') throw new UsageError(`repository must look like "owner/name" (got "${value}")`);
  return { owner: m[1]!, repo: m[2]! };
}

/** Longest honoured `retry-after`/reset wait; beyond it we fail with a clear message rather than hang a CI job. */
const MAX_WAIT_SECONDS = 15 * 60;

/**
 * Client settings from the environment GitHub Actions provides:
 * GITHUB_TOKEN, GITHUB_API_URL (Enterprise Server), GITHUB_REPOSITORY (owner/name) unless `--repo` is given.
 */
export function clientOptionsFromEnv(env: Record<string, string | undefined>, repoFlag?: string): ClientOptions {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) throw new UserError('GITHUB_TOKEN is not set; export a token that can access the repository');
  // Never quoted: a header library would echo the whole value back in its error.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new UserError('GITHUB_TOKEN holds a character no token has (a space, a control character or non-ASCII); check how it is set (the value is not shown)');
  }
  const repoText = repoFlag ?? env.GITHUB_REPOSITORY;
  if (!repoText) throw new UsageError('no repository: pass --repo owner/name or set GITHUB_REPOSITORY');
  const baseUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  let api: URL;
  try {
    api = new URL(baseUrl);
  } catch {
    // Not echoed: a mistyped value may hold credentials.
    throw new UserError(`GITHUB_API_URL is not a URL (${baseUrl.length} characters, not shown); expected e.g. https://ghes.example.com/api/v3`);
  }
  if (api.username || api.password) {
    throw new UserError(`GITHUB_API_URL must not carry credentials (${api.protocol}//***@${api.host}); put the token in GITHUB_TOKEN`);
  }
  if (api.protocol !== 'https:' && api.protocol !== 'http:') throw new UserError(`GITHUB_API_URL must be an http(s) URL (got ${api.protocol})`);
  const scaleText = env.LADDER_GITHUB_RETRY_SCALE;
  const waitScale = scaleText === undefined || scaleText === '' ? 1 : Number(scaleText);
  if (!Number.isFinite(waitScale) || waitScale < 0) throw new UserError(`LADDER_GITHUB_RETRY_SCALE must be a number >= 0 (got "${scaleText}")`);
  return { token, baseUrl, repo: parseRepo(repoText), waitScale };
}

let clientCount = 0;

/** Octokit with retry + throttling; loaded lazily so commands that never talk to GitHub never pay for it. */
export async function createGitHub(opts: ClientOptions): Promise<GitHub> {
  const [{ Octokit }, { retry }, { throttling }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const scale = opts.waitScale ?? 1;
  const retries = opts.retries ?? 3;
  const rateLimitRetries = opts.rateLimitRetries ?? 3;
  const warn = opts.warn ?? (() => {});
  const seconds = (s: number) => `${Math.round(s * scale * 1000) / 1000}s`;

  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
    const what = `${options.method ?? ''} ${options.url ?? ''}`.trim();
    if (retryCount >= rateLimitRetries) {
      warn(`GitHub ${kind} rate limit on ${what}: giving up after ${retryCount} retries`);
      return false;
    }
    if (retryAfter > MAX_WAIT_SECONDS) {
      warn(`GitHub ${kind} rate limit on ${what}: reset is ${retryAfter}s away, not waiting`);
      return false;
    }
    warn(`GitHub ${kind} rate limit on ${what}: retrying in ${seconds(retryAfter)} (${retryCount + 1}/${rateLimitRetries})`);
    return true;
  };

  // The plugin spaces writes 1s apart (3s for ones that notify) to stay clear of secondary limits.
  // Only when waits are scaled (tests) do we hand it equally shaped, faster groups.
  let groups: { write?: unknown; notifications?: unknown } = {};
  if (scale !== 1) {
    const { default: Bottleneck } = await import('bottleneck');
    groups = {
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 1000 * scale }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3000 * scale }),
    };
  }

  const Client = Octokit.plugin(retry, throttling);
  const octokit = new Client({
    auth: opts.token,
    baseUrl: opts.baseUrl,
    userAgent: 'ladder-cli',
    // Octokit logs every failed request as an error, expected 404s included; our named errors report real failures.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(m), error: () => {} },
    // 429 belongs to the throttling plugin (it honours retry-after); the retry plugin handles 5xx and dropped connections.
    retry: { retries, retryAfterBaseValue: 1000 * scale, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      // Separate limiter state per client: two runs in one process must not share spacing or counters.
      id: `ladder-${process.pid}-${++clientCount}`,
      retryAfterBaseValue: 1000 * scale,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      ...(groups as object),
    },
  }) as unknown as Octokit;

  return {
    octokit,
    owner: opts.repo.owner,
    repo: opts.repo.repo,
    async call(doing, fn) {
      try {
        return await fn(octokit);
      } catch (err) {
        throw toGitHubError(err, doing);
      }
    },
  };
}
