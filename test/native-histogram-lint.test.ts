/**
 * Prometheus 3 native histograms carry their buckets in each sample, so the quantile of a native
 * histogram is `histogram_quantile(q, sum(rate(x[5m])))`, with no `le` anywhere. The in-process
 * PromQL checks accept that form and its companions, and still refuse a classic `_bucket`
 * aggregation that drops `le`.
 */
import { describe, expect, it } from 'vitest';
import { lintExpression } from '../src/check/expr-lint.js';
import type { Service } from '../src/config/types.js';
import { MetricCatalog } from '../src/promql/index.js';

// A service whose latency histogram is exposed both ways, as a mixed fleet does.
const service = {
  metrics: { http_request_duration_seconds: 'histogram', http_request_duration_seconds_bucket: 'counter' },
  histogramTypes: { http_request_duration_seconds: 'native-or-classic' },
};
const catalog = new MetricCatalog([service as unknown as Service], new Set());
const checks = (expr: string) => lintExpression(expr, { catalog, origin: 'rule' }).map((f) => f.check);

describe('native histograms in the in-process checks', () => {
  it('accepts a quantile, a fraction under a threshold, a count and an average of a native histogram', () => {
    expect(checks('histogram_quantile(0.99, sum by (handler) (rate(http_request_duration_seconds[5m])))')).toEqual([]);
    expect(checks('histogram_quantile(0.9, sum(rate(http_request_duration_seconds[5m])))')).toEqual([]);
    expect(checks('histogram_fraction(0, 0.3, sum(rate(http_request_duration_seconds[5m])))')).toEqual([]);
    expect(checks('histogram_count(sum(rate(http_request_duration_seconds[5m])))')).toEqual([]);
    expect(checks('histogram_avg(sum(rate(http_request_duration_seconds[5m])))')).toEqual([]);
  });

  it('still refuses a classic bucket aggregation that drops le', () => {
    expect(checks('histogram_quantile(0.9, sum(rate(http_request_duration_seconds_bucket[5m])))')).toContain(
      'promql/histogram-quantile-le',
    );
    expect(checks('histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))')).toEqual([]);
  });
});

describe('native-histogram misuse, judged by how the service declares the histogram', () => {
  // Declared as the client-golang-native profile does: native only, so no _bucket, _sum or _count exists.
  const nativeOnly = new MetricCatalog(
    [
      {
        metrics: {
          http_request_duration_seconds: 'histogram',
          http_request_duration_seconds_bucket: 'counter',
          http_request_duration_seconds_count: 'counter',
          http_requests_total: 'counter',
        },
        histogramTypes: { http_request_duration_seconds: 'native' },
      } as unknown as Service,
    ],
    new Set(),
  );
  const classicOnly = new MetricCatalog([{ metrics: service.metrics } as unknown as Service], new Set());
  const findings = (c: MetricCatalog, expr: string) => lintExpression(expr, { catalog: c, origin: 'rule' }).map((f) => [f.check, f.offset]);

  it('accepts the native forms on a native-only histogram', () => {
    for (const expr of [
      'histogram_quantile(0.99, sum by (handler) (rate(http_request_duration_seconds[5m])))',
      'histogram_fraction(0, 0.3, sum(rate(http_request_duration_seconds[5m])))',
      'histogram_stddev(sum(rate(http_request_duration_seconds[5m])))',
      'histogram_stdvar(sum(rate(http_request_duration_seconds[5m])))',
      'histogram_sum(sum(rate(http_request_duration_seconds[5m]))) / histogram_count(sum(rate(http_request_duration_seconds[5m])))',
    ])
      expect(findings(nativeOnly, expr), expr).toEqual([]);
  });

  it('refuses _bucket or _count of a native-only histogram, at the selector', () => {
    const expr = 'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))';
    expect(findings(nativeOnly, expr)).toEqual([
      ['promql/native-histogram-classic-series', expr.indexOf('http_request_duration_seconds_bucket')],
    ]);
    expect(findings(nativeOnly, 'sum(rate(http_request_duration_seconds_count[5m]))')).toEqual([
      ['promql/native-histogram-classic-series', 9],
    ]);
  });

  it('refuses le on a native histogram: grouping by it or matching on it', () => {
    const grouped = 'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds[5m])))';
    expect(findings(nativeOnly, grouped)).toContainEqual(['promql/native-histogram-le', grouped.indexOf('sum')]);
    const matched = 'sum(rate(http_request_duration_seconds{le="0.5"}[5m]))';
    expect(findings(nativeOnly, matched)).toContainEqual(['promql/native-histogram-le', matched.indexOf('le=')]);
  });

  it('refuses a native histogram read raw, and a histogram function over float samples', () => {
    expect(findings(nativeOnly, 'histogram_count(sum(http_request_duration_seconds))')).toEqual([['promql/counter-without-rate', 20]]);
    expect(findings(nativeOnly, 'histogram_count(rate(http_requests_total[5m]))')).toEqual([['promql/histogram-function-on-float', 0]]);
  });

  it('refuses the base name of a histogram declared classic, which selects no series', () => {
    expect(findings(classicOnly, 'histogram_quantile(0.9, sum(rate(http_request_duration_seconds[5m])))')).toEqual([
      ['promql/classic-histogram-base-name', 33],
    ]);
  });
});
