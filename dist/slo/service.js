import { DacError } from "../core/diagnostic.js";
import { dashboardUrl, runbookUrl } from "../rules/links.js";
import { leRegex, selector, serviceLabels, serviceSeries } from "../rules/promql.js";
import { TEST_INSTANCE } from "../rules/alert-tests.js";
import { bucketsOf, latencySloHistogram } from "../config/histograms.js";
import { latencyBuckets } from "./fixtures.js";
import { counterValues, upValues } from "./process-series.js";
import { sloRuleGroups, validateSlo } from "./rules.js";
import { sloAlertTests } from "./tests.js";
import { DEFAULT_TIERS } from "./windows.js";
function pascalCase(name) {
  return name.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join("");
}
function sloAlertName(sloName) {
  return `${pascalCase(sloName)}ErrorBudgetBurn`;
}
function pinned(labels) {
  return (metric, extra) => selector(
    metric,
    Object.entries({ ...labels, ...extra }).map(([k, v]) => [k, "=", v])
  );
}
function requestSeries(service, options = {}) {
  const http = service.profile.http;
  const target = { ...serviceLabels(service), instance: options.instance ?? TEST_INSTANCE };
  return {
    series: pinned({ ...target, [http.labels.handler]: "/items", [http.labels.method]: "GET", ...options.labels ?? {} }),
    up: (segments) => ({ series: pinned(target)("up", {}), values: upValues(segments) })
  };
}
function upSelector(service) {
  return serviceSeries(service, "up");
}
function availabilitySli(service) {
  const http = service.profile.http;
  const errors = serviceSeries(service, http.requests, [[http.labels.status, "=~", "5.."]]);
  const all = serviceSeries(service, http.requests);
  return {
    sli: { errors: (w) => `sum(rate(${errors}[${w}]))`, total: (w) => `sum(rate(${all}[${w}]))` },
    // Grouped status codes ("5xx", prometheus-fastapi-instrumentator's default) must count as errors.
    fixture: (segments, options) => {
      const { series, up } = requestSeries(service, options);
      return [
        { series: series(http.requests, { [http.labels.status]: "2xx" }), values: counterValues(segments, (s) => s.good) },
        { series: series(http.requests, { [http.labels.status]: "5xx" }), values: counterValues(segments, (s) => s.bad) },
        up(segments)
      ];
    }
  };
}
function latencySli(service, threshold) {
  const base = latencySloHistogram(service, threshold) ?? service.profile.http.duration;
  const count = serviceSeries(service, `${base}_count`);
  const fast = serviceSeries(service, `${base}_bucket`, [["le", "=~", leRegex(threshold)]]);
  return {
    sli: {
      errors: (w) => `sum(rate(${count}[${w}])) - sum(rate(${fast}[${w}]))`,
      total: (w) => `sum(rate(${count}[${w}]))`
    },
    // Every declared bucket, spelled as the Python client and Prometheus 3 write it ("1.0"), which the matcher must accept.
    fixture: (segments, options) => {
      const { series: handlerSeries, up } = requestSeries(service, options);
      const series = base === service.profile.http.duration ? handlerSeries : pinned({ ...serviceLabels(service), instance: options?.instance ?? TEST_INSTANCE, ...options?.labels ?? {} });
      return [
        ...latencyBuckets(bucketsOf(service, base) ?? [], threshold).map((b) => ({
          series: series(`${base}_bucket`, { le: b.le }),
          values: counterValues(segments, b.count)
        })),
        { series: series(`${base}_count`, {}), values: counterValues(segments, (s) => s.good + s.bad) },
        up(segments)
      ];
    }
  };
}
function ratioSlo(ctx, spec, source = "rules") {
  const s = ctx.service;
  return {
    service: s.name,
    job: s.selector.job,
    serviceTitle: s.title,
    name: spec.name,
    kind: "ratio",
    objective: spec.objective,
    period: spec.period ?? "30d",
    ...spec.description ? { description: spec.description } : {},
    sli: { errors: spec.errors, total: spec.total },
    ...spec.minRequestRate !== void 0 ? { minRequestRate: spec.minRequestRate } : {},
    tiers: [...spec.tiers ?? DEFAULT_TIERS],
    alerting: {
      name: spec.alertName ?? sloAlertName(spec.name),
      labels: { ...spec.labels ?? {} },
      annotations: { ...spec.annotations ?? {} },
      page: spec.page ?? true,
      ticket: spec.ticket ?? true
    },
    ...spec.countDowntime ? { downtime: { up: upSelector(s) } } : {},
    runbookUrl: runbookUrl(s, spec.alertName ?? sloAlertName(spec.name)),
    dashboardUrl: dashboardUrl(s, ctx.dashboards, "slo", []),
    source,
    path: [`service ${s.name}`, `slo ${spec.name}`]
  };
}
function fromConfig(ctx, cfg, index, options) {
  const { service } = ctx;
  const built = cfg.kind === "latency" ? latencySli(service, cfg.thresholdSeconds ?? NaN) : availabilitySli(service);
  const alertName = sloAlertName(cfg.name);
  return {
    service: service.name,
    job: service.selector.job,
    serviceTitle: service.title,
    name: cfg.name,
    kind: cfg.kind,
    objective: cfg.objective,
    period: cfg.period,
    ...cfg.description ? { description: cfg.description } : {},
    sli: built.sli,
    ...cfg.minRequestRate !== void 0 ? { minRequestRate: cfg.minRequestRate } : {},
    tiers: [...options.tiers ?? DEFAULT_TIERS],
    alerting: { name: alertName, labels: { ...options.labels ?? {} }, annotations: {}, page: true, ticket: true },
    runbookUrl: runbookUrl(service, alertName),
    dashboardUrl: dashboardUrl(service, ctx.dashboards, "slo", []),
    fixture: built.fixture,
    ...cfg.kind === "availability" ? { downtime: { up: upSelector(service) } } : {},
    source: "dac.config.ts",
    path: [`service ${service.name}`, `slos[${index}] (${cfg.name})`]
  };
}
function serviceSlos(ctx, options = {}) {
  const slos = ctx.service.slos.map((cfg, i) => fromConfig(ctx, cfg, i, options));
  const problems = slos.flatMap(validateSlo);
  if (problems.length > 0) throw new DacError(problems);
  return slos;
}
function serviceSloGroups(ctx, options = {}) {
  return serviceSlos(ctx, options).flatMap(sloRuleGroups);
}
function serviceSloTests(ctx, options = {}) {
  return serviceSlos(ctx, options).flatMap(sloAlertTests);
}
export {
  availabilitySli,
  latencySli,
  pascalCase,
  ratioSlo,
  serviceSloGroups,
  serviceSloTests,
  serviceSlos,
  sloAlertName
};
