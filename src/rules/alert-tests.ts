/**
 * promtool unit tests for the service alerts: for every alert an input under which it fires and
 * one under which it stays quiet. Inputs are built from the same thresholds as the rules, with
 * counters that grow by whole numbers per minute so that every rate, ratio and quantile is exact,
 * and the expected annotations are rendered the way Prometheus renders them. Histograms get the
 * buckets the service declares, never one made up to suit a threshold: a threshold the real
 * buckets cannot show would otherwise pass here and stay silent in production.
 */
import { bucketsOf, readsNative } from '../config/histograms.js';
import { errorRatioStatuses, sampleLabelValues } from '../config/label-values.js';
import type { Service } from '../config/types.js';
import type { ServiceAlert, ServiceAlertId } from './alerts.js';
import { CLIENT_ERROR_ALERT, clientErrorScenarios } from './client-errors.js';
import { renderAnnotation } from './humanize.js';
import { CLIENT_GOLANG_SCHEMA, nativeHistogramValues, nativeQuantileOf } from './native-histogram.js';
import type { PromtoolAlertCase, PromtoolSeries, PromtoolTestCase } from './model.js';
import { selector, serviceLabels } from './promql.js';

/** Every input sample is one minute apart. */
export const TEST_INTERVAL = '1m';
export const TEST_INSTANCE = 'app:8000';

type Labels = Record<string, string>;

/** Samples of a counter growing by `perMinute` each minute for `minutes` minutes. */
export function counter(perMinute: number, minutes: number, start = 0): string {
  return `${start}+${perMinute}x${minutes}`;
}

export function gauge(value: number, minutes: number): string {
  return `${value}x${minutes}`;
}

function series(metric: string, labels: Labels, values: string): PromtoolSeries {
  return {
    series: selector(
      metric,
      Object.entries(labels).map(([k, v]) => [k, '=', v] as [string, '=', string]),
    ),
    values,
  };
}

interface Firing {
  alert: ServiceAlert;
  value: number;
  resultLabels?: Labels;
}

function expected(f: Firing): PromtoolAlertCase['exp_alerts'][number] {
  const result = f.resultLabels ?? {};
  const annotations = Object.fromEntries(
    Object.entries(f.alert.rule.annotations ?? {}).map(([k, t]) => [k, renderAnnotation(t, result, f.value)]),
  );
  return { exp_labels: { ...result, ...(f.alert.rule.labels ?? {}) }, exp_annotations: annotations };
}

interface Scenario {
  name: string;
  input: PromtoolSeries[];
  evalTime: string;
  firing: Firing[];
}

/** How far an input must run for an alert with `for` to be firing, with room for rate windows. */
const MINUTES = 40;

function target(service: Service): Labels {
  return { ...serviceLabels(service), instance: TEST_INSTANCE };
}

function trafficScale(smallestRatio: number): number {
  return Math.max(1000, 10 ** Math.ceil(Math.log10(2 / smallestRatio)));
}

/** The labels of the busy route's requests, as the service's library writes them. */
function routeLabels(service: Service): Labels {
  const l = service.profile.http.labels;
  const v = sampleLabelValues(service.profile);
  return { [l.handler]: v.handlers[0], [l.method]: v.methods[0] };
}

function requestSeries(service: Service, perMinute: Record<string, number>): PromtoolSeries[] {
  const l = service.profile.http.labels;
  return Object.entries(perMinute).map(([status, n]) =>
    series(service.profile.http.requests, { ...target(service), ...routeLabels(service), [l.status]: status }, counter(n, MINUTES)),
  );
}

/**
 * The `_bucket` series of a histogram on its declared `buckets` (+Inf added) when every
 * observation takes `seconds`: each bucket at or above it counts them all, each below none.
 */
export function histogramSeries(
  metric: string,
  labels: Labels,
  buckets: readonly number[],
  seconds: number,
  perMinute: number,
): PromtoolSeries[] {
  return [...buckets, Infinity].map((b) =>
    series(`${metric}_bucket`, { ...labels, le: b === Infinity ? '+Inf' : String(b) }, counter(seconds <= b ? perMinute : 0, MINUTES)),
  );
}

/**
 * What `histogram_quantile(q, …)` returns when every observation takes `seconds`: linear
 * interpolation inside its bucket, and the highest finite boundary when it is past all of them.
 */
export function quantileOf(q: number, buckets: readonly number[], seconds: number): number {
  const i = buckets.findIndex((b) => seconds <= b);
  if (i === -1) return buckets[buckets.length - 1]!;
  const start = i === 0 ? 0 : buckets[i - 1]!;
  return start + (buckets[i]! - start) * q;
}

/**
 * Request durations that exercise a histogram: one per bucket (its upper boundary) and one past
 * the highest, with the alerts each makes fire.
 */
function durations(buckets: readonly number[], alerts: { alert: ServiceAlert; q: number }[]) {
  return [...buckets, 2 * buckets[buckets.length - 1]!].map((seconds) => ({
    seconds,
    firing: alerts.map(({ alert, q }) => ({ alert, value: quantileOf(q, buckets, seconds) })).filter((f) => f.value > f.alert.threshold!),
  }));
}

