import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RELEASE_TAG } from '../../git/index.js';
import { UsageError, UserError } from '../../model/errors.js';
import {
  ASSET_NAME_RE,
  changelogSection,
  contentType,
  formatSums,
  parseSums,
  RELEASE_BODY_LIMIT,
  SUMS_FILE,
  type ReleaseSpec,
} from '../../github/release-plan.js';
import type { LocalFile } from '../../github/releases.js';
import { parse } from '../args.js';
import { connect, readText } from '../github.js';
import type { Command, Runtime } from '../runtime.js';
import { sha256Hex } from '../../release/sums.js';


const sha256 = sha256Hex;

/**
 * The release assets: every regular file at the top of dist/, checked against dist/SHA256SUMS
 * (written by `ladder build`) so what we upload is what was built; SHA256SUMS is made when absent.
 */
function readDist(rt: Runtime, dir: string, shown: string): LocalFile[] {
  const files: LocalFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    if (!entry.isFile()) {
      rt.stderr.write(`warning: skipping ${shown}/${entry.name}: release assets are files at the top of ${shown}/\n`);
      continue;
    }
    if (!ASSET_NAME_RE.test(entry.name)) {
      throw new UserError(`"${entry.name}" cannot be a release asset name (letters, digits, ".", "_", "+", "-")`, `${shown}/${entry.name}`);
    }
    const data = readFileSync(join(dir, entry.name));
    files.push({ name: entry.name, size: data.length, sha256: sha256(data), contentType: contentType(entry.name), data });
  }
  const artifacts = files.filter((f) => f.name !== SUMS_FILE);
  if (artifacts.length === 0) throw new UserError(`no files to publish in ${shown}/`, shown);
  const sumsFile = files.find((f) => f.name === SUMS_FILE);
  if (!sumsFile) {
    const data = Buffer.from(formatSums(artifacts));
    return [...artifacts, { name: SUMS_FILE, size: data.length, sha256: sha256(data), contentType: contentType(SUMS_FILE), data }];
  }
  const listed = parseSums(Buffer.from(sumsFile.data).toString('utf8'), `${shown}/${SUMS_FILE}`);
  for (const f of artifacts) {
    const want = listed.get(f.name);
    if (want === undefined) throw new UserError(`${f.name} is not listed in ${SUMS_FILE}; rebuild with "ladder build"`, `${shown}/${SUMS_FILE}`);
    if (want !== f.sha256) throw new UserError(`${f.name} does not match its ${SUMS_FILE} entry; rebuild with "ladder build"`, `${shown}/${f.name}`);
    listed.delete(f.name);
  }
  const missing = [...listed.keys()];
  if (missing.length) throw new UserError(`${SUMS_FILE} lists files that are not in ${shown}/: ${missing.join(', ')}`, `${shown}/${SUMS_FILE}`);
  return files;
}

function releaseNotes(rt: Runtime, tag: string, distDir: string, shown: string, notesFile: string | undefined): string {
  let notes: string;
  if (notesFile !== undefined) notes = readText(rt, notesFile);
  else {
    const changelog = join(distDir, 'CHANGELOG.md');
    const section = existsSync(changelog) ? changelogSection(readFileSync(changelog, 'utf8'), tag) : null;
    if (section === null) rt.stderr.write(`warning: no section for ${tag} in ${shown}/CHANGELOG.md; the release notes only point to the assets\n`);
    notes = section || `Career ladders ${tag}: one PDF and one HTML page per ladder, \`ladders.pdf\` with all of them, and \`SHA256SUMS\`.`;
  }
  notes = notes.replace(/\r\n?/g, '\n').trim();
  if (notes.length > RELEASE_BODY_LIMIT) {
    notes = `${notes.slice(0, RELEASE_BODY_LIMIT - 200).replace(/\n[^\n]*$/, '')}\n\n… (cut to GitHub's release-notes limit; see CHANGELOG.md in the assets)`;
  }
  return notes;
}

export const command: Command = {
  summary: `Create or update the GitHub Release for a tag, idempotently: notes from the version's CHANGELOG.md
section, every file of the dist folder plus SHA256SUMS as assets. A new release stays a draft until all
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
    const files = readDist(rt, distDir, shown);
    const spec: ReleaseSpec = {
      tag,
      name: tag,
      body: releaseNotes(rt, tag, distDir, shown, values['notes-file']),
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
