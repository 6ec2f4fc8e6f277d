import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, UserError } from '../model/errors.js';
import type { GitHub } from '../github/client.js';
import { isDay } from '../diff/notice.js';
import type { Runtime } from './runtime.js';

/** The GitHub client for a command: settings from the environment, retries reported on stderr. */
export async function connect(rt: Runtime, repoFlag?: string): Promise<GitHub> {
  const { clientOptionsFromEnv, createGitHub } = await import('../github/client.js');
  return createGitHub({ ...clientOptionsFromEnv(rt.env, repoFlag), warn: (line) => rt.stderr.write(`warning: ${line}\n`) });
}

/**
 * The client for team-membership reads (approvals by team): Actions' GITHUB_TOKEN cannot read an
 * organization's teams, so LADDER_TEAMS_TOKEN (read:org, or an app with Members: read) may stand in for
 * those reads only; every write still uses GITHUB_TOKEN.
 */
export async function connectTeams(rt: Runtime, repoFlag?: string): Promise<GitHub | undefined> {
  const token = rt.env.LADDER_TEAMS_TOKEN?.trim();
  if (!token) return undefined;
  return connect({ ...rt, env: { ...rt.env, GITHUB_TOKEN: token } }, repoFlag);
}

/**
 * The day a notice period counts from (check, comment): --today, else LADDER_TODAY, else undefined
 * (today in UTC, decided where the notice is judged). Anything but a real YYYY-MM-DD is a usage error.
 */
export function todayOption(flag: string | undefined, env: Runtime['env']): string | undefined {
  const today = flag ?? (env.LADDER_TODAY || undefined);
  if (today !== undefined && !isDay(today)) throw new UsageError(`${flag !== undefined ? '--today' : 'LADDER_TODAY'} must be a real date written YYYY-MM-DD (got "${today.slice(0, 40)}")`);
  return today;
}

/** A PR number, strictly: digits only, as it may come from an untrusted artifact. */
export function prNumber(value: string | undefined): number {
  if (value === undefined) throw new UsageError('--pr <number> is required');
  if (!/^[1-9][0-9]{0,9}$/.test(value.trim())) throw new UsageError(`--pr must be a pull request number (got "${value.slice(0, 40)}")`);
  return Number(value.trim());
}

export function readText(rt: Runtime, path: string): string {
  try {
    return readFileSync(resolve(rt.cwd, path), 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, path);
  }
}

/** A link to show in a comment: http(s) only, since it comes from the environment of a workflow. */
export function httpUrl(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} must be a URL (got "${value.slice(0, 80)}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${name} must be an http(s) URL`);
  return url.href;
}
