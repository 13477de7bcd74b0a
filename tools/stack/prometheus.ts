import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

import { prometheusConfig } from '../../src/emit/formats/prometheus-config.js';
import { fetchWithTimeout, freePort, httpOk } from './net.js';
import { stackBinaries } from './binaries.js';
import { OUT_RULES_DIR } from './paths.js';
import { startProcess, type ManagedProcess } from './process.js';
import { waitUntil } from './wait.js';

/** The course's prometheus.yml scrapes the service as job="fastapi"; rules select on it. */
export const APP_JOB = 'fastapi';

export interface PrometheusOptions {
  runDir: string;
  appTarget: string;
  /** The app's scrape job, the job the rules select on (default APP_JOB, the Items API's). */
  appJob?: string;
  /**
   * Extra settings for the app's scrape job, e.g. `scrape_native_histograms: true`, which
   * Prometheus 3 needs to ingest native histograms (it then asks for protobuf first).
   */
  appScrapeSettings?: Record<string, unknown>;
  alertmanagerTarget?: string;
  ruleFiles: readonly string[];
  /**
   * PromQL that must return a sample before the rule files are loaded. A Prometheus started on an
   * empty TSDB evaluates its rules before its first scrape, when every series is absent: without
   * this, `absent()` alerts go pending at start-up on a perfectly healthy service.
   */
  loadRulesOnceSeen?: string;
  scrapeInterval: string;
  evaluationInterval: string;
  maxLifetimeSec: number;
}

export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** "pending" while the expression holds for less than the rule's `for`, then "firing". */
  state: string;
  activeAt: string;
  value: string;
}

/** The `data` of a query or query_range answer. */
export type QueryData =
  | {
      resultType: 'vector';
      result: Array<{ metric: Record<string, string>; value?: [number, string]; histogram?: [number, NativeHistogram] }>;
    }
  | {
      resultType: 'matrix';
      result: Array<{ metric: Record<string, string>; values?: Array<[number, string]>; histograms?: Array<[number, NativeHistogram]> }>;
    }
  | { resultType: 'scalar' | 'string'; result: [number, string] };

/**
 * A native-histogram sample as the HTTP API writes it, in place of a float value: buckets are
 * [boundary rule, lower, upper, count], numbers as strings.
 */
export interface NativeHistogram {
  count: string;
  sum: string;
  buckets?: Array<[number, string, string, string]>;
}

export interface RuleStatus {
  type: 'recording' | 'alerting';
  name: string;
  query: string;
  health: string;
  lastError?: string;
  lastEvaluation: string;
  state?: string;
  alerts?: PromAlert[];
}

export interface RuleGroupStatus {
  name: string;
  file: string;
  rules: RuleStatus[];
  interval: number;
  lastEvaluation: string;
}

export interface Sample {
  metric: Record<string, string>;
  value: number;
}

export function defaultRuleFiles(dir: string = OUT_RULES_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * The same prometheus.yml writer as the generated docker-compose stack, pointed at loopback
 * targets; Prometheus and Alertmanager scrape themselves too, so their health is queryable.
 */
export function stackPrometheusConfig(options: PrometheusOptions, selfTarget: string): Record<string, unknown> {
  const appJob = options.appJob ?? APP_JOB;
  const config = prometheusConfig({
    scrapeInterval: options.scrapeInterval,
    evaluationInterval: options.evaluationInterval,
    ruleFiles: options.ruleFiles.map((f) => path.resolve(f)),
    alertmanagers: options.alertmanagerTarget ? [options.alertmanagerTarget] : [],
    jobs: [
      { job: appJob, targets: [options.appTarget] },
      { job: 'prometheus', targets: [selfTarget] },
      ...(options.alertmanagerTarget ? [{ job: 'alertmanager', targets: [options.alertmanagerTarget] }] : []),
    ],
  });
  if (options.appScrapeSettings) {
    const jobs = config['scrape_configs'] as Array<Record<string, unknown>>;
    const app = jobs.find((j) => j['job_name'] === appJob)!;
    Object.assign(app, options.appScrapeSettings);
  }
  return config;
}

/** promtool checks the config and every rule file, with far clearer errors than a failed start. */
function promtoolCheck(configFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(stackBinaries().promtool, ['check', 'config', configFile], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`promtool check config failed:\n${stdout}${stderr}`));
      else resolve();
    });
  });
}

export class Prometheus {
  constructor(
    readonly url: string,
    readonly configFile: string,
    readonly process: ManagedProcess,
  ) {}

