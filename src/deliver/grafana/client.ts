/**
 * A small client for the parts of Grafana's HTTP API dac uses: health, folders, dashboards by uid,
 * search by tag, and the Kubernetes-style dashboard API where the server has it.
 */
import { explain, serverMessage } from './errors.js';
import { GrafanaHttp, GrafanaHttpError, type ConnectionOptions } from './http.js';

export type DashboardJson = Record<string, unknown> & { uid: string; title: string };

export interface LiveDashboard {
  dashboard: DashboardJson;
  folderUid: string;
  version: number;
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
/** Versions whose `spec` is the classic dashboard JSON dac emits, most preferred first. */
const CLASSIC_SPEC_VERSIONS = ['v1beta1', 'v1', 'v0alpha1'];

export class GrafanaClient {
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

  /** Dashboards in a folder whose title equals `title` ignoring case, as Grafana compares them. */
  async dashboardsTitled(title: string, folderUid: string): Promise<{ uid: string; title: string }[]> {
    const query = `/api/search?type=dash-db&query=${encodeURIComponent(title)}&limit=100`;
    const hits = (await this.call('GET', query, `the search for "${title}"`)) as { uid: string; title: string; folderUid?: string }[];
    return hits.filter((h) => h.title.toLowerCase() === title.toLowerCase() && (h.folderUid ?? '') === folderUid);
  }

  /** The Kubernetes-style dashboard API with a classic-JSON spec, or null on servers without it. */
  async k8sDashboardApi(): Promise<K8sApi | null> {
    if (this.k8s !== undefined) return this.k8s;
    const res = await this.http.request('GET', '/apis');
    const groups = (res.body as { groups?: { name: string; versions?: { version: string }[] }[] } | undefined)?.groups;
    const versions = res.status === 200 ? (groups?.find((g) => g.name === K8S_GROUP)?.versions?.map((v) => v.version) ?? []) : [];
    const version = CLASSIC_SPEC_VERSIONS.find((v) => versions.includes(v));
    const org = this.options.orgId ?? 1;
    this.k8s = version ? { group: K8S_GROUP, version, namespace: org === 1 ? 'default' : `org-${org}` } : null;
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
    // Grafana answers 412 when the uid exists: another push running at the same time made it, or
    // a retried POST whose first answer was lost did. Either way the folder is there.
    if (res.status === 412 && (await this.getFolder(folder.uid))) return false;
    if (res.status === 409)
      throw new GrafanaHttpError(
        'POST',
        '/api/folders',
        409,
        res.body,
        `folder "${folder.title}" (uid ${folder.uid}) clashes with one dac did not create (409: ${serverMessage(res.body) || 'same title'}): rename or remove the other one, or set the service's grafanaFolder to another title`,
      );
    throw explain('POST', '/api/folders', res, `folder "${folder.title}"`);
  }

  async getDashboard(uid: string): Promise<LiveDashboard | null> {
    const res = await this.http.request('GET', `/api/dashboards/uid/${encodeURIComponent(uid)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw explain('GET', `/api/dashboards/uid/${uid}`, res, `dashboard ${uid}`);
    const body = res.body as { dashboard: DashboardJson; meta?: { folderUid?: string; version?: number } };
    return {
      dashboard: body.dashboard,
      folderUid: body.meta?.folderUid ?? '',
      version: Number(body.dashboard.version ?? body.meta?.version ?? 0),
    };
  }

  async upsertDashboard(dashboard: DashboardJson, folderUid: string, message: string): Promise<{ version: number }> {
    const body = { dashboard: { ...dashboard, id: null }, folderUid, overwrite: true, message };
    const res = (await this.call('POST', '/api/dashboards/db', `dashboard ${dashboard.uid} ("${dashboard.title}")`, body)) as {
      version?: number;
    };
    return { version: res.version ?? 0 };
  }

  async deleteDashboard(uid: string): Promise<void> {
    await this.call('DELETE', `/api/dashboards/uid/${encodeURIComponent(uid)}`, `dashboard ${uid}`);
  }

  /** Dashboards carrying a tag, across all folders; pages through the search API. */
  async dashboardsTagged(tag: string): Promise<{ uid: string; title: string; folderUid: string }[]> {
    const out: { uid: string; title: string; folderUid: string }[] = [];
    const limit = 1000;
    for (let page = 1; page <= 100; page++) {
      const hits = (await this.call(
        'GET',
        `/api/search?type=dash-db&tag=${encodeURIComponent(tag)}&limit=${limit}&page=${page}`,
        `the search for tag ${tag}`,
      )) as { uid: string; title: string; folderUid?: string }[];
      out.push(...hits.map((h) => ({ uid: h.uid, title: h.title, folderUid: h.folderUid ?? '' })));
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
