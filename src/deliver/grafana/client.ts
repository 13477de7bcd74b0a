/**
 * A small client for the parts of Grafana's HTTP API dac uses: health, folders, dashboards by uid,
 * search by tag, and the Kubernetes-style dashboard API where the server has it.
 */
import { explain, serverMessage } from './errors.js';
import { GrafanaHttp, GrafanaHttpError, type ConnectionOptions, type GrafanaResponse } from './http.js';

export type DashboardJson = Record<string, unknown> & { uid: string; title: string };

/** What a save is checked against: the classic API's dashboard version, or a resource's resourceVersion. */
export type LiveVersion = number | string;

export interface LiveDashboard {
  dashboard: DashboardJson;
  folderUid: string;
  version: LiveVersion;
}

/**
 * One save's outcome: `conflict` means Grafana's copy moved on since `version` was read (412
 * version-mismatch, or 409 from the resource API), which the caller resolves by reading it again;
 * `error` says so in words, for when it cannot be resolved.
 */
export type SaveResult = { outcome: 'saved' } | { outcome: 'conflict' | 'refused'; error: GrafanaHttpError };

/** Where dashboards are listed, read, saved and deleted: the classic API, or the resource API (resources.ts). */
export interface DashboardStore {
  readonly api: 'classic' | 'resources';
  listDashboards(): Promise<LiveHit[]>;
  getDashboard(uid: string): Promise<LiveDashboard | null>;
  /** The dashboard as the listing already returned it, when the listing carries whole dashboards. */
  listed?(uid: string): LiveDashboard | undefined;
  putDashboard(dashboard: DashboardJson, folderUid: string, message: string, version: LiveVersion | undefined): Promise<SaveResult>;
  deleteDashboard(uid: string): Promise<boolean>;
  ensureFolder(folder: FolderSpec): Promise<boolean>;
}

/** A dashboard as Grafana's search lists it. */
export interface LiveHit {
  uid: string;
  title: string;
  folderUid: string;
  tags: string[];
}

export interface FolderSpec {
  uid: string;
  title: string;
  parentUid?: string;
}

export interface K8sApi {
  group: 'dashboard.grafana.app';
  version: string;
  namespace: string;
}

const K8S_GROUP = 'dashboard.grafana.app';

/** A 200 whose body is not what the API documents: a proxy's page, or something that is not Grafana. */
function malformed(method: string, path: string, subject: string, what: string): GrafanaHttpError {
  return new GrafanaHttpError({
    method,
    path,
    status: 200,
    kind: 'server',
    subject,
    message: `Grafana answered ${method} ${path} for ${subject} with ${what}, not what its API documents`,
    fix: 'check that --grafana-url points at Grafana itself (not a login page or another proxy path)',
  });
}

function list<T>(body: unknown, path: string, subject: string): T[] {
  if (!Array.isArray(body)) throw malformed('GET', path, subject, 'something other than a list');
  return (body as T[]).filter((h) => h && typeof h === 'object');
}
/** Versions whose `spec` is the classic dashboard JSON dac emits, most preferred first. */
const CLASSIC_SPEC_VERSIONS = ['v1beta1', 'v1', 'v0alpha1'];

export class GrafanaClient implements DashboardStore {
  readonly api = 'classic';
  readonly http: GrafanaHttp;
  private k8s: K8sApi | null | undefined;

  constructor(readonly options: ConnectionOptions) {
    this.http = new GrafanaHttp(options);
  }

  private async call(method: string, path: string, subject: string, body?: unknown, ok: number[] = [200]): Promise<unknown> {
    const res = await this.http.request(method, path, body);
    if (!ok.includes(res.status)) throw explain(method, path, res, subject);
    return res.body;
  }

  async health(): Promise<{ version: string; database: string }> {
    const body = (await this.call('GET', '/api/health', 'the health check')) as { version?: string; database?: string };
    return { version: body.version ?? 'unknown', database: body.database ?? 'unknown' };
  }

