import { alertmanagerConfig } from "../rules/alertmanager.js";
import { notificationTemplates } from "../rules/alertmanager-templates.js";
import { deliveryFormats } from "./formats/index.js";
import { testFileDocument, testPathFor } from "./rule-files.js";
import { yamlText } from "./serialize.js";
import { dashboardText, ruleFileText } from "./texts.js";
function emitFiles(model) {
  const files = /* @__PURE__ */ new Map();
  const add = (path, text) => {
    if (files.has(path)) throw new Error(`two outputs want ${path}`);
    files.set(path, text);
  };
  for (const d of model.dashboards) add(d.outPath, dashboardText(d));
  for (const f of model.ruleFiles) {
    add(f.outPath, ruleFileText(f));
    if (f.tests.length > 0) add(testPathFor(f), yamlText(testFileDocument(f), f.source));
  }
  if (model.services.length > 0)
    add("alertmanager/alertmanager.yml", yamlText(alertmanagerConfig(model.services, model.alerting), model.configFile));
  if (model.alerting) for (const [p, t] of notificationTemplates(model.alerting.environmentLabel, model.configFile)) add(p, t);
  for (const format of deliveryFormats) for (const [p, t] of format(model)) add(p, t);
  return new Map([...files.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
export {
  emitFiles
};
