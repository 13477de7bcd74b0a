/**
 * `dac validate --metrics-url / --prometheus-url`: definitions judged against what the service
 * really exposes. The service here is the Items API's real /metrics page, captured from the running
 * example (test/fixtures/items-api-metrics.txt says how and with which library versions).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLive } from '../src/check/live/checks.js';
import { inventoryFromExposition, parseExposition } from '../src/check/live/exposition.js';
import type { LiveInventory } from '../src/check/live/inventory.js';
import { validateProject, renderReport } from '../src/cli/validate.js';
import type { Service } from '../src/config/types.js';
import { formatWhere, type Diagnostic } from '../src/core/diagnostic.js';
import { assembleModel } from '../src/model/assemble.js';
import type { BuildModel } from '../src/model/types.js';
import type { Rule } from '../src/rules/model.js';

const root = path.resolve(import.meta.dirname, '..');
const capture = readFileSync(path.join(root, 'test/fixtures/items-api-metrics.txt'), 'utf8');
const inventory = (): LiveInventory => inventoryFromExposition(capture, 'http://items-api:8000/metrics');

let project: BuildModel;
/** The built-in Items API service, with no declared buckets: declared against live is tested on its own below. */
let service: Service;

beforeAll(async () => {
  project = await assembleModel(root);
  service = { ...project.services[0]!, histograms: {} };
}, 60_000);

/** The project with one extra dashboard panel, or one extra alert, for one service. */
function withQuery(expr: string, svc: Service = service): BuildModel {
  const json = {
    uid: 'items-api-extra',
    title: 'Extra',
    panels: [{ id: 1, type: 'timeseries', title: 'Under test', targets: [{ refId: 'A', expr }] }],
  } as unknown as Dashboard;
  return {
    ...project,
    services: [svc],
    dashboards: [{ service: svc, source: 'dashboards/extra.ts', ref: { uid: 'items-api-extra' } as never, outPath: 'x', json }],
    ruleFiles: [],
  };
}

