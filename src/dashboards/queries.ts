/**
 * Service-aware PromQL: every metric and label name comes from the service's metric profile,
 * business and database config, and every selector carries the dashboard's service selector.
 * Dashboard modules call these and never spell a metric name themselves.
 */
import { histogramType, readsNative, serviceLatencyHistogram } from '../config/histograms.js';
import type { BusinessMetrics, BusinessOperation, DatabaseMetrics, Service } from '../config/types.js';
import { histogramQuantile, increase, leRegex, liveOrDown, orZeroLike, rate, ratioOrGap, ratioOrZero, sumBy } from './expr.js';
import { type Matcher, quote, re, series } from './selector.js';

/** Server errors: matches both exact codes ("503") and grouped classes ("5xx"). */
export const SERVER_ERROR = '5..';
/** Client errors, same two spellings. */
export const CLIENT_ERROR = '4..';
/** Label added by {@link HttpQueries.requestRateByStatusClass}; chosen not to clash with real labels. */
export const STATUS_CLASS_LABEL = 'status_class';

export type TargetQueries = ReturnType<typeof targetQueries>;

/** The scrape targets of the selected instances, as Prometheus sees them through `up`. */
export function targetQueries(service: Service) {
  const up = series(service, 'up');
  const upSum = sumBy([], up);
  return {
    /** Share (0..1) of the selected targets answering scrapes; 0 when no target is left at all. */
    upShare: () => `${ratioOrGap(upSum, `count(${up})`)} or on() vector(0)`,
    /**
     * `value` while a selected target answers, DOWN when none does (see {@link liveOrDown}); `idle`
     * is shown while targets answer but `value` has no sample.
     */
    live: (value: string, idle?: string) => liveOrDown(value, upSum, idle),
  };
}

export type HttpQueries = ReturnType<typeof httpQueries>;

export function httpQueries(service: Service) {
  const { http } = service.profile;
  const labels = http.labels;
  const requests = (extra: readonly Matcher[] = []) => series(service, http.requests, extra);
  const total = (by: readonly string[], extra: readonly Matcher[] = []) => sumBy(by, rate(requests(extra)));
  const withStatus = (statusRegex: string, extra: readonly Matcher[]) => [...extra, re(labels.status, statusRegex)];
  return {
    labels,
    hasInProgress: http.inProgress !== undefined,

    /** Requests per second. */
    requestRate: (by: readonly string[] = [], extra: readonly Matcher[] = []) => total(by, extra),

    /** Requests per second whose status matches `statusRegex`, 0 for groups without any. */
    statusRate: (statusRegex: string, by: readonly string[] = [], extra: readonly Matcher[] = []) =>
      orZeroLike(total(by, withStatus(statusRegex, extra)), total(by, extra)),

    /** Share (0..1) of requests whose status matches `statusRegex`; 0 when there is no traffic. */
    statusRatio: (statusRegex: string, by: readonly string[] = [], extra: readonly Matcher[] = []) =>
      ratioOrZero(orZeroLike(total(by, withStatus(statusRegex, extra)), total(by, extra)), total(by, extra)),

    /**
     * Requests per second by status class (`2xx`…`5xx`). Some libraries label "200", others
     * already "2xx": label_replace keeps the first digit either way.
     */
    requestRateByStatusClass: (extra: readonly Matcher[] = []) =>
      sumBy(
        [STATUS_CLASS_LABEL],
        `label_replace(${total([labels.status], extra)}, ${quote(STATUS_CLASS_LABEL)}, "\${1}xx", ${quote(labels.status)}, "([1-5]).*")`,
      ),

    /** Requests per second per status code, as the status label spells it ("404", or "4xx" when grouped). */
    statusCodeRate: (extra: readonly Matcher[] = []) => total([labels.status], extra),

    /** Responses per status code over the whole selected range. */
    statusCodeTotal: (extra: readonly Matcher[] = []) => sumBy([labels.status], increase(requests(extra))),

    /**
     * Latency quantile in seconds; no sample (a gap) when there were no requests. Service-wide, it
     * reads the high-resolution histogram where the profile has one (the instrumentator's per-handler
     * one cannot show more than 1 s), as the latency alerts do. A native histogram is read as one
     * (no `le`); `native-or-classic` reads the native one where a group has it, else the buckets.
     */
    latencyQuantile: (q: number, by: readonly string[] = [], extra: readonly Matcher[] = []) => {
      const base = by.length === 0 && extra.length === 0 ? serviceLatencyHistogram(service) : http.duration;
      const native = `histogram_quantile(${q}, ${sumBy(by, rate(series(service, base, extra)))}) >= 0`;
      const classic = histogramQuantile(q, series(service, `${base}_bucket`, extra), by);
      const type = histogramType(service, base);
      return type === 'classic' ? classic : type === 'native' ? native : `${native} or ${classic}`;
    },

    /**
     * Mean latency; a gap when there were no requests. Native: `histogram_avg`. A mixed fleet sums
     * each instance's native sum and count, or its classic `_sum` and `_count` where it has no
     * native series, so the mean stays exact over both.
     */
    meanLatency: (by: readonly string[] = [], extra: readonly Matcher[] = []) => {
      const native = series(service, http.duration, extra);
      const part = (fn: string, suffix: string) =>
        sumBy(by, `${fn}(${rate(native)}) or ${rate(series(service, `${http.duration}${suffix}`, extra))}`);
      const type = histogramType(service, http.duration);
      if (type === 'native') return `histogram_avg(${sumBy(by, rate(native))}) >= 0`;
      if (type === 'native-or-classic') return ratioOrGap(part('histogram_sum', '_sum'), part('histogram_count', '_count'));
      return ratioOrGap(
        sumBy(by, rate(series(service, `${http.duration}_sum`, extra))),
        sumBy(by, rate(series(service, `${http.duration}_count`, extra))),
      );
    },

    /** Whether {@link latencyHeatmap} returns native histograms (for `heatmapPanel`'s `native`). */
    nativeHeatmap: readsNative(service, http.duration),

    /**
     * Requests per second per duration bucket, for a heatmap: `sum by (le)` of the classic buckets
     * (format heatmap), or the summed native histogram, whose buckets Grafana draws itself. A mixed
     * fleet's heatmap shows the native instances only: one panel cannot draw both kinds of bucket.
     */
    latencyHeatmap: (extra: readonly Matcher[] = []) =>
      readsNative(service, http.duration)
        ? sumBy([], rate(series(service, http.duration, extra)))
        : sumBy(['le'], rate(series(service, `${http.duration}_bucket`, extra))),

    /** Requests being served right now, summed over the selected instances. */
    inProgress: (extra: readonly Matcher[] = []) => {
      if (!http.inProgress) throw new Error(`profile ${service.profile.name} has no in-progress gauge`);
      return sumBy([], series(service, http.inProgress, extra));
    },
  };
}

