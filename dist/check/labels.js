import { checkExpressions, recordedSeries } from "./live/checks.js";
import { declaredInventory, mergedInventory } from "./live/declared.js";
function checkDeclaredLabels(model) {
  const out = [];
  const declared = /* @__PURE__ */ new Map();
  for (const service of model.services) {
    const d = declaredInventory(service);
    declared.set(service.name, d);
    for (const p of d.problems) {
      out.push({
        severity: "error",
        check: "config/label-names",
        where: { file: service.configFile ?? model.configFile, path: [`service ${service.name}`, p.field] },
        message: p.message,
        hint: "write labelNames: { <metric>: ['label', ...] } with the label names the library exports, or leave labelNames out"
      });
    }
  }
  const recordings = recordedSeries(model);
  const contexts = /* @__PURE__ */ new Map();
  const contextFor = (service) => {
    const key = service?.name ?? "";
    if (contexts.has(key)) return contexts.get(key);
    const inventory = service ? declared.get(service.name)?.inventory : mergedInventory([...declared.values()]);
    const ctx = inventory && inventory.series.size > 0 ? { inventory, recordings, declared: service?.metrics ?? {}, labelsOnly: true } : void 0;
    contexts.set(key, ctx);
    return ctx;
  };
  for (const d of checkExpressions(model, contextFor)) {
    const guessed = d.message.includes("did you mean");
    out.push({
      ...d,
      severity: "error",
      check: "promql/unknown-label",
      hint: guessed ? d.hint : `${d.hint}; if the series really carry it, declare it: in the service's targetLabels when Prometheus adds it to the targets, in the profile's labelNames when the service exports it`
    });
  }
  return out;
}
export {
  checkDeclaredLabels
};
