/**
 * PromQL text helpers for dashboard queries. They only assemble strings; the service-aware pieces
 * (which metric, which label) come from `selector.ts` and `queries.ts`. Every range function uses
 * Grafana's `$__rate_interval`, which stays at least four scrape intervals wide whatever the zoom,
 * so a panel never draws gaps because its step fell below the scrape interval.
 */
import { labelList } from '../core/promql-text.js';

/** Window for `rate`/`increase` in graphs: Grafana resolves it per panel and zoom level. */
export const RATE_WINDOW = '$__rate_interval';
/** Window covering the whole time picker range: for "total over the range" numbers. */
export const RANGE_WINDOW = '$__range';

/** Denominator floor: a ratio over zero traffic becomes 0 instead of NaN. */
export const EPSILON = '1e-9';

export function rate(series: string, window: string = RATE_WINDOW): string {
  return `rate(${series}[${window}])`;
}

export function increase(series: string, window: string = RANGE_WINDOW): string {
  return `increase(${series}[${window}])`;
}

/** `sum by (a, b) (inner)`, or `sum(inner)` without grouping labels. */
export function sumBy(labels: readonly string[], inner: string): string {
  return labels.length === 0 ? `sum(${inner})` : `sum by (${labelList(labels)}) (${inner})`;
}

/**
 * `num / den` that never yields NaN or ±Inf: with zero traffic the denominator is floored at a
 * tiny positive number, so the ratio reads 0. Use it where "no traffic" honestly means "nothing
 * went wrong" (error ratios, slow-query share).
 */
export function ratioOrZero(num: string, den: string): string {
  return `${paren(num)} / clamp_min(${den}, ${EPSILON})`;
}

/**
 * `num / den` that drops the sample when the denominator is zero: the panel shows a gap. Use it
 * where a zero would lie, e.g. a mean duration (0 s) or a read/write ratio without writes.
 */
export function ratioOrGap(num: string, den: string): string {
  return `${paren(num)} / (${den} > 0)`;
}

/** Wraps `expr` in parentheses unless one pair already encloses all of it. */
export function paren(expr: string): string {
  if (expr.startsWith('(')) {
    let depth = 0;
    let quote: string | undefined;
    for (let i = 0; i < expr.length; i++) {
      const c = expr[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = undefined;
        continue;
      }
      if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i === expr.length - 1 ? expr : `(${expr})`;
    }
  }
  return `(${expr})`;
}

/**
 * A sum that reads 0 instead of vanishing when no series matches, while keeping the grouping of
 * `fallbackShape` (a vector with the same labels, e.g. the total of which `sum` is a part).
 * `sum by (handler) (5xx)` has no sample for a handler without errors; `or 0 * total` fills it.
 */
export function orZeroLike(sum: string, fallbackShape: string): string {
  return `(${sum} or 0 * ${fallbackShape})`;
}

/**
 * A quantile from a histogram: `sum by (le, ...)` over rates of its `_bucket` series, which is the
 * only aggregation that stays correct across instances. `>= 0` drops the NaN that
 * histogram_quantile returns when there were no observations (NaN compares false), so the panel
 * shows a gap or "No data" instead of "NaN".
 */
export function histogramQuantile(q: number, bucketSeries: string, by: readonly string[] = []): string {
  return `histogram_quantile(${q}, ${sumBy(['le', ...by], rate(bucketSeries))}) >= 0`;
}

/** One definition of the bucket-boundary regex serves dashboards and rules alike. */
export { leRegex } from '../rules/promql.js';

/**
 * The reading a stat shows when none of the selected targets answers its scrapes (every `up` is 0,
 * or no target is left): no real rate, ratio or duration is negative, so a value mapping can turn
 * it into "down".
 */
export const DOWN = -1;

/**
 * `value` while at least one target summed in `upSum` answers scrapes, {@link DOWN} as soon as
 * none does or none is left, and `idle` (e.g. `0`, or `NaN` for "no requests") while targets answer
 * but `value` has no sample. Without it a stat over a rate keeps showing the rate the dead process
 * had: its counters vanish, the query returns nothing, and the panel shows the last value it got.
 */
export function liveOrDown(value: string, upSum: string, idle?: string): string {
  const answering = `${upSum} > 0`;
  const whenIdle = idle === undefined ? '' : ` or on() (${answering}) * ${idle}`;
  return `(${value}) and on() ${answering}${whenIdle} or on() ((${upSum} or on() vector(0)) == 0) - ${-DOWN}`;
}
