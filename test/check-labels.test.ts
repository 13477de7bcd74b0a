/**
 * Labels the service does not have are build errors. A query that groups by or matches on a label
 * no series under it carries builds a panel that shows one line or nothing and an alert that never
 * fires; the build refuses it, located, with the label the user most likely meant. What the
 * service carries is what its profile and config declare, and the built-in profile's declaration
 * is held against a capture of the real Items API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkModel } from '../src/check/index.js';
import { declaredInventory } from '../src/check/live/declared.js';
import { parseExposition } from '../src/check/live/exposition.js';
import { builtinProfiles } from '../src/config/profiles.js';
import type { MetricProfile, Service } from '../src/config/types.js';
import { resolveConfig } from '../src/config/validate.js';
import { formatWhere, type Diagnostic } from '../src/core/diagnostic.js';
import { assembleModel } from '../src/model/assemble.js';
import type { BuildModel } from '../src/model/types.js';
import type { Rule } from '../src/rules/model.js';

const root = path.resolve(import.meta.dirname, '..');

let project: BuildModel;
let service: Service;

beforeAll(async () => {
  project = await assembleModel(root);
  service = project.services[0]!;
}, 60_000);

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

function withRules(rules: Rule[], svc: Service | undefined = service): BuildModel {
  return {
    ...project,
    services: [service],
    dashboards: [],
    ruleFiles: [
      {
        ...(svc ? { service: svc } : {}),
        source: 'rules/extra.ts',
        stem: 'items-api-extra',
        outPath: 'rules/items-api-extra.yml',
        groups: [{ name: 'items-api-extra', rules }],
        tests: [],
      },
    ],
  };
}

const alert = (expr: string): Rule => ({
  alert: 'UnderTest',
  expr,
  labels: { severity: 'warning' },
  annotations: { summary: 's', description: 'd' },
});

const labelFindings = (model: BuildModel): Diagnostic[] => checkModel(model).filter((d) => d.check === 'promql/unknown-label');

describe('a label the metrics do not have', () => {
  it('sum by (endpoint) is an error in the panel, naming handler as the label meant', () => {
    const ds = labelFindings(withQuery('sum by (endpoint) (rate(http_requests_total{job="fastapi"}[5m]))'));
    expect(ds).toHaveLength(1);
    expect(ds[0]!.severity).toBe('error');
    expect(formatWhere(ds[0]!.where)).toBe('dashboards/extra.ts › dashboard items-api-extra › panel "Under test" › query A, col 1');
    expect(ds[0]!.message).toContain('by (endpoint)');
    expect(ds[0]!.message).toContain('did you mean "handler"?');
    expect(ds[0]!.hint).toBe('by (handler)');
  });

  it('http_requests_total{code="500"} on the fastapi profile suggests status, at the matcher', () => {
    const expr = 'sum(rate(http_requests_total{job="fastapi",code="500"}[5m]))';
    const ds = labelFindings(withQuery(expr));
    expect(ds).toHaveLength(1);
    expect(ds[0]!.where.column).toBe(expr.indexOf('code') + 1);
    expect(ds[0]!.message).toContain('has no label "code"');
    expect(ds[0]!.message).toContain('did you mean "status"?');
  });

  it('names a near spelling too', () => {
    const ds = labelFindings(withQuery('sum by (handlr) (rate(http_requests_total{job="fastapi"}[5m]))'));
    expect(ds.map((d) => d.hint)).toEqual(['by (handler)']);
  });

  it('in a rule, is located at the rule file line, group and alert', () => {
    const ds = labelFindings(withRules([alert('sum by (endpoint) (rate(http_requests_total{job="fastapi"}[5m])) > 1')]));
    expect(ds).toHaveLength(1);
    expect(formatWhere(ds[0]!.where)).toMatch(
      /^out\/rules\/items-api-extra\.yml:\d+ › group items-api-extra › alert UnderTest › expr, col 1$/,
    );
    expect(ds[0]!.message).toContain('did you mean "handler"?');
  });

  it('is judged per metric: the service-wide histogram has no handler, the per-handler one has', () => {
    const highr = 'sum by (handler) (rate(http_request_duration_highr_seconds_count{job="fastapi"}[5m]))';
    expect(labelFindings(withQuery(highr))).toHaveLength(1);
    expect(labelFindings(withQuery(highr.replace('_highr', '')))).toEqual([]);
  });

  it('knows le on a histogram bucket only', () => {
    expect(labelFindings(withQuery('sum by (le) (rate(http_request_duration_seconds_bucket{job="fastapi"}[5m]))'))).toEqual([]);
    expect(labelFindings(withQuery('sum by (le) (rate(http_request_duration_seconds_count{job="fastapi"}[5m]))'))).toHaveLength(1);
  });

  it('covers on(), ignoring() and without() as well as by()', () => {
    const ratio = (clause: string) =>
      `sum by (handler) (rate(http_requests_total{job="fastapi",status=~"5.."}[5m])) / ${clause} sum by (handler) (rate(http_requests_total{job="fastapi"}[5m]))`;
    expect(labelFindings(withQuery(ratio('on (handler)')))).toEqual([]);
    expect(labelFindings(withQuery(ratio('on (route)'))).map((d) => d.hint)).toEqual(['on (handler)', 'on (handler)']);
    expect(labelFindings(withQuery(ratio('ignoring (path)')))).toHaveLength(2);
    expect(labelFindings(withQuery('sum without (verb) (rate(http_requests_total{job="fastapi"}[5m]))')).map((d) => d.hint)).toEqual([
      'without (method)',
    ]);
  });

  it('stops the build: the finding is an error of the build checks', () => {
    const ds = checkModel(withRules([alert('sum by (endpoint) (rate(http_requests_total{job="fastapi"}[5m])) > 1')]));
    expect(ds.filter((d) => d.severity === 'error').map((d) => d.check)).toEqual(['promql/unknown-label']);
  });
});

describe('labels that exist although no metric declares them', () => {
  it('accepts a label made by label_replace or label_join', () => {
    const replaced = 'sum by (endpoint) (label_replace(rate(http_requests_total{job="fastapi"}[5m]), "endpoint", "$1", "handler", "(.*)"))';
    const joined = 'sum by (route) (label_join(rate(http_requests_total{job="fastapi"}[5m]), "route", " ", "method", "handler"))';
    expect(labelFindings(withQuery(replaced))).toEqual([]);
    expect(labelFindings(withQuery(joined))).toEqual([]);
  });

  it('accepts any label on what a recording rule writes', () => {
    const model = withRules([
      {
        record: 'endpoint:http_requests:rate5m',
        expr: 'label_replace(sum by (handler) (rate(http_requests_total{job="fastapi"}[5m])), "endpoint", "$1", "handler", "(.*)")',
      },
      alert('sum by (endpoint) (endpoint:http_requests:rate5m{endpoint="/items"}) > 1'),
    ]);
    expect(labelFindings(model)).toEqual([]);
  });

  it('accepts job, instance and the selector matchers, which the scrape adds', () => {
    const svc: Service = { ...service, selector: { job: 'fastapi', matchers: { namespace: 'prod' } } };
    const expr = 'sum by (job, instance, namespace) (rate(http_requests_total{job="fastapi",namespace="prod"}[5m]))';
    expect(labelFindings(withQuery(expr, svc))).toEqual([]);
    expect(labelFindings(withQuery(expr))).toHaveLength(2);
  });

  it("accepts the labels the service's targetLabels say relabelling adds", () => {
    const svc: Service = { ...service, targetLabels: ['pod'] };
    expect(labelFindings(withQuery('sum by (pod) (rate(http_requests_total{job="fastapi"}[5m]))', svc))).toEqual([]);
  });

  it('says nothing about the metrics of a custom profile that declares no labels', () => {
    const { labelNames: _, ...custom } = builtinProfiles['fastapi-instrumentator']!;
    const svc: Service = { ...service, profile: { ...custom, name: 'custom' } };
    expect(labelFindings(withQuery('sum by (endpoint) (rate(http_requests_total{job="fastapi"}[5m]))', svc))).toEqual([]);
    // The config's own metrics are still declared: the info metric's labels.
    expect(labelFindings(withQuery('sum by (release) (fastapi_app_info{job="fastapi"})', svc))).toHaveLength(1);
  });

  it('checks the metrics a custom profile declares labels for, and only those', () => {
    const profile: MetricProfile = {
      name: 'go-checkout',
      description: 'promhttp under a prefix',
      http: {
        requests: 'checkout_http_requests_total',
        duration: 'checkout_http_request_duration_seconds',
        labels: { handler: 'route', method: 'method', status: 'code' },
      },
      metrics: {
        checkout_http_requests_total: 'counter',
        checkout_http_request_duration_seconds: 'histogram',
        checkout_http_request_duration_seconds_bucket: 'counter',
        checkout_http_request_duration_seconds_sum: 'counter',
        checkout_http_request_duration_seconds_count: 'counter',
        checkout_cart_size: 'gauge',
      },
      buckets: { checkout_http_request_duration_seconds: [0.1, 0.5, 1] },
      labelNames: { checkout_http_requests_total: ['code', 'method', 'route'] },
    };
    const [svc] = resolveConfig(
      { services: [{ name: 'checkout', title: 'Checkout', selector: { job: 'checkout' }, profile }] },
      'dac.config.ts',
    );
    const ds = labelFindings(withQuery('sum by (handler) (rate(checkout_http_requests_total{job="checkout"}[5m]))', svc));
    expect(ds.map((d) => d.hint)).toEqual(['by (route)']);
    expect(labelFindings(withQuery('sum by (handler) (checkout_cart_size{job="checkout"})', svc))).toEqual([]);
  });

  it('reports labelNames that are not lists of label names, at the profile field', () => {
    const profile = { ...builtinProfiles['fastapi-instrumentator']!, name: 'custom', labelNames: { http_requests_total: 'handler' } };
    const svc: Service = { ...service, profile: profile as unknown as MetricProfile };
    const ds = checkModel(withQuery('sum(rate(http_requests_total{job="fastapi"}[5m]))', svc)).filter(
      (d) => d.check === 'config/label-names',
    );
    expect(ds.map((d) => formatWhere(d.where))).toEqual(['dac.config.ts › service items-api › profile.labelNames.http_requests_total']);
  });
});

describe('projects that use only real labels build clean', () => {
  it('the built-in Items API project', () => {
    expect(checkModel(project).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('examples/shop, with its Flask and Go services', async () => {
    const shop = await assembleModel(path.join(root, 'examples/shop'));
    expect(checkModel(shop).filter((d) => d.severity === 'error')).toEqual([]);
  }, 60_000);

  it('every built-in profile declares the labels of each metric it lists', () => {
    for (const profile of Object.values(builtinProfiles)) {
      const families = Object.keys(profile.metrics).filter(
        (m) => !/_(bucket|sum|count)$/.test(m) || !(m.replace(/_(bucket|sum|count)$/, '') in profile.metrics),
      );
      expect(Object.keys(profile.labelNames ?? {}).sort(), profile.name).toEqual(families.sort());
    }
  });
});

describe('the fastapi profile declares the labels the real Items API exports', () => {
  const capture = parseExposition(readFileSync(path.join(root, 'test/fixtures/items-api-metrics.txt'), 'utf8'));

  it('series for series, label for label', () => {
    const declared = declaredInventory(service).inventory.series;
    const scraped = new Map([...capture.series].map(([name, s]) => [name, [...s.labels].sort()]));
    // The business counters and the pool gauges: ServiceConfig says nothing of their labels, so
    // they are left unchecked rather than guessed.
    const unchecked = [
      'db_connection_pool_checked_out',
      'db_connection_pool_size',
      'items_created_total',
      'items_deleted_total',
      'items_read_total',
      'items_updated_total',
    ];
    expect([...scraped.keys()].filter((n) => !declared.has(n)).sort()).toEqual(unchecked);
    for (const [name, labels] of scraped) {
      if (unchecked.includes(name)) continue;
      expect([...declared.get(name)!.labels].sort(), name).toEqual(labels);
    }
  });

  it('declares nothing the service does not export, but for the bases of histograms and summaries', () => {
    const declared = declaredInventory(service).inventory.series;
    const absent = [...declared.keys()].filter((n) => !capture.series.has(n)).sort();
    expect(absent).toEqual(
      [
        'db_query_duration_seconds',
        'http_request_duration_highr_seconds',
        'http_request_duration_seconds',
        'http_request_size_bytes',
        'http_response_size_bytes',
      ].sort(),
    );
  });
});
