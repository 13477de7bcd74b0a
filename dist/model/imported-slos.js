import { isRecording } from "../rules/model.js";
import { sloSeries } from "../slo/names.js";
function importedSlosOf(service, imported) {
  const out = [];
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
export {
  importedSlosOf
};
