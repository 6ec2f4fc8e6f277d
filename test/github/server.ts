/**
 * A small GitHub REST API for tests: real HTTP on two origins (the API and the uploads host, as
 * api.github.com and uploads.github.com), state in memory, GitHub-like shapes and status codes,
 * and faults injected on request. Every request is recorded so tests can assert "zero writes".
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Host = 'api' | 'uploads';

export interface User {
  login: string;
  id: number;
  type: 'Bot' | 'User';
}

export interface Comment {
  id: number;
  body: string;
  user: User;
  created_at: string;
  updated_at: string;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface Asset {
  id: number;
  name: string;
  label: string | null;
  /** GitHub leaves a failed upload behind as "starter"; a finished one is "uploaded". */
  state: 'uploaded' | 'starter';
  content_type: string;
  size: number;
  bytes: Buffer;
  releaseId: number;
  created_at: string;
}

export interface Release {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  created_at: string;
  published_at: string | null;
}

interface Issue {
  number: number;
  title: string;
  labels: string[];
  pull?: { baseRef: string; baseSha: string; headRef: string; headSha: string; files: string[]; author: string };
}

export interface Review {
  id: number;
  pull: number;
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commit_id: string;
  submitted_at: string;
}

interface RepoState {
  issues: Map<number, Issue>;
  comments: Map<number, Comment & { issue: number }>;
  labels: Map<string, Label>;
  releases: Map<number, Release>;
  assets: Map<number, Asset>;
  /** Commit statuses by SHA, oldest first (GitHub shows the latest per context). */
  statuses: Map<string, Array<{ context: string; state: string; description: string; creator: string }>>;
  reviews: Map<number, Review>;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  host: Host;
  path: string;
  query: Record<string, string>;
  status: number;
  /** Set when an injected fault answered instead of the API. */
  fault?: Fault['kind'];
  bodyBytes: number;
}

export interface Fault {
  kind: 'status' | 'primary-rate-limit' | 'secondary-rate-limit' | 'drop';
  /** For "status" (500, 502…) and rate limits (403 or 429). */
  status?: number;
  /** Seconds, sent as `retry-after` (secondary) or as the reset time (primary). */
  retryAfter?: number;
  method?: string;
  /** Substring or pattern of the path (without query). */
  path?: string | RegExp;
  host?: Host;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** Let this many matching requests through first (to fail in the middle of a sequence). */
  after?: number;
  /** For "drop": cut the connection mid-request (default), or after the server has done the work but before it answers. */
  phase?: 'request' | 'response';
}

export interface FakeGitHubOptions {
  /** Token -> user; requests without a known token get 401. */
  users?: Record<string, Omit<User, 'id'>>;
  /** Whether assets carry the `digest` field (github.com since 2025; older Enterprise Server does not). */
  digests?: boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const EPOCH = Date.UTC(2025, 0, 1);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[],
  ) {
    super(message);
  }
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  host: Host;
  url: URL;
  params: Record<string, string>;
  user: User;
  repo: RepoState;
  repoName: string;
  body(): Promise<Buffer>;
  json(): Promise<Record<string, unknown>>;
}

type Handler = (ctx: Ctx) => Promise<{ status: number; data?: unknown; headers?: Record<string, string>; raw?: Buffer } | void>;

interface Route {
  method: string;
  host: Host;
  re: RegExp;
  handler: Handler;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly tokens: Map<string, User>;
  readonly digests: boolean;
  apiUrl = '';
  uploadsUrl = '';
  private readonly repos = new Map<string, RepoState>();
  /** Team memberships: "org/team-slug" (lower case) → login (lower case) → state. */
  private readonly teams = new Map<string, Map<string, 'active' | 'pending'>>();
  private readonly faults: Array<Fault & { left: number; skip: number }> = [];
  private gates: Array<{ method: string; path: RegExp; count: number; waiting: Array<() => void> }> = [];
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private nextId = 1000;
  private clock = 0;
  private seq = 0;
  private readonly routes: Route[] = [];

  private constructor(opts: FakeGitHubOptions) {
    const users = opts.users ?? { 'test-token': { login: 'github-actions[bot]', type: 'Bot' } };
    this.tokens = new Map(Object.entries(users).map(([t, u], i) => [t, { ...u, id: 41898282 + i }]));
    this.digests = opts.digests ?? true;
    this.defineRoutes();
  }

