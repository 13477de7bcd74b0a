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
