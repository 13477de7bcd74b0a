/**
 * The whole out/ tree as text, computed in memory: the writer and `--check` both start from it,
 * so what CI compares is exactly what a build writes.
 */
import { DEFAULT_OUTPUTS } from '../config/outputs.js';
import { alertmanagerConfig, specSeverities } from '../rules/alertmanager.js';
import { notificationTemplates } from '../rules/alertmanager-templates.js';
import type { BuildModel } from '../model/types.js';
import { deliveryFormats } from './formats/index.js';
import { testFileDocument, testPathFor } from './rule-files.js';
import { yamlText } from './serialize.js';
import { dashboardText, ruleFileText } from './texts.js';

export type OutFiles = Map<string, string>;

export function emitFiles(model: BuildModel): OutFiles {
  const files: OutFiles = new Map();
  const add = (path: string, text: string) => {
    if (files.has(path)) throw new Error(`two outputs want ${path}`);
    files.set(path, text);
  };
  const outputs = model.outputs ?? DEFAULT_OUTPUTS;
  if (outputs.dashboards) for (const d of model.dashboards) add(d.outPath, dashboardText(d));
  if (outputs.rules) {
    for (const f of model.ruleFiles) {
      add(f.outPath, ruleFileText(f));
      if (f.tests.length > 0) add(testPathFor(f), yamlText(testFileDocument(f), f.source));
    }
    if (model.services.length > 0)
      add(
        'alertmanager/alertmanager.yml',
        yamlText(alertmanagerConfig(model.services, model.alerting, specSeverities(model.ruleFiles)), model.configFile),
      );
    if (model.alerting) for (const [p, t] of notificationTemplates(model.alerting.environmentLabel, model.configFile)) add(p, t);
  }
  for (const [name, format] of Object.entries(deliveryFormats))
    if (outputs[name as keyof typeof deliveryFormats]) for (const [p, t] of format(model)) add(p, t);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