  static async start(opts: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const gh = new FakeGitHub(opts);
    gh.apiUrl = await gh.listen('api');
    gh.uploadsUrl = await gh.listen('uploads');
    return gh;
  }

  /** Environment for the CLI: the API root, the first token, and the repository. */
  env(repo = 'acme/ladders'): Record<string, string> {
    return {
      GITHUB_API_URL: this.apiUrl,
      GITHUB_TOKEN: [...this.tokens.keys()][0]!,
      GITHUB_REPOSITORY: repo,
      LADDER_GITHUB_RETRY_SCALE: '0.001',
    };
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }

  // ---- test controls -------------------------------------------------------------------------

  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1, skip: fault.after ?? 0 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Holds the next `count` matching requests until all of them have arrived, then lets them through together. */
  gate(method: string, path: RegExp, count: number): void {
    this.gates.push({ method, path, count, waiting: [] });
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  }

  resetLog(): void {
    this.requests.length = 0;
  }

  // ---- state seeding and inspection ----------------------------------------------------------

  addPull(
    repo: string,
    number: number,
    pull: { title?: string; baseRef?: string; headRef?: string; baseSha?: string; headSha?: string; files?: string[]; author?: string } = {},
  ): void {
    // Adding a PR again is a push to it: its labels stay.
    this.state(repo).issues.set(number, {
      number,
      title: pull.title ?? `PR ${number}`,
      labels: this.state(repo).issues.get(number)?.labels ?? [],
      pull: {
        baseRef: pull.baseRef ?? 'main',
        baseSha: pull.baseSha ?? 'a'.repeat(40),
        headRef: pull.headRef ?? `topic-${number}`,
        headSha: pull.headSha ?? 'b'.repeat(40),
        files: pull.files ?? [],
        author: pull.author ?? this.state(repo).issues.get(number)?.pull?.author ?? 'author-of-pr',
      },
    });
  }

  /** A submitted review, as a reviewer's click leaves it; `commit` defaults to the PR's current head. */
  addReview(repo: string, pull: number, login: string, state: Review['state'], commit?: string): Review {
    const issue = this.state(repo).issues.get(pull);
    const r: Review = { id: this.id(), pull, login, state, commit_id: commit ?? issue?.pull?.headSha ?? 'b'.repeat(40), submitted_at: this.now() };
    this.state(repo).reviews.set(r.id, r);
    return r;
  }

  /** What "Dismiss review" does on GitHub: the review itself turns DISMISSED. */
  dismissReview(repo: string, id: number): void {
    const r = this.state(repo).reviews.get(id);
    if (r) r.state = 'DISMISSED';
  }

  setTeam(team: string, members: Record<string, 'active' | 'pending'>): void {
    this.teams.set(team.toLowerCase(), new Map(Object.entries(members).map(([l, s]) => [l.toLowerCase(), s])));
  }

  addComment(repo: string, issue: number, body: string, login = 'someone', type: User['type'] = 'User'): Comment {
    const c = { id: this.id(), issue, body, user: { login, id: 7, type }, created_at: this.now(), updated_at: this.now() };
    this.state(repo).comments.set(c.id, c);
    return c;
  }

  addLabel(repo: string, name: string, color = 'ededed'): void {
    this.state(repo).labels.set(name.toLowerCase(), { id: this.id(), name, color, description: null, default: false });
  }

  setIssueLabels(repo: string, issue: number, names: string[]): void {
    for (const n of names) if (!this.state(repo).labels.has(n.toLowerCase())) this.addLabel(repo, n);
    this.issue(this.state(repo), issue).labels = [...names];
  }

  comments(repo: string, issue: number): Comment[] {
    return [...this.state(repo).comments.values()].filter((c) => c.issue === issue).sort((a, b) => a.id - b.id);
  }

  issueLabels(repo: string, issue: number): string[] {
    return [...this.issue(this.state(repo), issue).labels];
  }

  repoLabels(repo: string): Label[] {
    return [...this.state(repo).labels.values()];
  }

  /** The latest status per context on a commit. */
  statuses(repo: string, sha: string): Record<string, { state: string; description: string; creator: string }> {
    const out: Record<string, { state: string; description: string; creator: string }> = {};
    for (const st of this.state(repo).statuses.get(sha) ?? []) out[st.context] = { state: st.state, description: st.description, creator: st.creator };
    return out;
  }

  releases(repo: string): Release[] {
    return [...this.state(repo).releases.values()];
  }

