/**
 * Native histograms (issue 15): the `client-golang-native` profile and the `histogramTypes`
 * switch. A native histogram is read as one — quantiles, latency SLOs, the heatmap — with no
 * `_bucket` and no `le`, and a latency SLO may use any threshold, since `histogram_fraction`
 * interpolates inside one narrow bucket. `native-or-classic` serves a fleet part-way through its
 * migration. The promtool fixtures are what client_golang exports for `NativeHistogramBucketFactor:
 * 1.1`, and they run on the real promtool 3.x; Debian's 2.42 cannot read them, and says so.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DacError } from '../src/core/diagnostic.js';
import { clientGolangNative, defineProfile, generic, GO_DEFAULT_BUCKETS, histogramMetrics } from '../src/config/profiles.js';
import type { Service, ServiceConfig } from '../src/config/types.js';
import { resolveConfig } from '../src/config/validate.js';
import { serviceAlerts } from '../src/rules/alerts.js';
import { latencySliExprs } from '../src/rules/histogram-promql.js';
import { bucketIndex, bucketUpper, CLIENT_GOLANG_SCHEMA, nativeHistogramValues, schemaForFactor } from '../src/rules/native-histogram.js';
import { runTools } from '../src/check/tools.js';
import { httpQueries } from '../src/dashboards/queries.js';
import { inventoryFromExposition, parseExposition } from '../src/check/live/exposition.js';
import { liveExprFindings } from '../src/check/live/expr.js';
import { contextFor, tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';
import { checkRules, ensurePromTools, generations, testRules } from './setup/prom-tools.js';

const nativeApi = (overrides: Partial<ServiceConfig> = {}): ServiceConfig => ({
  name: 'native-api',
  title: 'Native API',
  selector: { job: 'native-api' },
  profile: 'client-golang-native',
  ...overrides,
});

function resolve(svc: ServiceConfig): Service {
  return resolveConfig({ services: [svc] }, 'dac.config.ts')[0]!;
}

function configError(svc: ServiceConfig): DacError {
  try {
    resolve(svc);
  } catch (e) {
    if (e instanceof DacError) return e;
    throw e;
  }
  throw new Error('the config was accepted');
}

describe('the client-golang-native profile', () => {
  it('describes examples/native-api: promhttp names, a native duration histogram with DefBuckets kept for the fallback', () => {
    expect(clientGolangNative.http).toMatchObject({
      requests: 'http_requests_total',
      duration: 'http_request_duration_seconds',
      inProgress: 'http_requests_in_flight',
      labels: { handler: 'handler', method: 'method', status: 'code' },
    });
    expect(clientGolangNative.histogramTypes).toEqual({ http_request_duration_seconds: 'native' });
    expect(clientGolangNative.buckets).toEqual({ http_request_duration_seconds: [...GO_DEFAULT_BUCKETS] });
    expect(clientGolangNative.labelNames).toMatchObject({
      http_requests_total: ['code', 'handler', 'method'],
      http_request_duration_seconds: ['handler', 'method'],
      http_requests_in_flight: [],
      go_info: ['version'],
    });
  });

  it('accepts a latency SLO threshold that is no bucket boundary (0.3 s) on the native histogram', () => {
    const s = resolve(nativeApi({ slos: [{ name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.3 }] }));
    expect(s.histogramTypes).toEqual({ http_request_duration_seconds: 'native' });
  });

  it('keeps the boundary check where classic buckets are read: generic, and the classic fallback of native-or-classic', () => {
    const slos: ServiceConfig['slos'] = [{ name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.3 }];
    const classic = configError({ ...nativeApi({ slos }), profile: 'generic' }).diagnostics[0]!;
    expect(classic.message).toContain('0.3 s is not a bucket boundary of http_request_duration_seconds');
    const fallback = configError(nativeApi({ slos, histogramTypes: { http_request_duration_seconds: 'native-or-classic' } }))
      .diagnostics[0]!;
    expect(fallback.where.path).toEqual(['service native-api', 'slos[0] (latency).thresholdSeconds']);
    expect(fallback.message).toContain('not a bucket boundary of the classic fallback of http_request_duration_seconds');
    expect(fallback.hint).toContain('e.g. 0.25 or 0.5');
    expect(fallback.hint).toContain("declare it 'native'");
  });

  it('switches any profile per histogram: in a custom profile (a native one needs no buckets) or per service', () => {
    const custom = defineProfile({
      ...generic,
      name: 'checkout',
      metrics: { ...generic.metrics, ...histogramMetrics('checkout_payment_duration_seconds') },
      buckets: { ...generic.buckets },
      histogramTypes: { checkout_payment_duration_seconds: 'native' },
    });
    expect(resolve({ ...nativeApi(), profile: custom }).histogramTypes).toEqual({ checkout_payment_duration_seconds: 'native' });
    const perService = resolve({ ...nativeApi(), profile: 'generic', histogramTypes: { http_request_duration_seconds: 'native' } });
    expect(serviceAlerts(contextFor(perService)).find((a) => a.id === 'HighLatencyCritical')?.rule.expr).toBe(
      'histogram_quantile(0.99, sum(rate(http_request_duration_seconds{job="native-api"}[5m]))) > 1',
    );
  });

  it('bounds latency alerts by the classic buckets only where they are read', () => {
    // p99 > 15 s: past DefBuckets' highest boundary (10 s), where a classic quantile can never reach.
    const slow = { thresholds: { latencyP95Seconds: 12, latencyP99Seconds: 15 } };
    expect(serviceAlerts(contextFor(resolve(nativeApi(slow)))).find((a) => a.id === 'HighLatencyCritical')?.threshold).toBe(15);
    expect(() => serviceAlerts(contextFor(resolve({ ...nativeApi(slow), profile: 'generic' })))).toThrow(/can never fire/);
  });

  it('refuses an unknown type or histogram, located, with the fix', () => {
    const bad = configError(
      nativeApi({ histogramTypes: { http_request_duration_seconds: 'exponential', http_request_seconds: 'native' } as never }),
    ).diagnostics;
    expect(bad.map((d) => [d.where.path.at(-1), d.message, d.hint])).toEqual([
      [
        'histogramTypes.http_request_duration_seconds',
        '"exponential" is not a histogram type',
        "use 'classic', 'native', 'native-or-classic'",
      ],
      [
        'histogramTypes.http_request_seconds',
        'the client-golang-native profile has no histogram "http_request_seconds"',
        'use one of http_request_duration_seconds',
      ],
    ]);
  });
});

describe('PromQL on a native histogram', () => {
  const native = resolve(nativeApi());
  const mixed = resolve(nativeApi({ histogramTypes: { http_request_duration_seconds: 'native-or-classic' } }));

  it('reads quantiles from the native series, with no _bucket and no le; a mixed fleet falls back per group', () => {
    const alerts = serviceAlerts(contextFor(native));
    expect(alerts.find((a) => a.id === 'HighLatencyWarning')!.rule.expr).toBe(
      'histogram_quantile(0.95, sum(rate(http_request_duration_seconds{job="native-api"}[5m]))) > 0.5',
    );
    expect(serviceAlerts(contextFor(mixed)).find((a) => a.id === 'HighLatencyWarning')!.rule.expr).toBe(
      '(histogram_quantile(0.95, sum(rate(http_request_duration_seconds{job="native-api"}[5m]))) or ' +
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="native-api"}[5m])))) > 0.5',
    );
  });

  it('measures a latency SLI at any threshold with histogram_fraction, NaN-free on zero traffic', () => {
    const sli = latencySliExprs(native, 'http_request_duration_seconds', 0.3);
    const h = 'sum(rate(http_request_duration_seconds{job="native-api"}[5m]))';
    expect(sli.total('5m')).toBe(`histogram_count(${h})`);
    expect(sli.errors('5m')).toBe(`(histogram_count(${h}) > 0) * (1 - histogram_fraction(0, 0.3, ${h}))`);
  });

  it('draws the heatmap from the native histogram and averages with histogram_avg', () => {
    const http = httpQueries(native);
    expect(http.nativeHeatmap).toBe(true);
    expect(http.latencyHeatmap()).toBe('sum(rate(http_request_duration_seconds{job="$job", instance=~"$instance"}[$__rate_interval]))');
    expect(http.meanLatency()).toBe(
      'histogram_avg(sum(rate(http_request_duration_seconds{job="$job", instance=~"$instance"}[$__rate_interval]))) >= 0',
    );
    expect(httpQueries(mixed).meanLatency()).toContain('histogram_sum(rate(http_request_duration_seconds{');
    expect(httpQueries(mixed).meanLatency()).toContain(' or rate(http_request_duration_seconds_sum{');
  });
});

describe('native histograms as client_golang exports them', () => {
  it('NativeHistogramBucketFactor 1.1 is schema 3: buckets grow by 2^(1/8) ≈ 1.0905', () => {
    expect(schemaForFactor(1.1)).toBe(3);
    expect(CLIENT_GOLANG_SCHEMA).toBe(3);
    expect(schemaForFactor(2)).toBe(0);
    expect(schemaForFactor(1.01)).toBe(7); // 2^(2^-7) ≈ 1.0054, the largest growth not above 1.01
  });

  it("puts an observation in bucket i = (2^((i-1)/8), 2^(i/8)], upper bound inclusive, as client_golang's Frexp search does", () => {
    // examples/native-api (client_golang 1.25), one GET /items with a 0.3 s fault injected, read in
    // the protobuf text format (Accept: …;proto=io.prometheus.client.MetricFamily;encoding=text):
    // sample_sum 0.30067648, schema 3, positive_span { offset: -13 length: 1 }.
    expect(bucketIndex(0.30067648, 3)).toBe(-13);
    // 0.125 is 2^-3: an exact power of two is its bucket's (inclusive) upper bound.
    expect([0.1, 0.125, 0.3, 1, 2].map((v) => bucketIndex(v, 3))).toEqual([-26, -24, -13, 0, 8]);
    for (const v of [0.001, 0.0042, 0.1, 0.3, 0.7071, 1.5, 9.99]) {
      const i = bucketIndex(v, 3);
      expect(bucketUpper(i - 1, 3)).toBeLessThan(v);
      expect(bucketUpper(i, 3)).toBeGreaterThanOrEqual(v * (1 - 1e-12));
    }
  });

  it('writes promtool series as the counters do: from empty, stale while the process is dead, empty again after', () => {
    const values = nativeHistogramValues(
      [
        { minutes: 2, good: 10, bad: 0 },
        { minutes: 2, good: 0, bad: 0, down: 'refused' },
        { minutes: 2, good: 10, bad: 0 },
      ],
      (s) => [{ seconds: 0.1, perMinute: s.good }],
    );
    expect(values).toBe(
      '{{schema:3 sum:0 count:0 buckets:[0] offset:-26}}+{{schema:3 sum:1 count:10 buckets:[10] offset:-26}}x2 stale _x1 ' +
        '{{schema:3 sum:0 count:0 buckets:[0] offset:-26}}+{{schema:3 sum:1 count:10 buckets:[10] offset:-26}}x1',
    );
  });
});

describe('the native golden project on both promtool generations', () => {
  const tree = path.resolve(import.meta.dirname, 'golden/expected/native');
  const ruleFiles = ['native-api-alerts', 'native-api-slo', 'migrating-api-alerts', 'migrating-api-slo'];
  beforeAll(() => ensurePromTools(), 900_000);

  it('passes check rules --lint=all --lint-fatal on 2.42 and 3.x', async () => {
    const run = await checkRules(
      ruleFiles.map((f) => `rules/${f}.yml`),
      { cwd: tree },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 120_000);

  it('passes its unit tests on promtool 3.x (native-histogram input series)', async () => {
    const run = await testRules(
      ruleFiles.map((f) => `tests/${f}.test.yml`),
      { cwd: tree },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('SUCCESS');
  }, 120_000);

  it('cannot be unit-tested on promtool 2.42, which does not parse the notation: dac validate warns instead of failing', async () => {
    const floor = generations()[0]!;
    const files = new Map<string, string>();
    for (const f of ruleFiles) {
      files.set(`rules/${f}.yml`, readFileSync(path.join(tree, `rules/${f}.yml`), 'utf8'));
      files.set(`tests/${f}.test.yml`, readFileSync(path.join(tree, `tests/${f}.test.yml`), 'utf8'));
    }
    const run = await runTools(files, floor);
    expect(run.diagnostics.map((d) => [d.check, d.severity, d.where.file])).toEqual(
      ruleFiles.sort().map((f) => ['tool/promtool-native-histograms', 'warning', `out/tests/${f}.test.yml`]),
    );
  }, 120_000);
});

describe('a fleet part-way through its migration (native-or-classic), on promtool 3.x', () => {
  beforeAll(() => ensurePromTools(), 900_000);

  it('counts an instance exposing only classic buckets and one exposing native, each once', async () => {
    const svc = resolve(nativeApi({ histogramTypes: { http_request_duration_seconds: 'native-or-classic' } }));
    const sli = latencySliExprs(svc, 'http_request_duration_seconds', 0.25);
    const dir = tempDir();
    writeRuleFile(dir, 'sli.yml', [
      {
        name: 'sli',
        rules: [
          { record: 'errors:rate5m', expr: sli.errors('5m') },
          { record: 'requests:rate5m', expr: sli.total('5m') },
        ],
      },
    ]);
    const target = { job: 'native-api', handler: '/items', method: 'GET' };
    const sel = (metric: string, labels: Record<string, string>) =>
      `${metric}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',')}}`;
    // Instance a (protobuf scrape): 60 requests a minute, 6 of them slow (0.5 s), the rest 0.1 s.
    // Instance b (text scrape, classic DefBuckets only): 60 a minute, 12 slow (0.5 s), the rest 0.1 s.
    const a = { ...target, instance: 'a:8080' };
    const b = { ...target, instance: 'b:8080' };
    const buckets = [...GO_DEFAULT_BUCKETS, Infinity].map((le) => ({
      series: sel('http_request_duration_seconds_bucket', { ...b, le: le === Infinity ? '+Inf' : String(le) }),
      values: `0+${le >= 0.5 ? 60 : le >= 0.1 ? 48 : 0}x20`,
    }));
    const file = writeTestFile(dir, 'sli.test.yml', {
      rule_files: ['sli.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            {
              series: sel('http_request_duration_seconds', a),
              values: nativeHistogramValues([{ minutes: 20 }], () => [
                { seconds: 0.1, perMinute: 54 },
                { seconds: 0.5, perMinute: 6 },
              ]),
            },
            ...buckets,
            { series: sel('http_request_duration_seconds_count', b), values: '0+60x20' },
          ],
          promql_expr_test: [
            // (6 + 12) slow requests a minute over 120 in all: 0.3 and 2 per second.
            // Rounded: 2 − 1.7 leaves float noise in the last digits.
            { expr: 'round(errors:rate5m, 0.001)', eval_time: '10m', exp_samples: [{ labels: '{}', value: 0.3 }] },
            { expr: 'requests:rate5m', eval_time: '10m', exp_samples: [{ labels: 'requests:rate5m', value: 2 }] },
          ],
        },
      ],
    } as never);
    const run = await testRules([path.basename(file)], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 120_000);
});

describe('the profile against a real scrape of examples/native-api (text format)', () => {
  // test/fixtures/native-api-metrics.txt: GET /metrics of examples/native-api (client_golang 1.25)
  // after a few requests. The text format shows the classic series only; the native histogram
  // needs the protobuf scrape Prometheus 3 negotiates.
  const text = readFileSync(path.resolve(import.meta.dirname, 'fixtures/native-api-metrics.txt'), 'utf8');

  it('declares every metric the service exports, with its labels', () => {
    const scraped = parseExposition(text).series;
    const labels = clientGolangNative.labelNames!;
    for (const [name, s] of scraped) {
      const declared = labels[s.family];
      expect(declared, name).toBeDefined();
      expect([...s.labels].filter((l) => l !== 'le' && l !== 'quantile').sort(), name).toEqual(
        [...declared!].filter((l) => l !== 'quantile').sort(),
      );
    }
  });

  it('finds nothing wrong in the native rules when dac validate --metrics-url reads that page', () => {
    const svc = resolve(nativeApi({ slos: [{ name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.3 }] }));
    const inventory = inventoryFromExposition(text, 'http://127.0.0.1/metrics');
    const exprs = [
      ...serviceAlerts(contextFor(svc)).map((a) => a.rule.expr),
      latencySliExprs(svc, 'http_request_duration_seconds', 0.3).errors('5m'),
    ];
    for (const expr of exprs) expect(liveExprFindings(expr, { inventory, recordings: new Set(), declared: svc.metrics }), expr).toEqual([]);
  });
});
