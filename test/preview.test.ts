/**
 * `dac preview` draws each dashboard as Grafana would: values in the panel's unit and decimals,
 * coloured by its thresholds and overrides, panels where their grid position puts them, repeated
 * rows copied per value, and a failing query shown in its panel and reported.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue, thresholdColour } from '../src/deliver/preview/format.js';
import { gridBox, layoutPanels } from '../src/deliver/preview/layout.js';
import { previewDashboard, type DashboardJson } from '../src/deliver/preview/dashboard.js';
import { PrometheusSource, renderPreview, SyntheticSource } from '../src/deliver/preview/index.js';
import type { DataSource, PanelQuerySpec, QueryResult } from '../src/deliver/preview/data.js';
import type { VariableValue } from '../src/deliver/preview/grafana/interpolate.js';

const NOW = Date.UTC(2025, 0, 1, 12);
const RED = '#F2495C';
const GREEN = '#73BF69';
const YELLOW = '#FADE2A';
const ds = { type: 'prometheus', uid: '${datasource}' };
const steps = [
  { color: 'green', value: null },
  { color: 'yellow', value: 0.01 },
  { color: 'red', value: 0.05 },
];

/** One value per query, by refId: what Prometheus would answer for a stat or a table. */
class FixedSource implements DataSource {
  readonly synthetic = false;
  readonly seen: PanelQuerySpec[] = [];
  constructor(private readonly answer: (q: PanelQuerySpec) => Array<{ labels: Record<string, string>; value: number }>) {}
  async variables(list: readonly unknown[]): Promise<Map<string, VariableValue>> {
    return new Map(
      (list as Array<{ name: string }>).map((v) => [v.name, { values: ['/items', '/health'], all: true, multi: true, includeAll: true }]),
    );
  }
  async run(q: PanelQuerySpec): Promise<QueryResult> {
    this.seen.push(q);
    const series = this.answer(q).map((a) => ({
      refId: q.refId,
      name: q.legendFormat?.replace(/\{\{(\w+)\}\}/g, (_m, l: string) => a.labels[l] ?? '') ?? q.expr,
      labels: a.labels,
      times: [q.range.toMs - 60_000, q.range.toMs],
      values: [a.value, a.value],
    }));
    return { refId: q.refId, kind: q.kind, expr: q.expr, series };
  }
}

const panel = (id: number, type: string, gridPos: object, extra: object = {}) => ({
  id,
  type,
  title: `${type} panel`,
  datasource: ds,
  gridPos,
  targets: [{ refId: 'A', expr: `metric_${id}`, legendFormat: type, datasource: ds }],
  ...extra,
});