function withAlert(expr: string): BuildModel {
  const rule: Rule = { alert: 'UnderTest', expr, labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd' } };
  return {
    ...project,
    services: [service],
    dashboards: [],
    ruleFiles: [
      {
        service,
        source: 'rules/extra.ts',
        stem: 'items-api-extra',
        outPath: 'rules/items-api-extra.yml',
        groups: [{ name: 'items-api-extra', rules: [rule] }],
        tests: [],
      },
    ],
  };
}

const live = (model: BuildModel): Diagnostic[] => checkLive(model, new Map([[model.services[0]!.name, inventory()]])).diagnostics;

describe('the /metrics page, as the Items API serves it', () => {
  it('reads every family with its type, label names and bucket boundaries', () => {
    const page = parseExposition(capture);
    expect(page.errors).toEqual([]);
    const requests = page.series.get('http_requests_total')!;
    expect(requests.type).toBe('counter');
    expect([...requests.labels].sort()).toEqual(['handler', 'method', 'status']);
    const buckets = page.series.get('http_request_duration_seconds_bucket')!;
    expect(buckets).toMatchObject({ family: 'http_request_duration_seconds', type: 'histogram' });
    // The instrumentator's default latency_lowr_buckets: the example sets none, as the course does.
    expect(buckets.buckets).toEqual([0.1, 0.5, 1]);
    // The Python client spells whole boundaries "1.0": what an le matcher is tested against.
    expect(buckets.leValues).toContain('1.0');
    expect(page.series.get('db_query_duration_seconds_bucket')!.buckets).toEqual([
      0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
    ]);
    expect(page.series.get('http_request_size_bytes_count')).toMatchObject({ family: 'http_request_size_bytes', type: 'summary' });
    expect(page.series.get('fastapi_app_info')).toMatchObject({ type: 'gauge', labels: new Set(['version', 'environment']) });
  });

  it('points at the line of a page that is not in the text format, and reads the rest', () => {
    const lines = capture.split('\n');
    const at = lines.findIndex((l) => l.startsWith('items_read_total '));
    lines[at] = 'items_read_total{operation="list" 2.0';
    const page = parseExposition(lines.join('\n'));
    expect(page.errors).toEqual([{ line: at + 1, message: expect.stringContaining('expected') }]);
    expect(page.series.has('items_created_total')).toBe(true);
  });
});

describe('the built-in Items API definitions against the captured service', () => {
  it('find every metric, label and bucket boundary their queries, rules and SLOs use', () => {
    // Whether the declared buckets are the example's is the end-to-end test's proof, on the example as it is now.
    const result = checkLive(project, new Map([['items-api', inventory()]]));
    expect(result.diagnostics.filter((d) => d.check !== 'live/buckets')).toEqual([]);
    expect(result.checked.queries).toBeGreaterThan(50);
    expect(result.checked.rules).toBeGreaterThan(50);
    expect(result.checked.slos).toBe(1);
  });
});

describe('a query the live service cannot answer', () => {
  it('names a metric the service does not export, with the one it probably meant', () => {
    const [d, ...rest] = live(withQuery('sum(rate(http_request_total{job=~"$job"}[$__rate_interval]))'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', check: 'live/unknown-metric' });
    expect(formatWhere(d!.where)).toBe('dashboards/extra.ts › dashboard items-api-extra › panel "Under test" › query A, col 10');
    expect(d!.message).toContain('did you mean "http_requests_total"?');
  });

  it('names a label the series do not carry, in a matcher or a grouping', () => {
    const ds = live(withQuery('sum by (handlr) (rate(http_requests_total{job=~"$job",statuss=~"5.."}[$__rate_interval]))'));
    expect(ds.map((d) => [d.check, d.message.match(/did you mean "(\w+)"/)?.[1]])).toEqual([
      ['live/unknown-label', 'handler'],
      ['live/unknown-label', 'status'],
    ]);
  });

  it('accepts the labels the scrape adds (job, instance), which a /metrics page does not show', () => {
    expect(live(withQuery('sum by (instance) (rate(http_requests_total{job=~"$job",instance=~"$instance"}[$__rate_interval]))'))).toEqual(
      [],
    );
  });

  it('says an le matcher selects no bucket, with the nearest boundaries', () => {
    const ds = live(withAlert('sum(rate(http_request_duration_seconds_bucket{job="fastapi",le="0.4"}[5m])) > 1'));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ check: 'live/bucket-boundary', severity: 'error' });
    expect(formatWhere({ ...ds[0]!.where, line: undefined })).toMatch(
      /^out\/rules\/items-api-extra\.yml › group items-api-extra › alert UnderTest › expr, col \d+$/,
    );
    expect(ds[0]!.hint).toContain('nearest boundaries: 0.1 below, 0.5 above');
  });

  it('catches le="1" on a client that writes the boundary as 1.0', () => {
    const ds = live(withAlert('sum(rate(http_request_duration_seconds_bucket{job="fastapi",le="1"}[5m])) > 1'));
    expect(ds.map((d) => d.check)).toEqual(['live/bucket-boundary']);
    expect(live(withAlert('sum(rate(http_request_duration_seconds_bucket{job="fastapi",le=~"1(\\\\.0)?"}[5m])) > 1'))).toEqual([]);
  });
});

describe('counters and gauges as the service really types them', () => {
  const misdeclared = (metrics: Record<string, 'counter' | 'gauge'>): Service => ({
    ...service,
    metrics: { ...service.metrics, ...metrics },
  });

  it('reports rate() over what the profile calls a counter but the service serves as a gauge', () => {
    const svc = misdeclared({ db_connection_pool_checked_out: 'counter' });
    const ds = live(withQuery('sum(rate(db_connection_pool_checked_out{job=~"$job"}[$__rate_interval]))', svc));
    expect(ds.map((d) => d.check)).toEqual(['live/rate-on-gauge']);
    expect(ds[0]!.message).toContain('the profile declares it a counter');
  });

  it('reports a counter shown raw when the profile calls it a gauge', () => {
    const svc = misdeclared({ items_created_total: 'gauge' });
    const ds = live(withQuery('sum(items_created_total{job=~"$job"})', svc));
    expect(ds.map((d) => d.check)).toEqual(['live/counter-without-rate']);
  });

  it('leaves a misuse the profile already reveals to the offline lint', () => {
    expect(live(withQuery('sum(items_created_total{job=~"$job"})'))).toEqual([]);
  });
});

describe('histograms and SLO thresholds against the live buckets', () => {
  it('reports a latency SLO threshold that is not a live boundary, where it is configured', () => {
    const svc: Service = { ...service, slos: [{ name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.4 }] };
    const ds = live({ ...project, services: [svc], dashboards: [], ruleFiles: [] });
    expect(ds).toHaveLength(1);
    expect(formatWhere(ds[0]!.where)).toBe('dac.config.ts › service items-api › slo latency › thresholdSeconds');
    expect(ds[0]!.check).toBe('live/slo-threshold');
    // With no rule reading it, the threshold is judged on the service-wide histogram the build prefers.
    expect(ds[0]!.message).toContain('not a bucket boundary of http_request_duration_highr_seconds');
    expect(ds[0]!.hint).toContain('nearest boundaries: 0.25 below, 0.5 above');
  });

  it('reports declared buckets that differ from the live ones, at the field to fix', () => {
    // Buckets a service would pass as latency_lowr_buckets, declared for one that keeps the defaults.
    const svc: Service = { ...service, histograms: { http_request_duration_seconds: [0.1, 0.25, 0.5, 1, 2.5] } };
    const ds = live({ ...project, services: [svc], dashboards: [], ruleFiles: [] });
    expect(ds.map((d) => formatWhere(d.where))).toEqual(['dac.config.ts › service items-api › histograms.http_request_duration_seconds']);
    expect(ds[0]!.check).toBe('live/buckets');
    expect(ds[0]!.message).toContain('not exposed: 0.25, 2.5');
    expect(ds[0]!.hint).toContain('= [0.1, 0.5, 1]');
  });
});

describe('dac validate --metrics-url', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end('not found');
      // Credentials arrive as a Basic header, never in the request line.
      if (req.headers.authorization !== `Basic ${Buffer.from('scraper:s3cret').toString('base64')}`)
        return void res.writeHead(401).end('unauthorised');
      res.writeHead(200, { 'content-type': 'text/plain; version=1.0.0; charset=utf-8' }).end(capture);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('checks the project against the page and says what it checked, credentials never shown', async () => {
    const url = `${base.replace('//', '//scraper:s3cret@')}/metrics`;
    const report = await validateProject({ dir: root, tools: false, live: { metricsUrl: url, timeoutMs: 5_000 } });
    // Declared against live buckets is the end-to-end test's proof, on the example as it is now.
    expect(report.diagnostics.filter((d) => d.check !== 'live/buckets')).toEqual([]);
    const text = renderReport(report, 'human', false);
    expect(text).toMatch(
      /live: \d+ dashboard queries, \d+ rules, 1 latency SLO and \d+ declared histograms? checked against http:\/\/127\.0\.0\.1:\d+\/metrics/,
    );
    expect(text).not.toContain('s3cret');
  }, 60_000);

  it('exits 2 when the page cannot be read, the password hidden', async () => {
    const url = `${base.replace('//', '//scraper:wrong@')}/metrics`;
    const report = await validateProject({ dir: root, tools: false, live: { metricsUrl: url, timeoutMs: 5_000 } });
    expect(report.exitCode).toBe(2);
    const text = renderReport(report, 'json', false);
    expect(text).toContain('HTTP 401 (credentials missing or refused)');
    expect(text).toContain('"location": "http://***@127.0.0.1');
    expect(text).not.toContain('wrong');
  }, 60_000);
});
