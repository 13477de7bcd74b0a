import { quote } from "../core/promql-text.js";
import { quote as quote2 } from "../core/promql-text.js";
const JOB_VARIABLE = "job";
const INSTANCE_VARIABLE = "instance";
function renderMatcher(m) {
  return `${m.label}${m.op}${quote(m.value)}`;
}
function eq(label, value) {
  return { label, op: "=", value };
}
function re(label, value) {
  return { label, op: "=~", value };
}
function staticMatchers(service) {
  const extra = Object.keys(service.selector.matchers).sort().map((k) => eq(k, service.selector.matchers[k] ?? ""));
  return [eq("job", service.selector.job), ...extra];
}
function dashboardMatchers(service, extra = []) {
  const [, ...fixed] = staticMatchers(service);
  return [eq("job", `$${JOB_VARIABLE}`), ...fixed, re("instance", `$${INSTANCE_VARIABLE}`), ...extra];
}
function series(service, metric, extra = []) {
  return `${metric}{${dashboardMatchers(service, extra).map(renderMatcher).join(", ")}}`;
}
function staticSeries(metric, matchers) {
  return `${metric}{${matchers.map(renderMatcher).join(", ")}}`;
}
export {
  INSTANCE_VARIABLE,
  JOB_VARIABLE,
  dashboardMatchers,
  eq,
  quote2 as quote,
  re,
  renderMatcher,
  series,
  staticMatchers,
  staticSeries
};