export type BusinessQueries = ReturnType<typeof businessQueries>;

export function businessQueries(service: Service, business: BusinessMetrics) {
  const opRate = (op: BusinessOperation) => sumBy([], rate(series(service, op.metric)));
  // One counter per operation: a missing counter must not blank the sum, so each part falls back to 0.
  const rateOf = (ops: readonly BusinessOperation[]) =>
    ops.length === 0 ? 'vector(0)' : ops.map((op) => `(${opRate(op)} or vector(0))`).join(' + ');
  const reads = business.operations.filter((op) => !op.writes);
  const writes = business.operations.filter((op) => op.writes);
  const info = business.info;
  const versionLabels = info ? (info.labels.includes('version') ? ['version'] : info.labels) : [];
  return {
    operations: business.operations,
    reads,
    writes,
    info,
    /** Operations per second of one kind. */
    operationRate: opRate,
    /** Operations of one kind over the whole selected range. */
    operationTotal: (op: BusinessOperation) => sumBy([], increase(series(service, op.metric))),
    /** All operations per second. */
    allRate: () => rateOf(business.operations),
    readRate: () => rateOf(reads),
    writeRate: () => rateOf(writes),
    /** Reads per write; a gap while nothing is written (the ratio would be infinite). */
    readsPerWrite: () => ratioOrGap(rateOf(reads), rateOf(writes)),
    /** Share (0..1) of operations that write; 0 without traffic. */
    writeShare: () => ratioOrZero(rateOf(writes), rateOf(business.operations)),
    /** One sample per instance, labelled with the info labels (version, environment). */
    infoByInstance: () => (info ? sumBy(['instance', ...info.labels], series(service, info.metric)) : undefined),
    /** Distinct versions (or info label combinations) across the selected instances; 0 when none reports. */
    versionsRunning: () => (info ? `count(${sumBy(versionLabels, series(service, info.metric))}) or vector(0)` : undefined),
  };
}

export type DatabaseQueries = ReturnType<typeof databaseQueries>;

export function databaseQueries(service: Service, db: DatabaseMetrics) {
  const bucket = (extra: readonly Matcher[] = []) => series(service, `${db.queryDuration}_bucket`, extra);
  const count = (by: readonly string[]) => sumBy(by, rate(series(service, `${db.queryDuration}_count`)));
  const slowSeconds = service.thresholds.slowQuerySeconds;
  const gauge = (metric: string | undefined) => (metric ? sumBy([], series(service, metric)) : undefined);
  return {
    operationLabel: db.operationLabel,
    slowSeconds,
    queryRate: (by: readonly string[] = []) => count(by),
    latencyQuantile: (q: number, by: readonly string[] = []) => histogramQuantile(q, bucket(), by),
    /**
     * The quantile of the slowest operation: what SlowDatabaseQueries compares, per operation. The
     * quantile over all operations would hide a slow rare operation behind a fast frequent one.
     */
    slowestOperationQuantile: (q: number) =>
      db.operationLabel ? `max(${histogramQuantile(q, bucket(), [db.operationLabel])})` : histogramQuantile(q, bucket()),
    meanQueryTime: (by: readonly string[] = []) => ratioOrGap(sumBy(by, rate(series(service, `${db.queryDuration}_sum`))), count(by)),
    /**
     * Share (0..1) of queries slower than `thresholds.slowQuerySeconds`: 1 − fast/all, written as
     * (all − fast)/all so that zero traffic reads 0 rather than 100 %. No sample at all when the
     * threshold is not a bucket boundary.
     */
    slowShare: (by: readonly string[] = []) =>
      ratioOrZero(`${count(by)} - ${sumBy(by, rate(bucket([re('le', leRegex(slowSeconds))])))}`, count(by)),
    heatmap: () => sumBy(['le'], rate(bucket())),
    poolSize: () => gauge(db.poolSize),
    poolInUse: () => gauge(db.poolInUse),
    /**
     * Share (0..1) of the pool in use on the busiest instance, where DatabasePoolExhausted looks:
     * pools are per process, so one exhausted pool is an outage for its share of the traffic even
     * while the sum over instances looks comfortable. A gap when the pool size is unknown or zero.
     */
    poolUsage: () =>
      db.poolSize && db.poolInUse
        ? `max(${ratioOrGap(sumBy(['instance'], series(service, db.poolInUse)), sumBy(['instance'], series(service, db.poolSize)))})`
        : undefined,
  };
}
