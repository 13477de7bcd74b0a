import { renderAnnotation } from "../rules/humanize.js";
import { quote } from "../rules/promql.js";
import { sloSeries } from "./names.js";
import { errorBudget, sloAlertRules, sloSeriesLabels } from "./rules.js";
import { burnTiers } from "./windows.js";
const MINUTES = 30;
const SECOND_INSTANCE = "app-2:8000";
const GROUP_VALUES = {
  handler: ["/items", "/items/{item_id}"],
  route: ["/items", "/items/{item_id}"],
  path: ["/items", "/items/{item_id}"],
  method: ["GET", "DELETE"]
};
const selectorText = (labels) => `{${Object.entries(labels).map(([k, v]) => `${k}=${quote(v)}`).join(",")}}`;
function sloAlertTests(slo) {
  if (!slo.fixture) return [];
  const rules = sloAlertRules(slo);
  if (rules.length === 0) return [];
  const lowest = Math.min(...burnTiers(slo.period, slo.tiers).map((t) => t.factor * errorBudget(slo)));
  const perMinute = Math.max(10 ** Math.ceil(Math.log10(2 / lowest)), Math.ceil(120 * (slo.minRequestRate ?? 0)));
  const fixture = slo.fixture;
  const name = (what) => `${slo.alerting.name} (${slo.service}/${slo.name}): ${what}`;
  const every = (labels) => rules.map((r) => {
    const all = { ...labels, ...r.labels ?? {} };
    return {
      exp_labels: all,
      exp_annotations: Object.fromEntries(Object.entries(r.annotations ?? {}).map(([k, t]) => [k, renderAnnotation(t, all, 1)]))
    };
  });
  if (slo.groupBy) {
    const busy = Object.fromEntries(slo.groupBy.map((l) => [l, (GROUP_VALUES[l] ?? ["busy", "failing"])[0]]));
    const failing = Object.fromEntries(slo.groupBy.map((l) => [l, (GROUP_VALUES[l] ?? ["busy", "failing"])[1]]));
    const quiet = perMinute * lowest / 4;
    return [
      {
        name: name(`one ${slo.groupBy.join("/")} failing at low traffic beside a busy healthy one: it alone fires, every tier`),
        interval: "1m",
        input_series: [
          ...fixture([{ minutes: MINUTES, good: perMinute, bad: 0 }], { labels: busy }),
          ...fixture([{ minutes: MINUTES, good: 0, bad: quiet }], { labels: failing })
        ],
        alert_rule_test: [{ eval_time: "10m", alertname: slo.alerting.name, exp_alerts: every({ ...sloSeriesLabels(slo), ...failing }) }]
      }
    ];
  }
  const result = sloSeriesLabels(slo);
  const run = (what, segment, firing) => ({
    name: name(what),
    interval: "1m",
    input_series: fixture([segment]),
    alert_rule_test: [{ eval_time: "10m", alertname: slo.alerting.name, exp_alerts: firing ? every(result) : [] }]
  });
  return [
    run("every event fails: every tier fires", { minutes: MINUTES, good: 0, bad: perMinute }, true),
    run(
      "errors at half the lowest alert threshold: nothing fires",
      { minutes: MINUTES, good: perMinute * (1 - lowest / 2), bad: perMinute * lowest / 2 },
      false
    ),
    ...slo.downtime ? downtimeTests(slo, perMinute, name) : []
  ];
}
function downtimeTests(slo, perMinute, name) {
  const fixture = slo.fixture;
  const sel = selectorText({ service: slo.service, slo: slo.name });
  const healthy = (minutes) => ({ minutes, good: perMinute, bad: 0 });
  const page = (minutes, firing) => ({
    expr: `max(ALERTS{alertname=${quote(slo.alerting.name)},alertstate="firing",service=${quote(slo.service)},slo=${quote(slo.name)},severity="page"})`,
    eval_time: `${minutes}m`,
    exp_samples: firing ? [{ labels: "{}", value: 1 }] : []
  });
  const noAlert = (minutes) => ({
    expr: `ALERTS{alertname=${quote(slo.alerting.name)},service=${quote(slo.service)},slo=${quote(slo.name)}}`,
    eval_time: `${minutes}m`,
    exp_samples: []
  });
  const budgetWhole = (minutes) => ({
    expr: `${sloSeries.budgetRemaining}${sel}`,
    eval_time: `${minutes}m`,
    exp_samples: [{ labels: `${sloSeries.budgetRemaining}${selectorText(sloSeriesLabels(slo))}`, value: 1 }]
  });
  const budgetBurnt = (minutes) => ({
    expr: `count(${sloSeries.budgetRemaining}${sel} < 1)`,
    eval_time: `${minutes}m`,
    exp_samples: [{ labels: "{}", value: 1 }]
  });
  const dies = (down, how) => ({
    name: name(`the only instance dies after an hour (${how}): pages within 10 minutes, budget burns`),
    interval: "1m",
    input_series: fixture([healthy(60), { minutes: 30, good: 0, bad: 0, down }]),
    promql_expr_test: [page(60, false), budgetWhole(60), page(70, true), budgetBurnt(70), page(90, true)]
  });
  return [
    dies("refused", "counters vanish, up is 0"),
    dies("gone", "counters and up vanish, as a deleted pod"),
    {
      name: name("one instance of two dies while the other serves: nothing fires, the budget stays whole"),
      interval: "1m",
      input_series: [
        ...fixture([healthy(90)]),
        ...fixture([healthy(60), { minutes: 30, good: 0, bad: 0, down: "refused" }], { instance: SECOND_INSTANCE })
      ],
      promql_expr_test: [noAlert(70), noAlert(90), budgetWhole(90)]
    }
  ];
}
export {
  SECOND_INSTANCE,
  sloAlertTests
};
