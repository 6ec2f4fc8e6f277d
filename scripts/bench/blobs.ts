/**
 * Listing and reading ladder blobs straight from git, for the floors and the corpus summary.
 * The bench builds and reads its own fixture repositories; the product's git access stays in scripts/git.
 */
import { spawn } from 'node:child_process';
import { fixtureEnv, git } from './git-import.js';

const LADDER = /^ladders\/.+\.md$/;

/** Contents of the given blobs, from one `git cat-file --batch`. */
export function readBlobs(root: string, shas: readonly string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, env: fixtureEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file exited ${code}`));
      const all = Buffer.concat(chunks);
      const out = new Map<string, Buffer>();
      let at = 0;
      while (at < all.length) {
        const nl = all.indexOf(10, at);
        const [sha, type, size] = all.subarray(at, nl).toString('latin1').split(' ');
        if (type !== 'blob') return reject(new Error(`unexpected object ${sha} ${type}`));
        const n = Number(size);
        out.set(sha!, all.subarray(nl + 1, nl + 1 + n));
        at = nl + 1 + n + 1;
      }
      resolve(out);
    });
    child.stdin.end(shas.join('\n') + '\n');
  });
}

export async function treeBlobs(root: string, rev: string, into: Map<string, string>): Promise<void> {
  const listing = await git(root, ['ls-tree', '-r', '--full-tree', rev, '--', 'ladders']);
  for (const line of listing.split('\n')) {
    const m = /^\d+ blob ([0-9a-f]{40,64})\t(.+)$/.exec(line);
    if (m && LADDER.test(m[2]!)) into.set(m[1]!, m[2]!);
  }
}

export async function historyBlobs(root: string): Promise<Map<string, string>> {
  const listing = await git(root, ['rev-list', '--objects', '--all']);
  const blobs = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && LADDER.test(line.slice(space + 1))) blobs.set(line.slice(0, space), line.slice(space + 1));
  }
  return blobs;
}