/**
 * Request durations for quantile alerts on a native histogram, which has a bucket wherever the
 * requests fall: twice the highest level, between the levels, and half the lowest. A duration is
 * kept only where its bucket's quantile is clear of every level, so the expectation is exact.
 */
function nativeDurations(alerts: { alert: ServiceAlert; q: number }[]) {
  const levels = alerts.map((a) => a.alert.threshold!);
  const [low, high] = [Math.min(...levels), Math.max(...levels)];
  const candidates = [
    { name: 'slower than every level', seconds: 2 * high, fires: alerts.length },
    { name: 'slower than the p95 level, faster than the p99 level', seconds: Number(Math.sqrt(low * high).toPrecision(3)), fires: 1 },
    { name: 'faster than every level', seconds: low / 2, fires: 0 },
  ];
  const seen = new Set<string>();
  return candidates
    .map((c) => ({
      ...c,
      firing: alerts
        .map(({ alert, q }) => ({ alert, value: nativeQuantileOf(q, c.seconds, CLIENT_GOLANG_SCHEMA) }))
        .filter((f) => f.value > f.alert.threshold!),
    }))
    .filter((c) => {
      const key = c.firing.map((f) => f.alert.id).join();
      const clear = alerts.every(
        ({ alert, q }) => Math.abs(nativeQuantileOf(q, c.seconds, CLIENT_GOLANG_SCHEMA) - alert.threshold!) > 1e-9,
      );
      if (!clear || c.firing.length !== c.fires || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function scenarios(service: Service, alerts: ServiceAlert[]): Map<string, Scenario[]> {
  const by = (id: ServiceAlertId) => alerts.find((a) => a.id === id);
  const out = new Map<string, Scenario[]>();
  const add = (alertname: string, s: Scenario) => out.set(alertname, [...(out.get(alertname) ?? []), s]);
  const tgt = target(service);

  const down = by('ServiceDown');
  if (down) {
    const up = (v: number) => [series('up', tgt, gauge(v, MINUTES))];
    add('ServiceDown', {
      name: 'a target that stops answering scrapes',
      input: up(0),
      evalTime: '5m',
      firing: [{ alert: down, value: 0, resultLabels: tgt }],
    });
    add('ServiceDown', { name: 'a target that answers scrapes', input: up(1), evalTime: '5m', firing: [] });
  }

  const errCrit = by('HighErrorRateCritical');
  const errWarn = by('HighErrorRateWarning');
  const errLevels = [errCrit, errWarn].filter((a): a is ServiceAlert => a !== undefined);
  if (errLevels.length > 0) {
    const levels = errLevels.map((a) => a.threshold!);
    const n = trafficScale(Math.min(...levels) / 2);
    const values = sampleLabelValues(service.profile);
    const grouped = errorRatioStatuses(service.profile);
    const ratioCase = (name: string, ratio: number, { ok, serverError }: { ok: string; serverError: string }) => {
      const bad = Math.round(n * ratio);
      add('HighErrorRate', {
        name,
        input: requestSeries(service, { [ok]: n - bad, [serverError]: bad }),
        evalTime: '15m',
        firing: errLevels.filter((a) => bad / n > a.threshold!).map((alert) => ({ alert, value: bad / n })),
      });
    };
    const top = Math.max(...levels);
    ratioCase(`server errors well above every level (status "${values.serverError}")`, Math.min(1, top * 2), {
      ok: values.ok[0],
      serverError: values.serverError,
    });
    // A library that can group codes writes "5xx", which the rules must count too.
    if (errCrit && errWarn && errWarn.threshold! < errCrit.threshold!)
      ratioCase(
        `server errors between the warning and critical levels (status ${values.grouped ? 'grouped as ' : ''}"${grouped.serverError}")`,
        (errWarn.threshold! + errCrit.threshold!) / 2,
        grouped,
      );
    ratioCase('server errors below every level', Math.min(...levels) / 2, grouped);
  }

  const warn = by('HighLatencyWarning');
  const crit = by('HighLatencyCritical');
  const latency = [...(warn ? [{ alert: warn, q: 0.95 }] : []), ...(crit ? [{ alert: crit, q: 0.99 }] : [])];
  const latencyHistogram = (warn ?? crit)?.histogram;
  const latencyBuckets = latencyHistogram && bucketsOf(service, latencyHistogram);
  if (latency.length > 0 && latencyHistogram && readsNative(service, latencyHistogram)) {
    // The native series wins over the classic fallback, so the inputs are native histograms.
    const labels = latencyHistogram === service.profile.http.duration ? { ...tgt, ...routeLabels(service) } : tgt;
    for (const { fires: _, ...c } of nativeDurations(latency))
      add('HighLatency', {
        name: `${c.name}: every request takes ${c.seconds} s (native histogram)`,
        input: [
          series(
            latencyHistogram,
            labels,
            nativeHistogramValues([{ minutes: MINUTES }], () => [{ seconds: c.seconds, perMinute: 100 }]),
          ),
        ],
        evalTime: '20m',
        firing: c.firing,
      });
  } else if (latency.length > 0 && latencyHistogram && latencyBuckets) {
    // The per-handler histogram carries handler and method; the high-resolution one only the target's labels.
    const labels = latencyHistogram === service.profile.http.duration ? { ...tgt, ...routeLabels(service) } : tgt;
    const cases = durations(latencyBuckets, latency);
    const slotCase = (name: string, c: (typeof cases)[number]) =>
      add('HighLatency', {
        name: `${name}: every request takes ${c.seconds} s`,
        input: histogramSeries(latencyHistogram, labels, latencyBuckets, c.seconds, 100),
        evalTime: '20m',
        firing: c.firing,
      });
    const all = cases.find((c) => c.firing.length === latency.length);
    if (all) slotCase('slower than every level', all);
    const between = cases.find((c) => c.firing.length === 1 && c.firing[0]!.alert === warn && crit);
    if (between) slotCase('slower than the p95 level, faster than the p99 level', between);
    const quiet = cases.filter((c) => c.firing.length === 0).pop();
    if (quiet) slotCase('the slowest requests no level fires on', quiet);
  }

  const slowDb = by('SlowDatabaseQueries');
  const db = service.database;
  const dbBuckets = db && bucketsOf(service, db.queryDuration);
  if (slowDb && db && dbBuckets) {
    const result: Labels = db.operationLabel ? { [db.operationLabel]: 'select' } : {};
    const labels = { ...tgt, ...result };
    const cases = durations(dbBuckets, [{ alert: slowDb, q: 0.99 }]);
    const slotCase = (name: string, c: (typeof cases)[number]) =>
      add('SlowDatabaseQueries', {
        name: `${name}: every query takes ${c.seconds} s`,
        input: histogramSeries(db.queryDuration, labels, dbBuckets, c.seconds, 100),
        evalTime: '20m',
        firing: c.firing.map((f) => ({ ...f, resultLabels: result })),
      });
    const slow = cases.find((c) => c.firing.length > 0);
    if (slow) slotCase('slower than the level', slow);
    const quiet = cases.filter((c) => c.firing.length === 0).pop();
    if (quiet) slotCase('the slowest queries the level stays quiet on', quiet);
  }

  const pool = by('DatabasePoolExhausted');
  const poolSize = db?.poolSize;
  const poolInUse = db?.poolInUse;
  if (pool && poolInUse && poolSize) {
    const size = 20;
    const poolCase = (name: string, inUse: number) =>
      add('DatabasePoolExhausted', {
        name,
        input: [series(poolSize, tgt, gauge(size, MINUTES)), series(poolInUse, tgt, gauge(inUse, MINUTES))],
        evalTime: '15m',
        firing: inUse / size > pool.threshold! ? [{ alert: pool, value: inUse / size, resultLabels: { instance: TEST_INSTANCE } }] : [],
      });
    poolCase('every connection checked out', size);
    poolCase('under half the pool level in use', Math.floor((size * pool.threshold!) / 2));
  }

  const absent = by('MetricsAbsent');
  if (absent) {
    add('MetricsAbsent', {
      name: 'a target that exports no request counter',
      input: [series('up', tgt, gauge(1, MINUTES))],
      evalTime: '15m',
      firing: [{ alert: absent, value: 1, resultLabels: serviceLabels(service) }],
    });
    add('MetricsAbsent', {
      name: 'a target that exports its request counter',
      input: requestSeries(service, { [sampleLabelValues(service.profile).ok[0]]: 10 }),
      evalTime: '15m',
      firing: [],
    });
  }

  for (const s of clientErrorScenarios(service, by('HighClientErrorRate'), TEST_INSTANCE)) add(CLIENT_ERROR_ALERT, s);

  const idle = by('NoTraffic');
  if (idle) {
    add('NoTraffic', {
      name: 'a request counter that stops growing',
      input: requestSeries(service, { [sampleLabelValues(service.profile).ok[0]]: 0 }),
      evalTime: '25m',
      firing: [{ alert: idle, value: 0 }],
    });
    add('NoTraffic', {
      name: 'a request counter that keeps growing',
      input: requestSeries(service, { [sampleLabelValues(service.profile).ok[0]]: 10 }),
      evalTime: '25m',
      firing: [],
    });
  }
  return out;
}

/** One promtool test case per scenario, each asserting the exact alerts of its alertname. */
export function serviceAlertTests(service: Service, alerts: ServiceAlert[]): PromtoolTestCase[] {
  const cases: PromtoolTestCase[] = [];
  for (const [alertname, list] of scenarios(service, alerts)) {
    for (const s of list) {
      cases.push({
        name: `${alertname}: ${s.name}`,
        interval: TEST_INTERVAL,
        input_series: s.input,
        alert_rule_test: [{ eval_time: s.evalTime, alertname, exp_alerts: s.firing.map(expected) }],
      });
    }
  }
  return cases;
}