const everyType: DashboardJson = {
  uid: 'every-type',
  title: 'Every panel type',
  time: { from: 'now-1h', to: 'now' },
  templating: { list: [] },
  panels: [
    { id: 1, type: 'row', title: 'Right now', gridPos: { x: 0, y: 0, w: 24, h: 1 }, collapsed: false, panels: [] },
    panel(
      2,
      'stat',
      { x: 0, y: 1, w: 6, h: 4 },
      { description: 'Share of 5xx', fieldConfig: { defaults: { unit: 'percentunit', thresholds: { steps } } } },
    ),
    panel(
      3,
      'gauge',
      { x: 6, y: 1, w: 6, h: 4 },
      { fieldConfig: { defaults: { unit: 'percentunit', min: 0, max: 1, thresholds: { steps } } } },
    ),
    panel(
      4,
      'bargauge',
      { x: 12, y: 1, w: 6, h: 4 },
      {
        fieldConfig: {
          defaults: {
            unit: 's',
            thresholds: {
              steps: [
                { color: 'green', value: null },
                { color: 'red', value: 1 },
              ],
            },
          },
        },
      },
    ),
    panel(5, 'text', { x: 18, y: 1, w: 6, h: 4 }, { targets: [], options: { mode: 'markdown', content: '## Runbook\nSee **the docs**.' } }),
    panel(
      6,
      'timeseries',
      { x: 0, y: 5, w: 12, h: 8 },
      {
        fieldConfig: {
          defaults: { unit: 'reqps' },
          overrides: [
            {
              matcher: { id: 'byRegexp', options: '5(\\d\\d|xx)' },
              properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }],
            },
          ],
        },
        options: { legend: { showLegend: true, displayMode: 'table', placement: 'bottom', calcs: ['mean', 'max'] } },
        targets: [{ refId: 'A', expr: 'sum by (status) (rate(x[$__rate_interval]))', legendFormat: '{{status}}', datasource: ds }],
      },
    ),
    panel(
      7,
      'heatmap',
      { x: 12, y: 5, w: 12, h: 8 },
      {
        options: { yAxis: { unit: 's' } },
        targets: [
          { refId: 'A', expr: 'sum by (le) (rate(b[$__rate_interval]))', legendFormat: '{{le}}', format: 'heatmap', datasource: ds },
        ],
      },
    ),
    panel(
      8,
      'piechart',
      { x: 0, y: 13, w: 8, h: 8 },
      { options: { pieType: 'donut', legend: { displayMode: 'table', placement: 'right', values: ['value', 'percent'] } } },
    ),
    panel(
      9,
      'table',
      { x: 8, y: 13, w: 16, h: 8 },
      {
        fieldConfig: {
          defaults: {},
          overrides: [
            {
              matcher: { id: 'byName', options: 'Error rate' },
              properties: [
                { id: 'unit', value: 'percentunit' },
                { id: 'decimals', value: 2 },
                { id: 'thresholds', value: { mode: 'absolute', steps } },
                { id: 'custom.cellOptions', value: { type: 'color-text' } },
              ],
            },
          ],
        },
        options: { sortBy: [{ displayName: 'Error rate', desc: true }] },
        transformations: [
          { id: 'merge', options: {} },
          {
            id: 'organize',
            options: {
              excludeByName: { Time: true },
              indexByName: { handler: 0, 'Value #A': 1, 'Value #B': 2 },
              renameByName: { handler: 'Handler', 'Value #A': 'Requests/s', 'Value #B': 'Error rate' },
            },
          },
        ],
        targets: [
          {
            refId: 'A',
            expr: 'sum by (handler) (rate(r[$__rate_interval]))',
            format: 'table',
            instant: true,
            range: false,
            datasource: ds,
          },
          { refId: 'B', expr: 'errors by handler', format: 'table', instant: true, range: false, datasource: ds },
        ],
      },
    ),
  ],
};

function answers(q: PanelQuerySpec): Array<{ labels: Record<string, string>; value: number }> {
  if (q.expr === 'metric_2') return [{ labels: {}, value: 0.0734 }];
  if (q.expr === 'metric_3') return [{ labels: {}, value: 0.42 }];
  if (q.expr === 'metric_4') return [{ labels: {}, value: 1.25 }];
  if (q.expr === 'metric_8') return [{ labels: {}, value: 30 }];
  if (q.expr.startsWith('sum by (status)')) return ['200', '500'].map((status, i) => ({ labels: { status }, value: 10 - 8 * i }));
  if (q.format === 'heatmap') return ['0.1', '0.5', '+Inf'].map((le, i) => ({ labels: { le }, value: 10 * (i + 1) }));
  if (q.refId === 'A')
    return [
      { labels: { handler: '/items' }, value: 12 },
      { labels: { handler: '/health' }, value: 3 },
    ];
  return [
    { labels: { handler: '/items' }, value: 0.0612 },
    { labels: { handler: '/health' }, value: 0 },
  ];
}

describe('values read as Grafana writes them', () => {
  it('formats units with Grafana’s automatic decimals', () => {
    expect(formatValue(0.0734, { unit: 'percentunit' })).toBe('7.34%');
    expect(formatValue(0.25, { unit: 's' })).toBe('250 ms');
    expect(formatValue(1.25, { unit: 's' })).toBe('1.25 s');
    expect(formatValue(1500, { unit: 'reqps' })).toBe('1.5K req/s');
    expect(formatValue(0.0612, { unit: 'percentunit', decimals: 2 })).toBe('6.12%');
    expect(formatValue(2.5, { unit: 'x' })).toBe('2.5 x');
  });

  it('colours by the last threshold step at or below the value', () => {
    expect(thresholdColour(0.0734, steps)).toBe(RED);
    expect(thresholdColour(0.02, steps)).toBe(YELLOW);
    expect(thresholdColour(0, steps)).toBe(GREEN);
  });
});

