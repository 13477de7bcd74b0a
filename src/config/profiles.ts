import { ITEMS_API_LABEL_VALUES } from './label-values.js';
import type { MetricKind, MetricProfile, SampleLabelValues } from './types.js';

function histogram(base: string): Record<string, MetricKind> {
  return { [base]: 'histogram', [`${base}_bucket`]: 'counter', [`${base}_sum`]: 'counter', [`${base}_count`]: 'counter' };
}

const processMetrics: Record<string, MetricKind> = {
  process_cpu_seconds_total: 'counter',
  process_resident_memory_bytes: 'gauge',
  process_virtual_memory_bytes: 'gauge',
  process_open_fds: 'gauge',
  process_max_fds: 'gauge',
  process_start_time_seconds: 'gauge',
};

/** Every process collector (prometheus_client's, client_golang's, prom-client's) exports one unlabelled series each. */
const processLabels: Record<string, string[]> = Object.fromEntries(Object.keys(processMetrics).map((m) => [m, []]));

/** prometheus_client's default registry: its GC and platform collectors, beside the process one. */
const pythonRuntimeMetrics: Record<string, MetricKind> = {
  python_info: 'info',
  python_gc_objects_collected_total: 'counter',
  python_gc_objects_uncollectable_total: 'counter',
  python_gc_collections_total: 'counter',
};

/** prometheus_client 0.26: gc_collector.py labels by `generation`; platform_collector.py's python_info (CPython). */
const pythonRuntimeLabels: Record<string, string[]> = {
  python_info: ['implementation', 'major', 'minor', 'patchlevel', 'version'],
  python_gc_objects_collected_total: ['generation'],
  python_gc_objects_uncollectable_total: ['generation'],
  python_gc_collections_total: ['generation'],
};

/*
 * Bucket boundaries are the libraries' defaults, read from their sources: a rule or a test built on
 * any other boundary describes a service that does not exist.
 */

/** client_golang's `prometheus.DefBuckets`; prom-client's default histogram buckets are the same. */
export const GO_DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** prometheus_client (Python) `Histogram.DEFAULT_BUCKETS`, which prometheus_flask_exporter uses unless given `buckets`. */
export const PYTHON_DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** prometheus-fastapi-instrumentator's `metrics.default()`: `latency_lowr_buckets`, on the per-handler histogram. */
export const INSTRUMENTATOR_LOWR_BUCKETS: readonly number[] = [0.1, 0.5, 1];

/** prometheus-fastapi-instrumentator's `metrics.default()`: `latency_highr_buckets`, on the service-wide histogram. */
export const INSTRUMENTATOR_HIGHR_BUCKETS: readonly number[] = [
  0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 7.5, 10, 30, 60,
];

/**
 * prometheus-fastapi-instrumentator with its default metrics. `http_request_duration_seconds`
 * (handler, method) has only three finite buckets, so quantiles above 1 s and thresholds between
 * them cannot be seen there; `http_request_duration_highr_seconds` has fine buckets but no labels.
 */
export const fastapiInstrumentator: MetricProfile = {
  name: 'fastapi-instrumentator',
  description: 'FastAPI / Starlette instrumented with prometheus-fastapi-instrumentator',
  http: {
    requests: 'http_requests_total',
    duration: 'http_request_duration_seconds',
    durationHighResolution: 'http_request_duration_highr_seconds',
    inProgress: 'http_requests_inprogress',
    labels: { handler: 'handler', method: 'method', status: 'status' },
  },
  buckets: {
    http_request_duration_seconds: [...INSTRUMENTATOR_LOWR_BUCKETS],
    http_request_duration_highr_seconds: [...INSTRUMENTATOR_HIGHR_BUCKETS],
  },
  metrics: {
    http_requests_total: 'counter',
    ...histogram('http_request_duration_seconds'),
    ...histogram('http_request_duration_highr_seconds'),
    http_request_size_bytes: 'summary',
    http_request_size_bytes_sum: 'counter',
    http_request_size_bytes_count: 'counter',
    http_response_size_bytes: 'summary',
    http_response_size_bytes_sum: 'counter',
    http_response_size_bytes_count: 'counter',
    http_requests_inprogress: 'gauge',
    ...pythonRuntimeMetrics,
    ...processMetrics,
  },
  // metrics.default() of 8.1.0; the in-progress gauge carries handler and method only with
  // `inprogress_labels=True` (the Items API sets it; without it the gauge has no label at all).
  labelNames: {
    http_requests_total: ['handler', 'method', 'status'],
    http_request_duration_seconds: ['handler', 'method'],
    http_request_duration_highr_seconds: [],
    http_request_size_bytes: ['handler'],
    http_response_size_bytes: ['handler'],
    http_requests_inprogress: ['handler', 'method'],
    ...pythonRuntimeLabels,
    ...processLabels,
  },
  // The Items API's scrape; "2xx"/"5xx" are what the library writes with its default
  // should_group_status_codes=True (test/fixtures/instrumentator-statuses.py shows both spellings).
  labelValues: { ...ITEMS_API_LABEL_VALUES, grouped: { ok: '2xx', serverError: '5xx' } },
};

