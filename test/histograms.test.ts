/**
 * Histograms are known, not guessed: every profile declares the buckets its library really
 * exports, services override them in dac.config.ts, and the rules and their promtool tests are
 * built on those buckets. The Items API's real exposition is the reference: its latency alerts
 * must fire when every request takes 3 s, on the buckets prometheus-fastapi-instrumentator gives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DacError } from '../src/core/diagnostic.js';
import { fastapiInstrumentator, flaskExporter, generic } from '../src/config/profiles.js';
import type { ServiceConfig } from '../src/config/types.js';
import { resolveConfig } from '../src/config/validate.js';
import { ensurePromTools, testRules } from './setup/prom-tools.js';
import { serviceAlerts } from '../src/rules/alerts.js';
import type { PromtoolSeries, PromtoolTestCase } from '../src/rules/model.js';
import alertRules from '../rules/alerts.js';
import sloRules from '../rules/slo.js';
import { contextFor, emitDefinition, itemsApi, tempDir, writeTestFile } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

// Read from the libraries' sources: prometheus-fastapi-instrumentator 8.1.0 `metrics.default()`,
// prometheus_client 0.26 `Histogram.DEFAULT_BUCKETS` (prometheus_flask_exporter 0.23 passes no
// buckets), client_golang `prometheus.DefBuckets`, prom-client 15 `Histogram` defaults.
const INSTRUMENTATOR_LOWR = [0.1, 0.5, 1];
const INSTRUMENTATOR_HIGHR = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 7.5, 10, 30, 60];
const PYTHON_CLIENT = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const GO_AND_NODE = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// examples/items-api/app/metrics.py, DB_QUERY_DURATION (the course's buckets).
const ITEMS_API_DB = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const service = (overrides: Partial<ServiceConfig>): ServiceConfig => ({
  name: 'orders',
  title: 'Orders',
  selector: { job: 'orders' },
  ...overrides,
});

function configError(svc: ServiceConfig): DacError {
  try {
    resolveConfig({ services: [svc] }, 'dac.config.ts');
  } catch (e) {
    if (e instanceof DacError) return e;
    throw e;
  }
  throw new Error('the config was accepted');
}

describe('metric profiles', () => {
  it('declare the bucket boundaries each library exports by default, for every histogram they list', () => {
    expect(fastapiInstrumentator.buckets).toEqual({
      http_request_duration_seconds: INSTRUMENTATOR_LOWR,
      http_request_duration_highr_seconds: INSTRUMENTATOR_HIGHR,
    });
    expect(flaskExporter.buckets).toEqual({ flask_http_request_duration_seconds: PYTHON_CLIENT });
    expect(generic.buckets).toEqual({ http_request_duration_seconds: GO_AND_NODE });
    for (const p of [fastapiInstrumentator, flaskExporter, generic]) {
      const histograms = Object.entries(p.metrics)
        .filter(([, k]) => k === 'histogram')
        .map(([n]) => n);
      expect(Object.keys(p.buckets).sort()).toEqual(histograms.sort());
    }
  });

  it('give the Items API its real buckets: the instrumentator defaults and the query histogram of app/metrics.py', () => {
    expect(itemsApi().histograms).toEqual({
      http_request_duration_seconds: INSTRUMENTATOR_LOWR,
      http_request_duration_highr_seconds: INSTRUMENTATOR_HIGHR,
      db_query_duration_seconds: ITEMS_API_DB,
    });
  });
});

describe('histograms in dac.config.ts', () => {
  it('override a profile histogram for a service instrumented with other buckets', () => {
    const [svc] = resolveConfig(
      { services: [service({ histograms: { http_request_duration_seconds: [0.05, 0.1, 0.25, 0.5, 1, 2.5] } })] },
      'dac.config.ts',
    );
    expect(svc!.histograms.http_request_duration_seconds).toEqual([0.05, 0.1, 0.25, 0.5, 1, 2.5]);
    expect(svc!.histograms.http_request_duration_highr_seconds).toEqual(INSTRUMENTATOR_HIGHR);
  });

  it('refuse a histogram the profile does not have, and lists that are not boundaries, each located', () => {
    const e = configError(
      service({
        profile: 'generic',
        histograms: { http_request_duration_highr_seconds: [0.1, 1], http_request_duration_seconds: [0.5, 0.25, 1] },
      }),
    );
    const found = e.diagnostics.map((d) => [d.where.path.join(' › '), d.message]);
    expect(found).toContainEqual([
      'service orders › histograms.http_request_duration_highr_seconds',
      'the generic profile has no histogram "http_request_duration_highr_seconds"',
    ]);
    expect(found).toContainEqual([
      'service orders › histograms.http_request_duration_seconds',
      'must be strictly ascending, as the `le` values are, got [0.5,0.25,1]',
    ]);
  });

  it('require the database histogram buckets, since no library declares them', () => {
    const e = configError(service({ database: { queryDuration: 'db_query_duration_seconds' } as never }));
    expect(e.diagnostics[0]!.where.path).toEqual(['service orders', 'database.buckets']);
    expect(e.diagnostics[0]!.hint).toContain('the service passes to its query histogram');
  });

  it('refuse a custom profile that lists a histogram without its buckets', () => {
    const profile = { ...generic, name: 'custom', buckets: {} };
    const e = configError(service({ profile }));
    expect(e.diagnostics[0]!.message).toBe(
      'the custom profile declares no bucket boundaries for the histogram http_request_duration_seconds',
    );
  });
});

describe('latency quantile alerts', () => {
  it('read the high-resolution histogram where the profile has one: its buckets reach 60 s', () => {
    const alerts = serviceAlerts(contextFor(itemsApi())).filter((a) => a.rule.alert === 'HighLatency');
    for (const a of alerts)
      expect(a.rule.expr).toMatch(
        /^histogram_quantile\(0\.9[59], sum by \(le\) \(rate\(http_request_duration_highr_seconds_bucket\{job="fastapi"\}\[5m\]\)\)\) > /,
      );
  });

  it('read the per-handler histogram where it is the only one', () => {
    const [svc] = resolveConfig({ services: [service({ profile: 'flask-exporter' })] }, 'dac.config.ts');
    const alerts = serviceAlerts(contextFor(svc!)).filter((a) => a.rule.alert === 'HighLatency');
    for (const a of alerts) expect(a.rule.expr).toContain('rate(flask_http_request_duration_seconds_bucket{job="orders"}[5m])');
  });
});

describe('generated promtool tests', () => {
  it('put series only on bucket boundaries the service declares', () => {
    const svc = itemsApi();
    const ctx = contextFor(svc);
    const cases = [...(alertRules.tests?.(ctx) ?? []), ...(sloRules.tests?.(ctx) ?? [])];
    const les = new Map<string, Set<string>>();
    for (const c of cases)
      for (const s of c.input_series) {
        const m = s.series.match(/^(\w+)_bucket\{.*le="([^"]+)"/);
        if (m) les.set(m[1]!, (les.get(m[1]!) ?? new Set()).add(m[2]!));
      }
    expect([...les.keys()].sort()).toEqual(['db_query_duration_seconds', 'http_request_duration_highr_seconds']);
    for (const [histogram, seen] of les) {
      const declared = [...svc.histograms[histogram]!, Infinity];
      for (const le of seen) expect(declared, `${histogram} le="${le}"`).toContain(le === '+Inf' ? Infinity : Number(le));
      // Every declared bucket is there: a real histogram exports all of them ("1" and "1.0" are one bucket).
      expect(new Set([...seen].map((le) => (le === '+Inf' ? Infinity : Number(le)))).size).toBe(declared.length);
    }
  });
});

/**
 * The series the Items API exports while every GET /items takes a little over 3 s (the fault
 * endpoint's sleep plus the work): every observation lands in the bucket after le="3" on the
 * high-resolution histogram, and past every finite bucket of the per-handler one.
 */
