import { UserError } from '../model/errors.js';

/**
 * Everything that goes wrong talking to GitHub, as one-line UserErrors (exit 1, no stack trace).
 * Callers branch on the class, never on message text.
 */
export class GitHubError extends UserError {
  override name = 'GitHubError';
  constructor(
    message: string,
    /** HTTP status; 0 when no response arrived (network). */
    readonly status = 0,
    /** GitHub's `errors[]` of a 422, when present. */
    readonly details: ReadonlyArray<{ code?: string; field?: string; resource?: string; message?: string }> = [],
  ) {
    super(message);
  }
}

export class AuthError extends GitHubError {
  override name = 'AuthError';
}
export class NotFoundError extends GitHubError {
  override name = 'NotFoundError';
}
/** 422: GitHub refused the request's content (e.g. `already_exists`). */
export class ValidationError extends GitHubError {
  override name = 'ValidationError';
  has(code: string): boolean {
    return this.details.some((d) => d.code === code);
  }
}
export class RateLimitError extends GitHubError {
  override name = 'RateLimitError';
}
/** The connection failed or GitHub kept answering 5xx after every retry. */
export class UnavailableError extends GitHubError {
  override name = 'UnavailableError';
}

interface RequestErrorLike {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

function isRequestError(err: unknown): err is RequestErrorLike {
  return err instanceof Error && typeof (err as { status?: unknown }).status === 'number' && 'request' in err;
}

/** Path of a request URL without host and query, so messages stay short and never carry tokens. */
function shortUrl(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/**
 * Wraps Octokit's RequestError (or a network failure) into one of the classes above.
 * `doing` says what we were trying, e.g. "updating the PR comment".
 */
export function toGitHubError(err: unknown, doing: string): Error {
  if (err instanceof GitHubError) return err;
  if (!isRequestError(err)) return err instanceof Error ? err : new Error(String(err));
  const where = `${err.request?.method ?? ''} ${shortUrl(err.request?.url)}`.trim();
  const data = (err.response?.data ?? {}) as { message?: unknown; errors?: unknown };
  const apiMessage = typeof data.message === 'string' ? data.message : err.message;
  const details = Array.isArray(data.errors) ? (data.errors as GitHubError['details']) : [];
  const codes = details.map((d) => d.code ?? d.message).filter(Boolean);
  const firstLine = (s: string) => s.split('\n')[0]!.replace(/ - https:\/\/docs\.github\.com\S*$/, '');
  const head = `GitHub: ${doing} failed (${where})`;
  const headers = err.response?.headers ?? {};
  if (!err.response) {
    return new UnavailableError(`${head}: no response from the server (${firstLine(err.message)}) after retrying`, 0);
  }
  const status = err.status;
  if (status === 401) return new AuthError(`${head}: 401 ${firstLine(apiMessage)}; check GITHUB_TOKEN`, status);
  if ((status === 403 || status === 429) && (/rate limit/i.test(apiMessage) || headers['x-ratelimit-remaining'] === '0')) {
    return new RateLimitError(`${head}: ${status} rate limited by GitHub (${firstLine(apiMessage)}); retries exhausted, try again later`, status);
  }
  if (status === 403) {
    return new AuthError(`${head}: 403 ${firstLine(apiMessage)}; the token lacks a permission this step needs`, status);
  }
  if (status === 404) {
    return new NotFoundError(`${head}: 404 not found; check the repository, the number and the token's access`, status);
  }
  if (status === 422) {
    return new ValidationError(`${head}: 422 ${firstLine(apiMessage)}${codes.length ? ` (${codes.join(', ')})` : ''}`, status, details);
  }
  if (status >= 500) return new UnavailableError(`${head}: GitHub answered ${status} after retrying`, status);
  return new GitHubError(`${head}: ${status} ${firstLine(apiMessage)}`, status, details);
}
