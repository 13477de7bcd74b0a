/**
 * PromQL over a histogram as its type says Prometheus stores it (see `HistogramType`). Classic
 * histograms are read through `_bucket`/`_count` and `le`; native ones through the histogram
 * functions on the series of the base name, which has neither. `native-or-classic` reads both:
 *
 * - quantiles: `<native> or <classic>`, per result group. A group that has any native series
 *   reads only those: while a fleet migrates, its quantile describes the migrated instances, since
 *   a native and a classic histogram cannot be merged into one distribution;
 * - counts (SLIs): per series, before summing: `histogram_count(…) or rate(…_count)`. An instance
 *   that exposes both (`always_scrape_classic_histograms`) is counted once, from its native
 *   series; an instance with classic buckets only is counted from them, so the totals stay exact.
 */
import { histogramType } from '../config/histograms.js';
import type { Service } from '../config/types.js';
import { labelList } from '../core/promql-text.js';
import type { Matcher } from './promql.js';
import { leRegex, num, serviceSeries } from './promql.js';

const sumBy = (by: readonly string[], expr: string) => (by.length > 0 ? `sum by (${labelList(by)}) (${expr})` : `sum(${expr})`);

/** `histogram_quantile(q, …)` of a service's histogram over `window`, grouped by `by`. */
export function histogramQuantileExpr(
  service: Service,
  q: number,
  base: string,
  by: readonly string[],
  window: string,
  extra: readonly Matcher[] = [],
): string {
  const native = `histogram_quantile(${q}, ${sumBy(by, `rate(${serviceSeries(service, base, extra)}[${window}])`)})`;
  const classic = `histogram_quantile(${q}, ${sumBy(['le', ...by], `rate(${serviceSeries(service, `${base}_bucket`, extra)}[${window}])`)})`;
  const type = histogramType(service, base);
  // Parenthesised: a comparison after it (`> 0.5`) binds tighter than `or` and would judge only the classic side.
  return type === 'classic' ? classic : type === 'native' ? native : `(${native} or ${classic})`;
}

/**
 * Requests faster than `threshold` and all requests, as rates over a window, for a latency SLI.
 * Native: `histogram_fraction(0, threshold, …)` of the summed histogram, which interpolates inside
 * the one narrow bucket the threshold falls in, so any threshold can be measured. The error rate
 * is `count × (1 − fraction)` where there was traffic: the fraction of an empty histogram is NaN,
 * and `> 0` drops it so the SLI rules' `or vector(0)` reads it as no errors.
 */
export function latencySliExprs(
  service: Service,
  base: string,
  threshold: number,
): { errors: (w: string) => string; total: (w: string) => string } {
  const series = serviceSeries(service, base);
  const count = serviceSeries(service, `${base}_count`);
  const fast = serviceSeries(service, `${base}_bucket`, [['le', '=~', leRegex(threshold)]]);
  const t = num(threshold);
  const type = histogramType(service, base);
  if (type === 'native') {
    const h = (w: string) => `sum(rate(${series}[${w}]))`;
    return {
      errors: (w) => `(histogram_count(${h(w)}) > 0) * (1 - histogram_fraction(0, ${t}, ${h(w)}))`,
      total: (w) => `histogram_count(${h(w)})`,
    };
  }
  if (type === 'native-or-classic') {
    const total = (w: string) => `sum(histogram_count(rate(${series}[${w}])) or rate(${count}[${w}]))`;
    const good = (w: string) =>
      `sum((histogram_count(rate(${series}[${w}])) > 0) * histogram_fraction(0, ${t}, rate(${series}[${w}])) or sum without (le) (rate(${fast}[${w}])))`;
    return { errors: (w) => `${total(w)} - ${good(w)}`, total };
  }
  return {
    errors: (w) => `sum(rate(${count}[${w}])) - sum(rate(${fast}[${w}]))`,
    total: (w) => `sum(rate(${count}[${w}]))`,
  };
}
