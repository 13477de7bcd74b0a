/**
 * The SLOs a service gets from rules/slo/ specs, read back from the metadata series their rule
 * files record (`slo:metadata:info` carries the name, objective and period): the dashboards of the
 * service see them without knowing the spec formats.
 */
import type { Service } from '../config/types.js';
import type { ImportedSlo } from '../definitions/define.js';
import { isRecording } from '../rules/model.js';
import { sloSeries } from '../slo/names.js';
import type { BuiltRuleFile } from './types.js';

export function importedSlosOf(service: Service, imported: readonly BuiltRuleFile[]): ImportedSlo[] {
  const out: ImportedSlo[] = [];
  for (const file of imported)
    for (const group of file.groups)
      for (const rule of group.rules) {
        if (!isRecording(rule) || rule.record !== sloSeries.info) continue;
        const { service: name, slo, objective, period } = rule.labels ?? {};
        if (name === service.name && slo && period && objective && !service.slos.some((s) => s.name === slo))
          out.push({ name: slo, objective: Number(objective), period });
      }
  return out;
}