function threeSecondFault(minutes: number): PromtoolSeries[] {
  const target = 'job="fastapi",instance="app:8000"';
  const perMinute = 60;
  const grow = (n: number) => `0+${n}x${minutes}`;
  const bucket = (name: string, labels: string, le: number) => ({
    series: `${name}_bucket{${labels},le="${le === Infinity ? '+Inf' : le}"}`,
    values: grow(le > 3 ? perMinute : 0),
  });
  const handler = `${target},handler="/items",method="GET"`;
  return [
    ...[...INSTRUMENTATOR_LOWR, Infinity].map((le) => bucket('http_request_duration_seconds', handler, le)),
    { series: `http_request_duration_seconds_count{${handler}}`, values: grow(perMinute) },
    ...[...INSTRUMENTATOR_HIGHR, Infinity].map((le) => bucket('http_request_duration_highr_seconds', target, le)),
    { series: `http_request_duration_highr_seconds_count{${target}}`, values: grow(perMinute) },
    { series: `http_requests_total{${handler},status="200"}`, values: grow(perMinute) },
    { series: `up{${target}}`, values: `1x${minutes}` },
  ];
}

describe('with promtool, the Items API under a 3 s latency fault', () => {
  it('fires the p95 warning and the p99 critical latency alert, and pages through the latency SLO', async () => {
    const dir = tempDir();
    const ctx = contextFor(itemsApi());
    emitDefinition(dir, alertRules, ctx);
    emitDefinition(dir, sloRules, ctx);
    const faulty: PromtoolTestCase = {
      name: 'every request takes a little over 3 s for 40 minutes',
      interval: '1m',
      input_series: threeSecondFault(40),
      promql_expr_test: [
        {
          expr: 'ALERTS{alertname="HighLatency",alertstate="firing"}',
          eval_time: '30m',
          exp_samples: [
            {
              labels: 'ALERTS{alertname="HighLatency",alertstate="firing",quantile="p95",service="items-api",severity="warning"}',
              value: 1,
            },
            {
              labels: 'ALERTS{alertname="HighLatency",alertstate="firing",quantile="p99",service="items-api",severity="critical"}',
              value: 1,
            },
          ],
        },
        {
          // What the alerts report: inside the (3, 3.5] bucket, not capped at a boundary.
          expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_highr_seconds_bucket[5m])))',
          eval_time: '30m',
          exp_samples: [{ labels: '{}', value: 3.495 }],
        },
        {
          // Why the per-handler histogram could not carry them: its p99 never exceeds its last boundary.
          expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
          eval_time: '30m',
          exp_samples: [{ labels: '{}', value: 1 }],
        },
        {
          expr: 'count by (severity) (ALERTS{alertname="LatencyErrorBudgetBurn",alertstate="firing"})',
          eval_time: '30m',
          exp_samples: [
            { labels: '{severity="page"}', value: 2 },
            { labels: '{severity="ticket"}', value: 2 },
          ],
        },
      ],
    };
    const file = writeTestFile(dir, 'fault.test.yml', {
      rule_files: ['alerts.yml', 'slo.yml'],
      evaluation_interval: '1m',
      tests: [faulty],
    });
    const run = await testRules([file]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });
});