/**
 * prometheus_flask_exporter. Its request counter has no path label, so per-handler views use the
 * duration histogram's `_count`, which carries path, method and status.
 */
export const flaskExporter: MetricProfile = {
  name: 'flask-exporter',
  description: 'Flask instrumented with prometheus_flask_exporter',
  http: {
    requests: 'flask_http_request_duration_seconds_count',
    duration: 'flask_http_request_duration_seconds',
    labels: { handler: 'path', method: 'method', status: 'status' },
  },
  buckets: { flask_http_request_duration_seconds: [...PYTHON_DEFAULT_BUCKETS] },
  metrics: {
    flask_http_request_total: 'counter',
    flask_http_request_exceptions_total: 'counter',
    ...histogram('flask_http_request_duration_seconds'),
    flask_exporter_info: 'info',
    ...pythonRuntimeMetrics,
    ...processMetrics,
  },
  // export_defaults() of prometheus_flask_exporter 0.23 with its default group_by='path'; the
  // counters have no path label.
  labelNames: {
    flask_http_request_total: ['method', 'status'],
    flask_http_request_exceptions_total: ['method', 'status'],
    flask_http_request_duration_seconds: ['method', 'path', 'status'],
    flask_exporter_info: ['version'],
    ...pythonRuntimeLabels,
    ...processLabels,
  },
  // 0.23.2's export_defaults(): `path` is request.path (the requested path, not the route),
  // `method` request.method, `status` the numeric status_code.
  labelValues: { handlers: ['/items', '/items/42'], methods: ['GET', 'DELETE'], ok: ['200', '201'], serverError: '500' },
};

/**
 * promhttp's spelling (test/fixtures/native-api-metrics.txt): `method` lower-cased, `code` the
 * numeric status; the handler is the route pattern the service curries in.
 */
const PROMHTTP_LABEL_VALUES: SampleLabelValues = {
  handlers: ['/items', '/items/{id}'],
  methods: ['get', 'post'],
  ok: ['200', '201'],
  serverError: '500',
};

/** Go client (promhttp) and prom-client naming: `code` for the status, `handler` for the route. */
export const generic: MetricProfile = {
  name: 'generic',
  description: 'Go client_golang promhttp / Node prom-client style HTTP metrics',
  http: {
    requests: 'http_requests_total',
    duration: 'http_request_duration_seconds',
    inProgress: 'http_requests_in_flight',
    labels: { handler: 'handler', method: 'method', status: 'code' },
  },
  buckets: { http_request_duration_seconds: [...GO_DEFAULT_BUCKETS] },
  metrics: {
    http_requests_total: 'counter',
    ...histogram('http_request_duration_seconds'),
    http_requests_in_flight: 'gauge',
    ...processMetrics,
  },
  // promhttp fills `code` and `method` from the request; the route is a label the service curries
  // in, `handler` by this profile's convention. InstrumentHandlerInFlight takes a plain Gauge.
  labelNames: {
    http_requests_total: ['code', 'handler', 'method'],
    http_request_duration_seconds: ['code', 'handler', 'method'],
    http_requests_in_flight: [],
    ...processLabels,
  },
  labelValues: PROMHTTP_LABEL_VALUES,
};

/**
 * client_golang 1.25's default registry: `collectors.NewGoCollector()` (the MemStats set, plus the
 * runtime/metrics it enables by default: GOGC, GOMEMLIMIT, GOMAXPROCS) and the process collector,
 * which on Linux also counts network bytes. `promhttp.Handler()` adds its own two metrics.
 */
