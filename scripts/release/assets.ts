import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../model/errors.js';
import { ASSET_NAME_RE, changelogSection, contentType, formatSums, parseSums, RELEASE_BODY_LIMIT, SUMS_FILE } from '../github/release-plan.js';
import type { LocalFile } from '../github/releases.js';
import { sha256Hex } from './sums.js';

// What `ladder publish` uploads: the built release folder, checked against its SHA256SUMS, and its notes.

const sha256 = sha256Hex;

/**
 * The release assets: every regular file at the top of dist/, checked against dist/SHA256SUMS
 * (written by `ladder build`) so what we upload is what was built; SHA256SUMS is made when absent.
 */
export function readDist(dir: string, shown: string, warn: (line: string) => void): LocalFile[] {
  const files: LocalFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    if (!entry.isFile()) {
      warn(`skipping ${shown}/${entry.name}: release assets are files at the top of ${shown}/`);
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

/** The release notes: the given text, else the tag's CHANGELOG.md section, cut to GitHub's limit. */
export function releaseNotes(tag: string, distDir: string, shown: string, given: string | undefined, warn: (line: string) => void): string {
  let notes: string;
  if (given !== undefined) notes = given;
  else {
    const changelog = join(distDir, 'CHANGELOG.md');
    const section = existsSync(changelog) ? changelogSection(readFileSync(changelog, 'utf8'), tag) : null;
    if (section === null) warn(`no section for ${tag} in ${shown}/CHANGELOG.md; the release notes only point to the assets`);
    notes = section || `Career ladders ${tag}: one PDF and one HTML page per ladder, \`ladders.pdf\` with all of them, and \`SHA256SUMS\`.`;
  }
  notes = notes.replace(/\r\n?/g, '\n').trim();
  if (notes.length > RELEASE_BODY_LIMIT) {
    notes = `${notes.slice(0, RELEASE_BODY_LIMIT - 200).replace(/\n[^\n]*$/, '')}\n\n… (cut to GitHub's release-notes limit; see CHANGELOG.md in the assets)`;
  }
  return notes;
}
