/**
 * What the on-call engineer reads on a dashboard when one thing goes wrong, computed by Prometheus
 * itself: the panel's PromQL, with Grafana's variables resolved as Grafana would ("All" instances,
 * the service's job), evaluated by promtool over crafted scrapes. A dashboard must show the fault
 * the alert fires on, not average it away.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePromTools, testRules } from './setup/prom-tools.js';
import type { PromtoolExprCase, PromtoolSeries } from '../src/rules/model.js';
import { baseConfig, buildAll, exprs, panelByTitle, type Built } from './dashboards.support.js';
import { tempDir, writeTestFile } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

const dashboards = new Map(buildAll(baseConfig()).map((b) => [b.ref.uid, b.json]));
const database = dashboards.get('items-api-database')!;

/** The query as Grafana sends it with job = the service's job, instance = All and a 5m rate interval. */
function resolved(expr: string): string {
  return expr.replaceAll('$__rate_interval', '5m').replaceAll('$__range', '1h').replaceAll('$job', 'fastapi').replaceAll('$instance', '.+');
}

/**
 * The reading rounded to 9 decimals: Prometheus generations differ in the last bit of an
 * interpolated quantile (0.991 against 0.9909999999999999), which no dashboard reader can see.
 */
function approx(expr: string): string {
  return `round((${expr}) * 1e9) / 1e9`;
}

/** Runs promtool on one test case; resolves to promtool's output when the expectations fail. */
async function evaluate(input: PromtoolSeries[], checks: PromtoolExprCase[]): Promise<string | undefined> {
  const dir = tempDir();
  const file = writeTestFile(dir, 'panel.test.yml', {
    rule_files: [],
    evaluation_interval: '1m',
    tests: [{ interval: '1m', input_series: input, promql_expr_test: checks }],
  });
  const run = await testRules([file]);
  return run.code === 0 ? undefined : run.stdout + run.stderr;
}

const gauge = (metric: string, instance: string, value: number): PromtoolSeries => ({
  series: `${metric}{job="fastapi",instance="${instance}"}`,
  values: `${value}x20`,
});

const queryHistogram = (instance: string, operation: string, fastPerMinute: number, slowPerMinute: number): PromtoolSeries[] => {
  const labels = `job="fastapi",instance="${instance}",operation="${operation}"`;
  const all = fastPerMinute + slowPerMinute;
  return [
    { series: `db_query_duration_seconds_bucket{${labels},le="0.1"}`, values: `0+${fastPerMinute}x20` },
    { series: `db_query_duration_seconds_bucket{${labels},le="1.0"}`, values: `0+${all}x20` },
    { series: `db_query_duration_seconds_bucket{${labels},le="+Inf"}`, values: `0+${all}x20` },
    { series: `db_query_duration_seconds_count{${labels}}`, values: `0+${all}x20` },
  ];
};

describe('Database Performance, read by Prometheus', () => {
  it('shows the pool of the busiest instance, the one DatabasePoolExhausted fires on, even when the others are idle', async () => {
    const panel = panelByTitle(database, 'Connection pool in use');
    const [expr] = exprs(panel);
    // One of three instances has every connection checked out; the other two have one of ten. All
    // three answer their scrapes, so Prometheus writes up = 1 for each, as it does for every target.
    const input = [
      gauge('up', 'a:8000', 1),
      gauge('up', 'b:8000', 1),
      gauge('up', 'c:8000', 1),
      gauge('db_connection_pool_size', 'a:8000', 10),
      gauge('db_connection_pool_checked_out', 'a:8000', 10),
      gauge('db_connection_pool_size', 'b:8000', 10),
      gauge('db_connection_pool_checked_out', 'b:8000', 1),
      gauge('db_connection_pool_size', 'c:8000', 10),
      gauge('db_connection_pool_checked_out', 'c:8000', 1),
    ];
    const failure = await evaluate(input, [{ expr: resolved(expr!), eval_time: '10m', exp_samples: [{ labels: '{}', value: 1 }] }]);
    expect(failure).toBeUndefined();
    expect(panel.description).toMatch(/busiest instance/);
  });

  it('shows the p99 of the slowest operation, the one SlowDatabaseQueries fires on, even when a fast one dominates', async () => {
    const panel = panelByTitle(database, 'Query time p99');
    const [expr] = exprs(panel);
    // 1000 fast selects a minute; every one of 10 deletes a minute takes between 0.1 s and 1 s.
    const input = [gauge('up', 'a:8000', 1), ...queryHistogram('a:8000', 'select', 1000, 0), ...queryHistogram('a:8000', 'delete', 0, 10)];
    // All of the deletes sit in the (0.1, 1] bucket: their p99 interpolates to 0.1 + 0.99 × 0.9 = 0.991 s.
    const failure = await evaluate(input, [
      { expr: approx(resolved(expr!)), eval_time: '10m', exp_samples: [{ labels: '{}', value: 0.991 }] },
    ]);
    expect(failure).toBeUndefined();
    expect(panel.description).toMatch(/slowest operation/);
  });
});