describe('layout on Grafana’s grid', () => {
  it('places a box at 24 columns, 30 px rows and 8 px gaps', () => {
    // 1888 px: each column is (1888 − 23 × 8) / 24 = 71 px wide.
    expect(gridBox({ x: 12, y: 5, w: 12, h: 8 }, 1888)).toEqual({ left: 948, top: 190, width: 940, height: 296 });
  });

  it('copies a repeated row once per value and pushes what follows down', () => {
    const all: VariableValue = { values: ['/a', '/b', '/c'], all: true, multi: true, includeAll: true };
    const placed = layoutPanels(
      [
        { type: 'row', title: 'Handler $handler', repeat: 'handler', gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [] },
        { id: 2, type: 'timeseries', gridPos: { x: 0, y: 1, w: 12, h: 7 } },
        { type: 'row', title: 'Collapsed', collapsed: true, gridPos: { x: 0, y: 8, w: 24, h: 1 }, panels: [{ id: 9, type: 'stat' }] },
      ],
      new Map([['handler', all]]),
    );
    expect(placed.map((p) => [p.kind, p.grid.y, p.repeatLabel ?? '', p.hidden ?? 0])).toEqual([
      ['row', 0, 'handler=/a', 0],
      ['panel', 1, 'handler=/a', 0],
      ['row', 8, 'handler=/b', 0],
      ['panel', 9, 'handler=/b', 0],
      ['row', 16, 'handler=/c', 0],
      ['panel', 17, 'handler=/c', 0],
      ['row', 24, '', 1],
    ]);
  });
});

describe('a page per dashboard', () => {
  let html: string;
  beforeAll(async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'dac-preview-'));
    const result = await renderPreview([everyType], { outDir: out, source: new FixedSource(answers), nowMs: NOW });
    html = readFileSync(result.pages[0]!.file, 'utf8');
  });

  const panelHtml = (id: number) => new RegExp(`<section[^>]*data-panel-id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';

  it('shows a stat in its unit, red above the 5 % threshold, with its description', () => {
    const stat = panelHtml(2);
    expect(stat).toContain('<h2>stat panel</h2>');
    expect(stat).toMatch(/<span class="value-text">7\.34<\/span><span class="unit">%<\/span>/);
    expect(stat).toContain(`data-colour="${RED}"`);
    expect(stat).toContain('Share of 5xx');
  });

  it('shows a gauge’s value in its threshold colour and hands its arc to Chart.js', () => {
    expect(panelHtml(3)).toMatch(/gauge-value" style="color:#F2495C"><span class="value-text">42/);
    expect(html).toContain('"kind":"gauge"');
  });

  it('fills a bar gauge in the colour its thresholds give the value', () => {
    expect(panelHtml(4)).toContain(`background:${RED}`);
    expect(panelHtml(4)).toMatch(/1\.25<\/span><span class="unit"> s</);
  });

  it('renders a text panel’s markdown', () => {
    expect(panelHtml(5)).toContain('<h2>Runbook</h2><p>See <strong>the docs</strong>.</p>');
  });

  it('draws a time series in red for 5xx by its override, with legend calcs in its unit', () => {
    const ts = panelHtml(6);
    expect(ts).toContain(`background:${RED}"></i>500`);
    expect(ts).toMatch(/<th>Mean<\/th><th>Max<\/th>/);
    expect(ts).toContain('<td class="num">10 req/s</td>');
  });

  it('turns cumulative buckets into heatmap cells', () => {
    const spec = /"kind":"heatmap".*?"counts":(\[\[.*?\]\])/.exec(html);
    expect(spec?.[1]).toBe('[[10,10],[10,10],[10,10]]');
    expect(html).toContain('"buckets":["100 ms","500 ms","+Inf"]');
  });

  it('gives a pie chart a legend with value and percent', () => {
    expect(panelHtml(8)).toContain('<th>Value</th><th>Percent</th>');
    expect(panelHtml(8)).toContain('100%');
  });

  it('joins table queries per label set, renames and sorts columns, colours cells by override', () => {
    const table = panelHtml(9);
    expect(table).toContain('<th>Handler</th><th>Requests/s</th><th>Error rate</th>');
    expect(table.indexOf('/items')).toBeLessThan(table.indexOf('/health'));
    expect(table).toContain(`style="color:${RED}">6.12%`);
    expect(table).toContain(`style="color:${GREEN}">0.00%`);
  });

  it('is self-contained: no script or style is fetched from elsewhere', () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
    expect(html).toContain('u-legend');
  });
});

