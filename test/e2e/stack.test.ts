/**
 * Smoke test of the end-to-end stack: the real Items API on PostgreSQL, scraped
 * by a real Prometheus, with a real Alertmanager behind it. It proves the
 * service exports every metric the dashboards and rules are written against,
 * and that injected faults become visible through PromQL.
 *
 * Run: npx vitest run test/e2e/stack.test.ts   (DAC_E2E_KEEP=1 keeps the logs)
 */
import { describe, expect, it } from 'vitest';

import type { Sample } from '../../tools/stack/index.js';
import { stackForSuite } from './stack-suite.js';

const JOB = 'job="fastapi"';
const nonEmpty = (samples: Sample[]): boolean => samples.length > 0;
const allAbove = (threshold: number) => (samples: Sample[]) => samples.length > 0 && samples.every((s) => s.value > threshold);

// This test is about the stack itself: it loads no rules and brings a one-receiver Alertmanager config.
const stack = stackForSuite({
  options: () => ({ alertmanagerConfig: 'minimal', ruleFiles: [], traffic: { rps: 20, workers: 4 } }),
});

describe('e2e stack', () => {
  it('Prometheus scrapes the Items API as job "fastapi"', async () => {
    await stack().prometheus.waitFor(`up{${JOB}} == 1`, nonEmpty, 30_000);
  }, 60_000);

  it('exports every HTTP and custom metric under traffic', async () => {
    const prom = stack().prometheus;
    const mustExist = [
      `http_requests_total{${JOB},handler="/items",method="GET",status="200"}`,
      `http_requests_total{${JOB},handler="/items",method="POST",status="201"}`,
      `http_requests_total{${JOB},handler="/items/{item_id}",method="PUT",status="200"}`,
      `http_requests_total{${JOB},handler="/items/{item_id}",method="DELETE",status="204"}`,
      `http_request_duration_seconds_bucket{${JOB},handler="/items/{item_id}",method="GET",le="0.5"}`,
      `http_requests_inprogress{${JOB},handler="/items",method="GET"}`,
      `db_query_duration_seconds_bucket{${JOB},operation="select",le="0.005"}`,
      `db_connection_pool_checked_out{${JOB}}`,
    ];
    for (const expr of mustExist) await prom.waitFor(expr, nonEmpty, 60_000);

    const mustGrow = ['items_created_total', 'items_read_total', 'items_updated_total', 'items_deleted_total'];
    for (const name of mustGrow) await prom.waitFor(`${name}{${JOB}}`, allAbove(0), 60_000);
    for (const operation of ['select', 'insert', 'update', 'delete']) {
      await prom.waitFor(`db_query_duration_seconds_count{${JOB},operation="${operation}"}`, allAbove(0), 60_000);
    }

    expect(await prom.scalar(`db_connection_pool_size{${JOB}}`)).toBe(5);
    expect(await prom.scalar(`fastapi_app_info{${JOB},version="1.0.0",environment="e2e"}`)).toBe(1);
    // Scrapes, probes and fault switching must never count as user traffic.
    expect(await prom.query(`http_requests_total{${JOB},handler=~"/metrics|/healthz|/admin/.*|none"}`)).toEqual([]);
  }, 180_000);

  it('shows an injected error ratio as 5xx on the targeted handler only', async () => {
    const share = (handler: string) =>
      `sum(rate(http_requests_total{${JOB},handler="${handler}",status=~"5.."}[10s]))` +
      ` / sum(rate(http_requests_total{${JOB},handler="${handler}"}[10s]))`;
    await stack().setFaults({ error_ratio: { '/items': 1.0 } });
    try {
      await stack().prometheus.waitFor(share('/items'), allAbove(0.5), 60_000);
      expect((await stack().prometheus.scalar(share('/items/{item_id}'))) ?? 0).toBe(0);
    } finally {
      await stack().clearFaults();
    }
    // Once cleared, the errors stop: no 5xx within a fresh window.
    await stack().prometheus.waitFor(`sum(increase(http_requests_total{${JOB},status=~"5.."}[4s])) == 0`, nonEmpty, 60_000);
  }, 180_000);

  it('shows injected request and database latency in the histograms', async () => {
    const meanLatency = (metric: string, selector: string) =>
      `sum(rate(${metric}_sum{${JOB},${selector}}[10s])) / sum(rate(${metric}_count{${JOB},${selector}}[10s]))`;
    await stack().setFaults({ latency_seconds: { '/items/{item_id}': 0.4 }, db_latency_seconds: 0.2 });
    try {
      await stack().prometheus.waitFor(meanLatency('http_request_duration_seconds', 'handler="/items/{item_id}"'), allAbove(0.4), 60_000);
      await stack().prometheus.waitFor(meanLatency('db_query_duration_seconds', 'operation="select"'), allAbove(0.15), 60_000);
    } finally {
      await stack().clearFaults();
    }
  }, 180_000);
});