  assets(repo: string, releaseId: number): Asset[] {
    return [...this.state(repo).assets.values()].filter((a) => a.releaseId === releaseId).sort((a, b) => a.id - b.id);
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private state(repo: string): RepoState {
    let s = this.repos.get(repo);
    if (!s) {
      s = { issues: new Map(), comments: new Map(), labels: new Map(), releases: new Map(), assets: new Map(), statuses: new Map(), reviews: new Map() };
      this.repos.set(repo, s);
    }
    return s;
  }

  private issue(repo: RepoState, n: number): Issue {
    const i = repo.issues.get(n);
    if (!i) throw new HttpError(404, 'Not Found');
    return i;
  }

  private id(): number {
    return this.nextId++;
  }

  /** A clock that only moves forward, one second per event, so created_at orders like ids do. */
  private now(): string {
    return new Date(EPOCH + 1000 * this.clock++).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private listen(host: Host): Promise<string> {
    const server = createServer((req, res) => void this.handle(host, req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.servers.push(server);
    return new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });
  }

  private takeFault(method: string, host: Host, path: string): Fault | undefined {
    const i = this.faults.findIndex(
      (f) =>
        f.left > 0 &&
        (!f.method || f.method === method) &&
        (!f.host || f.host === host) &&
        (!f.path || (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path))),
    );
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (f.skip > 0) {
      f.skip--;
      return undefined;
    }
    f.left--;
    return f;
  }

  private async passGate(method: string, path: string): Promise<void> {
    const g = this.gates.find((x) => x.method === method && x.path.test(path));
    if (!g) return;
    await new Promise<void>((resolve) => {
      g.waiting.push(resolve);
      if (g.waiting.length >= g.count) {
        this.gates = this.gates.filter((x) => x !== g);
        for (const w of g.waiting) w();
      }
    });
  }

  private async handle(host: Host, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', host === 'api' ? this.apiUrl : this.uploadsUrl);
    const method = req.method ?? 'GET';
    const rec: RecordedRequest = {
      seq: ++this.seq,
      method,
      host,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      bodyBytes: 0,
    };
    this.requests.push(rec);
    let bodyPromise: Promise<Buffer> | undefined;
    const body = () =>
      (bodyPromise ??= new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const b = Buffer.concat(chunks);
          rec.bodyBytes = b.length;
          resolve(b);
        });
        req.on('error', reject);
      }));
    const send = (status: number, data: unknown, headers: Record<string, string> = {}, raw?: Buffer) => {
      rec.status = status;
      const payload = raw ?? (data === undefined ? undefined : Buffer.from(JSON.stringify(data)));
      res.writeHead(status, {
        'x-github-request-id': `FAKE:${rec.seq}`,
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        ...(payload && !raw ? { 'content-type': JSON_TYPE } : {}),
        ...(payload ? { 'content-length': String(payload.length) } : {}),
        ...headers,
      });
      res.end(payload);
    };

    try {
      await this.passGate(method, url.pathname);
      const fault = this.takeFault(method, host, url.pathname);
      let dropAnswer = false;
      if (fault) {
        rec.fault = fault.kind;
        if (fault.kind === 'drop' && fault.phase === 'response') dropAnswer = true;
        else if (await this.applyFault(fault, req, res, rec, url, send)) return;
      }
      const route = this.routes.find((r) => r.method === method && r.host === host && r.re.test(url.pathname));
      // Downloads of asset bytes are pre-signed (no token), as GitHub's redirect target is.
      const user = this.authenticate(req, route?.re.source.includes('download') ?? false);
      if (!route) throw new HttpError(404, 'Not Found');
      const m = route.re.exec(url.pathname)!;
      const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      const repoName = params.owner && params.repo ? `${params.owner}/${params.repo}` : '';
      const ctx: Ctx = {
        req,
        res,
        host,
        url,
        params,
        user,
        repo: this.state(repoName),
        repoName,
        body,
        json: async () => {
          const b = await body();
          if (b.length === 0) return {};
          try {
            const v = JSON.parse(b.toString('utf8')) as unknown;
            if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
            return v as Record<string, unknown>;
          } catch {
            throw new HttpError(400, 'Problems parsing JSON');
          }
        },
      };
      const out = await route.handler(ctx);
      if (dropAnswer) {
        // The write happened; the client never hears about it (and will likely retry).
        rec.status = -1;
        req.socket.destroy();
        return;
      }
      if (!res.headersSent && !res.destroyed) {
        if (!out) send(204, undefined);
        else send(out.status, out.data, out.headers, out.raw);
      }
    } catch (err) {
      if (res.headersSent || res.destroyed) return;
      if (err instanceof HttpError) {
        send(err.status, {
          message: err.message,
          ...(err.errors ? { errors: err.errors } : {}),
          documentation_url: 'https://docs.github.com/rest',
          status: String(err.status),
        });
      } else {
        send(500, { message: `fake server bug: ${(err as Error).message}` });
      }
    }
  }

  private authenticate(req: IncomingMessage, anonymousOk: boolean): User {
    const header = req.headers.authorization ?? '';
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
    const user = m ? this.tokens.get(m[1]!) : undefined;
    if (user) return user;
    if (anonymousOk) return { login: 'anonymous', id: 0, type: 'User' };
    throw new HttpError(401, 'Bad credentials');
  }

  /** Returns true when the fault answered (or killed) the request. */
  private async applyFault(
    fault: Fault,
    req: IncomingMessage,
    res: ServerResponse,
    rec: RecordedRequest,
    url: URL,
    send: (s: number, d: unknown, h?: Record<string, string>, raw?: Buffer) => void,
  ): Promise<boolean> {
    switch (fault.kind) {
      case 'status': {
        const status = fault.status ?? 500;
        // GitHub's 502 comes from the load balancer as HTML, not JSON.
        if (status === 502) send(502, undefined, { 'content-type': 'text/html' }, Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>'));
        else send(status, { message: 'Server Error' });
        return true;
      }
      case 'secondary-rate-limit':
        send(
          fault.status ?? 403,
          {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          },
          { 'retry-after': String(fault.retryAfter ?? 1) },
        );
        return true;
      case 'primary-rate-limit': {
        const reset = Math.ceil(Date.now() / 1000) + (fault.retryAfter ?? 1);
        send(
          fault.status ?? 403,
          { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        );
        return true;
      }
      case 'drop': {
        // Read part of the body, leave a "starter" asset behind as GitHub does, then cut the connection.
        const expected = Number(req.headers['content-length'] ?? 0);
        let seen = 0;
        await new Promise<void>((resolve) => {
          const stop = () => {
            req.off('data', onData);
            resolve();
          };
          const onData = (c: Buffer) => {
            seen += c.length;
            if (seen >= Math.max(1, expected / 2)) stop();
          };
          req.on('data', onData);
          req.on('end', stop);
          req.on('error', stop);
        });
        rec.bodyBytes = seen;
        const m = /\/repos\/([^/]+)\/([^/]+)\/releases\/(\d+)\/assets$/.exec(url.pathname);
        const name = url.searchParams.get('name');
        if (m && name) {
          const repo = this.state(`${m[1]}/${m[2]}`);
          const releaseId = Number(m[3]);
          if (repo.releases.has(releaseId) && ![...repo.assets.values()].some((a) => a.releaseId === releaseId && a.name === name)) {
            const id = this.id();
            repo.assets.set(id, {
              id,
              name,
              label: null,
              state: 'starter',
              content_type: String(req.headers['content-type'] ?? 'application/octet-stream'),
              size: 0,
              bytes: Buffer.alloc(0),
              releaseId,
              created_at: this.now(),
            });
          }
        }
        rec.status = -1;
        req.socket.destroy();
        return true;
      }
    }
  }

  // ---- shapes --------------------------------------------------------------------------------

  private commentJson(repoName: string, c: Comment & { issue: number }) {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.apiUrl}/repos/${repoName}/issues/comments/${c.id}`,
      html_url: `https://github.test/${repoName}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.apiUrl}/repos/${repoName}/issues/${c.issue}`,
      body: c.body,
      user: c.user,
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
  }

  private labelJson(repoName: string, l: Label) {
    return { ...l, url: `${this.apiUrl}/repos/${repoName}/labels/${encodeURIComponent(l.name)}` };
  }

  private assetJson(repoName: string, a: Asset) {
    const release = this.state(repoName).releases.get(a.releaseId)!;
    return {
      id: a.id,
      node_id: `RA_${a.id}`,
      name: a.name,
      label: a.label,
      state: a.state,
      content_type: a.content_type,
      size: a.size,
      ...(this.digests ? { digest: a.state === 'uploaded' ? `sha256:${createHash('sha256').update(a.bytes).digest('hex')}` : null } : {}),
      download_count: 0,
      url: `${this.apiUrl}/repos/${repoName}/releases/assets/${a.id}`,
      browser_download_url: `https://github.test/${repoName}/releases/download/${release.tag_name}/${a.name}`,
      created_at: a.created_at,
      updated_at: a.created_at,
      uploader: { login: 'github-actions[bot]', type: 'Bot' },
    };
  }

  private releaseJson(repoName: string, r: Release) {
    return {
      ...r,
      url: `${this.apiUrl}/repos/${repoName}/releases/${r.id}`,
      html_url: `https://github.test/${repoName}/releases/tag/${r.tag_name}`,
      assets_url: `${this.apiUrl}/repos/${repoName}/releases/${r.id}/assets`,
      upload_url: `${this.uploadsUrl}/repos/${repoName}/releases/${r.id}/assets{?name,label}`,
      assets: this.assets(repoName, r.id).map((a) => this.assetJson(repoName, a)),
      author: { login: 'github-actions[bot]', type: 'Bot' },
    };
  }

  /** GitHub pagination: `per_page` (default 30, max 100), `page`, and a `Link` header. */
  private page<T>(ctx: Ctx, items: T[]): { status: number; data: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Math.max(1, Number(ctx.url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(ctx.url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const u = new URL(ctx.url);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(p));
      return `<${u.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    return {
      status: 200,
      data: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length ? { link: links.join(', ') } : {},
    };
  }

  private defineRoutes(): void {
    const R = '/repos/(?<owner>[^/]+)/(?<repo>[^/]+)';
    const on = (method: string, host: Host, path: string, handler: Handler) =>
      this.routes.push({ method, host, re: new RegExp(`^${path}$`), handler });
    const str = (v: unknown, field: string, resource: string): string => {
      if (typeof v !== 'string') throw new HttpError(422, 'Invalid request.', [{ resource, field, code: 'missing_field' }]);
      return v;
    };

    // -- issue comments
    // As GitHub: a user token may read its user; an Actions (installation) token may not.
    on('GET', 'api', '/user', async (ctx) => {
      if (ctx.user.type === 'Bot') throw new HttpError(403, 'Resource not accessible by integration');
      return { status: 200, data: { login: ctx.user.login, id: ctx.user.id, type: ctx.user.type } };
    });
    on('GET', 'api', `${R}/issues/(?<n>\\d+)/comments`, async (ctx) => {
      this.issue(ctx.repo, Number(ctx.params.n));
      const list = [...ctx.repo.comments.values()].filter((c) => c.issue === Number(ctx.params.n)).sort((a, b) => a.id - b.id);
      return this.page(ctx, list.map((c) => this.commentJson(ctx.repoName, c)));
    });
    on('POST', 'api', `${R}/issues/(?<n>\\d+)/comments`, async (ctx) => {
      const issue = this.issue(ctx.repo, Number(ctx.params.n));
      const body = str((await ctx.json()).body, 'body', 'IssueComment');
      this.checkBody(body);
      const c = { id: this.id(), issue: issue.number, body, user: ctx.user, created_at: this.now(), updated_at: '' };
      c.updated_at = c.created_at;
      ctx.repo.comments.set(c.id, c);
      return { status: 201, data: this.commentJson(ctx.repoName, c) };
    });
    on('PATCH', 'api', `${R}/issues/comments/(?<id>\\d+)`, async (ctx) => {
      const c = ctx.repo.comments.get(Number(ctx.params.id));
      if (!c) throw new HttpError(404, 'Not Found');
      const body = str((await ctx.json()).body, 'body', 'IssueComment');
      this.checkBody(body);
      if (c.user.login !== ctx.user.login) throw new HttpError(403, 'Resource not accessible by integration');
      c.body = body;
      c.updated_at = this.now();
      return { status: 200, data: this.commentJson(ctx.repoName, c) };
    });
    on('DELETE', 'api', `${R}/issues/comments/(?<id>\\d+)`, async (ctx) => {
      const c = ctx.repo.comments.get(Number(ctx.params.id));
      if (!c) throw new HttpError(404, 'Not Found');
      if (c.user.login !== ctx.user.login) throw new HttpError(403, 'Resource not accessible by integration');
      ctx.repo.comments.delete(c.id);
    });

    // -- labels
    on('GET', 'api', `${R}/issues/(?<n>\\d+)/labels`, async (ctx) => {
      const issue = this.issue(ctx.repo, Number(ctx.params.n));
      return this.page(ctx, issue.labels.map((n) => this.labelJson(ctx.repoName, ctx.repo.labels.get(n.toLowerCase())!)));
    });
    on('POST', 'api', `${R}/issues/(?<n>\\d+)/labels`, async (ctx) => {
      const issue = this.issue(ctx.repo, Number(ctx.params.n));
      const names = (await ctx.json()).labels;
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || !n)) {
        throw new HttpError(422, 'Invalid request.', [{ resource: 'Label', field: 'labels', code: 'invalid' }]);
      }
      for (const name of names as string[]) {
        // As GitHub does, adding an unknown label to an issue creates it with the default colour.
        if (!ctx.repo.labels.has(name.toLowerCase())) this.addLabel(ctx.repoName, name);
        const canonical = ctx.repo.labels.get(name.toLowerCase())!.name;
        if (!issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) issue.labels.push(canonical);
      }
      return { status: 200, data: issue.labels.map((n) => this.labelJson(ctx.repoName, ctx.repo.labels.get(n.toLowerCase())!)) };
    });
    on('DELETE', 'api', `${R}/issues/(?<n>\\d+)/labels/(?<name>[^/]+)`, async (ctx) => {
      const issue = this.issue(ctx.repo, Number(ctx.params.n));
      const i = issue.labels.findIndex((l) => l.toLowerCase() === ctx.params.name!.toLowerCase());
      if (i < 0) throw new HttpError(404, 'Label does not exist');
      issue.labels.splice(i, 1);
      return { status: 200, data: issue.labels.map((n) => this.labelJson(ctx.repoName, ctx.repo.labels.get(n.toLowerCase())!)) };
    });
    on('GET', 'api', `${R}/labels/(?<name>[^/]+)`, async (ctx) => {
      const l = ctx.repo.labels.get(ctx.params.name!.toLowerCase());
      if (!l) throw new HttpError(404, 'Not Found');
      return { status: 200, data: this.labelJson(ctx.repoName, l) };
    });
    on('POST', 'api', `${R}/labels`, async (ctx) => {
      const input = await ctx.json();
      const name = str(input.name, 'name', 'Label');
      if (ctx.repo.labels.has(name.toLowerCase())) {
        throw new HttpError(422, 'Validation Failed', [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
      }
      const color = typeof input.color === 'string' ? input.color : 'ededed';
      if (!/^[0-9a-fA-F]{6}$/.test(color)) throw new HttpError(422, 'Validation Failed', [{ resource: 'Label', code: 'invalid', field: 'color' }]);
      const l: Label = { id: this.id(), name, color, description: typeof input.description === 'string' ? input.description : null, default: false };
      ctx.repo.labels.set(name.toLowerCase(), l);
      return { status: 201, data: this.labelJson(ctx.repoName, l) };
    });

    // -- commit statuses
    on('POST', 'api', `${R}/statuses/(?<sha>[0-9a-f]{40})`, async (ctx) => {
      const input = await ctx.json();
      const state = String(input.state);
      if (!['error', 'failure', 'pending', 'success'].includes(state)) throw new HttpError(422, 'Validation Failed', [{ resource: 'Status', code: 'invalid', field: 'state' }]);
      const description = typeof input.description === 'string' ? input.description : '';
      if (description.length > 140) throw new HttpError(422, 'Validation Failed', [{ resource: 'Status', code: 'custom', field: 'description' }]);
      const list = ctx.repo.statuses.get(ctx.params.sha!) ?? [];
      list.push({ context: typeof input.context === 'string' ? input.context : 'default', state, description, creator: ctx.user.login });
      ctx.repo.statuses.set(ctx.params.sha!, list);
      return { status: 201, data: { id: this.id(), state, description, context: input.context } };
    });

    // -- pulls
    on('GET', 'api', `${R}/pulls`, async (ctx) => {
      const open = [...ctx.repo.issues.values()].filter((i) => i.pull).sort((a, b) => b.number - a.number);
      return this.page(ctx, open.map((i) => ({ number: i.number, state: 'open', title: i.title, head: { ref: i.pull!.headRef, sha: i.pull!.headSha }, base: { ref: i.pull!.baseRef, sha: i.pull!.baseSha } })));
    });
    on('GET', 'api', `${R}/pulls/(?<n>\\d+)`, async (ctx) => {
      const issue = this.issue(ctx.repo, Number(ctx.params.n));
      if (!issue.pull) throw new HttpError(404, 'Not Found');
      const p = issue.pull;
      return {
        status: 200,
        data: {
          number: issue.number,
          state: 'open',
          title: issue.title,
          base: { ref: p.baseRef, sha: p.baseSha, repo: { full_name: ctx.repoName } },
          head: { ref: p.headRef, sha: p.headSha, repo: { full_name: ctx.repoName } },
          user: { login: p.author, id: 583231, type: 'User' },
          labels: issue.labels.map((n) => this.labelJson(ctx.repoName, ctx.repo.labels.get(n.toLowerCase())!)),
        },
      };
    });
    on('GET', 'api', `${R}/pulls/(?<n>\\d+)/files`, async (ctx) => {
      const issue = this.issue(ctx.repo, Number(ctx.params.n));
      if (!issue.pull) throw new HttpError(404, 'Not Found');
      return this.page(ctx, issue.pull.files.map((filename) => ({ filename, status: 'modified' })));
    });

    // -- reviews, oldest first, as GitHub lists them; pending reviews are only visible to their author
    on('GET', 'api', `${R}/pulls/(?<n>\\d+)/reviews`, async (ctx) => {
      const n = Number(ctx.params.n);
      const issue = this.issue(ctx.repo, n);
      if (!issue.pull) throw new HttpError(404, 'Not Found');
      const list = [...ctx.repo.reviews.values()].filter((r) => r.pull === n && r.state !== 'PENDING').sort((a, b) => a.id - b.id);
      return this.page(
        ctx,
        list.map((r) => ({
          id: r.id,
          node_id: `PRR_${r.id}`,
          user: { login: r.login, id: 9000 + r.id, type: 'User' },
          body: '',
          state: r.state,
          html_url: `https://github.test/${ctx.repoName}/pull/${n}#pullrequestreview-${r.id}`,
          pull_request_url: `${this.apiUrl}/repos/${ctx.repoName}/pulls/${n}`,
          author_association: 'MEMBER',
          submitted_at: r.submitted_at,
          commit_id: r.commit_id,
        })),
      );
    });

    // -- team memberships: 404 for a non-member, as GitHub answers; an Actions token may not read them
    on('GET', 'api', '/orgs/(?<org>[^/]+)/teams/(?<team>[^/]+)/memberships/(?<user>[^/]+)', async (ctx) => {
      if (ctx.user.type === 'Bot') throw new HttpError(403, 'Resource not accessible by integration');
      const team = this.teams.get(`${ctx.params.org}/${ctx.params.team}`.toLowerCase());
      const state = team?.get(ctx.params.user!.toLowerCase());
      if (!state) throw new HttpError(404, 'Not Found');
      return { status: 200, data: { url: `${this.apiUrl}/teams/1/memberships/${ctx.params.user}`, role: 'member', state } };
    });

    // -- releases
    const release = (ctx: Ctx): Release => {
      const r = ctx.repo.releases.get(Number(ctx.params.id));
      if (!r) throw new HttpError(404, 'Not Found');
      return r;
    };
    on('GET', 'api', `${R}/releases`, async (ctx) => {
      const list = [...ctx.repo.releases.values()].sort((a, b) => b.id - a.id);
      return this.page(ctx, list.map((r) => this.releaseJson(ctx.repoName, r)));
    });
    on('GET', 'api', `${R}/releases/tags/(?<tag>.+)`, async (ctx) => {
      // Drafts are invisible here on GitHub: only the list shows them.
      const r = [...ctx.repo.releases.values()].find((x) => x.tag_name === ctx.params.tag && !x.draft);
      if (!r) throw new HttpError(404, 'Not Found');
      return { status: 200, data: this.releaseJson(ctx.repoName, r) };
    });
    on('GET', 'api', `${R}/releases/(?<id>\\d+)`, async (ctx) => ({ status: 200, data: this.releaseJson(ctx.repoName, release(ctx)) }));
    on('POST', 'api', `${R}/releases`, async (ctx) => {
      const input = await ctx.json();
      const tag = str(input.tag_name, 'tag_name', 'Release');
      if ([...ctx.repo.releases.values()].some((r) => r.tag_name === tag && !r.draft) && input.draft !== true) {
        throw new HttpError(422, 'Validation Failed', [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
      }
      const draft = input.draft === true;
      const r: Release = {
        id: this.id(),
        tag_name: tag,
        target_commitish: typeof input.target_commitish === 'string' ? input.target_commitish : 'main',
        name: typeof input.name === 'string' ? input.name : null,
        body: typeof input.body === 'string' ? input.body : null,
        draft,
        prerelease: input.prerelease === true,
        created_at: this.now(),
        published_at: draft ? null : this.now(),
      };
      ctx.repo.releases.set(r.id, r);
      return { status: 201, data: this.releaseJson(ctx.repoName, r) };
    });
    on('PATCH', 'api', `${R}/releases/(?<id>\\d+)`, async (ctx) => {
      const r = release(ctx);
      const input = await ctx.json();
      if (typeof input.name === 'string') r.name = input.name;
      if (typeof input.body === 'string') r.body = input.body;
      if (typeof input.prerelease === 'boolean') r.prerelease = input.prerelease;
      if (typeof input.tag_name === 'string') r.tag_name = input.tag_name;
      if (typeof input.draft === 'boolean') {
        if (!input.draft && r.draft && [...ctx.repo.releases.values()].some((x) => x.id !== r.id && x.tag_name === r.tag_name && !x.draft)) {
          throw new HttpError(422, 'Validation Failed', [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
        }
        if (r.draft && !input.draft) r.published_at = this.now();
        r.draft = input.draft;
      }
      return { status: 200, data: this.releaseJson(ctx.repoName, r) };
    });

    // -- release assets
    on('DELETE', 'api', `${R}/releases/(?<id>\\d+)`, async (ctx) => {
      const r = release(ctx);
      ctx.repo.releases.delete(r.id);
      for (const a of this.assets(ctx.repoName, r.id)) ctx.repo.assets.delete(a.id);
      return { status: 204, data: null };
    });
    on('GET', 'api', `${R}/releases/(?<id>\\d+)/assets`, async (ctx) => {
      const r = release(ctx);
      return this.page(ctx, this.assets(ctx.repoName, r.id).map((a) => this.assetJson(ctx.repoName, a)));
    });
    on('POST', 'uploads', `${R}/releases/(?<id>\\d+)/assets`, async (ctx) => {
      const r = release(ctx);
      const name = ctx.url.searchParams.get('name');
      const bytes = await ctx.body();
      if (!name) throw new HttpError(422, 'Validation Failed', [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'name' }]);
      if (!ctx.req.headers['content-type']) throw new HttpError(422, 'Validation Failed', [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'content_type' }]);
      if (Number(ctx.req.headers['content-length']) !== bytes.length) throw new HttpError(400, 'Bad Content-Length');
      if (this.assets(ctx.repoName, r.id).some((a) => a.name === name)) {
        throw new HttpError(422, 'Validation Failed', [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }]);
      }
      const a: Asset = {
        id: this.id(),
        name,
        label: ctx.url.searchParams.get('label'),
        state: 'uploaded',
        content_type: String(ctx.req.headers['content-type']),
        size: bytes.length,
        bytes,
        releaseId: r.id,
        created_at: this.now(),
      };
      ctx.repo.assets.set(a.id, a);
      return { status: 201, data: this.assetJson(ctx.repoName, a) };
    });
    on('GET', 'api', `${R}/releases/assets/(?<id>\\d+)`, async (ctx) => {
      const a = ctx.repo.assets.get(Number(ctx.params.id));
      if (!a) throw new HttpError(404, 'Not Found');
      if ((ctx.req.headers.accept ?? '').includes('application/octet-stream')) {
        // GitHub redirects to pre-signed storage on another host.
        return { status: 302, headers: { location: `${this.uploadsUrl}/download/${ctx.repoName}/${a.id}` }, raw: Buffer.alloc(0) };
      }
      return { status: 200, data: this.assetJson(ctx.repoName, a) };
    });
    on('DELETE', 'api', `${R}/releases/assets/(?<id>\\d+)`, async (ctx) => {
      if (!ctx.repo.assets.delete(Number(ctx.params.id))) throw new HttpError(404, 'Not Found');
    });
    on('GET', 'uploads', `/download/(?<owner>[^/]+)/(?<repo>[^/]+)/(?<id>\\d+)`, async (ctx) => {
      const a = ctx.repo.assets.get(Number(ctx.params.id));
      if (!a) throw new HttpError(404, 'Not Found');
      return { status: 200, headers: { 'content-type': 'application/octet-stream' }, raw: a.bytes };
    });
  }

  private checkBody(body: string): void {
    if ([...body].length > 65536) {
      throw new HttpError(422, 'Validation Failed', [
        { resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' },
      ]);
    }
  }
}
