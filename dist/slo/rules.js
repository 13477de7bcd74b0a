import { DacError } from "../core/diagnostic.js";
import { parseDuration } from "../core/duration.js";
import { humanizePercentage } from "../rules/humanize.js";
import { num, quote } from "../rules/promql.js";
import { sloSeries } from "./names.js";
import { burnTiers, tierWindows } from "./windows.js";
const RAW_WINDOW_MAX_SECONDS = 3600;
const DOWNTIME_FLOOR_RPS = 1 / 60;
const DOWNTIME_GRACE = "2m1s";
const BASELINE_MEMORY = "1d";
function errorBudget(slo) {
  return Number((1 - slo.objective / 100).toPrecision(12));
}
function validateSlo(slo) {
  const out = [];
  const at = (message, hint) => out.push({ severity: "error", check: "slo/objective", where: { file: slo.source, path: slo.path }, message, hint });
  if (!(typeof slo.objective === "number" && slo.objective > 0 && slo.objective < 100)) {
    at(
      `objective ${String(slo.objective)} is not a percentage strictly between 0 and 100`,
      'write 99.9 for "three nines"; 100 leaves no error budget, so no burn rate exists'
    );
    return out;
  }
  let period;
  try {
    period = parseDuration(slo.period);
  } catch (e) {
    at(e.message, "use a period such as 30d, 28d or 7d");
    return out;
  }
  for (const label of slo.groupBy ?? [])
    if (slo.labels && label in slo.labels)
      at(
        `label "${label}" is both a label of the SLO and one the SLI is grouped by`,
        `the SLI's "${label}" would be overwritten on every series; rename the SLO label or drop it`
      );
  const budget = errorBudget(slo);
  for (const tier of burnTiers(slo.period, slo.tiers)) {
    if (tier.severity === "page" && !slo.alerting.page || tier.severity === "ticket" && !slo.alerting.ticket) continue;
    if (parseDuration(tier.long) > period)
      at(
        `the ${tier.long} ${tier.severity} window is longer than the ${slo.period} period`,
        `use a period of at least ${tier.long}, or drop that tier`
      );
    if (parseDuration(tier.short) >= parseDuration(tier.long))
      at(
        `the ${tier.severity} tier's short window ${tier.short} is not shorter than its long window ${tier.long}`,
        "the short window should be about 1/12 of the long one"
      );
    const threshold = tier.factor * budget;
    if (tier.factor <= 1)
      at(
        `the ${tier.severity} tier over ${tier.long} fires at ${num(tier.factor)}\xD7 the sustainable burn rate (${humanizePercentage(tier.budgetFraction)} of the ${slo.period} budget in ${tier.long}): at that pace the budget lasts the whole period, so it would alert on a service that meets its objective`,
        `make the tier's budget fraction larger than ${humanizePercentage(parseDuration(tier.long) / period)} (the ${tier.long} window's share of the ${slo.period} period), or shorten its long window`
      );
    else if (threshold >= 1)
      at(
        `the ${tier.severity} alert over ${tier.long} could never fire: it needs an error ratio above ${num(tier.factor)} \xD7 ${humanizePercentage(budget)} = ${humanizePercentage(threshold)}, and a ratio cannot exceed 100%`,
        `an objective of ${slo.objective}% leaves so much budget that burning ${humanizePercentage(tier.budgetFraction)} of it in ${tier.long} is impossible; raise the objective (above ${num(100 - 100 / tier.factor)}%) or lengthen the long window`
      );
  }
  return out;
}
function assertValid(slo) {
  const problems = validateSlo(slo);
  if (problems.length > 0) throw new DacError(problems);
}
const selectorOf = (slo) => `{service=${quote(slo.service)},slo=${quote(slo.name)}}`;
function labelsOf(slo) {
  return { ...slo.labels ?? {}, service: slo.service, slo: slo.name, ...slo.job ? { job: slo.job } : {} };
}
function sloSeriesLabels(slo) {
  return labelsOf(slo);
}
function baselineWindow(windows) {
  return [...windows].reverse().find((w) => parseDuration(w) <= RAW_WINDOW_MAX_SECONDS) ?? windows[0];
}
function downtimeRules(slo, windows, up) {
  const sel = selectorOf(slo);
  const w = baselineWindow(windows);
  return [
    {
      record: sloSeries.baseline,
      expr: `clamp_min(${sloSeries.requests(w)}${sel}, ${num(DOWNTIME_FLOOR_RPS)}) and on() (max(${up}) == 1) or last_over_time(${sloSeries.baseline}${sel}[${BASELINE_MEMORY}])`,
      labels: labelsOf(slo)
    },
    {
      record: sloSeries.unanswered,
      expr: `${sloSeries.baseline}${sel} and on() absent(max_over_time(${up}[${DOWNTIME_GRACE}]) == 1) or on() vector(0)`,
      labels: labelsOf(slo)
    }
  ];
}
function sliRules(slo, windows) {
  const sel = selectorOf(slo);
  const labels = () => labelsOf(slo);
  const base = windows[0];
  const up = slo.groupBy ? void 0 : slo.downtime?.up;
  const rules = up ? downtimeRules(slo, windows, up) : [];
  const raw = (w) => {
    const [errors, total] = [slo.sli.errors(w), slo.sli.total(w)];
    if (slo.groupBy) return [`(${errors}) or (${total}) * 0`, total];
    if (!up) return [`(${errors}) or vector(0)`, `(${total}) or vector(0)`];
    const lost = ` + on() avg_over_time(${sloSeries.unanswered}${sel}[${w}])`;
    return [`((${errors}) or vector(0))${lost}`, `((${total}) or vector(0))${lost}`];
  };
  for (const w of windows) {
    if (w === base || parseDuration(w) <= RAW_WINDOW_MAX_SECONDS) {
      const [errors, total] = raw(w);
      rules.push({ record: sloSeries.errors(w), expr: errors, labels: labels() });
      rules.push({ record: sloSeries.requests(w), expr: total, labels: labels() });
    } else {
      rules.push({ record: sloSeries.errors(w), expr: `avg_over_time(${sloSeries.errors(base)}${sel}[${w}])`, labels: labels() });
      rules.push({ record: sloSeries.requests(w), expr: `avg_over_time(${sloSeries.requests(base)}${sel}[${w}])`, labels: labels() });
    }
  }
  return rules;
}
function ratioExpr(errors, requests, sel) {
  return `${errors}${sel} / (${requests}${sel} > 0) or ${requests}${sel} * 0`;
}
function ratioRules(slo, windows) {
  const sel = selectorOf(slo);
  const labels = () => labelsOf(slo);
  const budget = num(errorBudget(slo));
  return windows.flatMap((w) => [
    { record: sloSeries.errorRatio(w), expr: ratioExpr(sloSeries.errors(w), sloSeries.requests(w), sel), labels: labels() },
    { record: sloSeries.burnRate(w), expr: `${sloSeries.errorRatio(w)}${sel} / ${budget}`, labels: labels() }
  ]);
}
function budgetRules(slo, base) {
  const sel = selectorOf(slo);
  const labels = () => labelsOf(slo);
  const budget = num(errorBudget(slo));
  const info = { ...labels(), objective: num(slo.objective), period: slo.period, sli: slo.kind };
  if (slo.description) info.description = slo.description;
  return [
    { record: sloSeries.periodErrors, expr: `avg_over_time(${sloSeries.errors(base)}${sel}[${slo.period}])`, labels: labels() },
    { record: sloSeries.periodRequests, expr: `avg_over_time(${sloSeries.requests(base)}${sel}[${slo.period}])`, labels: labels() },
    { record: sloSeries.periodErrorRatio, expr: ratioExpr(sloSeries.periodErrors, sloSeries.periodRequests, sel), labels: labels() },
    { record: sloSeries.budgetRemaining, expr: `1 - ${sloSeries.periodErrorRatio}${sel} / ${budget}`, labels: labels() },
    { record: sloSeries.objective, expr: `vector(${num(slo.objective / 100)})`, labels: labels() },
    { record: sloSeries.errorBudget, expr: `vector(${budget})`, labels: labels() },
    { record: sloSeries.info, expr: "vector(1)", labels: info }
  ];
}
function alertRule(slo, tier) {
  const sel = selectorOf(slo);
  const budget = errorBudget(slo);
  const threshold = num(tier.factor * budget);
  const guard = slo.minRequestRate !== void 0 ? ` and ${sloSeries.requests(tier.long)}${sel} >= ${num(slo.minRequestRate)}` : "";
  const what = slo.description ? slo.description.replace(/\.$/, "") : `${slo.name} SLI`;
  const group = slo.groupBy ? ` (${slo.groupBy.map((l) => `${l} {{ $labels.${l} }}`).join(", ")})` : "";
  const pace = tier.severity === "page" ? "someone should act now" : "it needs attention within working hours";
  return {
    alert: slo.alerting.name,
    expr: `${sloSeries.errorRatio(tier.long)}${sel} > ${threshold} and ${sloSeries.errorRatio(tier.short)}${sel} > ${threshold}${guard}`,
    labels: {
      ...slo.alerting.labels,
      ...slo.alerting.bySeverity?.[tier.severity]?.labels ?? {},
      service: slo.service,
      slo: slo.name,
      severity: tier.severity,
      long_window: tier.long,
      short_window: tier.short
    },
    annotations: {
      summary: `${slo.serviceTitle} ${slo.name} SLO${group}: error budget burning ${num(tier.factor)}\xD7 too fast`,
      description: `Over the last ${tier.long}, {{ $value | humanizePercentage }} of ${slo.serviceTitle} events${group} failed the ${slo.name} SLO ("${what}"); the ${num(slo.objective)}% objective allows ${humanizePercentage(budget)}. The last ${tier.short} are as bad, so it is still happening. At this pace ${humanizePercentage(tier.budgetFraction)} of the ${slo.period} error budget is gone within ${tier.long}: ${pace}.`,
      runbook_url: slo.runbookUrl,
      ...slo.dashboardUrl ? { dashboard_url: slo.dashboardUrl } : {},
      ...slo.alerting.annotations,
      ...slo.alerting.bySeverity?.[tier.severity]?.annotations ?? {}
    }
  };
}
function sloAlertRules(slo) {
  return burnTiers(slo.period, slo.tiers).filter((t) => t.severity === "page" ? slo.alerting.page : slo.alerting.ticket).map((t) => alertRule(slo, t));
}
function sloRuleGroups(slo) {
  assertValid(slo);
  const windows = tierWindows(slo.tiers);
  return [
    { name: `${slo.service}-slo-${slo.name}`, rules: [...sliRules(slo, windows), ...ratioRules(slo, windows), ...sloAlertRules(slo)] },
    { name: `${slo.service}-slo-${slo.name}-budget`, rules: budgetRules(slo, windows[0]) }
  ];
}
export {
  BASELINE_MEMORY,
  DOWNTIME_FLOOR_RPS,
  DOWNTIME_GRACE,
  RAW_WINDOW_MAX_SECONDS,
  errorBudget,
  sloAlertRules,
  sloRuleGroups,
  sloSeriesLabels,
  validateSlo
};
