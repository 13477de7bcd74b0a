import { explain, serverMessage } from "./errors.js";
import { GrafanaHttp, GrafanaHttpError } from "./http.js";
const K8S_GROUP = "dashboard.grafana.app";
function malformed(method, path, subject, what) {
  return new GrafanaHttpError({
    method,
    path,
    status: 200,
    kind: "server",
    subject,
    message: `Grafana answered ${method} ${path} for ${subject} with ${what}, not what its API documents`,
    fix: "check that --grafana-url points at Grafana itself (not a login page or another proxy path)"
  });
}
function list(body, path, subject) {
  if (!Array.isArray(body)) throw malformed("GET", path, subject, "something other than a list");
  return body.filter((h) => h && typeof h === "object");
}
const CLASSIC_SPEC_VERSIONS = ["v1beta1", "v1", "v0alpha1"];
class GrafanaClient {
  constructor(options) {
    this.options = options;
    this.http = new GrafanaHttp(options);
  }
  options;
  http;
  k8s;
  async call(method, path, subject, body, ok = [200]) {
    const res = await this.http.request(method, path, body);
    if (!ok.includes(res.status)) throw explain(method, path, res, subject);
    return res.body;
  }
  async health() {
    const body = await this.call("GET", "/api/health", "the health check");
    return { version: body.version ?? "unknown", database: body.database ?? "unknown" };
  }
  /**
   * Checks the credentials: /api/health answers without them, and /api/user answers 404 to a
   * service-account token, so ask for something every valid identity may read.
   */
  async checkCredentials() {
    await this.call("GET", "/api/search?type=dash-folder&limit=1", "the credentials check");
  }
  /** The Kubernetes-style dashboard API with a classic-JSON spec, or null on servers without it. */
  async k8sDashboardApi() {
    if (this.k8s !== void 0) return this.k8s;
    const res = await this.http.request("GET", "/apis");
    const groups = res.body?.groups;
    const versions = res.status === 200 ? groups?.find((g) => g.name === K8S_GROUP)?.versions?.map((v) => v.version) ?? [] : [];
    const version = CLASSIC_SPEC_VERSIONS.find((v) => versions.includes(v));
    const org = this.options.orgId ?? 1;
    this.k8s = version ? { group: K8S_GROUP, version, namespace: org === 1 ? "default" : `org-${org}` } : null;
    return this.k8s;
  }
  async getFolder(uid) {
    const res = await this.http.request("GET", `/api/folders/${encodeURIComponent(uid)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw explain("GET", `/api/folders/${uid}`, res, `folder ${uid}`);
    const body = res.body;
    return { uid: body.uid, title: body.title, ...body.parentUid ? { parentUid: body.parentUid } : {} };
  }
  /** Creates the folder if missing; returns whether it was created. */
  async ensureFolder(folder) {
    if (await this.getFolder(folder.uid)) return false;
    const res = await this.http.request("POST", "/api/folders", folder);
    if (res.status === 200) return true;
    if ((res.status === 409 || res.status === 412) && await this.getFolder(folder.uid)) return false;
    if (res.status === 409)
      throw new GrafanaHttpError({
        method: "POST",
        path: "/api/folders",
        status: 409,
        body: res.body,
        subject: `folder ${folder.uid}`,
        message: `folder "${folder.title}" (uid ${folder.uid}) clashes with one dac did not create (409: ${serverMessage(res.body) || "same title"})`,
        fix: "rename or remove the other folder, or set the service's grafanaFolder to another title"
      });
    throw explain("POST", "/api/folders", res, `folder "${folder.title}"`);
  }
  async getDashboard(uid) {
    const res = await this.http.request("GET", `/api/dashboards/uid/${encodeURIComponent(uid)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw explain("GET", `/api/dashboards/uid/${uid}`, res, `dashboard ${uid}`);
    const body = res.body;
    if (!body?.dashboard || typeof body.dashboard !== "object")
      throw malformed("GET", `/api/dashboards/uid/${uid}`, `dashboard ${uid}`, "no dashboard");
    return {
      dashboard: body.dashboard,
      folderUid: body.meta?.folderUid ?? "",
      version: Number(body.dashboard.version ?? body.meta?.version ?? 0)
    };
  }
  /**
   * One save through the classic API, answered as is: `version` is the live version the caller
   * read (absent for a create), so Grafana refuses with 412 instead of overwriting a dashboard
   * someone changed since, or one whose title this dashboard would take (the caller decides).
   */
  async saveDashboard(dashboard, folderUid, message, version) {
    const { version: _ignored, ...json } = dashboard;
    const body = { dashboard: { ...json, id: null, ...version === void 0 ? {} : { version } }, folderUid, overwrite: false, message };
    return this.http.request("POST", "/api/dashboards/db", body);
  }
  /** A save that overwrites whatever is there, as a person saving in Grafana's editor does. */
  async upsertDashboard(dashboard, folderUid, message) {
    const body = { dashboard: { ...dashboard, id: null }, folderUid, overwrite: true, message };
    const res = await this.call("POST", "/api/dashboards/db", `dashboard ${dashboard.uid} ("${dashboard.title}")`, body);
    return { version: res.version ?? 0 };
  }
  /** Deletes by uid; false when it was already gone (a retried delete whose first answer was lost). */
  async deleteDashboard(uid) {
    const res = await this.http.request("DELETE", `/api/dashboards/uid/${encodeURIComponent(uid)}`);
    if (res.status === 404) return false;
    if (res.status !== 200) throw explain("DELETE", `/api/dashboards/uid/${uid}`, res, `dashboard ${uid}`);
    return true;
  }
  /**
   * Every dashboard the credentials can see, with folder and tags: one paged search instead of a
   * request per dashboard, so a push of a thousand dashboards asks only about those that exist.
   */
  async listDashboards() {
    const out = [];
    const limit = 5e3;
    for (let page = 1; page <= 1e3; page++) {
      const query = `/api/search?type=dash-db&limit=${limit}&page=${page}`;
      const hits = list(
        await this.call("GET", query, "the list of dashboards"),
        query,
        "the list of dashboards"
      );
      for (const h of hits) out.push({ uid: h.uid, title: h.title, folderUid: h.folderUid ?? "", tags: h.tags ?? [] });
      if (hits.length < limit) break;
    }
    return out;
  }
  /**
   * Server-side validation that changes nothing: the Kubernetes-style API with dryRun=All runs
   * admission and schema validation exactly as a real write would.
   */
  async dryRunDashboard(api, dashboard, folderUid) {
    const base = `/apis/${api.group}/${api.version}/namespaces/${api.namespace}/dashboards`;
    const existing = await this.http.request("GET", `${base}/${encodeURIComponent(dashboard.uid)}`);
    const metadata = {
      name: dashboard.uid,
      ...folderUid ? { annotations: { "grafana.app/folder": folderUid } } : {}
    };
    const { id: _id, version: _version, ...spec } = dashboard;
    const resource = { apiVersion: `${api.group}/${api.version}`, kind: "Dashboard", metadata, spec };
    if (existing.status === 200) {
      metadata.resourceVersion = existing.body.metadata?.resourceVersion;
      await this.call(
        "PUT",
        `${base}/${encodeURIComponent(dashboard.uid)}?dryRun=All`,
        `dashboard ${dashboard.uid} (dry run)`,
        resource,
        [200, 201]
      );
    } else {
      await this.call("POST", `${base}?dryRun=All`, `dashboard ${dashboard.uid} (dry run)`, resource, [200, 201]);
    }
  }
}
export {
  GrafanaClient
};
