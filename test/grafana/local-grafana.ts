/**
 * A local stand-in for Grafana's HTTP API, written from Grafana's public HTTP API documentation
 * (test/grafana/CONTRACT.md lists what it implements and where each rule comes from). It is not
 * Grafana: it keeps dashboards, folders and versions in memory, checks Bearer tokens and basic auth,
 * and can be told to misbehave the way a real Grafana behind a real network does — 429 with
 * Retry-After, 5xx, connection resets, answers cut off mid-body, answers that stall, and
 * dashboards saved by someone else between a read and a write (412 version-mismatch).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { handleResources, type StoredDashboard } from './local-resources.js';

/**
 * What to do to one request instead of (or on top of) answering it:
 * - `status`: answer 429 or 5xx, changing nothing; `retryAfter` seconds go in Retry-After;
 * - `reset`: close the connection before the request is handled;
 * - `truncate`: handle it (a write lands), then send a Content-Length larger than the body sent and close;
 * - `stall`: handle it, send the headers and half the body, then nothing until the client gives up;
 * - `conflict`: on a dashboard save, someone saves the stored dashboard unchanged just before
 *   (its version moves on), so a save against the version read earlier gets Grafana's 412.
 */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'stall' }
  | { kind: 'conflict' };

export interface LocalGrafanaOptions {
  token: string;
  /** A user who may also sign in with basic auth, as Grafana's admin can. */
  basic?: { user: string; password: string };
  /** Offer the resource API, dashboard.grafana.app (Grafana 12): test/grafana/local-resources.ts. */
  k8s?: boolean;
  version?: string;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** Answer every request this late, to exercise timeouts and concurrency. */
  delayMs?: number;
  /** Echo the request's Authorization header in 401 answers, as a careless proxy might. */
  echoAuthorization?: boolean;
}

