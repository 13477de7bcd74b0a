import { interpolate, formatVariable } from "./grafana/interpolate.js";
import { panelQueries } from "./grafana/panels.js";
import { parseDuration, parseTimeBound, queryIntervals, timeMacros } from "./grafana/time.js";
import { layoutPanels } from "./layout.js";
const DEFAULT_SCRAPE_MS = 15e3;
async function previewDashboard(dashboard, source, options) {
  const from = dashboard.time?.from ?? "now-6h";
  const to = dashboard.time?.to ?? "now";
  const range = { fromMs: parseTimeBound(from, options.nowMs), toMs: parseTimeBound(to, options.nowMs) };
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_MS;
  const dashboardMacros = timeMacros(range, queryIntervals(range, { maxDataPoints: 1e3, scrapeIntervalMs }));
  const list = dashboard.templating?.list ?? [];
  const variables = await source.variables(list, range, dashboardMacros);
  const panels = [];
  for (const placed of layoutPanels(dashboard.panels ?? [], variables)) {
    const title = textOf(placed.json.title ?? "", placed.scope);
    const base = {
      kind: placed.kind,
      json: placed.json,
      title,
      grid: placed.grid,
      ...placed.repeatLabel ? { repeatLabel: placed.repeatLabel } : {},
      ...placed.hidden !== void 0 ? { hidden: placed.hidden } : {}
    };
    if (placed.kind === "row") {
      panels.push({ ...base, results: [] });
      continue;
    }
    const sized = { ...placed.json, gridPos: placed.grid, repeat: void 0 };
    const targets = new Map((placed.json.targets ?? []).map((t) => [String(t.refId ?? "?"), t]));
    const results = [];
    for (const q of panelQueries({ panels: [sized] })) {
      const intervals = queryIntervals(range, {
        maxDataPoints: q.maxDataPoints,
        scrapeIntervalMs,
        ...q.minInterval ? { minIntervalMs: parseDuration(q.minInterval) } : {}
      });
      const { text, unresolved } = interpolate(q.expr, placed.scope, timeMacros(range, intervals));
      const unknown = unresolved.filter((name) => !/^\d+$/.test(name));
      const target = targets.get(q.refId) ?? {};
      for (const kind of q.kinds) {
        if (unknown.length > 0) {
          results.push({
            refId: q.refId,
            kind,
            expr: text,
            series: [],
            error: `unknown variable(s) ${unknown.map((n) => `$${n}`).join(", ")}`
          });
          continue;
        }
        results.push(
          await source.run({
            refId: q.refId,
            expr: text,
            template: q.expr,
            kind,
            legendFormat: typeof target.legendFormat === "string" ? target.legendFormat : void 0,
            format: typeof target.format === "string" ? target.format : void 0,
            unit: unitOf(placed.json),
            tableLabels: tableLabels(placed.json),
            seed: `${dashboard.uid ?? ""}|${placed.json.id ?? title}|${placed.repeatLabel ?? ""}`,
            range,
            stepMs: intervals.stepMs
          })
        );
      }
    }
    panels.push({ ...base, results });
  }
  return {
    uid: dashboard.uid ?? "",
    title: dashboard.title ?? dashboard.uid ?? "untitled",
    description: dashboard.description ?? "",
    range,
    rangeText: `${from} to ${to}`,
    synthetic: source.synthetic,
    variables: list.filter((v) => v.hide !== 2 && variables.has(v.name)).map((v) => ({ name: v.name, label: v.label ?? v.name, text: formatVariable(v.name, variables.get(v.name), "text") })),
    panels
  };
}
function textOf(template, scope) {
  const texts = /* @__PURE__ */ new Map();
  for (const [name, v] of scope) {
    if (v.values.length === 0 && !v.all) continue;
    texts.set(name, { values: [formatVariable(name, v, "text")], all: false, multi: false, includeAll: false });
  }
  return interpolate(template, texts, /* @__PURE__ */ new Map()).text.replace(/\\(.)/g, "$1");
}
function unitOf(panel) {
  const unit = panel.fieldConfig?.defaults?.unit;
  return typeof unit === "string" ? unit : void 0;
}
function tableLabels(panel) {
  if (panel.type !== "table") return [];
  const out = /* @__PURE__ */ new Set();
  for (const t of panel.transformations ?? []) {
    for (const name of Object.keys(t.options?.indexByName ?? {})) if (name !== "Time" && !name.startsWith("Value")) out.add(name);
  }
  return [...out];
}
export {
  previewDashboard
};
