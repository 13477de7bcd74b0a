/**
 * Dashboards through Grafana 12's resource API (`/apis/dashboard.grafana.app/<version>/namespaces/
 * <namespace>/dashboards`), as its documentation describes it: a list paged with `limit` and
 * `continue`, a create (POST) that answers 409 AlreadyExists for a name that is taken, an update
 * (PUT) that carries the `metadata.resourceVersion` it was read at and answers 409 Conflict when the
 * dashboard has moved on since, and a delete by name. The spec is the classic dashboard JSON (the
 * version is one of client.ts's CLASSIC_SPEC_VERSIONS); the folder is the `grafana.app/folder`
 * annotation. Folders themselves are made through the folder API, as for the classic path.
 */
import type {
  DashboardJson,
  DashboardStore,
  FolderSpec,
  GrafanaClient,
  K8sApi,
  LiveDashboard,
  LiveHit,
  LiveVersion,
  SaveResult,
} from './client.js';
import { explain } from './errors.js';
import { GrafanaHttpError } from './http.js';

const FOLDER_ANNOTATION = 'grafana.app/folder';
/** Grafana's resource API records this annotation as the message of the saved version. */
const MESSAGE_ANNOTATION = 'grafana.app/message';
/**
 * The listing carries whole dashboards (tens of kilobytes each): pages of 100 keep one answer to a
 * few megabytes, well inside --timeout, where 500 took seconds on a loaded machine.
 */
const PAGE = 100;

interface Resource {
  metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export class ResourceStore implements DashboardStore {
  readonly api = 'resources';
  private readonly fromListing = new Map<string, LiveDashboard>();

  constructor(
    private readonly client: GrafanaClient,
    readonly target: K8sApi,
  ) {}

  /** The collection's path, e.g. /apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards. */
  get base(): string {
    const { group, version, namespace } = this.target;
    return `/apis/${group}/${version}/namespaces/${encodeURIComponent(namespace)}/dashboards`;
  }

  private live(r: Resource): LiveDashboard | undefined {
    const name = r.metadata?.name;
    if (!name || !r.spec || typeof r.spec !== 'object') return undefined;
    // The spec may or may not repeat the uid: the resource's name is the uid either way.
    const dashboard = { ...r.spec, uid: name, title: typeof r.spec.title === 'string' ? r.spec.title : '' } as DashboardJson;
    return { dashboard, folderUid: r.metadata?.annotations?.[FOLDER_ANNOTATION] ?? '', version: r.metadata?.resourceVersion ?? '' };
  }

  async listDashboards(): Promise<LiveHit[]> {
    const out: LiveHit[] = [];
    this.fromListing.clear();
    let token: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const path = `${this.base}?limit=${PAGE}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      const res = await this.client.http.request('GET', path);
      if (res.status !== 200) throw explain('GET', path, res, 'the list of dashboards');
      const body = res.body as { items?: unknown; metadata?: { continue?: string } } | undefined;
      if (!body || !Array.isArray(body.items))
        throw new GrafanaHttpError({
          method: 'GET',
          path,
          status: 200,
          kind: 'server',
          subject: 'the list of dashboards',
          message: `Grafana answered GET ${path} with something other than a list of dashboards`,
          fix: 'check that --grafana-url points at Grafana itself, or push with --api classic',
        });
      for (const item of body.items as Resource[]) {
        const live = this.live(item);
        if (!live) continue;
        this.fromListing.set(live.dashboard.uid, live);
        const tags = Array.isArray(live.dashboard.tags) ? (live.dashboard.tags as string[]) : [];
        out.push({ uid: live.dashboard.uid, title: live.dashboard.title, folderUid: live.folderUid, tags });
      }
      token = body.metadata?.continue || undefined;
      if (!token) break;
    }
    return out;
  }

  listed(uid: string): LiveDashboard | undefined {
    return this.fromListing.get(uid);
  }

  async getDashboard(uid: string): Promise<LiveDashboard | null> {
    const path = `${this.base}/${encodeURIComponent(uid)}`;
    const res = await this.client.http.request('GET', path);
    if (res.status === 404) return null;
    if (res.status !== 200) throw explain('GET', path, res, `dashboard ${uid}`);
    return this.live(res.body as Resource) ?? null;
  }

  async putDashboard(dashboard: DashboardJson, folderUid: string, message: string, version: LiveVersion | undefined): Promise<SaveResult> {
    const { id: _id, version: _version, ...spec } = dashboard;
    const annotations: Record<string, string> = { [MESSAGE_ANNOTATION]: message };
    if (folderUid) annotations[FOLDER_ANNOTATION] = folderUid;
    const metadata: Record<string, unknown> = { name: dashboard.uid, annotations };
    if (version !== undefined) metadata.resourceVersion = String(version);
    const resource = { apiVersion: `${this.target.group}/${this.target.version}`, kind: 'Dashboard', metadata, spec };
    const create = version === undefined;
    const method = create ? 'POST' : 'PUT';
    const path = create ? this.base : `${this.base}/${encodeURIComponent(dashboard.uid)}`;
    const res = await this.client.http.request(method, path, resource);
    if (res.status === 200 || res.status === 201) return { outcome: 'saved' };
    const subject = `dashboard ${dashboard.uid} ("${dashboard.title}")`;
    if (res.status === 409 || (res.status === 404 && !create)) {
      // Taken since the plan (a create), moved on since it was read, or gone (an update): read it again.
      const reason = (res.body as { reason?: string } | undefined)?.reason ?? (res.status === 404 ? 'NotFound' : 'Conflict');
      return {
        outcome: 'conflict',
        error: new GrafanaHttpError({
          method,
          path,
          status: res.status,
          body: res.body,
          subject,
          message: `${subject} was changed in Grafana since dac read it (${res.status} ${reason})`,
          fix: 'run `dac diff` to see the change, then push again',
        }),
      };
    }
    return { outcome: 'refused', error: explain(method, path, res, subject) };
  }

  async deleteDashboard(uid: string): Promise<boolean> {
    const path = `${this.base}/${encodeURIComponent(uid)}`;
    const res = await this.client.http.request('DELETE', path);
    if (res.status === 404) return false;
    if (res.status !== 200 && res.status !== 202) throw explain('DELETE', path, res, `dashboard ${uid}`);
    return true;
  }

  ensureFolder(folder: FolderSpec): Promise<boolean> {
    return this.client.ensureFolder(folder);
  }
}
