/**
 * Brings the Items API's series to where every panel of the built-in dashboards has something to
 * draw, for the live preview proof and the README pictures. On a healthy service one panel has no
 * data whatever its query: the table of firing SLO alerts (nothing fires, and an empty list is the
 * honest answer). The error panels read 0, not "No data" (their queries fall back to 0, see
 * src/dashboards/expr.ts), a flat line in a picture. A short burst of real HTTP 500s on /items
 * fills both, as a bad deploy would: the fast-burn SLO alerts fire and stay firing for the minutes
 * their 5-minute windows take to forget the burst.
 */
import { elapsedSince, say } from './log.js';
import { APP_JOB, type Prometheus, type Sample } from './prometheus.js';
import type { Stack } from './stack.js';
import { sleep } from './wait.js';

const JOB = `job="${APP_JOB}"`;
const allAbove = (threshold: number) => (samples: Sample[]) => samples.length > 0 && samples.every((s) => s.value > threshold);

/** The traffic reached every handler and database operation, so every label a query uses exists. */
export async function waitForEveryEndpoint(prometheus: Prometheus, timeoutMs = 60_000): Promise<void> {
  for (const name of ['items_created_total', 'items_read_total', 'items_updated_total', 'items_deleted_total'])
    await prometheus.waitFor(`${name}{${JOB}}`, allAbove(0), timeoutMs);
  await prometheus.waitFor(`count(count by (handler, method) (http_requests_total{${JOB}}))`, (s) => (s[0]?.value ?? 0) >= 5, timeoutMs);
}

export interface FillOptions {
  /**
   * Healthy traffic before the burst, counted from the call: long enough for several rate windows
   * at the stack's 1 s scrape interval, and for a picture to show a baseline.
   */
  healthyMs?: number;
  /** Share of /items requests answered with a 500 during the burst. */
  errorRatio?: number;
  /** How long the errors last once an SLO alert fires. */
  burstMs?: number;
  /** Healthy traffic after the burst, so graphs show the recovery. */
  afterMs?: number;
}

export async function fillDashboards(stack: Stack, options: FillOptions = {}): Promise<void> {
  const started = Date.now();
  const { prometheus } = stack;
  await waitForEveryEndpoint(prometheus);
  await sleep(Math.max(0, started + (options.healthyMs ?? 30_000) - Date.now()));

  await stack.setFaults({ error_ratio: { '/items': options.errorRatio ?? 0.3 } });
  try {
    await prometheus.waitFor(`ALERTS{alertstate="firing",slo!=""}`, (s) => s.length > 0, 120_000);
    await sleep(options.burstMs ?? 5_000);
  } finally {
    await stack.clearFaults();
  }
  await sleep(options.afterMs ?? 5_000);
  say(`dashboards filled in ${elapsedSince(started)}: healthy traffic, a burst of 500s on /items, SLO alerts firing`);
}
