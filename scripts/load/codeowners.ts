import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { UserError } from '../model/errors.js';
import { CODEOWNERS_PATH, codeownersPatch, renderCodeowners, type OwnedFile } from '../github/codeowners.js';
import { lightFacts } from './pr-check.js';
import { displayPath, findLadderFiles, loadLadderFile } from './workspace.js';

export function currentFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, CODEOWNERS_PATH);
  }
}

/**
 * The CODEOWNERS the repository at `root` should have, from its ladders' owners and the config.
 * `frontmatterOnly` reads owners without parsing the Markdown (the pull-request path, where every
 * ladder's full parse would cost seconds); it differs only for a ladder whose owners fail the schema.
 */
export function wantedCodeowners(root: string, opts: { frontmatterOnly?: boolean } = {}): { files: OwnedFile[]; wanted: string } {
  const config = loadConfig(root);
  const files: OwnedFile[] = findLadderFiles(root, config).map((absolute) => {
    if (opts.frontmatterOnly) return { path: displayPath(root, absolute), owners: lightFacts(readFileSync(absolute, 'utf8'), absolute).owners ?? [] };
    const result = loadLadderFile(root, absolute, config);
    // A ladder that fails to parse still has its frontmatter's owners: ownership must not lapse on a typo.
    const fm = result.facts.frontmatter?.data as { owners?: unknown } | undefined;
    const fromFm = Array.isArray(fm?.owners) ? fm.owners.filter((o): o is string => typeof o === 'string') : [];
    return { path: displayPath(root, absolute), owners: result.ladder?.owners ?? fromFm };
  });
  return { files, wanted: renderCodeowners({ files, defaultOwners: config.defaultOwners, laddersDir: config.laddersDir }) };
}

/** `codeowners --check` as a value: whether the file is current, and what to print when it is not. */
export function codeownersStatus(root: string, opts: { frontmatterOnly?: boolean } = {}): { current: boolean; report: string } {
  const { wanted } = wantedCodeowners(root, opts);
  const current = currentFile(join(root, CODEOWNERS_PATH));
  if (current === wanted) return { current: true, report: '' };
  return { current: false, report: current === null ? `${CODEOWNERS_PATH} is missing; it should be:\n${wanted}` : codeownersPatch(current, wanted) };
}