/**
 * The Items API as Prometheus sees it when its only process dies at minute 10: the scrape fails, so
 * `up` turns 0 (a static target) or vanishes with everything else (a deleted pod), and every series
 * the process exported gets a staleness marker — exactly what the SLO fixtures call "refused" and "gone".
 */
function dyingTarget(service: Built['service'], expr: string, death: 'refused' | 'gone'): PromtoolSeries[] {
  const target = 'job="fastapi",instance="app:8000"';
  const http = service.profile.http;
  const live = (values: string) => `${values} stale`;
  const requests = (status: string, perMinute: number): PromtoolSeries => ({
    series: `${http.requests}{${target},${http.labels.handler}="/items",${http.labels.method}="GET",${http.labels.status}="${status}"}`,
    values: live(`0+${perMinute}x10`),
  });
  // Whatever histogram the panel reads, with the boundaries the profile declares for it.
  const histogram = /([a-zA-Z_:][a-zA-Z0-9_:]*)_bucket\{/.exec(expr)?.[1];
  const bounds = (histogram && service.profile.buckets?.[histogram]) || [0.1, 0.5, 1];
  const buckets: PromtoolSeries[] = histogram
    ? [...bounds.map(String), '+Inf'].map((le) => ({ series: `${histogram}_bucket{${target},le="${le}"}`, values: live('0+600x10') }))
    : [];
  return [
    requests('200', 570),
    requests('500', 30),
    ...buckets,
    ...(http.inProgress ? [{ series: `${http.inProgress}{${target}}`, values: live('3x10') }] : []),
    { series: `up{${target}}`, values: death === 'refused' ? '1x10 0x20' : '1x10 stale' },
  ];
}

describe('HTTP Overview stats, read by Prometheus when the only target dies', () => {
  const overview = dashboards.get('items-api-http-overview')!;
  const service = buildAll(baseConfig()).find((b) => b.ref.uid === 'items-api-http-overview')!.service;
  const stats = ['Request rate', 'Error rate (5xx)', 'Latency p95', 'Requests in flight'];

  /** What each stat reads while the process serves 600 requests a minute, 30 of them 500s, all in the first bucket. */
  const whileAlive = (title: string, expr: string): number => {
    const histogram = /([a-zA-Z_:][a-zA-Z0-9_:]*)_bucket\{/.exec(expr)?.[1];
    const firstBound = ((histogram && service.profile.buckets?.[histogram]) || [0.1])[0]!;
    return { 'Request rate': 10, 'Error rate (5xx)': 0.05, 'Latency p95': 0.95 * firstBound, 'Requests in flight': 3 }[title]!;
  };

  for (const death of ['refused', 'gone'] as const) {
    it(`reads "down" on every first-row stat once the target is ${death === 'refused' ? 'down (up = 0)' : 'gone from discovery'}, not its last value`, async () => {
      for (const title of stats) {
        const panel = panelByTitle(overview, title);
        const expr = resolved(exprs(panel)[0]!);
        const input = dyingTarget(service, expr, death);
        const failure = await evaluate(input, [
          { expr: approx(expr), eval_time: '5m', exp_samples: [{ labels: '{}', value: Math.round(whileAlive(title, expr) * 1e9) / 1e9 }] },
          // One minute after the death the rates would still have samples to work with: DOWN regardless.
          { expr, eval_time: '11m', exp_samples: [{ labels: '{}', value: -1 }] },
          { expr, eval_time: '20m', exp_samples: [{ labels: '{}', value: -1 }] },
        ]);
        expect(failure, title).toBeUndefined();
      }
    });
  }

  it('shows 0 % of targets up once the only target is gone from discovery', async () => {
    const [expr] = exprs(panelByTitle(overview, 'Targets up'));
    const input = dyingTarget(service, expr!, 'gone');
    const failure = await evaluate(input, [
      { expr: resolved(expr!), eval_time: '5m', exp_samples: [{ labels: '{}', value: 1 }] },
      { expr: resolved(expr!), eval_time: '15m', exp_samples: [{ labels: '{}', value: 0 }] },
    ]);
    expect(failure).toBeUndefined();
  });
});
