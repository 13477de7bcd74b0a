/**
 * `dac validate --metrics-url` and `--prometheus-url` against the real Items API under traffic and
 * the real Prometheus that scrapes it: the built-in definitions use only metrics, labels and
 * buckets the service really has, and both ways of reading it agree on what that is.
 *
 * Run: flock /tmp/dac-heavy.lock npx vitest run test/e2e/validate-live.test.ts
 */
import { describe, expect, it } from 'vitest';

import { readMetricsPage, readPrometheus } from '../../src/check/live/readers.js';
import { renderReport, validateProject } from '../../src/cli/validate.js';
import { waitForEveryEndpoint } from '../../tools/stack/index.js';
import { REPO_ROOT } from '../../tools/stack/paths.js';
import { stackForSuite } from './stack-suite.js';

const JOB = 'job="fastapi"';

const stack = stackForSuite({
  options: () => ({
    database: 'sqlite',
    alertmanagerConfig: 'minimal',
    ruleFiles: [],
    traffic: { rps: 20, workers: 4 },
    maxLifetimeSec: 300,
  }),
  // Every handler and database operation has been seen, so every label the queries use exists.
  ready: ({ prometheus }) => waitForEveryEndpoint(prometheus),
});

describe('dac validate against the live Items API', () => {
  it('finds every metric, label and bucket of the built-in definitions on the service and in Prometheus', async () => {
    const report = await validateProject({
      dir: REPO_ROOT,
      tools: false,
      live: { metricsUrl: `${stack().app.url}/metrics`, prometheusUrl: stack().prometheus.url, timeoutMs: 10_000 },
    });
    const text = renderReport(report, 'human', false);
    process.stderr.write(text);
    expect(report.diagnostics.filter((d) => d.check.startsWith('live/'))).toEqual([]);
    expect(report.live).toHaveLength(2);
    expect(report.live![0]).toContain(`${stack().app.url}/metrics`);
    expect(report.live![1]).toContain(stack().prometheus.url);
  }, 120_000);

  it('reads the same names, label names and buckets from /metrics and from Prometheus', async () => {
    const page = await readMetricsPage(`${stack().app.url}/metrics`, [], { timeoutMs: 10_000 });
    const { inventories } = await readPrometheus(stack().prometheus.url, new Map([['items-api', `{${JOB}}`]]), {
      timeoutMs: 10_000,
      lookbackSeconds: 120,
    });
    const fromPrometheus = inventories.get('items-api')!;
    for (const name of ['http_request_duration_seconds_bucket', 'db_query_duration_seconds_bucket']) {
      expect(fromPrometheus.series.get(name)?.buckets).toEqual(page.inventory.series.get(name)?.buckets);
    }
    const requests = fromPrometheus.series.get('http_requests_total')!;
    expect(requests.type).toBe('counter');
    expect([...requests.labels].sort()).toEqual(['handler', 'instance', 'job', 'method', 'status']);
    expect(fromPrometheus.series.get('db_connection_pool_checked_out')?.type).toBe('gauge');
    // Prometheus adds `up`; the page does not have it.
    expect(fromPrometheus.series.has('up')).toBe(true);
    expect(page.inventory.series.has('up')).toBe(false);
  }, 60_000);
});
