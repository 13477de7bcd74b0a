import { yamlText } from "../serialize.js";
import { dashboardText } from "../texts.js";
const GRAFANA_PROVISIONING_MOUNT = "/etc/grafana/provisioning";
const GRAFANA_DASHBOARDS_MOUNT = "/var/lib/grafana/dashboards";
const DATASOURCE_UID = "prometheus";
function folderPath(folder) {
  const parts = folder.split("/").map(
    (p) => p.trim().replace(/[\\\0]/g, "-").replace(/^\.+/, "")
  ).filter(Boolean);
  return parts.length > 0 ? parts.join("/") : "General";
}
function provisioningFiles(model) {
  if (model.dashboards.length === 0) return [];
  const files = [];
  for (const d of model.dashboards) {
    files.push([`provisioning/dashboards/${folderPath(d.service.grafanaFolder)}/${d.ref.uid}.json`, dashboardText(d)]);
  }
  const providers = {
    apiVersion: 1,
    providers: [
      {
        name: "dac",
        orgId: 1,
        type: "file",
        // Code is the source of truth: edits in the UI are not saved back and the files win.
        disableDeletion: false,
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path: GRAFANA_DASHBOARDS_MOUNT, foldersFromFilesStructure: true }
      }
    ]
  };
  files.push(["provisioning/dashboards/dashboards.yml", yamlText(providers, model.configFile)]);
  const datasources = {
    apiVersion: 1,
    datasources: [
      {
        name: "Prometheus",
        uid: DATASOURCE_UID,
        type: "prometheus",
        access: "proxy",
        url: model.delivery.prometheusUrl,
        isDefault: true,
        editable: false,
        jsonData: { httpMethod: "POST", timeInterval: "15s" }
      }
    ]
  };
  files.push(["provisioning/datasources/prometheus.yml", yamlText(datasources, model.configFile)]);
  return files;
}
export {
  DATASOURCE_UID,
  GRAFANA_DASHBOARDS_MOUNT,
  GRAFANA_PROVISIONING_MOUNT,
  folderPath,
  provisioningFiles
};
