import { bucketsOf } from "../config/histograms.js";
import { CLIENT_ERROR_ALERT, clientErrorScenarios } from "./client-errors.js";
import { renderAnnotation } from "./humanize.js";
import { selector, serviceLabels } from "./promql.js";
const TEST_INTERVAL = "1m";
const TEST_INSTANCE = "app:8000";
function counter(perMinute, minutes, start = 0) {
  return `${start}+${perMinute}x${minutes}`;
}
function gauge(value, minutes) {
  return `${value}x${minutes}`;
}
function series(metric, labels, values) {
  return {
    series: selector(
      metric,
      Object.entries(labels).map(([k, v]) => [k, "=", v])
    ),
    values
  };
}
function expected(f) {
  const result = f.resultLabels ?? {};
  const annotations = Object.fromEntries(
    Object.entries(f.alert.rule.annotations ?? {}).map(([k, t]) => [k, renderAnnotation(t, result, f.value)])
  );
  return { exp_labels: { ...result, ...f.alert.rule.labels ?? {} }, exp_annotations: annotations };
}
const MINUTES = 40;
function target(service) {
  return { ...serviceLabels(service), instance: TEST_INSTANCE };
}
function trafficScale(smallestRatio) {
  return Math.max(1e3, 10 ** Math.ceil(Math.log10(2 / smallestRatio)));
}
function requestSeries(service, perMinute) {
  const l = service.profile.http.labels;
  return Object.entries(perMinute).map(
    ([status, n]) => series(
      service.profile.http.requests,
      { ...target(service), [l.handler]: "/items", [l.method]: "GET", [l.status]: status },
      counter(n, MINUTES)
    )
  );
}
function histogramSeries(metric, labels, buckets, seconds, perMinute) {
  return [...buckets, Infinity].map(
    (b) => series(`${metric}_bucket`, { ...labels, le: b === Infinity ? "+Inf" : String(b) }, counter(seconds <= b ? perMinute : 0, MINUTES))
  );
}
function quantileOf(q, buckets, seconds) {
  const i = buckets.findIndex((b) => seconds <= b);
  if (i === -1) return buckets[buckets.length - 1];
  const start = i === 0 ? 0 : buckets[i - 1];
  return start + (buckets[i] - start) * q;
}
function durations(buckets, alerts) {
  return [...buckets, 2 * buckets[buckets.length - 1]].map((seconds) => ({
    seconds,
    firing: alerts.map(({ alert, q }) => ({ alert, value: quantileOf(q, buckets, seconds) })).filter((f) => f.value > f.alert.threshold)
  }));
}
function scenarios(service, alerts) {
  const by = (id) => alerts.find((a) => a.id === id);
  const out = /* @__PURE__ */ new Map();
  const add = (alertname, s) => out.set(alertname, [...out.get(alertname) ?? [], s]);
  const tgt = target(service);
  const down = by("ServiceDown");
  if (down) {
    const up = (v) => [series("up", tgt, gauge(v, MINUTES))];
    add("ServiceDown", {
      name: "a target that stops answering scrapes",
      input: up(0),
      evalTime: "5m",
      firing: [{ alert: down, value: 0, resultLabels: tgt }]
    });
    add("ServiceDown", { name: "a target that answers scrapes", input: up(1), evalTime: "5m", firing: [] });
  }
  const errCrit = by("HighErrorRateCritical");
  const errWarn = by("HighErrorRateWarning");
  const errLevels = [errCrit, errWarn].filter((a) => a !== void 0);
  if (errLevels.length > 0) {
    const levels = errLevels.map((a) => a.threshold);
    const n = trafficScale(Math.min(...levels) / 2);
    const ratioCase = (name, ratio, errorStatus) => {
      const bad = Math.round(n * ratio);
      add("HighErrorRate", {
        name,
        input: requestSeries(service, { "200": n - bad, [errorStatus]: bad }),
        evalTime: "15m",
        firing: errLevels.filter((a) => bad / n > a.threshold).map((alert) => ({ alert, value: bad / n }))
      });
    };
    const top = Math.max(...levels);
    ratioCase('server errors well above every level (status "500")', Math.min(1, top * 2), "500");
    if (errCrit && errWarn && errWarn.threshold < errCrit.threshold)
      ratioCase(
        'server errors between the warning and critical levels (status grouped as "5xx")',
        (errWarn.threshold + errCrit.threshold) / 2,
        "5xx"
      );
    ratioCase("server errors below every level", Math.min(...levels) / 2, "5xx");
  }
  const warn = by("HighLatencyWarning");
  const crit = by("HighLatencyCritical");
  const latency = [...warn ? [{ alert: warn, q: 0.95 }] : [], ...crit ? [{ alert: crit, q: 0.99 }] : []];
  const latencyHistogram = (warn ?? crit)?.histogram;
  const latencyBuckets = latencyHistogram && bucketsOf(service, latencyHistogram);
  if (latency.length > 0 && latencyHistogram && latencyBuckets) {
    const l = service.profile.http.labels;
    const labels = latencyHistogram === service.profile.http.duration ? { ...tgt, [l.handler]: "/items", [l.method]: "GET" } : tgt;
    const cases = durations(latencyBuckets, latency);
    const slotCase = (name, c) => add("HighLatency", {
      name: `${name}: every request takes ${c.seconds} s`,
      input: histogramSeries(latencyHistogram, labels, latencyBuckets, c.seconds, 100),
      evalTime: "20m",
      firing: c.firing
    });
    const all = cases.find((c) => c.firing.length === latency.length);
    if (all) slotCase("slower than every level", all);
    const between = cases.find((c) => c.firing.length === 1 && c.firing[0].alert === warn && crit);
    if (between) slotCase("slower than the p95 level, faster than the p99 level", between);
    const quiet = cases.filter((c) => c.firing.length === 0).pop();
    if (quiet) slotCase("the slowest requests no level fires on", quiet);
  }
  const slowDb = by("SlowDatabaseQueries");
  const db = service.database;
  const dbBuckets = db && bucketsOf(service, db.queryDuration);
  if (slowDb && db && dbBuckets) {
    const result = db.operationLabel ? { [db.operationLabel]: "select" } : {};
    const labels = { ...tgt, ...result };
    const cases = durations(dbBuckets, [{ alert: slowDb, q: 0.99 }]);
    const slotCase = (name, c) => add("SlowDatabaseQueries", {
      name: `${name}: every query takes ${c.seconds} s`,
      input: histogramSeries(db.queryDuration, labels, dbBuckets, c.seconds, 100),
      evalTime: "20m",
      firing: c.firing.map((f) => ({ ...f, resultLabels: result }))
    });
    const slow = cases.find((c) => c.firing.length > 0);
    if (slow) slotCase("slower than the level", slow);
    const quiet = cases.filter((c) => c.firing.length === 0).pop();
    if (quiet) slotCase("the slowest queries the level stays quiet on", quiet);
  }
  const pool = by("DatabasePoolExhausted");
  const poolSize = db?.poolSize;
  const poolInUse = db?.poolInUse;
  if (pool && poolInUse && poolSize) {
    const size = 20;
    const poolCase = (name, inUse) => add("DatabasePoolExhausted", {
      name,
      input: [series(poolSize, tgt, gauge(size, MINUTES)), series(poolInUse, tgt, gauge(inUse, MINUTES))],
      evalTime: "15m",
      firing: inUse / size > pool.threshold ? [{ alert: pool, value: inUse / size, resultLabels: { instance: TEST_INSTANCE } }] : []
    });
    poolCase("every connection checked out", size);
    poolCase("under half the pool level in use", Math.floor(size * pool.threshold / 2));
  }
  const absent = by("MetricsAbsent");
  if (absent) {
    add("MetricsAbsent", {
      name: "a target that exports no request counter",
      input: [series("up", tgt, gauge(1, MINUTES))],
      evalTime: "15m",
      firing: [{ alert: absent, value: 1, resultLabels: serviceLabels(service) }]
    });
    add("MetricsAbsent", {
      name: "a target that exports its request counter",
      input: requestSeries(service, { "200": 10 }),
      evalTime: "15m",
      firing: []
    });
  }
  for (const s of clientErrorScenarios(service, by("HighClientErrorRate"), TEST_INSTANCE)) add(CLIENT_ERROR_ALERT, s);
  const idle = by("NoTraffic");
  if (idle) {
    add("NoTraffic", {
      name: "a request counter that stops growing",
      input: requestSeries(service, { "200": 0 }),
      evalTime: "25m",
      firing: [{ alert: idle, value: 0 }]
    });
    add("NoTraffic", {
      name: "a request counter that keeps growing",
      input: requestSeries(service, { "200": 10 }),
      evalTime: "25m",
      firing: []
    });
  }
  return out;
}
function serviceAlertTests(service, alerts) {
  const cases = [];
  for (const [alertname, list] of scenarios(service, alerts)) {
    for (const s of list) {
      cases.push({
        name: `${alertname}: ${s.name}`,
        interval: TEST_INTERVAL,
        input_series: s.input,
        alert_rule_test: [{ eval_time: s.evalTime, alertname, exp_alerts: s.firing.map(expected) }]
      });
    }
  }
  return cases;
}
export {
  TEST_INSTANCE,
  TEST_INTERVAL,
  counter,
  gauge,
  histogramSeries,
  quantileOf,
  serviceAlertTests
};
