/**
 * Grafana 12+ resource files: each dashboard as a `dashboard.grafana.app` resource, the form
 * Grafana's Git Sync reads from a repository and `grafanactl resources push` sends to the resource
 * API. `spec` is the classic dashboard JSON itself (the v1beta1 version wraps it unchanged);
 * `metadata.name` is the dashboard uid; the folder is the `grafana.app/folder` annotation, holding
 * the uid `dac push` gives the same folder. Files sit in one directory per folder, by title, as
 * Git Sync turns directories into folders.
 */
import type { BuiltDashboard, BuildModel } from '../../model/types.js';
import { stableJson } from '../serialize.js';
import { folderChain } from './folders.js';
import { folderPath } from './provisioning.js';

export const DASHBOARD_API_VERSION = 'dashboard.grafana.app/v1beta1';
export const FOLDER_ANNOTATION = 'grafana.app/folder';

export function dashboardResource(d: BuiltDashboard): Record<string, unknown> {
  const folder = folderChain(d.service.grafanaFolder).at(-1)?.uid;
  return {
    apiVersion: DASHBOARD_API_VERSION,
    kind: 'Dashboard',
    metadata: {
      name: d.ref.uid,
      ...(folder ? { annotations: { [FOLDER_ANNOTATION]: folder } } : {}),
    },
    spec: d.json,
  };
}

export function grafanaResourceFiles(model: BuildModel): [string, string][] {
  return model.dashboards.map((d) => [
    `grafana/${folderPath(d.service.grafanaFolder)}/${d.ref.uid}.json`,
    stableJson(dashboardResource(d)),
  ]);
}
