/**
 * What the on-call engineer reads on a dashboard when one thing goes wrong, computed by Prometheus
 * itself: the panel's PromQL, with Grafana's variables resolved as Grafana would ("All" instances,
 * the service's job), evaluated by promtool over crafted scrapes. A dashboard must show the fault
 * the alert fires on, not average it away.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testRules } from '../src/deliver/promtool.js';
import type { PromtoolExprCase, PromtoolSeries } from '../src/rules/model.js';
import { baseConfig, buildAll, exprs, panelByTitle } from './dashboards.support.js';
import { ensurePromTools } from './setup/prom-tools.js';
import { tempDir, writeTestFile } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

const dashboards = new Map(buildAll(baseConfig()).map((b) => [b.ref.uid, b.json]));
const database = dashboards.get('items-api-database')!;

/** The query as Grafana sends it with job = the service's job, instance = All and a 5m rate interval. */
function resolved(expr: string): string {
  return expr.replaceAll('$__rate_interval', '5m').replaceAll('$__range', '1h').replaceAll('$job', 'fastapi').replaceAll('$instance', '.+');
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
    // One of three instances has every connection checked out; the other two have one of ten.
    const input = [
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
    const input = [...queryHistogram('a:8000', 'select', 1000, 0), ...queryHistogram('a:8000', 'delete', 0, 10)];
    // All of the deletes sit in the (0.1, 1] bucket: their p99 interpolates to 0.1 + 0.99 × 0.9 = 0.991 s.
    const failure = await evaluate(input, [{ expr: resolved(expr!), eval_time: '10m', exp_samples: [{ labels: '{}', value: 0.991 }] }]);
    expect(failure).toBeUndefined();
    expect(panel.description).toMatch(/slowest operation/);
  });
});
