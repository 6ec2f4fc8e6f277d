import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RELEASE_TAG } from '../../git/index.js';
import { UsageError, UserError } from '../../model/errors.js';
import type { ReleaseSpec } from '../../github/release-plan.js';
import { readDist, releaseNotes } from '../../release/assets.js';
import { parse } from '../args.js';
import { connect, readText } from '../github.js';
import type { Command } from '../runtime.js';

export const command: Command = {
  summary: `Create or update the GitHub Release for a tag, idempotently: notes from the version's CHANGELOG.md
section (headed "Effective from …" when the annotated tag's message has a line effective: YYYY-MM-DD), every file of the dist folder plus SHA256SUMS as assets. A new release stays a draft until all
assets are uploaded and verified against SHA256SUMS. Equal assets are kept, different ones replaced,
leftovers of a crashed run redone; re-running after success changes nothing. Builds the dist folder
first when it does not exist.

Options:
  --tag <vX.Y.Z>        the release tag (required)
  --dist <dir>          the built release (default dist)
  --notes-file <file>   release notes instead of the CHANGELOG.md section
  --draft               leave the release as a draft
  --dry-run             print the plan; change nothing
  --repo <owner/name>   default $GITHUB_REPOSITORY`,
  usage: 'ladder publish --tag vX.Y.Z [--dist dist] [--notes-file f] [--draft] [--dry-run] [--repo owner/name]',
  async run(args, rt) {
    const { values } = parse(
      args,
      {
        tag: { type: 'string' },
        dist: { type: 'string', default: 'dist' },
        'notes-file': { type: 'string' },
        draft: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        repo: { type: 'string' },
      },
      false,
    );
    const tag = values.tag;
    if (tag === undefined) throw new UsageError('--tag vX.Y.Z is required');
    if (!RELEASE_TAG.test(tag)) throw new UsageError(`--tag must look like v1.2.3 (got "${tag}")`);
    const shown = values.dist.replace(/\/+$/, '') || '.';
    const distDir = resolve(rt.cwd, shown);

    if (!existsSync(distDir)) {
      if (values['dry-run']) throw new UserError(`no ${shown}/ folder; a dry run builds nothing (run "ladder build --out ${shown} --version ${tag}")`, shown);
      rt.stderr.write(`${shown}/ does not exist: building ${tag} first\n`);
      const { command: build } = await import('./build.js');
      const code = await build.run(['--out', shown, '--version', tag], rt);
      if (code !== 0) return code;
    }
    const warn = (line: string) => rt.stderr.write(`warning: ${line}\n`);
    const files = readDist(distDir, shown, warn);
    // A release-wide effective date in the tag's message heads the notes; ladders' own dates are in their sections.
    const { tagEffective } = await import('../../release/effective.js');
    const effective = await tagEffective(rt.cwd, tag);
    const notes = releaseNotes(tag, distDir, shown, values['notes-file'] === undefined ? undefined : readText(rt, values['notes-file']), warn);
    const spec: ReleaseSpec = {
      tag,
      name: tag,
      body: effective === undefined ? notes : `**Effective from ${effective}.**\n\n${notes}`,
      prerelease: tag.includes('-'),
      draft: values.draft,
    };

    const gh = await connect(rt, values.repo);
    const { publishRelease } = await import('../../github/releases.js');
    const result = await publishRelease(gh, spec, files, {
      dryRun: values['dry-run'],
      log: (line) => rt.stdout.write(line.endsWith('\n') ? line : `${line}\n`),
    });
    if (values['dry-run']) rt.stdout.write('dry run: nothing was changed\n');
    else if (result.url) rt.stdout.write(`${result.url}\n`);
    return 0;
  },
};
