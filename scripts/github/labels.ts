import type { GitHub } from './client.js';
import { NotFoundError, ValidationError } from './errors.js';
import { POLICY_LABEL } from './policy.js';

import { BUMPS, type Bump } from '../diff/kinds.js';

export { BUMPS, type Bump };

export const LABEL_PREFIX = 'ladder:';

/** The four labels, with colours that rank the stakes (red → grey). */
export const BUMP_LABELS: Record<Bump, { name: string; color: string; description: string }> = {
  major: { name: 'ladder:major', color: 'b60205', description: 'Ladder change that raises the bar or breaks titles (major version)' },
  minor: { name: 'ladder:minor', color: 'fbca04', description: 'Ladder change that adds or lowers expectations (minor version)' },
  patch: { name: 'ladder:patch', color: '0e8a16', description: 'Editorial ladder change (patch version)' },
  none: { name: 'ladder:none', color: 'c5def5', description: 'No semantic ladder change' },
};

export interface LabelResult {
  label: string;
  added: boolean;
  removed: string[];
  createdInRepo: boolean;
  /** ladder:policy-change was added by this run. */
  policyAdded?: boolean;
}

/**
 * Leaves exactly one `ladder:*` label on the PR. Adds before removing so the PR never shows none,
 * tolerates concurrent runs (404 on remove, 422 already_exists on create), and writes nothing when
 * the labels are already right.
 */
export async function setBumpLabel(gh: GitHub, issue: number, bump: Bump, opts: { policyChange?: boolean } = {}): Promise<LabelResult> {
  const want = BUMP_LABELS[bump];
  const wanted = [want, ...(opts.policyChange ? [POLICY_LABEL] : [])];
  const current = (await gh.call(`listing labels of #${issue}`, (o) =>
    o.paginate(o.rest.issues.listLabelsOnIssue, { owner: gh.owner, repo: gh.repo, issue_number: issue, per_page: 100 }),
  )) as Array<{ name: string }>;
  const ladderLabels = current.map((l) => l.name).filter((n) => n.toLowerCase().startsWith(LABEL_PREFIX));
  const has = ladderLabels.some((n) => n.toLowerCase() === want.name);
  const stale = ladderLabels.filter((n) => !wanted.some((w) => w.name === n.toLowerCase()));

  let createdInRepo = false;
  const missing = wanted.filter((w) => !ladderLabels.some((n) => n.toLowerCase() === w.name));
  for (const label of missing) {
    createdInRepo = (await ensureRepoLabel(gh, label)) || createdInRepo;
    await gh.call(`labelling #${issue}`, (o) => o.rest.issues.addLabels({ owner: gh.owner, repo: gh.repo, issue_number: issue, labels: [label.name] }));
  }
  const removed: string[] = [];
  for (const name of stale) {
    try {
      await gh.call(`removing label ${name} from #${issue}`, (o) => o.rest.issues.removeLabel({ owner: gh.owner, repo: gh.repo, issue_number: issue, name }));
      removed.push(name);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }
  const policyAdded = opts.policyChange === true && missing.some((w) => w.name === POLICY_LABEL.name);
  return { label: want.name, added: !has, removed, createdInRepo, ...(policyAdded ? { policyAdded } : {}) };
}

/** Creates the repository label with our colour and description unless it exists. */
async function ensureRepoLabel(gh: GitHub, label: { name: string; color: string; description: string }): Promise<boolean> {
  try {
    await gh.call(`reading label ${label.name}`, (o) => o.rest.issues.getLabel({ owner: gh.owner, repo: gh.repo, name: label.name }));
    return false;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  try {
    await gh.call(`creating label ${label.name}`, (o) => o.rest.issues.createLabel({ owner: gh.owner, repo: gh.repo, ...label }));
    return true;
  } catch (err) {
    if (err instanceof ValidationError && err.has('already_exists')) return false;
    throw err;
  }
}
