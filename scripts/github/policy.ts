/**
 * Files that decide how a pull request is judged rather than what a ladder says: the config (bump
 * policy, rules, ignore), the workflows, the tool's code and dependencies, and CODEOWNERS. A PR that
 * changes them is judged by the base branch's copy (the privileged job runs the default branch), is
 * labelled `ladder:policy-change`, and needs `defaultOwners` (CODEOWNERS gives them these paths).
 */
import { CONFIG_FILES } from '../config/config.js';

export const POLICY_LABEL = { name: 'ladder:policy-change', color: '5319e7', description: 'Changes the ladder policy, workflows or tool: applies after merge' };

/** Repository paths (a trailing `/` means the folder) that hold policy; `laddersDir` from the trusted config. */
export function policyPaths(laddersDir: string): string[] {
  const dir = laddersDir.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return [
    ...CONFIG_FILES.map((f) => `${dir}/${f}`),
    'package.json',
    'package-lock.json',
    '.github/',
    'scripts/',
    'templates/',
    'action.yml',
    'action.yaml',
    'CODEOWNERS',
    'docs/CODEOWNERS',
  ];
}

/** The changed paths that touch policy, in the order given. */
export function policyChanges(changed: readonly string[], laddersDir: string): string[] {
  const patterns = policyPaths(laddersDir);
  return changed.filter((p) => patterns.some((pat) => (pat.endsWith('/') ? p.startsWith(pat) : p === pat)));
}
