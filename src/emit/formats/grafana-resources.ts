/**
 * Grafana 12+ resource files: each dashboard as a `dashboard.grafana.app` resource, the form
 * Grafana's Git Sync reads from a repository and `grafanactl resources push` sends to the resource
 * API. In v1beta1 (the default) `spec` is the classic dashboard JSON itself; with
 * `outputs.grafana: { apiVersion: 'v2beta1' }` it is the v2 layout converted from it
 * (grafana-v2/). `metadata.name` is the dashboard uid; the folder is the `grafana.app/folder`
 * annotation, holding the uid `dac push` gives the same folder. Files sit in one directory per
 * folder, by title, as Git Sync turns directories into folders.
 */
import type { Outputs } from '../../config/types.js';
import type { BuiltDashboard, BuildModel } from '../../model/types.js';
import { indentBlock, stableJson } from '../serialize.js';
import { dashboardText } from '../texts.js';
import { folderChain } from './folders.js';
import { dashboardV2Spec } from './grafana-v2/index.js';
import { folderPath } from './provisioning.js';

export const DASHBOARD_GROUP = 'dashboard.grafana.app';
export const DASHBOARD_API_VERSION = `${DASHBOARD_GROUP}/v1beta1`;
export const DASHBOARD_V2_API_VERSION = `${DASHBOARD_GROUP}/v2beta1`;
export const FOLDER_ANNOTATION = 'grafana.app/folder';

export type ResourceVersion = 'v1beta1' | 'v2beta1';

/** The version `outputs.grafana` asks for: `true` is v1beta1. */
export function resourceVersionOf(grafana: Outputs['grafana'] | undefined): ResourceVersion {
  return typeof grafana === 'object' && grafana.apiVersion === 'v2beta1' ? 'v2beta1' : 'v1beta1';
}

export function dashboardResource(d: BuiltDashboard, version: ResourceVersion = 'v1beta1'): Record<string, unknown> {
  const folder = folderChain(d.service.grafanaFolder).at(-1)?.uid;
  const json = d.json as unknown as Record<string, unknown>;
  return {
    apiVersion: `${DASHBOARD_GROUP}/${version}`,
    kind: 'Dashboard',
    metadata: {
      name: d.ref.uid,
      ...(folder ? { annotations: { [FOLDER_ANNOTATION]: folder } } : {}),
    },
    spec: version === 'v2beta1' ? dashboardV2Spec(json) : json,
  };
}

export function grafanaResourceFiles(model: BuildModel): [string, string][] {
  const version = resourceVersionOf(model.outputs?.grafana);
  return model.dashboards.map((d) => [
    `grafana/${folderPath(d.service.grafanaFolder)}/${d.ref.uid}.json`,
    version === 'v1beta1' ? v1ResourceText(d) : stableJson(dashboardResource(d, version)),
  ]);
}

/**
 * A v1beta1 resource's spec is the dashboard's JSON exactly as dashboards/ holds it: that text is
 * indented into place rather than serialised again (at 200 services, a tenth of the build).
 */
function v1ResourceText(d: BuiltDashboard): string {
  const { spec: _spec, ...head } = dashboardResource(d, 'v1beta1');
  // `spec` sorts after apiVersion, kind and metadata: it is the last key.
  const open = stableJson(head).slice(0, -'\n}\n'.length);
  return `${open},\n  "spec": ${indentBlock(dashboardText(d).slice(0, -1), 2).slice(2)}\n}\n`;
}
