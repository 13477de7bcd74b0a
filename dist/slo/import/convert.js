import { parser } from "@prometheus-io/lezer-promql";
import { dashboardUrl, runbookUrl } from "../../rules/links.js";
const WINDOW = /\{\{\s*\.window\s*\}\}/g;
const SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*\s*(\{[^{}]*\})?$/;
function hasWindow(query) {
  return new RegExp(WINDOW.source).test(query);
}
function groupingOf(query) {
  const text = query.replace(WINDOW, "5m");
  let node = parser.parse(text).topNode.firstChild;
  while (node?.name === "ParenExpr") node = node.firstChild;
  if (node?.name !== "AggregateExpr") return void 0;
  const modifier = node.getChild("AggregateModifier");
  if (!modifier?.getChild("By")) return void 0;
  const labels = modifier.getChild("GroupingLabels")?.getChildren("LabelName") ?? [];
  return labels.length > 0 ? labels.map((l) => text.slice(l.from, l.to)).sort() : void 0;
}
function windowQuery(query, problem) {
  const text = query.trim();
  if (hasWindow(text)) return groupingOf(text) ? (w) => text.replace(WINDOW, w) : (w) => `sum(${text.replace(WINDOW, w)})`;
  if (SELECTOR.test(text)) return (w) => `sum(rate(${text}[${w}]))`;
  problem(
    `query "${text}" has no {{.window}} placeholder and is not a plain counter selector`,
    'write the rate window as {{.window}}, e.g. sum(rate(http_requests_total{code=~"5.."}[{{.window}}])), or give just the counter selector'
  );
  return void 0;
}
const DEFAULT_RUNBOOKS = "https://runbooks.example.com";
function linksFor(name, service) {
  if (!service) return { serviceTitle: name, runbookUrl: (alert) => `${DEFAULT_RUNBOOKS}/${name}/${alert}` };
  return {
    serviceTitle: service.title,
    runbookUrl: (alert) => runbookUrl(service, alert),
    dashboardUrl: dashboardUrl(service, [], "slo", [])
  };
}
function sharedGrouping(queries, problem) {
  const groupings = queries.map((q) => hasWindow(q) ? groupingOf(q) : void 0);
  const keys = new Set(groupings.map((g) => g ? g.join(",") : ""));
  if (keys.size > 1) {
    problem(
      `the queries are grouped differently (${groupings.map((g) => g ? `by (${g.join(", ")})` : "not grouped").join(" vs ")})`,
      "group the error and the total query by the same labels, e.g. both `sum by (handler) (\u2026)`, or neither"
    );
    return void 0;
  }
  const first = groupings[0];
  return first ? { groupBy: first } : {};
}
function reservedLabelProblems(labels, file, path) {
  return Object.keys(labels ?? {}).filter((k) => ["severity", "service", "slo", "job", "alertname", "long_window", "short_window", "__name__"].includes(k)).map((k) => ({
    severity: "error",
    check: "slo/spec",
    where: { file, path: [...path, `labels.${k}`] },
    message: `label "${k}" is set by dac`,
    hint: k === "severity" ? "dac sets severity to page or ticket, which the generated Alertmanager config routes; put team routing in another label, e.g. team" : k === "job" ? "dac sets job from the configured service, so that dashboards filter SLO series like every other; remove it" : "remove it"
  }));
}
export {
  groupingOf,
  hasWindow,
  linksFor,
  reservedLabelProblems,
  sharedGrouping,
  windowQuery
};
