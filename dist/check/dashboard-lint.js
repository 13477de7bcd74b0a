import { UID_CHARSET, UID_MAX } from "../core/uid.js";
import { lintExpression } from "./expr-lint.js";
import { grafanaVariables, parsePromql, walk } from "../promql/index.js";
const JOB_VARIABLE = "job";
const INSTANCE_VARIABLE = "instance";
const GRID_COLUMNS = 24;
const BUILTIN_VARIABLES = /* @__PURE__ */ new Set([
  "__rate_interval",
  "__rate_interval_ms",
  "__interval",
  "__interval_ms",
  "__range",
  "__range_s",
  "__range_ms",
  "__from",
  "__to",
  "__dashboard",
  "__org",
  "__user",
  "__name",
  "__auto",
  "__timeFilter",
  "timeFilter",
  "__all_variables",
  "__url_time_range",
  "__value",
  "__field",
  "__series",
  "__data",
  "__cell",
  "__timezone"
]);
const STATIC_PANELS = /* @__PURE__ */ new Set(["row", "text", "news", "dashlist", "annolist", "alertlist"]);
function lintDashboard({ json, source, catalog, knownUids }) {
  const out = [];
  const uid = json.uid ?? "";
  const base = { file: source, path: [`dashboard ${uid || "(no uid)"}`] };
  const report = (severity, check, path, message, hint, column) => out.push({
    severity,
    check,
    where: { ...base, path: [...base.path, ...path], ...column !== void 0 ? { column } : {} },
    message,
    ...hint ? { hint } : {}
  });
  if (uid.length > UID_MAX || !UID_CHARSET.test(uid)) {
    report(
      "error",
      "dashboard/uid",
      [],
      `uid "${uid}" must be 1 to ${UID_MAX} characters of letters, digits, "-" and "_"`,
      "shorten the service name or the dashboard id"
    );
  }
  if (!json.title?.trim()) report("error", "dashboard/title", [], "dashboard has no title");
  const variables = json.templating?.list ?? [];
  const defined = new Set(variables.map((v) => v.name));
  const dsVar = variables.find((v) => v.type === "datasource" && (v.query === "prometheus" || v.query === void 0));
  if (!dsVar) {
    report(
      "error",
      "dashboard/datasource-variable",
      [],
      "no datasource variable: the dashboard is tied to one Prometheus",
      'add a variable of type "datasource" with query "prometheus" and use it in every panel'
    );
  }
  const hasJob = defined.has(JOB_VARIABLE);
  const hasInstance = defined.has(INSTANCE_VARIABLE);
  for (const [name, present] of [
    [JOB_VARIABLE, hasJob],
    // A dashboard of recorded series only (SLOs) has no instance to pick: a picker would filter nothing.
    [INSTANCE_VARIABLE, hasInstance || !readsInstances(json, catalog)]
  ]) {
    if (!present)
      report(
        "error",
        "dashboard/selector-variable",
        [],
        `no "${name}" variable: viewers cannot choose which ${name} they look at`,
        `add a query variable "${name}" (label_values(up, ${name}))`
      );
  }
  const usesDs = (ref) => dsVar !== void 0 && ref?.uid !== void 0 && referencesVariable(ref.uid, dsVar.name);
  const checkQuery = (expr, path, lintSelectors, at = 0, seriesOnly = false) => {
    for (const f of lintExpression(expr, { catalog, origin: "dashboard", seriesOnly })) {
      report(f.severity, f.check, path, f.message, f.hint, at + f.offset + 1);
    }
    for (const use of grafanaVariables(expr)) {
      if (!defined.has(use.name) && !BUILTIN_VARIABLES.has(use.name) && !/^\d+$/.test(use.name)) {
        report(
          "error",
          "dashboard/undefined-variable",
          path,
          `variable "$${use.name}" is not defined in this dashboard`,
          `define it under templating, or remove it`,
          at + use.from + 1
        );
      }
    }
    if (lintSelectors) checkSelectorMatchers(expr, path, catalog, { hasJob, hasInstance }, report);
  };
  for (const v of variables) {
    const path = [`variable ${v.name}`];
    if (v.type === "query") {
      if (dsVar && !usesDs(v.datasource)) {
        report(
          "error",
          "dashboard/panel-datasource",
          path,
          `variable "${v.name}" does not query the datasource variable $${dsVar.name}`,
          `set its datasource to { type: "prometheus", uid: "\${${dsVar.name}}" }`
        );
      }
      for (const q of variableQueryExpressions(v.query)) checkQuery(q.expr, path, false, q.offset, q.seriesOnly);
    }
  }
  for (const a of json.annotations?.list ?? []) {
    if (a.builtIn || !a.expr) continue;
    checkQuery(a.expr, [`annotation "${a.name}"`], true);
  }
  const panels = [];
  for (const p of json.panels ?? []) {
    panels.push(p);
    if (p.type === "row" && Array.isArray(p.panels)) panels.push(...p.panels);
  }
  const titles = /* @__PURE__ */ new Map();
  for (const p of panels) {
    const title = typeof p.title === "string" ? p.title : "";
    const path = [title ? `panel "${title}"` : `panel #${p.id ?? "?"}`];
    if (p.type === "row") continue;
    if (!title.trim()) report("error", "dashboard/panel-title", path, "panel has no title", "say what the panel shows");
    else if (titles.has(title))
      report(
        "error",
        "dashboard/duplicate-title",
        path,
        `another panel of this dashboard is also titled "${title}"`,
        "give each panel a distinct title: they name the panel in links and alerts"
      );
    titles.set(title, (titles.get(title) ?? 0) + 1);
    if (STATIC_PANELS.has(p.type ?? "")) continue;
    if (typeof p.description !== "string" || !p.description.trim()) {
      report(
        "error",
        "dashboard/panel-description",
        path,
        "panel has no description",
        "explain what the panel shows and how to read it; Grafana shows it on hover"
      );
    }
    if (!hasUnit(p))
      report(
        "error",
        "dashboard/panel-unit",
        path,
        "panel has no unit",
        'set fieldConfig.defaults.unit (e.g. "reqps", "s", "percentunit", "short")'
      );
    const targets = Array.isArray(p.targets) ? p.targets : [];
    const queries = targets.filter((t) => typeof t.expr === "string" && t.expr.trim() !== "");
    if (queries.length === 0) report("error", "dashboard/panel-query", path, "panel has no query", "add at least one Prometheus query");
    const bypassesDs = (what, where) => report(
      "error",
      "dashboard/panel-datasource",
      where,
      `${what} does not use the datasource variable $${dsVar.name}`,
      `set its datasource to { type: "prometheus", uid: "\${${dsVar.name}}" }`
    );
    if (dsVar && !usesDs(p.datasource)) bypassesDs("panel", path);
    for (const t of targets) {
      const tPath = [...path, `query ${t.refId ?? "?"}`];
      if (dsVar && t.datasource && !usesDs(t.datasource)) {
        bypassesDs("query", tPath);
      }
      if (typeof t.expr === "string" && t.expr.trim() !== "") checkQuery(t.expr, tPath, true);
    }
    for (const url of panelLinkUrls(p)) checkLink(url, path, knownUids, report);
  }
  for (const link of json.links ?? [])
    if (link.type === "link" && link.url) checkLink(link.url, [`link "${link.title}"`], knownUids, report);
  checkGrid(json.panels ?? [], report);
  for (const row of json.panels ?? []) {
    if (row.type === "row" && Array.isArray(row.panels) && row.panels.length > 0) checkGrid(row.panels, report);
  }
  return out;
}
function referencesVariable(text, name) {
  return grafanaVariables(text).some((u) => u.name === name);
}
function hasUnit(p) {
  const fc = p.fieldConfig;
  if (typeof fc?.defaults?.unit === "string" && fc.defaults.unit.trim() !== "") return true;
  return (fc?.overrides ?? []).some(
    (o) => (o.properties ?? []).some((prop) => prop.id === "unit" && typeof prop.value === "string" && prop.value !== "")
  );
}
function readsInstances(json, catalog) {
  const panels = (json.panels ?? []).flatMap((p) => [p, ...Array.isArray(p.panels) ? p.panels : []]);
  return panels.some(
    (p) => (Array.isArray(p.targets) ? p.targets : []).some((t) => {
      const { ast } = typeof t.expr === "string" ? parsePromql(t.expr) : { ast: void 0 };
      let found = false;
      if (ast)
        walk(ast, (n) => {
          if (n.kind === "selector" && n.metric !== "ALERTS" && n.metric !== "ALERTS_FOR_STATE" && catalog.kind(n.metric ?? "") !== "recording")
            found = true;
        });
      return found;
    })
  );
}
function checkSelectorMatchers(expr, path, catalog, vars, report) {
  const { ast } = parsePromql(expr);
  if (!ast) return;
  walk(ast, (n) => {
    if (n.kind !== "selector" || n.metric === "ALERTS" || n.metric === "ALERTS_FOR_STATE") return;
    const kind = n.metric ? catalog.kind(n.metric) : void 0;
    const required = [];
    if (vars.hasJob) required.push(JOB_VARIABLE);
    if (vars.hasInstance && kind !== "recording") required.push(INSTANCE_VARIABLE);
    for (const label of required) {
      const ok = n.matchers.some((m) => m.label === label && (m.op === "=" || m.op === "=~") && referencesVariable(m.value, label));
      if (!ok) {
        report(
          "error",
          "dashboard/selector-matcher",
          path,
          `selector ${n.metric ?? "{\u2026}"} does not filter on ${label}=~"$${label}": it mixes every ${label} regardless of the variable`,
          `add ${label}=~"$${label}" to the selector`,
          n.from + 1
        );
      }
    }
  });
}
function variableQueryExpressions(query) {
  const text = typeof query === "string" ? query : typeof query === "object" && query && typeof query.query === "string" ? query.query : "";
  const m = /^\s*(label_values|query_result|label_names)\s*\(([\s\S]*)\)\s*$/.exec(text);
  if (!m) return [];
  const inner = m[2];
  const innerOffset = text.indexOf(inner, m[1].length);
  if (m[1] === "query_result") return inner.trim() ? [{ expr: inner, offset: innerOffset, seriesOnly: false }] : [];
  const comma = inner.lastIndexOf(",");
  const selector = m[1] === "label_names" ? inner : comma < 0 ? "" : inner.slice(0, comma);
  return selector.trim() ? [{ expr: selector, offset: innerOffset, seriesOnly: true }] : [];
}
function panelLinkUrls(p) {
  const urls = [];
  const collect = (links) => {
    if (!Array.isArray(links)) return;
    for (const l of links) if (l && typeof l.url === "string") urls.push(l.url);
  };
  collect(p.links);
  const fc = p.fieldConfig;
  collect(fc?.defaults?.links);
  for (const o of fc?.overrides ?? []) for (const prop of o.properties ?? []) if (prop.id === "links") collect(prop.value);
  return urls;
}
function checkLink(url, path, knownUids, report) {
  const m = /\/d\/([A-Za-z0-9_-]+)/.exec(url);
  if (!m) return;
  const target = m[1];
  if (!knownUids.has(target)) {
    report(
      "error",
      "dashboard/link",
      path,
      `link to dashboard uid "${target}", which this build does not emit`,
      `link to one of: ${[...knownUids].sort().join(", ")}`
    );
  }
}
function checkGrid(panels, report) {
  const boxes = panels.map((p) => ({ p, g: p.gridPos })).filter((b) => b.g !== void 0);
  const name = (p) => p.title ? `panel "${p.title}"` : `panel #${p.id ?? "?"}`;
  for (const { p, g } of boxes) {
    if (g.x + g.w > GRID_COLUMNS)
      report(
        "error",
        "dashboard/grid",
        [name(p)],
        `panel spans columns ${g.x} to ${g.x + g.w}, past the grid's ${GRID_COLUMNS} columns`,
        "reduce its width or x"
      );
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].g;
      const b = boxes[j].g;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        report(
          "error",
          "dashboard/grid",
          [name(boxes[j].p)],
          `panel overlaps ${name(boxes[i].p)} on the grid`,
          "let the layout place panels, or move one of them"
        );
      }
    }
  }
}
export {
  INSTANCE_VARIABLE,
  JOB_VARIABLE,
  lintDashboard,
  variableQueryExpressions
};