  /** Instant query; throws on a PromQL error so a broken expression never reads as "no data". */
  async query(expr: string): Promise<Sample[]> {
    const res = await fetchWithTimeout(`${this.url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    if (body.status !== 'success' || !body.data) throw new Error(`query ${expr} failed: ${body.error ?? res.status}`);
    if (body.data.resultType !== 'vector') throw new Error(`query ${expr} returned ${body.data.resultType}, not a vector`);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** Single-value convenience: the first sample's value, or undefined when the vector is empty. */
  async scalar(expr: string): Promise<number | undefined> {
    return (await this.query(expr))[0]?.value;
  }

  /**
   * Polls an instant query until `accept` holds for its samples; the timeout
   * message carries the last result, which is what one needs to debug a rule.
   */
  async waitFor(expr: string, accept: (samples: Sample[]) => boolean, timeoutMs: number): Promise<Sample[]> {
    let last: Sample[] = [];
    try {
      await waitUntil(`PromQL ${expr}`, async () => accept((last = await this.query(expr))), {
        timeoutMs,
        intervalMs: 500,
        process: this.process,
      });
    } catch (err) {
      const seen = last.map((s) => `${JSON.stringify(s.metric)} ${s.value}`).join('; ') || 'empty vector';
      throw new Error(`${(err as Error).message}\nlast result: ${seen}`, { cause: err });
    }
    return last;
  }

  async alerts(): Promise<PromAlert[]> {
    return (await this.api<{ alerts: PromAlert[] }>('alerts')).alerts;
  }

  /** GET /api/v1/<endpoint>; a Prometheus error (bad PromQL, bad step) throws with its message. */
  async api<T>(endpoint: string, params: Record<string, string | string[]> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
    const res = await fetchWithTimeout(`${this.url}/api/v1/${endpoint}?${search}`, {}, 30_000);
    const body = (await res.json()) as { status: string; error?: string; data?: T };
    if (body.status !== 'success' || body.data === undefined) {
      throw new Error(`${endpoint} ${JSON.stringify(params)}: ${body.error ?? `HTTP ${res.status}`}`);
    }
    return body.data;
  }

  /** Instant query at a given time (seconds), any result type. */
  queryAt(expr: string, timeSec: number): Promise<QueryData> {
    return this.api<QueryData>('query', { query: expr, time: String(timeSec) });
  }

  queryRange(expr: string, startSec: number, endSec: number, stepSec: number): Promise<QueryData> {
    return this.api<QueryData>('query_range', { query: expr, start: String(startSec), end: String(endSec), step: String(stepSec) });
  }

  /** Values of a label, on the series matching `match` when given, within [start, end]. */
  labelValues(label: string, match: string | undefined, startSec: number, endSec: number): Promise<string[]> {
    return this.api<string[]>(`label/${encodeURIComponent(label)}/values`, {
      ...(match !== undefined ? { 'match[]': match } : {}),
      start: String(startSec),
      end: String(endSec),
    });
  }

  async ruleGroups(): Promise<RuleGroupStatus[]> {
    return (await this.api<{ groups: RuleGroupStatus[] }>('rules')).groups;
  }
}

export async function startPrometheus(options: PrometheusOptions): Promise<Prometheus> {
  const port = await freePort();
  const selfTarget = `127.0.0.1:${port}`;
  const dir = path.join(options.runDir, 'prometheus');
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  const configFile = path.join(dir, 'prometheus.yml');
  const deferRules = options.loadRulesOnceSeen !== undefined && options.ruleFiles.length > 0;
  // promtool checks the full config (rules included) even when the rules are loaded later.
  fs.writeFileSync(configFile, stringify(stackPrometheusConfig(options, selfTarget)));
  await promtoolCheck(configFile);
  if (deferRules) fs.writeFileSync(configFile, stringify(stackPrometheusConfig({ ...options, ruleFiles: [] }, selfTarget)));

  const proc = startProcess({
    name: 'prometheus',
    command: stackBinaries().prometheus,
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=${selfTarget}`,
      '--storage.tsdb.retention.time=6h',
      // Lets a test reload rewritten rule files with POST /-/reload (loopback only).
      '--web.enable-lifecycle',
    ],
    logDir: options.runDir,
    maxLifetimeSec: options.maxLifetimeSec,
  });
  const url = `http://${selfTarget}`;
  await waitUntil('prometheus /-/ready', () => httpOk(`${url}/-/ready`), { timeoutMs: 60_000, process: proc });
  const prometheus = new Prometheus(url, configFile, proc);
  if (deferRules) {
    await prometheus.waitFor(options.loadRulesOnceSeen!, (s) => s.length > 0, 60_000);
    fs.writeFileSync(configFile, stringify(stackPrometheusConfig(options, selfTarget)));
    const res = await fetchWithTimeout(`${url}/-/reload`, { method: 'POST' }, 30_000);
    if (!res.ok) throw new Error(`prometheus /-/reload: HTTP ${res.status} ${await res.text()}`);
    const wanted = new Set(options.ruleFiles.map((f) => path.resolve(f)));
    await waitUntil(
      'prometheus to load every rule file',
      async () => new Set((await prometheus.ruleGroups()).map((g) => g.file)).size >= wanted.size,
      { timeoutMs: 60_000, intervalMs: 500, process: proc },
    );
  }
  return prometheus;
}