describe('synthetic data', () => {
  it('keeps quantiles ordered, ratios in 0–1 and counters rising, and says it is synthetic', async () => {
    const quantiles = [0.5, 0.95, 0.99].map((q) => ({
      refId: String(q),
      expr: `histogram_quantile(${q}, sum by (le) (rate(d_bucket[$__rate_interval])))`,
      legendFormat: `p${q}`,
      datasource: ds,
    }));
    const d = await previewDashboard(
      {
        uid: 'syn',
        time: { from: 'now-1h', to: 'now' },
        panels: [
          panel(1, 'timeseries', { x: 0, y: 0, w: 12, h: 8 }, { fieldConfig: { defaults: { unit: 's' } }, targets: quantiles }),
          panel(
            2,
            'timeseries',
            { x: 12, y: 0, w: 12, h: 8 },
            {
              fieldConfig: { defaults: { unit: 'percentunit' } },
              targets: [{ refId: 'A', expr: 'sum(rate(e{status=~"5.."}[5m])) / sum(rate(e[5m]))', datasource: ds }],
            },
          ),
          panel(3, 'timeseries', { x: 0, y: 8, w: 12, h: 8 }, { targets: [{ refId: 'A', expr: 'http_requests_total', datasource: ds }] }),
        ],
      },
      new SyntheticSource(),
      { nowMs: NOW },
    );
    const [latency, ratio, counter] = d.panels.map((p) => p.results.map((r) => r.series[0]!.values as number[]));
    const [p50, p95, p99] = latency!;
    p50!.forEach((v, i) => {
      expect(v).toBeLessThan(p95![i]!);
      expect(p95![i]!).toBeLessThan(p99![i]!);
    });
    for (const v of ratio![0]!) expect(v >= 0 && v <= 1).toBe(true);
    const c = counter![0]!;
    for (let i = 1; i < c.length; i++) expect(c[i]!).toBeGreaterThanOrEqual(c[i - 1]!);
    expect(d.synthetic).toBe(true);
  });
});

describe('with a Prometheus', () => {
  let server: http.Server;
  let url: string;
  const received: URLSearchParams[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const params = new URLSearchParams(body);
        received.push(params);
        res.setHeader('content-type', 'application/json');
        // As Prometheus's router: label values answer GET only, a POST gets 405 and no JSON.
        if (req.url?.startsWith('/api/v1/label/') && req.method !== 'GET') {
          res.statusCode = 405;
          return res.end('Method Not Allowed');
        }
        if (req.url?.startsWith('/api/v1/label/')) return res.end(JSON.stringify({ status: 'success', data: ['fastapi'] }));
        if (params.get('query')?.includes('bad(')) {
          res.statusCode = 400;
          return res.end(
            JSON.stringify({ status: 'error', errorType: 'bad_data', error: '1:1: parse error: unknown function with name "bad"' }),
          );
        }
        const t = Number(params.get('start') ?? params.get('time'));
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[t, '1']] }] } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends each query as Grafana would and shows a failing one’s error in its panel', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'dac-preview-'));
    const result = await renderPreview(
      [
        {
          uid: 'live',
          title: 'Live',
          time: { from: 'now-1h', to: 'now' },
          templating: { list: [{ type: 'query', name: 'job', query: 'label_values(up, job)', current: { value: 'fastapi' } }] },
          panels: [
            panel(
              1,
              'timeseries',
              { x: 0, y: 0, w: 12, h: 8 },
              { targets: [{ refId: 'A', expr: 'sum(rate(x{job="$job"}[$__rate_interval]))', datasource: ds }] },
            ),
            panel(2, 'stat', { x: 12, y: 0, w: 12, h: 8 }, { targets: [{ refId: 'A', expr: 'bad(x)', datasource: ds }] }),
          ],
        },
      ],
      { outDir: out, source: new PrometheusSource({ url, timeoutMs: 5000 }), nowMs: NOW },
    );
    // 12 of 24 columns on a 1920-pixel screen: 960 points over one hour → a 5 s interval, 15 s scrape floor.
    const sent = received.find((p) => p.get('query')?.startsWith('sum(rate'))!;
    expect(sent.get('query')).toBe('sum(rate(x{job="fastapi"}[1m]))');
    expect(sent.get('step')).toBe('15');
    expect(Number(sent.get('start')) % 15).toBe(0);
    expect(result.failures).toEqual([
      { dashboard: 'Live', uid: 'live', panel: 'stat panel', message: 'A: 1:1: parse error: unknown function with name "bad"' },
    ]);
    const html = readFileSync(result.pages[0]!.file, 'utf8');
    expect(html).toMatch(/class="panel panel-stat has-error"[\s\S]*?unknown function with name &#34;bad&#34;/);
  });
});
