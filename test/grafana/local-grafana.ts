/**
 * A local stand-in for Grafana's HTTP API, following its documented status codes and bodies and what
 * the real Grafana built by build-grafana.sh answered (test/grafana/FINDINGS.md), for the behaviours
 * that Grafana cannot be made to show on demand (429/5xx, the Kubernetes-style API of Grafana 12). It keeps dashboards, folders and versions in
 * memory, checks Bearer tokens, and can be told to fail a number of requests to exercise retries.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

interface StoredDashboard {
  json: Record<string, unknown> & { uid: string; title: string };
  folderUid: string;
  version: number;
}

export interface LocalGrafanaOptions {
  token: string;
  /** A user who may also sign in with basic auth, as Grafana's admin can. */
  basic?: { user: string; password: string };
  /** Offer the Kubernetes-style dashboard API (Grafana 12). */
  k8s?: boolean;
  version?: string;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** Answer every request this late, to exercise timeouts and concurrency. */
  delayMs?: number;
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
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startLocalGrafana(opts: LocalGrafanaOptions): Promise<LocalGrafana> {
  const dashboards = new Map<string, StoredDashboard>();
  const folders = new Map<string, { uid: string; title: string; parentUid?: string }>();
  const requests: string[] = [];
  let failures = { left: 0, status: 503 };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    requests.push(`${req.method} ${path}${url.search}`);
    if (failures.left > 0) {
      failures.left--;
      send(res, failures.status, { message: 'injected failure' });
      return;
    }
    if (path === '/api/health') return send(res, 200, { database: 'ok', version: opts.version ?? '12.2.0' });
    const accepted = [`Bearer ${opts.token}`];
    if (opts.basic) accepted.push(`Basic ${Buffer.from(`${opts.basic.user}:${opts.basic.password}`).toString('base64')}`);
    if (!accepted.includes(req.headers.authorization ?? '')) return send(res, 401, { message: 'Unauthorized' });
    const body = ['POST', 'PUT'].includes(req.method ?? '') ? await readBody(req) : undefined;

    // Service-account tokens have no user: Grafana answers /api/user with 404 for them.
    if (path === '/api/user') return send(res, 404, { message: 'user not found' });
    if (path === '/api/folders' && req.method === 'POST') {
      const f = body as { uid: string; title: string; parentUid?: string };
      if (folders.has(f.uid)) return send(res, 412, { status: 'version-mismatch', message: 'the folder has been changed by someone else' });
      if ([...folders.values()].some((o) => o.title.toLowerCase() === f.title.toLowerCase() && o.parentUid === f.parentUid))
        return send(res, 409, { message: 'a folder or dashboard in the general folder with the same name already exists' });
      if (f.parentUid && !folders.has(f.parentUid)) return send(res, 404, { message: 'parent folder not found' });
      folders.set(f.uid, f);
      return send(res, 200, { ...f, id: folders.size, url: `/dashboards/f/${f.uid}` });
    }
    const folderMatch = /^\/api\/folders\/([^/]+)$/.exec(path);
    if (folderMatch && req.method === 'GET') {
      const f = folders.get(decodeURIComponent(folderMatch[1]!));
      return f ? send(res, 200, f) : send(res, 404, { message: 'folder not found' });
    }
    if (path === '/api/dashboards/db' && req.method === 'POST') {
      const {
        dashboard,
        folderUid = '',
        overwrite,
      } = body as { dashboard: StoredDashboard['json'] & { version?: number }; folderUid?: string; overwrite?: boolean };
      if (!dashboard?.title) return send(res, 400, { message: 'Dashboard title cannot be empty', status: 'empty-name' });
      if (folderUid && !folders.has(folderUid)) return send(res, 400, { message: 'Folder not found' });
      const existing = dashboards.get(dashboard.uid);
      if (existing && !overwrite && dashboard.version !== existing.version)
        return send(res, 412, { status: 'version-mismatch', message: 'The dashboard has been changed by someone else' });
      // Grafana compares titles ignoring case; with overwrite it replaces the other dashboard instead.
      const twin = [...dashboards.values()].find(
        (o) => o.json.uid !== dashboard.uid && o.folderUid === folderUid && o.json.title.toLowerCase() === dashboard.title.toLowerCase(),
      );
      if (twin && !overwrite)
        return send(res, 412, { status: 'name-exists', message: 'A dashboard with the same name in the folder already exists' });
      if (twin) {
        const version = twin.version + 1;
        dashboards.set(twin.json.uid, { json: { ...dashboard, uid: twin.json.uid, id: 1, version }, folderUid, version });
        return send(res, 200, { id: 1, uid: twin.json.uid, status: 'success', version, url: `/d/${twin.json.uid}` });
      }
      const version = (existing?.version ?? 0) + 1;
      dashboards.set(dashboard.uid, { json: { ...dashboard, id: 1, version }, folderUid, version });
      return send(res, 200, { id: 1, uid: dashboard.uid, status: 'success', version, url: `/d/${dashboard.uid}` });
    }
    const dashMatch = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(path);
    if (dashMatch) {
      const uid = decodeURIComponent(dashMatch[1]!);
      const d = dashboards.get(uid);
      if (!d) return send(res, 404, { message: 'Dashboard not found' });
      if (req.method === 'DELETE') {
        dashboards.delete(uid);
        return send(res, 200, { title: d.json.title, message: `Dashboard ${d.json.title} deleted` });
      }
      return send(res, 200, { dashboard: d.json, meta: { folderUid: d.folderUid, version: d.version, slug: uid } });
    }
    if (path === '/api/search') {
      if (url.searchParams.get('type') === 'dash-folder')
        return send(
          res,
          200,
          [...folders.values()]
            .map((f) => ({ uid: f.uid, title: f.title, type: 'dash-folder' }))
            .slice(0, Number(url.searchParams.get('limit') ?? 1000)),
        );
      const tag = url.searchParams.get('tag');
      const query = url.searchParams.get('query')?.toLowerCase();
      const page = Number(url.searchParams.get('page') ?? 1);
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const hits = [...dashboards.values()]
        .filter((d) => !tag || ((d.json.tags as string[] | undefined) ?? []).includes(tag))
        .filter((d) => !query || d.json.title.toLowerCase().includes(query))
        .map((d) => ({ uid: d.json.uid, title: d.json.title, folderUid: d.folderUid, type: 'dash-db' }));
      return send(res, 200, hits.slice((page - 1) * limit, page * limit));
    }
    if (path === '/apis') {
      const groups = opts.k8s ? [{ name: 'dashboard.grafana.app', versions: [{ version: 'v1beta1' }, { version: 'v2beta1' }] }] : [];
      return send(res, opts.k8s ? 200 : 404, opts.k8s ? { kind: 'APIGroupList', groups } : { message: 'Not found' });
    }
    const k8s = /^\/apis\/dashboard\.grafana\.app\/v1beta1\/namespaces\/default\/dashboards(?:\/([^/]+))?$/.exec(path);
    if (k8s && opts.k8s) {
      const name = k8s[1] ? decodeURIComponent(k8s[1]) : undefined;
      if (req.method === 'GET') {
        const d = name ? dashboards.get(name) : undefined;
        return d
          ? send(res, 200, { kind: 'Dashboard', metadata: { name, resourceVersion: String(d.version) }, spec: d.json })
          : send(res, 404, { kind: 'Status', reason: 'NotFound', code: 404 });
      }
      const resource = body as { metadata?: { name?: string }; spec?: { title?: unknown; panels?: unknown } };
      if (url.searchParams.get('dryRun') !== 'All') return send(res, 501, { message: 'the local stand-in only supports dry runs here' });
      if (typeof resource.spec?.title !== 'string' || resource.spec.title === '')
        return send(res, 400, { kind: 'Status', reason: 'BadRequest', code: 400, message: 'spec.title: Required value' });
      if (resource.spec.panels !== undefined && !Array.isArray(resource.spec.panels))
        return send(res, 400, { kind: 'Status', reason: 'BadRequest', code: 400, message: 'spec.panels: must be a list' });
      if (req.method === 'POST' && resource.metadata?.name && dashboards.has(resource.metadata.name))
        return send(res, 409, { kind: 'Status', reason: 'AlreadyExists', code: 409 });
      return send(res, req.method === 'POST' ? 201 : 200, resource);
    }
    send(res, 404, { message: 'Not found' });
  };

  let inFlight = 0;
  let peak = 0;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    res.on('close', () => inFlight--);
    const answer = () => handle(req, res).catch((err: unknown) => send(res, 500, { message: String(err) }));
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
    failNext(n, status) {
      failures = { left: n, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
