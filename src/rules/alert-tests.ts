/**
 * promtool unit tests for the service alerts: for every alert an input under which it fires and
 * one under which it stays quiet. Inputs are built from the same thresholds as the rules, with
 * counters that grow by whole numbers per minute so that every rate, ratio and quantile is exact,
 * and the expected annotations are rendered the way Prometheus renders them.
 */
import type { Service } from '../config/types.js';
import type { ServiceAlert, ServiceAlertId } from './alerts.js';
import { renderAnnotation } from './humanize.js';
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

function requestSeries(service: Service, perMinute: Record<string, number>): PromtoolSeries[] {
  const l = service.profile.http.labels;
  return Object.entries(perMinute).map(([status, n]) =>
    series(
      service.profile.http.requests,
      { ...target(service), [l.handler]: '/items', [l.method]: 'GET', [l.status]: status },
      counter(n, MINUTES),
    ),
  );
}

/** Cumulative histogram buckets for observations that all fall in the bucket ending at `slot`. */
function histogramSeries(metric: string, labels: Labels, bounds: number[], slot: number, perMinute: number): PromtoolSeries[] {
  return [...bounds.map(String), '+Inf'].map((le, i) =>
    series(`${metric}_bucket`, { ...labels, le }, counter(i >= slot ? perMinute : 0, MINUTES)),
  );
}

/** Prometheus' interpolation when every observation lies in bucket `slot` of `bounds`. */
function quantileInSlot(q: number, bounds: number[], slot: number): number {
  if (slot >= bounds.length) return bounds[bounds.length - 1]!;
  const start = slot === 0 ? 0 : bounds[slot - 1]!;
  return start + (bounds[slot]! - start) * q;
}

const sortedBounds = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

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
    const ratioCase = (name: string, ratio: number, errorStatus: string) => {
      const bad = Math.round(n * ratio);
      add('HighErrorRate', {
        name,
        input: requestSeries(service, { '200': n - bad, [errorStatus]: bad }),
        evalTime: '15m',
        firing: errLevels.filter((a) => bad / n > a.threshold!).map((alert) => ({ alert, value: bad / n })),
      });
    };
    const top = Math.max(...levels);
    ratioCase('server errors well above every level (status "500")', Math.min(1, top * 2), '500');
    if (errCrit && errWarn && errWarn.threshold! < errCrit.threshold!)
      ratioCase(
        'server errors between the warning and critical levels (status grouped as "5xx")',
        (errWarn.threshold! + errCrit.threshold!) / 2,
        '5xx',
      );
    ratioCase('server errors below every level', Math.min(...levels) / 2, '5xx');
  }

  const latency = [by('HighLatencyWarning'), by('HighLatencyCritical')].filter((a): a is ServiceAlert => a !== undefined);
  if (latency.length > 0) {
    const bounds = sortedBounds([
      ...latency.map((a) => a.threshold! / 2),
      ...latency.map((a) => a.threshold!),
      2 * Math.max(...latency.map((a) => a.threshold!)),
    ]);
    const l = service.profile.http.labels;
    const labels = { ...tgt, [l.handler]: '/items', [l.method]: 'GET' };
    const q = (a: ServiceAlert) => (a.id === 'HighLatencyWarning' ? 0.95 : 0.99);
    const slotCase = (name: string, slot: number) =>
      add('HighLatency', {
        name,
        input: histogramSeries(service.profile.http.duration, labels, bounds, slot, 100),
        evalTime: '20m',
        firing: latency
          .map((alert) => ({ alert, value: quantileInSlot(q(alert), bounds, slot) }))
          .filter((f) => f.value > f.alert.threshold!),
      });
    slotCase('every request slower than every level', bounds.length);
    const warn = by('HighLatencyWarning');
    const crit = by('HighLatencyCritical');
    if (warn && crit && warn.threshold! < crit.threshold!)
      slotCase('requests slower than the p95 level, faster than the p99 level', bounds.indexOf(crit.threshold!));
    slotCase('every request faster than every level', 0);
  }

  const slowDb = by('SlowDatabaseQueries');
  const db = service.database;
  if (slowDb && db) {
    const bounds = sortedBounds([slowDb.threshold! / 2, slowDb.threshold!, slowDb.threshold! * 2]);
    const result: Labels = db.operationLabel ? { [db.operationLabel]: 'select' } : {};
    const labels = { ...tgt, ...result };
    const slotCase = (name: string, slot: number) => {
      const value = quantileInSlot(0.99, bounds, slot);
      add('SlowDatabaseQueries', {
        name,
        input: histogramSeries(db.queryDuration, labels, bounds, slot, 100),
        evalTime: '20m',
        firing: value > slowDb.threshold! ? [{ alert: slowDb, value, resultLabels: result }] : [],
      });
    };
    slotCase('every query slower than the level', bounds.length);
    slotCase('every query faster than the level', 0);
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
      input: requestSeries(service, { '200': 10 }),
      evalTime: '15m',
      firing: [],
    });
  }

  const idle = by('NoTraffic');
  if (idle) {
    add('NoTraffic', {
      name: 'a request counter that stops growing',
      input: requestSeries(service, { '200': 0 }),
      evalTime: '25m',
      firing: [{ alert: idle, value: 0 }],
    });
    add('NoTraffic', {
      name: 'a request counter that keeps growing',
      input: requestSeries(service, { '200': 10 }),
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
