/**
 * The stand-in's part of Grafana 12's resource API (`/apis`), written from Grafana's documentation
 * of its API structure and dashboard API (test/grafana/CONTRACT.md) and the Kubernetes API
 * conventions it follows: discovery, and dashboards of `dashboard.grafana.app/v1beta1` listed
 * (paged with `limit` and `continue`), read, created, updated against a `resourceVersion`, and
 * deleted, with `dryRun=All`. It is not Grafana. It shares its store with the classic API, as a
 * Grafana 12 serves the same dashboards through both.
 */
import type { IncomingMessage } from 'node:http';

export interface StoredDashboard {
  json: Record<string, unknown> & { uid: string; title: string };
  folderUid: string;
  version: number;
}

export interface ResourceState {
  dashboards: Map<string, StoredDashboard>;
  folders: Map<string, unknown>;
  /** Counts the `conflict` faults served. */
  conflict(): void;
}

type Reply = { status: number; body: unknown };

const GROUP = 'dashboard.grafana.app';
const VERSION = 'v1beta1';
const FOLDER = 'grafana.app/folder';

const status = (code: number, reason: string, message: string): Reply => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code },
});

/** The namespace the request's org reads: `default` for org 1, `org-<id>` for the others. */
function namespaceOf(req: IncomingMessage): string {
  const org = Number(req.headers['x-grafana-org-id'] ?? 1);
  return org === 1 ? 'default' : `org-${org}`;
}

function resource(name: string, d: StoredDashboard, namespace: string): Record<string, unknown> {
  const { id: _id, version: _version, ...spec } = d.json;
  return {
    apiVersion: `${GROUP}/${VERSION}`,
    kind: 'Dashboard',
    metadata: {
      name,
      namespace,
      resourceVersion: String(d.version),
      generation: d.version,
      ...(d.folderUid ? { annotations: { [FOLDER]: d.folderUid } } : {}),
    },
    spec,
  };
}

/** Answers a request under /apis, or undefined for a path this part does not serve. */
export function handleResources(
  req: IncomingMessage,
  url: URL,
  body: unknown,
  conflictFault: boolean,
  state: ResourceState,
  enabled: boolean,
): Reply | undefined {
  const path = url.pathname;
  if (path === '/apis') {
    const groups = [
      {
        name: GROUP,
        versions: [
          { groupVersion: `${GROUP}/${VERSION}`, version: VERSION },
          { groupVersion: `${GROUP}/v2beta1`, version: 'v2beta1' },
        ],
      },
    ];
    return enabled
      ? { status: 200, body: { kind: 'APIGroupList', apiVersion: 'v1', groups } }
      : { status: 404, body: { message: 'Not found' } };
  }
  if (!enabled) return undefined;
  const m = new RegExp(`^/apis/${GROUP.replace(/\./g, '\\.')}/${VERSION}/namespaces/([^/]+)/dashboards(?:/([^/]+))?$`).exec(path);
  if (!m) return undefined;
  const namespace = decodeURIComponent(m[1]!);
  if (namespace !== namespaceOf(req)) return status(403, 'Forbidden', `namespace "${namespace}" is not the namespace of this org`);
  const name = m[2] ? decodeURIComponent(m[2]) : undefined;
  const { dashboards, folders } = state;
  const dryRun = url.searchParams.get('dryRun') === 'All';

  if (req.method === 'GET' && name === undefined) {
    const all = [...dashboards.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const limit = Number(url.searchParams.get('limit') ?? 0) || all.length;
    const token = url.searchParams.get('continue');
    const from = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
    const page = all.slice(from, from + limit);
    const next = from + limit < all.length ? Buffer.from(String(from + limit)).toString('base64') : undefined;
    return {
      status: 200,
      body: {
        kind: 'DashboardList',
        apiVersion: `${GROUP}/${VERSION}`,
        metadata: { ...(next ? { continue: next } : {}) },
        items: page.map(([n, d]) => resource(n, d, namespace)),
      },
    };
  }
  if (req.method === 'GET') {
    const d = dashboards.get(name!);
    return d ? { status: 200, body: resource(name!, d, namespace) } : status(404, 'NotFound', `dashboards.${GROUP} "${name}" not found`);
  }
  if (req.method === 'DELETE') {
    if (!name || !dashboards.has(name)) return status(404, 'NotFound', `dashboards.${GROUP} "${name ?? ''}" not found`);
    dashboards.delete(name);
    return {
      status: 200,
      body: { kind: 'Status', apiVersion: 'v1', status: 'Success', details: { name, group: GROUP, kind: 'dashboards' } },
    };
  }
  if (req.method !== 'POST' && req.method !== 'PUT') return status(405, 'MethodNotAllowed', `${req.method} is not allowed here`);

  const r = (body ?? {}) as {
    metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> };
    spec?: Record<string, unknown> & { title?: unknown; panels?: unknown };
  };
  const target = req.method === 'PUT' ? name : r.metadata?.name;
  if (!target) return status(400, 'BadRequest', 'metadata.name: Required value');
  if (req.method === 'PUT' && r.metadata?.name !== name)
    return status(400, 'BadRequest', 'metadata.name: does not match the name in the path');
  if (typeof r.spec?.title !== 'string' || r.spec.title === '') return status(400, 'BadRequest', 'spec.title: Required value');
  if (r.spec.panels !== undefined && !Array.isArray(r.spec.panels)) return status(400, 'BadRequest', 'spec.panels: must be a list');
  const folderUid = r.metadata?.annotations?.[FOLDER] ?? '';
  if (folderUid && !folders.has(folderUid)) return status(400, 'BadRequest', `folder "${folderUid}" not found`);
  const existing = dashboards.get(target);
  if (req.method === 'POST' && existing) return status(409, 'AlreadyExists', `dashboards.${GROUP} "${target}" already exists`);
  if (req.method === 'PUT') {
    if (!existing) return status(404, 'NotFound', `dashboards.${GROUP} "${target}" not found`);
    if (conflictFault && !dryRun) {
      existing.version += 1;
      existing.json = { ...existing.json, version: existing.version };
      state.conflict();
    }
    const wanted = r.metadata?.resourceVersion;
    if (wanted !== undefined && wanted !== String(existing.version))
      return status(
        409,
        'Conflict',
        `Operation cannot be fulfilled on dashboards.${GROUP} "${target}": the object has been modified; please apply your changes to the latest version and try again`,
      );
  }
  const version = (existing?.version ?? 0) + 1;
  const stored: StoredDashboard = { json: { ...r.spec, uid: target, title: r.spec.title, id: 1, version }, folderUid, version };
  if (dryRun) return { status: req.method === 'POST' ? 201 : 200, body: resource(target, stored, namespace) };
  dashboards.set(target, stored);
  return { status: req.method === 'POST' ? 201 : 200, body: resource(target, stored, namespace) };
}
