import type { ChildProcess } from 'node:child_process';
import { GitFailedError } from './errors.js';
import { spawnError, spawnGit, type GitCounters } from './process.js';

const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const ARGS = ['cat-file', '--batch'] as const;

interface Pending {
  sha: string;
  resolve: (content: Buffer) => void;
  reject: (err: Error) => void;
}

interface Header {
  size: number;
  type: string;
}

/**
 * One long-lived `git cat-file --batch` serving every blob read of a Repo. Requests are pipelined;
 * answers come back in request order as "<sha> <type> <size>\n<bytes>\n", parsed by byte count so
 * binary content is safe.
 */
export class BlobReader {
  private child: ChildProcess | undefined;
  private readonly queue: Pending[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  private header: Header | undefined;
  private stderr = '';

  constructor(
    private readonly root: string,
    private readonly counters: GitCounters,
  ) {}

  read(sha: string): Promise<Buffer> {
    if (!OBJECT_ID.test(sha)) {
      return Promise.reject(new GitFailedError([...ARGS], null, '', `not an object id: "${sha}"`));
    }
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ sha, resolve, reject });
      setRef(child, true);
      child.stdin!.write(`${sha}\n`);
    });
  }

  close(): void {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    child.stdin!.end();
    this.failAll(new GitFailedError([...ARGS], null, '', 'the blob reader was closed'));
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    this.counters.catFile++;
    const child = spawnGit(this.root, ARGS, { counters: this.counters });
    this.child = child;
    this.chunks = [];
    this.buffered = 0;
    this.header = undefined;
    this.stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.drain();
    });
    child.stderr!.on('data', (c: Buffer) => (this.stderr += c.toString('utf8')));
    child.stdin!.on('error', () => {}); // reported through 'close' with git's stderr
    child.on('error', (e) => this.fail(child, spawnError([...ARGS], e)));
    child.on('close', (code) => {
      this.fail(child, new GitFailedError([...ARGS], code, this.stderr, this.stderr ? undefined : 'exited early'));
    });
    return child;
  }

  private fail(child: ChildProcess, err: Error): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.failAll(err);
  }

  private failAll(err: Error): void {
    for (const p of this.queue.splice(0)) p.reject(err);
  }

  private drain(): void {
    while (this.queue.length > 0) {
      if (!this.header) {
        const all = this.take(0);
        const nl = all.indexOf(10);
        if (nl < 0) return;
        const line = all.subarray(0, nl).toString('utf8');
        this.consume(nl + 1);
        const p = this.queue[0]!;
        const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(line);
        if (!m || m[1] !== p.sha) {
          this.queue.shift();
          const why = / missing$/.test(line) ? `object ${p.sha} is missing` : `unexpected reply "${line}"`;
          p.reject(new GitFailedError([...ARGS], null, '', why));
          continue;
        }
        this.header = { type: m[2]!, size: Number(m[3]) };
      }
      const { size, type } = this.header;
      if (this.buffered < size + 1) return; // content plus its trailing LF
      const content = Buffer.from(this.take(size).subarray(0, size));
      this.consume(size + 1);
      this.header = undefined;
      const p = this.queue.shift()!;
      if (type === 'blob') p.resolve(content);
      else p.reject(new GitFailedError([...ARGS], null, '', `object ${p.sha} is a ${type}, not a blob`));
    }
    if (this.child) setRef(this.child, false);
  }

  /** The buffered bytes as one Buffer holding at least `min` bytes (joins chunks only when needed). */
  private take(min: number): Buffer {
    if (this.chunks.length > 1 && (min === 0 || this.chunks[0]!.length < min)) {
      this.chunks = [Buffer.concat(this.chunks)];
    }
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(n: number): void {
    const first = this.take(n);
    this.chunks[0] = first.subarray(n);
    if (this.chunks[0].length === 0) this.chunks.shift();
    this.buffered -= n;
  }
}

// An idle reader must not keep the CLI alive if a caller forgets close(); a busy one must.
function setRef(child: ChildProcess, on: boolean): void {
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown[]) {
    const h = handle as { ref?: () => void; unref?: () => void } | null;
    if (on) h?.ref?.();
    else h?.unref?.();
  }
}