export interface LocalGrafana {
  url: string;
  dashboards: Map<string, StoredDashboard>;
  folders: Map<string, { uid: string; title: string; parentUid?: string }>;
  /** Every request as "METHOD path", for assertions about what the client did. */
  requests: string[];
  /** The most requests that were in flight at once. */
  maxInFlight(): number;
  /** The next N requests answer this status (429 or 5xx) before normal service resumes. */
  failNext(n: number, status: number): void;
  /** Decide a fault for every request from its number (0-based) and its "METHOD path". */
  inject(schedule: ((n: number, request: string) => Fault | undefined) | undefined): void;
  /** How many faults of each kind were served. */
  served: Record<Fault['kind'], number>;
  /** Requests repeated before the Retry-After they were given had passed. */
  earlyRetries(): number;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const reply = (status: number, body: unknown): Reply => ({ status, body });

export async function startLocalGrafana(opts: LocalGrafanaOptions): Promise<LocalGrafana> {
  const dashboards = new Map<string, StoredDashboard>();
  const folders = new Map<string, { uid: string; title: string; parentUid?: string }>();
  const requests: string[] = [];
  const served: Record<Fault['kind'], number> = { status: 0, reset: 0, truncate: 0, stall: 0, conflict: 0 };
  const notBefore = new Map<string, number>();
  let early = 0;
  let failures = { left: 0, status: 503 };
  let schedule: ((n: number, request: string) => Fault | undefined) | undefined;

  const handle = (req: IncomingMessage, url: URL, body: unknown, fault: Fault | undefined): Reply => {
    const path = url.pathname;
    if (path === '/api/health') return reply(200, { database: 'ok', version: opts.version ?? '12.2.0' });
    const accepted = [`Bearer ${opts.token}`];
    if (opts.basic) accepted.push(`Basic ${Buffer.from(`${opts.basic.user}:${opts.basic.password}`).toString('base64')}`);
    if (!accepted.includes(req.headers.authorization ?? ''))
      return reply(401, { message: opts.echoAuthorization ? `invalid credentials: ${req.headers.authorization ?? ''}` : 'Unauthorized' });

    // Service-account tokens have no user: Grafana answers /api/user with 404 for them.
    if (path === '/api/user') return reply(404, { message: 'user not found' });
    if (path === '/api/folders' && req.method === 'POST') {
      const f = body as { uid: string; title: string; parentUid?: string };
      if (folders.has(f.uid)) return reply(412, { status: 'version-mismatch', message: 'the folder has been changed by someone else' });
      if ([...folders.values()].some((o) => o.title.toLowerCase() === f.title.toLowerCase() && o.parentUid === f.parentUid))
        return reply(409, { message: 'a folder or dashboard in the general folder with the same name already exists' });
      if (f.parentUid && !folders.has(f.parentUid)) return reply(404, { message: 'parent folder not found' });
      folders.set(f.uid, f);
      return reply(200, { ...f, id: folders.size, url: `/dashboards/f/${f.uid}` });
    }
    const folderMatch = /^\/api\/folders\/([^/]+)$/.exec(path);
    if (folderMatch) {
      const uid = decodeURIComponent(folderMatch[1]!);
      const f = folders.get(uid);
      if (!f) return reply(404, { message: 'folder not found', status: 'not-found' });
      if (req.method === 'DELETE') {
        folders.delete(uid);
        for (const [k, d] of dashboards) if (d.folderUid === uid) dashboards.delete(k);
        return reply(200, '');
      }
      return reply(200, f);
    }
    if (path === '/api/dashboards/db' && req.method === 'POST') {
      const {
        dashboard,
        folderUid = '',
        overwrite,
      } = body as { dashboard: StoredDashboard['json'] & { version?: number }; folderUid?: string; overwrite?: boolean };
      if (!dashboard?.title) return reply(400, { message: 'Dashboard title cannot be empty', status: 'empty-name' });
      if (folderUid && !folders.has(folderUid)) return reply(400, { message: 'Folder not found' });
      const existing = dashboards.get(dashboard.uid);
      if (existing && fault?.kind === 'conflict') {
        existing.version += 1;
        existing.json = { ...existing.json, version: existing.version };
        served.conflict++;
      }
      if (existing && !overwrite && dashboard.version !== existing.version)
        return reply(412, { status: 'version-mismatch', message: 'The dashboard has been changed by someone else' });
      const twin = [...dashboards.values()].find(
        (o) => o.json.uid !== dashboard.uid && o.folderUid === folderUid && o.json.title.toLowerCase() === dashboard.title.toLowerCase(),
      );
      if (twin && !overwrite)
        return reply(412, { status: 'name-exists', message: 'A dashboard with the same name in the folder already exists' });
      // With overwrite, Grafana saves over the dashboard that has the title, whatever its uid.
      const target = twin ?? existing;
      const uid = twin ? twin.json.uid : dashboard.uid;
      const version = (target?.version ?? 0) + 1;
      dashboards.set(uid, { json: { ...dashboard, uid, id: 1, version }, folderUid, version });
      return reply(200, { id: 1, uid, status: 'success', version, url: `/d/${uid}`, slug: uid });
    }
    const dashMatch = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(path);
    if (dashMatch) {
      const uid = decodeURIComponent(dashMatch[1]!);
      const d = dashboards.get(uid);
      if (!d) return reply(404, { message: 'Dashboard not found' });
      if (req.method === 'DELETE') {
        dashboards.delete(uid);
        return reply(200, { title: d.json.title, message: `Dashboard ${d.json.title} deleted` });
      }
      return reply(200, { dashboard: d.json, meta: { folderUid: d.folderUid, version: d.version, slug: uid } });
    }
    if (path === '/api/search') {
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const page = Number(url.searchParams.get('page') ?? 1);
      if (url.searchParams.get('type') === 'dash-folder')
        return reply(
          200,
          [...folders.values()].map((f) => ({ uid: f.uid, title: f.title, type: 'dash-folder' })).slice((page - 1) * limit, page * limit),
        );
      const tags = url.searchParams.getAll('tag');
      const query = url.searchParams.get('query')?.toLowerCase();
      const hits = [...dashboards.values()]
        .filter((d) => tags.every((t) => ((d.json.tags as string[] | undefined) ?? []).includes(t)))
        .filter((d) => !query || d.json.title.toLowerCase().includes(query))
        .map((d) => ({
          uid: d.json.uid,
          title: d.json.title,
          type: 'dash-db',
          tags: (d.json.tags as string[] | undefined) ?? [],
          ...(d.folderUid ? { folderUid: d.folderUid } : {}),
        }));
      return reply(200, hits.slice((page - 1) * limit, page * limit));
    }
    const resources = handleResources(
      req,
      url,
      body,
      fault?.kind === 'conflict',
      { dashboards, folders, conflict: () => served.conflict++ },
      Boolean(opts.k8s),
    );
    if (resources) return resources;
    return reply(404, { message: 'Not found' });
  };

  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const request = `${req.method} ${url.pathname}${url.search}`;
    const n = requests.length;
    requests.push(request);
    const text = ['POST', 'PUT'].includes(req.method ?? '') ? await readText(req) : '';
    // The same request again: same method, path and body (many saves share one path).
    const key = `${request}\n${text}`;
    if ((notBefore.get(key) ?? 0) > Date.now()) early++;
    let fault = schedule?.(n, request);
    if (!fault && failures.left > 0) {
      failures.left--;
      fault = { kind: 'status', status: failures.status };
    }
    if (fault?.kind === 'reset') {
      served.reset++;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      served.status++;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) {
        headers['retry-after'] = String(fault.retryAfter);
        notBefore.set(key, Date.now() + fault.retryAfter * 1000);
      }
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify({ message: 'injected failure' }));
      return;
    }
    const { status, body: answer } = handle(req, url, text ? JSON.parse(text) : undefined, fault);
    const bytes = Buffer.from(typeof answer === 'string' ? answer : JSON.stringify(answer), 'utf8');
    if (fault?.kind === 'truncate' || fault?.kind === 'stall') {
      served[fault.kind]++;
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length + 64) });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      // Cut off: the connection closes with the promised bytes missing. Stalled: it stays open.
      if (fault.kind === 'truncate') setImmediate(() => res.socket?.destroy());
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
    res.end(bytes);
  };

  let inFlight = 0;
  let peak = 0;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    res.on('close', () => inFlight--);
    const answer = () =>
      respond(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(err) }));
      });
    if (opts.delayMs) setTimeout(answer, opts.delayMs);
    else void answer();
  };
  const server: Server = opts.tls ? createTlsServer(opts.tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    maxInFlight: () => peak,
    dashboards,
    folders,
    requests,
    served,
    earlyRetries: () => early,
    failNext(n, status) {
      failures = { left: n, status };
    },
    inject(s) {
      schedule = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
