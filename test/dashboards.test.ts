/**
 * The four Items API dashboards (HTTP Overview, Business Metrics, Database Performance, RED
 * Metrics) as a user relies on them: the panels the on-call engineer looks for, with the right
 * visualisation and unit, built from the service's metric profile — for the Items API as
 * configured, the same service on the flask-exporter profile, and a second service.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate.js';
import { leRegex } from '../src/dashboards/expr.js';
import {
  baseConfig,
  buildAll,
  contentPanels,
  defaultService,
  definitions,
  exprs,
  nodes,
  panelByTitle,
  mappedText,
  regexMatches,
  seriesColour,
  unitOf,
  variables,
  type Built,
  type PanelJson,
} from './dashboards.support.js';
import { registerInvariants, type DashboardUnderTest } from './dashboards.invariants.js';
import type { DacConfig } from '../src/config/types.js';

const SECOND_SERVICE = {
  name: 'billing-api',
  title: 'Billing API',
  selector: { job: 'billing', matchers: { namespace: 'prod' } },
  profile: 'generic' as const,
  thresholds: { slowQuerySeconds: 1, dbP99Seconds: 2 },
  database: { queryDuration: 'pg_query_duration_seconds', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
  tags: ['billing'],
};

const scenarios: Record<string, () => DacConfig> = {
  'Items API as configured (fastapi-instrumentator)': () => baseConfig(),
  'Items API switched to the flask-exporter profile': () => {
    const cfg = baseConfig();
    defaultService(cfg).profile = 'flask-exporter';
    return cfg;
  },
  'a second service (generic profile, namespace matcher, database without pool)': () => {
    const cfg = baseConfig();
    cfg.services.push(structuredClone(SECOND_SERVICE));
    return cfg;
  },
};

function underTest(built: Built[]): DashboardUnderTest[] {
  const emitted = new Set(built.map((b) => b.ref.uid));
  return built.map((b) => ({
    service: b.service,
    json: b.json,
    emitted,
    siblings: built.filter((o) => o.service.name === b.service.name).map((o) => o.ref.uid),
  }));
}

for (const [name, cfg] of Object.entries(scenarios)) registerInvariants(`every dashboard — ${name}`, () => underTest(buildAll(cfg())));

// The same guarantees for what the build wrote, once out/dashboards exists.
const OUT = path.resolve(import.meta.dirname, '..', 'out', 'dashboards');
const emittedFiles = existsSync(OUT)
  ? readdirSync(OUT)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
if (emittedFiles.length > 0) {
  registerInvariants('every emitted dashboard in out/dashboards', () => {
    const services = resolveConfig(baseConfig(), 'dac.config.ts');
    const jsons = emittedFiles.map((f) => JSON.parse(readFileSync(path.join(OUT, f), 'utf8')) as Dashboard);
    const emitted = new Set(jsons.map((j) => j.uid ?? ''));
    // The dashboards of these four modules (uid `<service>-<id>`); other modules' dashboards have their own specs.
    const ids = definitions.map((d) => d.id);
    return jsons.flatMap((json) => {
      const service = services.find((s) => ids.some((id) => json.uid === `${s.name}-${id}`));
      if (!service) return [];
      return [{ service, json, emitted, siblings: jsons.filter((j) => j.uid?.startsWith(`${service.name}-`)).map((j) => j.uid ?? '') }];
    });
  });
}

function dashboardsOf(cfg: DacConfig, service = 'items-api'): Map<string, Dashboard> {
  return new Map(
    buildAll(cfg)
      .filter((b) => b.service.name === service)
      .map((b) => [b.ref.uid.slice(service.length + 1), b.json]),
  );
}

function get(map: Map<string, Dashboard>, id: string): Dashboard {
  const d = map.get(id);
  if (!d) throw new Error(`no dashboard ${id}; have ${[...map.keys()].join(', ')}`);
  return d;
}

function expectPanel(json: Dashboard, title: string, type: string, unit: string): PanelJson {
  const p = panelByTitle(json, title);
  expect(p.type, `"${title}" type`).toBe(type);
  expect(unitOf(p), `"${title}" unit`).toBe(unit);
  return p;
}

function steps(p: PanelJson): { value: number | null; color: string }[] {
  return p.fieldConfig?.defaults?.thresholds?.steps ?? [];
}

/** Row titles in order, and the titles of the content panels under each. */
function layout(json: Dashboard): { row: string; panels: string[] }[] {
  const out: { row: string; panels: string[] }[] = [];
  for (const p of (json.panels ?? []) as unknown as PanelJson[]) {
    if (p.type === 'row') out.push({ row: p.title ?? '', panels: [] });
    else out[out.length - 1]?.panels.push(p.title ?? '');
  }
  return out;
}

