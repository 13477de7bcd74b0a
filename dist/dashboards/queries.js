import { serviceLatencyHistogram } from "../config/histograms.js";
import { histogramQuantile, increase, leRegex, liveOrDown, orZeroLike, rate, ratioOrGap, ratioOrZero, sumBy } from "./expr.js";
import { quote, re, series } from "./selector.js";
const SERVER_ERROR = "5..";
const CLIENT_ERROR = "4..";
const STATUS_CLASS_LABEL = "status_class";
function targetQueries(service) {
  const up = series(service, "up");
  const upSum = sumBy([], up);
  return {
    /** Share (0..1) of the selected targets answering scrapes; 0 when no target is left at all. */
    upShare: () => `${ratioOrGap(upSum, `count(${up})`)} or on() vector(0)`,
    /**
     * `value` while a selected target answers, DOWN when none does (see {@link liveOrDown}); `idle`
     * is shown while targets answer but `value` has no sample.
     */
    live: (value, idle) => liveOrDown(value, upSum, idle)
  };
}
function httpQueries(service) {
  const { http } = service.profile;
  const labels = http.labels;
  const requests = (extra = []) => series(service, http.requests, extra);
  const total = (by, extra = []) => sumBy(by, rate(requests(extra)));
  const withStatus = (statusRegex, extra) => [...extra, re(labels.status, statusRegex)];
  return {
    labels,
    hasInProgress: http.inProgress !== void 0,
    /** Requests per second. */
    requestRate: (by = [], extra = []) => total(by, extra),
    /** Requests per second whose status matches `statusRegex`, 0 for groups without any. */
    statusRate: (statusRegex, by = [], extra = []) => orZeroLike(total(by, withStatus(statusRegex, extra)), total(by, extra)),
    /** Share (0..1) of requests whose status matches `statusRegex`; 0 when there is no traffic. */
    statusRatio: (statusRegex, by = [], extra = []) => ratioOrZero(orZeroLike(total(by, withStatus(statusRegex, extra)), total(by, extra)), total(by, extra)),
    /**
     * Requests per second by status class (`2xx`…`5xx`). Some libraries label "200", others
     * already "2xx": label_replace keeps the first digit either way.
     */
    requestRateByStatusClass: (extra = []) => sumBy(
      [STATUS_CLASS_LABEL],
      `label_replace(${total([labels.status], extra)}, ${quote(STATUS_CLASS_LABEL)}, "\${1}xx", ${quote(labels.status)}, "([1-5]).*")`
    ),
    /** Requests per second per status code, as the status label spells it ("404", or "4xx" when grouped). */
    statusCodeRate: (extra = []) => total([labels.status], extra),
    /** Responses per status code over the whole selected range. */
    statusCodeTotal: (extra = []) => sumBy([labels.status], increase(requests(extra))),
    /**
     * Latency quantile in seconds; no sample (a gap) when there were no requests. Service-wide, it
     * reads the high-resolution histogram where the profile has one (the instrumentator's per-handler
     * one cannot show more than 1 s), as the latency alerts do.
     */
    latencyQuantile: (q, by = [], extra = []) => histogramQuantile(
      q,
      series(service, `${by.length === 0 && extra.length === 0 ? serviceLatencyHistogram(service) : http.duration}_bucket`, extra),
      by
    ),
    /** Mean latency; a gap when there were no requests. */
    meanLatency: (by = [], extra = []) => ratioOrGap(
      sumBy(by, rate(series(service, `${http.duration}_sum`, extra))),
      sumBy(by, rate(series(service, `${http.duration}_count`, extra)))
    ),
    /** Requests per second per duration bucket, for a heatmap (format heatmap). */
    latencyHeatmap: (extra = []) => sumBy(["le"], rate(series(service, `${http.duration}_bucket`, extra))),
    /** Requests being served right now, summed over the selected instances. */
    inProgress: (extra = []) => {
      if (!http.inProgress) throw new Error(`profile ${service.profile.name} has no in-progress gauge`);
      return sumBy([], series(service, http.inProgress, extra));
    }
  };
}
function businessQueries(service, business) {
  const opRate = (op) => sumBy([], rate(series(service, op.metric)));
  const rateOf = (ops) => ops.length === 0 ? "vector(0)" : ops.map((op) => `(${opRate(op)} or vector(0))`).join(" + ");
  const reads = business.operations.filter((op) => !op.writes);
  const writes = business.operations.filter((op) => op.writes);
  const info = business.info;
  const versionLabels = info ? info.labels.includes("version") ? ["version"] : info.labels : [];
  return {
    operations: business.operations,
    reads,
    writes,
    info,
    /** Operations per second of one kind. */
    operationRate: opRate,
    /** Operations of one kind over the whole selected range. */
    operationTotal: (op) => sumBy([], increase(series(service, op.metric))),
    /** All operations per second. */
    allRate: () => rateOf(business.operations),
    readRate: () => rateOf(reads),
    writeRate: () => rateOf(writes),
    /** Reads per write; a gap while nothing is written (the ratio would be infinite). */
    readsPerWrite: () => ratioOrGap(rateOf(reads), rateOf(writes)),
    /** Share (0..1) of operations that write; 0 without traffic. */
    writeShare: () => ratioOrZero(rateOf(writes), rateOf(business.operations)),
    /** One sample per instance, labelled with the info labels (version, environment). */
    infoByInstance: () => info ? sumBy(["instance", ...info.labels], series(service, info.metric)) : void 0,
    /** Distinct versions (or info label combinations) across the selected instances; 0 when none reports. */
    versionsRunning: () => info ? `count(${sumBy(versionLabels, series(service, info.metric))}) or vector(0)` : void 0
  };
}
function databaseQueries(service, db) {
  const bucket = (extra = []) => series(service, `${db.queryDuration}_bucket`, extra);
  const count = (by) => sumBy(by, rate(series(service, `${db.queryDuration}_count`)));
  const slowSeconds = service.thresholds.slowQuerySeconds;
  const gauge = (metric) => metric ? sumBy([], series(service, metric)) : void 0;
  return {
    operationLabel: db.operationLabel,
    slowSeconds,
    queryRate: (by = []) => count(by),
    latencyQuantile: (q, by = []) => histogramQuantile(q, bucket(), by),
    /**
     * The quantile of the slowest operation: what SlowDatabaseQueries compares, per operation. The
     * quantile over all operations would hide a slow rare operation behind a fast frequent one.
     */
    slowestOperationQuantile: (q) => db.operationLabel ? `max(${histogramQuantile(q, bucket(), [db.operationLabel])})` : histogramQuantile(q, bucket()),
    meanQueryTime: (by = []) => ratioOrGap(sumBy(by, rate(series(service, `${db.queryDuration}_sum`))), count(by)),
    /**
     * Share (0..1) of queries slower than `thresholds.slowQuerySeconds`: 1 − fast/all, written as
     * (all − fast)/all so that zero traffic reads 0 rather than 100 %. No sample at all when the
     * threshold is not a bucket boundary.
     */
    slowShare: (by = []) => ratioOrZero(`${count(by)} - ${sumBy(by, rate(bucket([re("le", leRegex(slowSeconds))])))}`, count(by)),
    heatmap: () => sumBy(["le"], rate(bucket())),
    poolSize: () => gauge(db.poolSize),
    poolInUse: () => gauge(db.poolInUse),
    /**
     * Share (0..1) of the pool in use on the busiest instance, where DatabasePoolExhausted looks:
     * pools are per process, so one exhausted pool is an outage for its share of the traffic even
     * while the sum over instances looks comfortable. A gap when the pool size is unknown or zero.
     */
    poolUsage: () => db.poolSize && db.poolInUse ? `max(${ratioOrGap(sumBy(["instance"], series(service, db.poolInUse)), sumBy(["instance"], series(service, db.poolSize)))})` : void 0
  };
}
export {
  CLIENT_ERROR,
  SERVER_ERROR,
  STATUS_CLASS_LABEL,
  businessQueries,
  databaseQueries,
  httpQueries,
  targetQueries
};