const goRuntimeMetrics: Record<string, MetricKind> = {
  go_goroutines: 'gauge',
  go_threads: 'gauge',
  go_info: 'info',
  go_gc_duration_seconds: 'summary',
  go_gc_duration_seconds_sum: 'counter',
  go_gc_duration_seconds_count: 'counter',
  go_gc_gogc_percent: 'gauge',
  go_gc_gomemlimit_bytes: 'gauge',
  go_sched_gomaxprocs_threads: 'gauge',
  go_memstats_last_gc_time_seconds: 'gauge',
  go_memstats_alloc_bytes_total: 'counter',
  go_memstats_mallocs_total: 'counter',
  go_memstats_frees_total: 'counter',
  ...Object.fromEntries(
    ['alloc', 'sys', 'heap_alloc', 'heap_sys', 'heap_idle', 'heap_inuse', 'heap_released', 'stack_inuse', 'stack_sys']
      .concat(['mspan_inuse', 'mspan_sys', 'mcache_inuse', 'mcache_sys', 'buck_hash_sys', 'gc_sys', 'other_sys', 'next_gc'])
      .map((m) => [`go_memstats_${m}_bytes`, 'gauge' as MetricKind]),
  ),
  go_memstats_heap_objects: 'gauge',
  process_virtual_memory_max_bytes: 'gauge',
  process_network_receive_bytes_total: 'counter',
  process_network_transmit_bytes_total: 'counter',
  promhttp_metric_handler_requests_total: 'counter',
  promhttp_metric_handler_requests_in_flight: 'gauge',
};

const goRuntimeLabels: Record<string, string[]> = {
  // A summary's labels are declared by its base name (`_sum` and `_count` carry the same ones).
  ...Object.fromEntries(
    Object.keys(goRuntimeMetrics)
      .filter((m) => !/_(sum|count)$/.test(m))
      .map((m) => [m, []]),
  ),
  go_info: ['version'],
  go_gc_duration_seconds: ['quantile'],
  promhttp_metric_handler_requests_total: ['code'],
};

/**
 * A Go service on client_golang 1.25 whose request-duration histogram is native
 * (`NativeHistogramBucketFactor: 1.1`, i.e. schema 3) and keeps the classic `DefBuckets` for
 * scrapers that cannot read native histograms (the text format, Prometheus 2 without the feature
 * flag). Prometheus 3 scraping over protobuf stores only the native series unless
 * `always_scrape_classic_histograms` is set, so the profile reads the native one; a fleet where
 * some instances still expose only classic buckets switches to `native-or-classic` (README,
 * "Native histograms").
 */
export const clientGolangNative: MetricProfile = {
  name: 'client-golang-native',
  description: 'Go client_golang promhttp with a native request-duration histogram (Prometheus 3)',
  http: {
    requests: 'http_requests_total',
    duration: 'http_request_duration_seconds',
    inProgress: 'http_requests_in_flight',
    labels: { handler: 'handler', method: 'method', status: 'code' },
  },
  buckets: { http_request_duration_seconds: [...GO_DEFAULT_BUCKETS] },
  histogramTypes: { http_request_duration_seconds: 'native' },
  metrics: {
    http_requests_total: 'counter',
    ...histogram('http_request_duration_seconds'),
    http_requests_in_flight: 'gauge',
    ...processMetrics,
    ...goRuntimeMetrics,
  },
  // The service curries handler (the route pattern) and method into both; only the counter has code.
  labelNames: {
    http_requests_total: ['code', 'handler', 'method'],
    http_request_duration_seconds: ['handler', 'method'],
    http_requests_in_flight: [],
    ...processLabels,
    ...goRuntimeLabels,
  },
  labelValues: PROMHTTP_LABEL_VALUES,
};

export const builtinProfiles: Readonly<Record<string, MetricProfile>> = {
  [fastapiInstrumentator.name]: fastapiInstrumentator,
  [flaskExporter.name]: flaskExporter,
  [generic.name]: generic,
  [clientGolangNative.name]: clientGolangNative,
};

/** Build a custom profile from the parts that differ from a built-in one. */
export function defineProfile(profile: MetricProfile): MetricProfile {
  return profile;
}

export { histogram as histogramMetrics };
