/**
 * Server-side validation that changes nothing. Where the server has the Kubernetes-style dashboard
 * API, every dashboard goes through a dryRun=All write; elsewhere there is no side-effect-free
 * validation endpoint, and the report says so instead of pretending.
 */
import type { DashboardJson, GrafanaClient } from './client.js';
import { GrafanaHttpError } from './http.js';
import { folderChain } from './folders.js';

export interface RemoteValidation {
  grafanaVersion: string;
  method: 'k8s-dry-run' | 'none';
  /** What was and was not checked, in words for the user. */
  note: string;
  failures: { uid: string; message: string }[];
  checked: number;
}

export async function validateOnGrafana(
  client: GrafanaClient,
  items: readonly { json: DashboardJson; folder: string }[],
): Promise<RemoteValidation> {
  const { version } = await client.health();
  await client.checkCredentials();
  const api = await client.k8sDashboardApi();
  if (!api) {
    return {
      grafanaVersion: version,
      method: 'none',
      note: `Grafana ${version} has no Kubernetes-style dashboard API, so it cannot validate without saving: only the connection and the credentials were checked. The in-process checks (schema, PromQL, lint) still ran.`,
      failures: [],
      checked: 0,
    };
  }
  const failures: { uid: string; message: string }[] = [];
  for (const item of items) {
    const folderUid = folderChain(item.folder).at(-1)?.uid;
    const folderExists = folderUid ? (await client.getFolder(folderUid)) !== null : false;
    try {
      await client.dryRunDashboard(api, item.json, folderExists ? folderUid : undefined);
    } catch (err) {
      // Only Grafana's verdict on the dashboard is a finding; a lost connection or refused
      // credentials midway say nothing about it, and stop the validation like they would at the start.
      if (!(err instanceof GrafanaHttpError) || err.kind !== 'refused') throw err;
      failures.push({ uid: item.json.uid, message: err.message });
    }
  }
  return {
    grafanaVersion: version,
    method: 'k8s-dry-run',
    note: `Grafana ${version} validated every dashboard with a dry-run write (${api.group}/${api.version}, dryRun=All); nothing was saved.`,
    failures,
    checked: items.length,
  };
}