describe('HTTP Overview', () => {
  const items = get(dashboardsOf(baseConfig()), 'http-overview');

  it('opens with targets up, request rate, 5xx error rate, p95 latency and requests in flight', () => {
    expect(layout(items)[0]).toEqual({
      row: 'Right now',
      panels: ['Targets up', 'Request rate', 'Error rate (5xx)', 'Latency p95', 'Requests in flight'],
    });
    const up = expectPanel(items, 'Targets up', 'stat', 'percentunit');
    expect(steps(up)).toEqual([
      { value: null, color: 'red' },
      { value: 1, color: 'green' },
    ]);
    expectPanel(items, 'Request rate', 'stat', 'reqps');
    const errors = expectPanel(items, 'Error rate (5xx)', 'stat', 'percentunit');
    expect(steps(errors)).toEqual([
      { value: null, color: 'green' },
      { value: 0.01, color: 'yellow' },
      { value: 0.05, color: 'red' },
    ]);
    const p95 = expectPanel(items, 'Latency p95', 'stat', 's');
    expect(steps(p95).map((s) => s.value)).toEqual([null, 0.5, 1]);
    const inFlight = expectPanel(items, 'Requests in flight', 'gauge', 'short');
    expect(exprs(inFlight)[0]).toContain('http_requests_inprogress{');
  });

  it('takes its colour levels from the service thresholds', () => {
    const cfg = baseConfig();
    defaultService(cfg).thresholds = { errorRatioWarning: 0.002, errorRatioCritical: 0.02, latencyP95Seconds: 0.2, latencyP99Seconds: 0.4 };
    const d = get(dashboardsOf(cfg), 'http-overview');
    expect(steps(panelByTitle(d, 'Error rate (5xx)')).map((s) => s.value)).toEqual([null, 0.002, 0.02]);
    expect(steps(panelByTitle(d, 'Latency p95')).map((s) => s.value)).toEqual([null, 0.2, 0.4]);
  });

  it('counts 5xx responses whether the status label reads "503" or "5xx"', () => {
    const errorsExpr = exprs(panelByTitle(items, 'Error rate (5xx)'))[0]!;
    const statusMatchers = nodes(errorsExpr).flatMap(({ node }) =>
      node.kind === 'selector' ? node.matchers.filter((m) => m.label === 'status') : [],
    );
    expect(statusMatchers.length).toBeGreaterThan(0);
    for (const m of statusMatchers) {
      expect(m.op).toBe('=~');
      for (const v of ['500', '503', '5xx']) expect(regexMatches(m.value, v), v).toBe(true);
      for (const v of ['200', '404', '4xx']) expect(regexMatches(m.value, v), v).toBe(false);
    }
  });

  it('groups requests into status classes with label_replace, which works for "200" and "2xx" alike', () => {
    const p = expectPanel(items, 'Requests by status class', 'timeseries', 'reqps');
    const expr = exprs(p)[0]!;
    const call = nodes(expr).find(({ node }) => node.kind === 'call' && node.name === 'label_replace')?.node;
    expect(call?.kind).toBe('call');
    if (call?.kind !== 'call') return;
    const strings = call.args.slice(1).map((a) => (a.kind === 'string' ? a.value : undefined));
    const [dst, replacement, src, regex] = strings;
    expect(src).toBe('status');
    expect(p.targets?.[0]?.legendFormat).toBe(`{{${dst}}}`);
    // Go's regexp replacement: ${1} is the first digit.
    for (const status of ['200', '2xx', '503', '5xx']) {
      const m = new RegExp(`^(?:${regex})$`).exec(status);
      expect(m, status).not.toBeNull();
      expect(replacement!.replace('${1}', m![1]!)).toBe(`${status[0]}xx`);
    }
  });

  it('shows responses per status code as rates, and how many of each over the selected range', () => {
    const rates = expectPanel(items, 'Responses by status code', 'timeseries', 'reqps');
    expect(exprs(rates)[0]).toMatch(/^sum by \(status\) \(rate\(http_requests_total\{.*\}\[\$__rate_interval\]\)\)$/);
    expect(rates.targets?.[0]?.legendFormat).toBe('{{status}}');
    const counts = expectPanel(items, 'Responses by status code in the selected range', 'bargauge', 'short');
    expect(exprs(counts)[0]).toMatch(/^sum by \(status\) \(increase\(http_requests_total\{.*\}\[\$__range\]\)\)$/);
    expect(counts.targets?.[0]).toMatchObject({ legendFormat: '{{status}}', instant: true });
  });

  it('draws the 200, 404 and 500 responses the course follows in green, orange and red, and 5xx red in "Errors by class"', () => {
    for (const title of ['Responses by status code', 'Responses by status code in the selected range']) {
      const p = panelByTitle(items, title);
      expect([seriesColour(p, '200'), seriesColour(p, '404'), seriesColour(p, '500')], title).toEqual(['green', 'orange', 'red']);
    }
    const errors = panelByTitle(items, 'Errors by class');
    expect(seriesColour(errors, '5xx')).toBe('red');
    expect(seriesColour(errors, '4xx')).toBe('orange');
  });

  it('never colours a quiet service red: 0 req/s is yellow where traffic is expected, green where it is not', () => {
    const colour = (p: PanelJson, v: number) => steps(p).reduce((c, s) => (s.value === null || v >= s.value ? s.color : c), 'none');
    const rate = panelByTitle(items, 'Request rate');
    expect(colour(rate, 0)).toBe('yellow');
    expect(colour(rate, 0.001)).toBe('green');
    const cfg = baseConfig();
    defaultService(cfg).expectTraffic = false;
    const quiet = panelByTitle(get(dashboardsOf(cfg), 'http-overview'), 'Request rate');
    expect(colour(quiet, 0)).toBe('green');
    expect(mappedText(quiet, -1)).toMatchObject({ text: 'down', color: 'red' });
    const db = get(dashboardsOf(baseConfig()), 'database');
    expect(colour(panelByTitle(db, 'Queries per second'), 0)).toBe('green');
    expect(colour(panelByTitle(get(dashboardsOf(baseConfig()), 'business'), 'Operations per second'), 0)).toBe('green');
  });

  it('shows p50, p95 and p99 latency in one panel', () => {
    const p = expectPanel(items, 'Latency percentiles', 'timeseries', 's');
    expect(p.targets?.map((t) => t.legendFormat)).toEqual(['p50', 'p95', 'p99']);
    expect(exprs(p).map((e) => e.match(/histogram_quantile\(([\d.]+),/)?.[1])).toEqual(['0.5', '0.95', '0.99']);
  });

  it('splits traffic by handler and by method, and error rate into 4xx and 5xx', () => {
    expect(exprs(expectPanel(items, 'Requests by handler', 'timeseries', 'reqps'))[0]).toMatch(/^sum by \(handler\)/);
    expect(exprs(expectPanel(items, 'Requests by method', 'timeseries', 'reqps'))[0]).toMatch(/^sum by \(method\)/);
    const errors = expectPanel(items, 'Errors by class', 'timeseries', 'percentunit');
    expect(errors.targets?.map((t) => t.legendFormat)).toEqual(['5xx', '4xx']);
  });

  it('draws the request duration distribution as a heatmap of sum by (le) in heatmap format', () => {
    const p = expectPanel(items, 'Request duration distribution', 'heatmap', 'reqps');
    expect(p.options?.yAxis?.unit).toBe('s');
    expect(p.targets?.[0]?.format).toBe('heatmap');
    expect(exprs(p)[0]).toMatch(/^sum by \(le\) \(rate\(http_request_duration_seconds_bucket\{/);
    expect(p.options?.['calculate']).toBe(false);
  });

  it('on the flask-exporter profile uses its metric and label names and drops the in-flight gauge it lacks', () => {
    const cfg = baseConfig();
    defaultService(cfg).profile = 'flask-exporter';
    const flask = get(dashboardsOf(cfg), 'http-overview');
    expect(layout(flask)[0]?.panels).toEqual(['Targets up', 'Request rate', 'Error rate (5xx)', 'Latency p95']);
    expect(exprs(panelByTitle(flask, 'Request rate'))[0]).toContain('flask_http_request_duration_seconds_count{');
    expect(exprs(panelByTitle(flask, 'Requests by handler'))[0]).toMatch(/^sum by \(path\)/);
    expect(panelByTitle(flask, 'Requests by handler').targets?.[0]?.legendFormat).toBe('{{path}}');
    const all = contentPanels(flask).flatMap(exprs).join('\n');
    expect(all).not.toMatch(/\bhttp_requests_total\b|\bhandler\b/);
  });
});

describe('Business Metrics', () => {
  const biz = get(dashboardsOf(baseConfig()), 'business');

  it('shows CRUD operations per second, one query per operation', () => {
    const p = expectPanel(biz, 'Operations per second by kind', 'timeseries', 'ops');
    expect(p.targets?.map((t) => t.legendFormat)).toEqual(['created', 'read', 'updated', 'deleted']);
    expect(exprs(p)[0]).toContain('rate(items_created_total{');
  });

  it('totals each operation over the selected range with increase(...[$__range])', () => {
    const p = expectPanel(biz, 'Operations in the selected range', 'bargauge', 'short');
    expect(p.targets?.every((t) => t.instant)).toBe(true);
    for (const e of exprs(p)) expect(e).toMatch(/increase\(items_\w+_total\{.*\}\[\$__range\]\)/);
  });

  it('shows the operation mix as a pie chart', () => {
    const p = expectPanel(biz, 'Operation mix', 'piechart', 'short');
    expect(p.targets).toHaveLength(4);
  });

  it('compares reads and writes in one panel and as a guarded reads-per-write ratio', () => {
    const rw = expectPanel(biz, 'Reads and writes', 'timeseries', 'ops');
    expect(rw.targets?.map((t) => t.legendFormat)).toEqual(['reads', 'writes']);
    expect(exprs(rw)[0]).toContain('items_read_total');
    expect(exprs(rw)[1]).toContain('items_created_total');
    expect(exprs(rw)[1]).not.toContain('items_read_total');
    const ratio = expectPanel(biz, 'Reads per write', 'timeseries', 'short');
    expect(exprs(ratio)[0]).toMatch(/ \/ \(.*> 0\)$/);
    expect(ratio.description).toMatch(/Empty while nothing is written/);
  });

  it('reports the version and environment of each instance from the info metric', () => {
    const table = expectPanel(biz, 'Version and environment per instance', 'table', 'string');
    expect(exprs(table)[0]).toBe('sum by (instance, version, environment) (fastapi_app_info{job="$job", instance=~"$instance"})');
    expect(table.targets?.[0]).toMatchObject({ instant: true, format: 'table' });
    const organize = table.transformations?.find((t) => t.id === 'organize');
    expect(organize?.options['excludeByName']).toEqual({ Time: true, Value: true });
    // Labels have no good or bad value: the table carries no thresholds that could colour it.
    expect(steps(table)).toEqual([{ value: null, color: 'text' }]);
    const versions = expectPanel(biz, 'Versions running', 'stat', 'short');
    expect(steps(versions).map((s) => [s.value, s.color])).toEqual([
      [null, 'red'],
      [1, 'green'],
      [2, 'yellow'],
      [3, 'red'],
    ]);
  });

  it('exists only for services that declare business metrics', () => {
    const cfg = baseConfig();
    cfg.services.push(structuredClone(SECOND_SERVICE));
    expect(dashboardsOf(cfg).has('business')).toBe(true);
    expect(dashboardsOf(cfg, 'billing-api').has('business')).toBe(false);
  });
});

describe('Database Performance', () => {
  const db = get(dashboardsOf(baseConfig()), 'database');

  it('opens with queries per second, p99 query time, slow-query share and pool usage', () => {
    expect(layout(db)[0]?.panels).toEqual(['Queries per second', 'Query time p99', 'Slow queries (> 100 ms)', 'Connection pool in use']);
    expectPanel(db, 'Queries per second', 'stat', 'ops');
    expect(steps(expectPanel(db, 'Query time p99', 'stat', 's')).map((s) => s.value)).toEqual([null, 0.1, 0.25]);
    expectPanel(db, 'Slow queries (> 100 ms)', 'stat', 'percentunit');
  });

  it('turns the pool gauge yellow at the level DatabasePoolExhausted warns at, red with the pool exhausted', () => {
    const cfg = baseConfig();
    defaultService(cfg).thresholds = { ...defaultService(cfg).thresholds, poolUsageRatio: 0.75 };
    const pool = expectPanel(get(dashboardsOf(cfg), 'database'), 'Connection pool in use', 'gauge', 'percentunit');
    expect(steps(pool)).toEqual([
      { value: null, color: 'green' },
      { value: 0.75, color: 'yellow' },
      { value: 1, color: 'red' },
    ]);
    expect(steps(expectPanel(db, 'Connection pool in use', 'gauge', 'percentunit'))[1]).toEqual({ value: 0.9, color: 'yellow' });
  });

  it('means one thing by p99 on every panel: per operation, as SlowDatabaseQueries compares it', () => {
    const stat = panelByTitle(db, 'Query time p99');
    const graph = expectPanel(db, 'Query time p99 by operation', 'timeseries', 's');
    expect(graph.targets?.map((t) => t.legendFormat)).toEqual(['{{operation}}']);
    const groupings = [stat, graph].map((p) =>
      nodes(exprs(p)[0]!).flatMap(({ node }) =>
        node.kind === 'call' && node.name === 'histogram_quantile' && node.args[1]!.kind === 'aggregate'
          ? [node.args[1]!.grouping?.labels]
          : [],
      ),
    );
    expect(groupings).toEqual([[['le', 'operation']], [['le', 'operation']]]);
    const allQuantiles = contentPanels(db)
      .flatMap(exprs)
      .flatMap((e) => [...e.matchAll(/histogram_quantile\(([\d.]+)/g)].map((m) => m[1]));
    expect(new Set(allQuantiles)).toEqual(new Set(['0.99']));
  });

  it('shows mean query time and queries per second by operation', () => {
    const mean = expectPanel(db, 'Mean query time', 'timeseries', 's');
    expect(exprs(mean)[0]).toMatch(
      /^\(sum by \(operation\) \(rate\(db_query_duration_seconds_sum\{.*\/ \(sum by \(operation\) \(rate\(db_query_duration_seconds_count\{.*> 0\)$/,
    );
    expect(exprs(expectPanel(db, 'Queries per second by operation', 'timeseries', 'ops'))[0]).toMatch(/^sum by \(operation\)/);
  });

  it('counts slow queries from the bucket at thresholds.slowQuerySeconds, in every spelling of its le', () => {
    const expr = exprs(panelByTitle(db, 'Slow queries (> 100 ms)'))[0]!;
    const le = nodes(expr).flatMap(({ node }) => (node.kind === 'selector' ? node.matchers.filter((m) => m.label === 'le') : []));
    expect(le).toHaveLength(1);
    expect(le[0]!.op).toBe('=~');
    expect(regexMatches(le[0]!.value, '0.1')).toBe(true);
    expect(regexMatches(le[0]!.value, '0x1')).toBe(false);
    expect(regexMatches(le[0]!.value, '0.15')).toBe(false);
  });

  it('matches both "1" and Prometheus 3\'s "1.0" when the slow-query threshold is a whole number', () => {
    for (const [seconds, spellings, not] of [
      [1, ['1', '1.0'], ['10', '1.5', '0.1']],
      [2.5, ['2.5'], ['2.50x', '25']],
      [5e-7, ['5e-7', '5e-07'], ['5e-70']],
    ] as const) {
      for (const s of spellings) expect(regexMatches(leRegex(seconds), s), `${seconds} ~ ${s}`).toBe(true);
      for (const s of not) expect(regexMatches(leRegex(seconds), s), `${seconds} !~ ${s}`).toBe(false);
    }
    const cfg = baseConfig();
    cfg.services.push(structuredClone(SECOND_SERVICE));
    const billing = get(dashboardsOf(cfg, 'billing-api'), 'database');
    const expr = exprs(panelByTitle(billing, 'Slow queries (> 1 s)'))[0]!;
    expect(expr).toContain('pg_query_duration_seconds_bucket{');
    const le = nodes(expr).flatMap(({ node }) => (node.kind === 'selector' ? node.matchers.filter((m) => m.label === 'le') : []))[0]!;
    expect(regexMatches(le.value, '1') && regexMatches(le.value, '1.0')).toBe(true);
  });

  it('writes the slow-query share so that zero traffic reads 0 %, not 100 %', () => {
    const p = panelByTitle(db, 'Slow queries (> 100 ms)');
    const expr = exprs(p)[0]!;
    // (all - fast) / clamp_min(all, ε): with all = fast = 0 the numerator is 0.
    expect(expr).toMatch(
      /^\(\(sum\(rate\(db_query_duration_seconds_count\{.*\) - sum\(rate\(db_query_duration_seconds_bucket\{.*\) \/ clamp_min\(/,
    );
    expect(p.description).toMatch(/Reads 0 % without queries/);
  });

  it('draws the pool size with connections in use, and the query duration heatmap', () => {
    const pool = expectPanel(db, 'Connection pool', 'timeseries', 'short');
    expect(pool.targets?.map((t) => t.legendFormat)).toEqual(['size', 'in use']);
    const heat = expectPanel(db, 'Query duration distribution', 'heatmap', 'ops');
    expect(heat.options?.yAxis?.unit).toBe('s');
    expect(heat.targets?.[0]?.format).toBe('heatmap');
    expect(exprs(heat)[0]).toMatch(/^sum by \(le\) \(rate\(db_query_duration_seconds_bucket\{/);
  });

  it('without pool metrics or an operation label, leaves the pool panels out and does not group by operation', () => {
    const cfg = baseConfig();
    cfg.services.push(structuredClone(SECOND_SERVICE));
    const billing = get(dashboardsOf(cfg, 'billing-api'), 'database');
    const titles = contentPanels(billing).map((p) => p.title);
    expect(titles).not.toContain('Connection pool in use');
    expect(titles).not.toContain('Connection pool');
    expect(titles).toContain('Queries per second');
    expect(contentPanels(billing).flatMap(exprs).join('\n')).not.toContain('operation');
  });
});

describe('RED Metrics', () => {
  const red = get(dashboardsOf(baseConfig()), 'red');

  it('has a handler variable: multi-select, All meaning any handler, from the request counter', () => {
    const handler = variables(red).find((v) => v.name === 'handler');
    expect(handler).toMatchObject({ type: 'query', multi: true, includeAll: true, allValue: '.+', refresh: 2 });
    expect(String(handler?.query)).toMatch(/^label_values\(http_requests_total\{job="\$job", instance=~"\$instance"\}, handler\)$/);
  });

  it('repeats a row of Rate, Errors (% and req/s) and Duration (p95, p99) per selected handler', () => {
    const rows = ((red.panels ?? []) as unknown as PanelJson[]).filter((p) => p.type === 'row');
    const repeated = rows.filter((r) => r.repeat === 'handler');
    expect(repeated).toHaveLength(1);
    expect(repeated[0]!.title).toContain('$handler');
    const section = layout(red).find((s) => s.row === repeated[0]!.title)!;
    expect(section.panels).toEqual(['Rate', 'Errors (%)', 'Errors (req/s)', 'Duration']);
    expectPanel(red, 'Rate', 'timeseries', 'reqps');
    expectPanel(red, 'Errors (%)', 'timeseries', 'percentunit');
    expectPanel(red, 'Errors (req/s)', 'timeseries', 'reqps');
    expect(expectPanel(red, 'Duration', 'timeseries', 's').targets?.map((t) => t.legendFormat)).toEqual(['p95', 'p99']);
    for (const title of section.panels) {
      for (const e of exprs(panelByTitle(red, title))) expect(e, title).toContain('handler=~"$handler"');
    }
  });

  it('lists every handler in a table with R, E, D, coloured by the thresholds, worst error rate first', () => {
    const t = expectPanel(red, 'Handlers by error rate', 'table', 'reqps');
    expect(t.targets?.every((q) => q.instant === true && q.format === 'table')).toBe(true);
    for (const e of exprs(t)) expect(e).not.toContain('$handler');
    expect(t.transformations?.map((x) => x.id)).toEqual(['merge', 'organize']);
    const rename = t.transformations?.[1]?.options['renameByName'] as Record<string, string>;
    expect(Object.values(rename)).toEqual(['Handler', 'Requests/s', 'Error rate', 'Errors/s', 'p95', 'p99']);
    expect(rename['Value #B']).toBe('Error rate');
    expect(t.targets?.[1]?.refId).toBe('B');
    expect(t.options?.sortBy).toEqual([{ displayName: 'Error rate', desc: true }]);
    const coloured = (t.fieldConfig?.overrides ?? [])
      .filter((o) => o.properties.some((p) => p.id === 'thresholds'))
      .map((o) => o.matcher.options);
    expect(coloured).toEqual(['Error rate', 'p95', 'p99']);
  });

  it('on the flask-exporter profile keys everything on the path label, still named handler in the variable', () => {
    const cfg = baseConfig();
    defaultService(cfg).profile = 'flask-exporter';
    const flask = get(dashboardsOf(cfg), 'red');
    const handler = variables(flask).find((v) => v.name === 'handler');
    expect(String(handler?.query)).toMatch(/^label_values\(flask_http_request_duration_seconds_count\{.*\}, path\)$/);
    for (const e of exprs(panelByTitle(flask, 'Rate'))) expect(e).toContain('path=~"$handler"');
    const table = panelByTitle(flask, 'Handlers by error rate');
    expect((table.transformations?.[1]?.options['renameByName'] as Record<string, string>)['path']).toBe('Handler');
  });
});

describe('services and uids', () => {
  const cfg = baseConfig();
  cfg.services.push(structuredClone(SECOND_SERVICE));
  const built = buildAll(cfg);

  it('gives a second service its own dashboards, with distinct uids and titles, and its own selector', () => {
    const uids = built.map((b) => b.json.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(new Set(built.map((b) => b.json.title)).size).toBe(built.length);
    const billing = built.filter((b) => b.service.name === 'billing-api');
    expect(billing.map((b) => b.json.uid)).toEqual(['billing-api-http-overview', 'billing-api-database', 'billing-api-red']);
    for (const b of billing) {
      expect((b.json.title ?? '').startsWith('Billing API / ')).toBe(true);
      expect(b.json.tags).toEqual(['dac', 'billing-api', 'billing']);
      const links = (b.json.links ?? []) as { url: string }[];
      for (const l of links) expect(l.url).toMatch(/^\/d\/billing-api-/);
      const job = variables(b.json).find((v) => v.name === 'job');
      expect(String(job?.query)).toBe('label_values(up{job="billing", namespace="prod"}, job)');
    }
    const overview = billing[0]!.json;
    expect(exprs(panelByTitle(overview, 'Requests by handler'))[0]).toBe(
      'sum by (handler) (rate(http_requests_total{job="$job", namespace="prod", instance=~"$instance"}[$__rate_interval]))',
    );
    expect(exprs(panelByTitle(overview, 'Errors by class')).join('\n')).toContain('code=~"5.."');
  });

  it('builds byte-identical JSON twice in a row', () => {
    const again = buildAll(cfg);
    expect(again.map((b) => JSON.stringify(b.json))).toEqual(built.map((b) => JSON.stringify(b.json)));
  });

  it('returns new panels on every build: two services never share a panel object', () => {
    const items = built.find((b) => b.ref.uid === 'items-api-http-overview')!.json;
    const billing = built.find((b) => b.ref.uid === 'billing-api-http-overview')!.json;
    const a = panelByTitle(items, 'Request rate');
    const b = panelByTitle(billing, 'Request rate');
    expect(a).not.toBe(b);
    expect(a.targets?.[0]?.expr).not.toBe(b.targets?.[0]?.expr);
  });
});
