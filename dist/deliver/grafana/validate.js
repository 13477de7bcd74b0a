import { GrafanaHttpError } from "./http.js";
import { folderChain } from "./folders.js";
async function validateOnGrafana(client, items) {
  const { version } = await client.health();
  await client.checkCredentials();
  const api = await client.k8sDashboardApi();
  if (!api) {
    return {
      grafanaVersion: version,
      method: "none",
      note: `Grafana ${version} has no Kubernetes-style dashboard API, so it cannot validate without saving: only the connection and the credentials were checked. The in-process checks (schema, PromQL, lint) still ran.`,
      failures: [],
      checked: 0
    };
  }
  const failures = [];
  for (const item of items) {
    const folderUid = folderChain(item.folder).at(-1)?.uid;
    const folderExists = folderUid ? await client.getFolder(folderUid) !== null : false;
    try {
      await client.dryRunDashboard(api, item.json, folderExists ? folderUid : void 0);
    } catch (err) {
      if (!(err instanceof GrafanaHttpError) || err.kind !== "refused") throw err;
      failures.push({ uid: item.json.uid, message: err.message });
    }
  }
  return {
    grafanaVersion: version,
    method: "k8s-dry-run",
    note: `Grafana ${version} validated every dashboard with a dry-run write (${api.group}/${api.version}, dryRun=All); nothing was saved.`,
    failures,
    checked: items.length
  };
}
export {
  validateOnGrafana
};