  /**
   * Checks the credentials: /api/health answers without them, and /api/user answers 404 to a
   * service-account token, so ask for something every valid identity may read.
   */
  async checkCredentials(): Promise<void> {
    await this.call('GET', '/api/search?type=dash-folder&limit=1', 'the credentials check');
  }

  /** The Kubernetes-style dashboard API with a classic-JSON spec, or null on servers without it. */
  async k8sDashboardApi(): Promise<K8sApi | null> {
    if (this.k8s !== undefined) return this.k8s;
    const res = await this.http.request('GET', '/apis');
    const groups = (res.body as { groups?: { name: string; versions?: { version: string }[] }[] } | undefined)?.groups;
    const versions = res.status === 200 ? (groups?.find((g) => g.name === K8S_GROUP)?.versions?.map((v) => v.version) ?? []) : [];
    const version = CLASSIC_SPEC_VERSIONS.find((v) => versions.includes(v));
    const org = this.options.orgId ?? 1;
    const namespace = this.options.namespace ?? (org === 1 ? 'default' : `org-${org}`);
    this.k8s = version ? { group: K8S_GROUP, version, namespace } : null;
    return this.k8s;
  }

  async getFolder(uid: string): Promise<FolderSpec | null> {
    const res = await this.http.request('GET', `/api/folders/${encodeURIComponent(uid)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw explain('GET', `/api/folders/${uid}`, res, `folder ${uid}`);
    const body = res.body as { uid: string; title: string; parentUid?: string };
    return { uid: body.uid, title: body.title, ...(body.parentUid ? { parentUid: body.parentUid } : {}) };
  }

  /** Creates the folder if missing; returns whether it was created. */
  async ensureFolder(folder: FolderSpec): Promise<boolean> {
    if (await this.getFolder(folder.uid)) return false;
    const res = await this.http.request('POST', '/api/folders', folder);
    if (res.status === 200) return true;
    // The uid exists (Grafana answers 409 or 412 depending on the version): another push running at
    // the same time made it, or a retried POST whose first answer was lost did. Either way it is there.
    if ((res.status === 409 || res.status === 412) && (await this.getFolder(folder.uid))) return false;
    if (res.status === 409)
      throw new GrafanaHttpError({
        method: 'POST',
        path: '/api/folders',
        status: 409,
        body: res.body,
        subject: `folder ${folder.uid}`,
        message: `folder "${folder.title}" (uid ${folder.uid}) clashes with one dac did not create (409: ${serverMessage(res.body) || 'same title'})`,
        fix: "rename or remove the other folder, or set the service's grafanaFolder to another title",
      });
    throw explain('POST', '/api/folders', res, `folder "${folder.title}"`);
  }

  async getDashboard(uid: string): Promise<LiveDashboard | null> {
    const res = await this.http.request('GET', `/api/dashboards/uid/${encodeURIComponent(uid)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw explain('GET', `/api/dashboards/uid/${uid}`, res, `dashboard ${uid}`);
    const body = res.body as { dashboard?: DashboardJson; meta?: { folderUid?: string; version?: number } } | undefined;
    if (!body?.dashboard || typeof body.dashboard !== 'object')
      throw malformed('GET', `/api/dashboards/uid/${uid}`, `dashboard ${uid}`, 'no dashboard');
    return {
      dashboard: body.dashboard,
      folderUid: body.meta?.folderUid ?? '',
      version: Number(body.dashboard.version ?? body.meta?.version ?? 0),
    };
  }

  /**
   * One save through the classic API, answered as is: `version` is the live version the caller
   * read (absent for a create), so Grafana refuses with 412 instead of overwriting a dashboard
   * someone changed since, or one whose title this dashboard would take (the caller decides).
   */
  async saveDashboard(dashboard: DashboardJson, folderUid: string, message: string, version: number | undefined): Promise<GrafanaResponse> {
    const { version: _ignored, ...json } = dashboard;
    const body = { dashboard: { ...json, id: null, ...(version === undefined ? {} : { version }) }, folderUid, overwrite: false, message };
    return this.http.request('POST', '/api/dashboards/db', body);
  }

  async putDashboard(dashboard: DashboardJson, folderUid: string, message: string, version: LiveVersion | undefined): Promise<SaveResult> {
    const res = await this.saveDashboard(dashboard, folderUid, message, version === undefined ? undefined : Number(version));
    if (res.status === 200) return { outcome: 'saved' };
    const error = explain('POST', '/api/dashboards/db', res, `dashboard ${dashboard.uid} ("${dashboard.title}")`);
    const mismatch = res.status === 412 && (res.body as { status?: string } | undefined)?.status === 'version-mismatch';
    return { outcome: mismatch ? 'conflict' : 'refused', error };
  }

  /** A save that overwrites whatever is there, as a person saving in Grafana's editor does. */
  async upsertDashboard(dashboard: DashboardJson, folderUid: string, message: string): Promise<{ version: number }> {
    const body = { dashboard: { ...dashboard, id: null }, folderUid, overwrite: true, message };
    const res = (await this.call('POST', '/api/dashboards/db', `dashboard ${dashboard.uid} ("${dashboard.title}")`, body)) as {
      version?: number;
    };
    return { version: res.version ?? 0 };
  }

  /** Deletes by uid; false when it was already gone (a retried delete whose first answer was lost). */
  async deleteDashboard(uid: string): Promise<boolean> {
    const res = await this.http.request('DELETE', `/api/dashboards/uid/${encodeURIComponent(uid)}`);
    if (res.status === 404) return false;
    if (res.status !== 200) throw explain('DELETE', `/api/dashboards/uid/${uid}`, res, `dashboard ${uid}`);
    return true;
  }

  /**
   * Every dashboard the credentials can see, with folder and tags: one paged search instead of a
   * request per dashboard, so a push of a thousand dashboards asks only about those that exist.
   */
  async listDashboards(): Promise<LiveHit[]> {
    const out: LiveHit[] = [];
    const limit = 5000; // the most Grafana's search answers at once
    for (let page = 1; page <= 1000; page++) {
      const query = `/api/search?type=dash-db&limit=${limit}&page=${page}`;
      const hits = list<{ uid: string; title: string; folderUid?: string; tags?: string[] }>(
        await this.call('GET', query, 'the list of dashboards'),
        query,
        'the list of dashboards',
      );
      for (const h of hits) out.push({ uid: h.uid, title: h.title, folderUid: h.folderUid ?? '', tags: h.tags ?? [] });
      if (hits.length < limit) break;
    }
    return out;
  }

  /**
   * Server-side validation that changes nothing: the Kubernetes-style API with dryRun=All runs
   * admission and schema validation exactly as a real write would.
   */
  async dryRunDashboard(api: K8sApi, dashboard: DashboardJson, folderUid: string | undefined): Promise<void> {
    const base = `/apis/${api.group}/${api.version}/namespaces/${api.namespace}/dashboards`;
    const existing = await this.http.request('GET', `${base}/${encodeURIComponent(dashboard.uid)}`);
    const metadata: Record<string, unknown> = {
      name: dashboard.uid,
      ...(folderUid ? { annotations: { 'grafana.app/folder': folderUid } } : {}),
    };
    const { id: _id, version: _version, ...spec } = dashboard;
    const resource = { apiVersion: `${api.group}/${api.version}`, kind: 'Dashboard', metadata, spec };
    if (existing.status === 200) {
      metadata.resourceVersion = (existing.body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
      await this.call(
        'PUT',
        `${base}/${encodeURIComponent(dashboard.uid)}?dryRun=All`,
        `dashboard ${dashboard.uid} (dry run)`,
        resource,
        [200, 201],
      );
    } else {
      await this.call('POST', `${base}?dryRun=All`, `dashboard ${dashboard.uid} (dry run)`, resource, [200, 201]);
    }
  }
}
