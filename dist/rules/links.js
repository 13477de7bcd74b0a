import { dashboardUid } from "../core/uid.js";
function runbookUrl(service, alertName) {
  return `${service.runbookBaseUrl}/${alertName}`;
}
function dashboardUrl(service, dashboards, id, fallbacks = ["red", "http-overview"]) {
  const ref = [id, ...fallbacks].map((d) => dashboards.find((r) => r.id === d)).find((r) => r !== void 0);
  return `${service.grafanaUrl}/d/${ref ? ref.uid : dashboardUid(service.name, id)}`;
}
export {
  dashboardUrl,
  runbookUrl
};
