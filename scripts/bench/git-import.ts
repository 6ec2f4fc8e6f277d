import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CorpusCommit } from './corpus.js';

// The benchmark builds its fixture repositories itself; the product's git access stays in scripts/git.

/** Environment for fixture git processes: none of the machine's config or hook variables. */
export function fixtureEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GIT_')) delete env[k];
  return { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
}

export function git(cwd: string, args: string[], input?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: fixtureEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.stdin.on('error', () => {}); // git may exit early; its exit code and stderr tell why
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`git ${args[0]} failed (${code}): ${err}`)),
    );
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

/** A new repository (branch main) holding `commits`, written with one `git fast-import`. */
export async function writeHistory(commits: readonly CorpusCommit[], dir?: string): Promise<string> {
  const root = dir ?? (await realpath(await mkdtemp(path.join(os.tmpdir(), 'ladder-bench-'))));
  await mkdir(root, { recursive: true });
  await git(root, ['init', '-q', '-b', 'main']);
  await git(root, ['fast-import', '--quiet'], fastImportStream(commits));
  await git(root, ['reset', '-q', '--hard', 'main']);
  return root;
}

/** The fast-import stream: side commits on their own branch, merges with two parents. */
export function fastImportStream(commits: readonly CorpusCommit[]): Buffer {
  const parts: Buffer[] = [];
  const line = (s: string) => void parts.push(Buffer.from(`${s}\n`));
  const data = (s: string) => {
    const b = Buffer.from(s);
    line(`data ${b.length}`);
    parts.push(b, Buffer.from('\n'));
  };
  let main = 0; // mark of main's tip
  commits.forEach((c, i) => {
    const mark = i + 1;
    line(`commit refs/heads/${c.side ? `pr/${mark}` : 'main'}`);
    line(`mark :${mark}`);
    line(`author ${c.author.name} <${c.author.email}> ${c.date} +0000`);
    line(`committer ${c.author.name} <${c.author.email}> ${c.date} +0000`);
    data(c.message);
    if (main > 0) line(`from :${main}`);
    if (c.merge) line(`merge :${mark - 1}`);
    for (const [file, content] of Object.entries(c.files)) {
      if (content === null) line(`D "${file}"`);
      else {
        line(`M 100644 inline "${file}"`);
        data(content);
      }
    }
    line('');
    if (!c.side) main = mark;
    if (c.tag) {
      line(`reset refs/tags/${c.tag}`);
      line(`from :${mark}`);
      line('');
    }
  });
  return Buffer.concat(parts);
}
