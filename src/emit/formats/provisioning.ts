/**
 * Grafana file provisioning: dashboards grouped in one folder per Grafana folder, picked up by a
 * provider that takes folders from the file structure, and the Prometheus datasource they query.
 */
import type { BuildModel } from '../../model/types.js';
import { yamlText } from '../serialize.js';
import { dashboardText } from '../texts.js';

/** Where the generated docker-compose.yml mounts out/provisioning inside the Grafana container. */
export const GRAFANA_PROVISIONING_MOUNT = '/etc/grafana/provisioning';
export const GRAFANA_DASHBOARDS_MOUNT = '/var/lib/grafana/dashboards';
export const DATASOURCE_UID = 'prometheus';

/**
 * Grafana names a provisioned folder after its directory, so the directories carry the folder titles
 * ("Items API"), one level per "/" of a nested folder ("Shop/Catalog").
 */
export function folderPath(folder: string): string {
  const parts = folder
    .split('/')
    .map((p) =>
      p
        .trim()
        .replace(/[\\\0]/g, '-')
        .replace(/^\.+/, ''),
    )
    .filter(Boolean);
  return parts.length > 0 ? parts.join('/') : 'General';
}

export function provisioningFiles(model: BuildModel): [string, string][] {
  if (model.dashboards.length === 0) return [];
  const files: [string, string][] = [];
  for (const d of model.dashboards) {
    files.push([`provisioning/dashboards/${folderPath(d.service.grafanaFolder)}/${d.ref.uid}.json`, dashboardText(d)]);
  }
  const providers = {
    apiVersion: 1,
    providers: [
      {
        name: 'dac',
        orgId: 1,
        type: 'file',
        // Code is the source of truth: edits in the UI are not saved back and the files win.
        disableDeletion: false,
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path: GRAFANA_DASHBOARDS_MOUNT, foldersFromFilesStructure: true },
      },
    ],
  };
  files.push(['provisioning/dashboards/dashboards.yml', yamlText(providers, model.configFile)]);
  const datasources = {
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        uid: DATASOURCE_UID,
        type: 'prometheus',
        access: 'proxy',
        url: model.delivery.prometheusUrl,
        isDefault: true,
        editable: false,
        jsonData: { httpMethod: 'POST', timeInterval: '15s' },
      },
    ],
  };
  files.push(['provisioning/datasources/prometheus.yml', yamlText(datasources, model.configFile)]);
  return files;
}
