function declaredHistograms(service) {
  const out = /* @__PURE__ */ new Map();
  for (const [name, buckets] of Object.entries(service.histograms)) {
    const field = service.database?.queryDuration === name ? "database.buckets" : `histograms.${name}`;
    out.set(name, { buckets: [...buckets].sort((a, b) => a - b), field });
  }
  return out;
}
const LIVE_TYPE = {
  counter: "counter",
  gauge: "gauge",
  histogram: "histogram",
  info: "info",
  summary: "summary"
};
function declaredInventory(service) {
  const series = /* @__PURE__ */ new Map();
  const problems = [];
  const add = (name, kind, labels) => {
    const type = kind ? LIVE_TYPE[kind] : "unknown";
    const put = (n, extra = []) => series.set(n, { family: name, type, labels: /* @__PURE__ */ new Set([...labels, ...extra]) });
    put(name, kind === "summary" ? ["quantile"] : name.endsWith("_bucket") ? ["le"] : []);
    if (kind === "histogram") put(`${name}_bucket`, ["le"]);
    if (kind === "histogram" || kind === "summary") for (const s of ["_sum", "_count"]) put(`${name}${s}`);
  };
  const declared = service.profile.labelNames;
  if (declared !== void 0 && (typeof declared !== "object" || declared === null || Array.isArray(declared))) {
    problems.push({ field: "profile.labelNames", message: "must map metric names to lists of label names" });
  } else if (declared) {
    for (const [metric, labels] of Object.entries(declared)) {
      if (!Array.isArray(labels) || labels.some((l) => typeof l !== "string" || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(l))) {
        problems.push({
          field: `profile.labelNames.${metric}`,
          message: `must be a list of label names such as ['handler', 'method'], got ${JSON.stringify(labels)}`
        });
        continue;
      }
      add(metric, service.profile.metrics?.[metric], labels);
    }
  }
  const db = service.database;
  if (db?.operationLabel) add(db.queryDuration, "histogram", [db.operationLabel]);
  const info = service.business?.info;
  if (info && Array.isArray(info.labels)) add(info.metric, "info", info.labels);
  const undeclared = new Set(Object.keys(service.metrics).filter((m) => !series.has(m)));
  const targetLabels = /* @__PURE__ */ new Set(["job", "instance", ...Object.keys(service.selector.matchers), ...service.targetLabels ?? []]);
  return {
    inventory: { source: `service ${service.name} (profile ${service.profile.name})`, targetLabels, series },
    undeclared,
    problems
  };
}
function mergedInventory(parts) {
  const undeclared = new Set(parts.flatMap((p) => [...p.undeclared]));
  const series = /* @__PURE__ */ new Map();
  for (const p of parts)
    for (const [name, s] of p.inventory.series) {
      if (undeclared.has(name)) continue;
      const have = series.get(name);
      if (have) for (const l of s.labels) have.labels.add(l);
      else series.set(name, { ...s, labels: new Set(s.labels) });
    }
  return {
    source: "the services of this project",
    targetLabels: new Set(parts.flatMap((p) => [...p.inventory.targetLabels])),
    series
  };
}
export {
  declaredHistograms,
  declaredInventory,
  mergedInventory
};
