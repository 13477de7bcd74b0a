function histogram(base) {
  return { [base]: "histogram", [`${base}_bucket`]: "counter", [`${base}_sum`]: "counter", [`${base}_count`]: "counter" };
}
const processMetrics = {
  process_cpu_seconds_total: "counter",
  process_resident_memory_bytes: "gauge",
  process_virtual_memory_bytes: "gauge",
  process_open_fds: "gauge",
  process_max_fds: "gauge",
  process_start_time_seconds: "gauge"
};
const processLabels = Object.fromEntries(Object.keys(processMetrics).map((m) => [m, []]));
const pythonRuntimeMetrics = {
  python_info: "info",
  python_gc_objects_collected_total: "counter",
  python_gc_objects_uncollectable_total: "counter",
  python_gc_collections_total: "counter"
};
const pythonRuntimeLabels = {
  python_info: ["implementation", "major", "minor", "patchlevel", "version"],
  python_gc_objects_collected_total: ["generation"],
  python_gc_objects_uncollectable_total: ["generation"],
  python_gc_collections_total: ["generation"]
};
const GO_DEFAULT_BUCKETS = [5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const PYTHON_DEFAULT_BUCKETS = [5e-3, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const INSTRUMENTATOR_LOWR_BUCKETS = [0.1, 0.5, 1];
const INSTRUMENTATOR_HIGHR_BUCKETS = [
  0.01,
  0.025,
  0.05,
  0.075,
  0.1,
  0.25,
  0.5,
  0.75,
  1,
  1.5,
  2,
  2.5,
  3,
  3.5,
  4,
  4.5,
  5,
  7.5,
  10,
  30,
  60
];
const fastapiInstrumentator = {
  name: "fastapi-instrumentator",
  description: "FastAPI / Starlette instrumented with prometheus-fastapi-instrumentator",
  http: {
    requests: "http_requests_total",
    duration: "http_request_duration_seconds",
    durationHighResolution: "http_request_duration_highr_seconds",
    inProgress: "http_requests_inprogress",
    labels: { handler: "handler", method: "method", status: "status" }
  },
  buckets: {
    http_request_duration_seconds: [...INSTRUMENTATOR_LOWR_BUCKETS],
    http_request_duration_highr_seconds: [...INSTRUMENTATOR_HIGHR_BUCKETS]
  },
  metrics: {
    http_requests_total: "counter",
    ...histogram("http_request_duration_seconds"),
    ...histogram("http_request_duration_highr_seconds"),
    http_request_size_bytes: "summary",
    http_request_size_bytes_sum: "counter",
    http_request_size_bytes_count: "counter",
    http_response_size_bytes: "summary",
    http_response_size_bytes_sum: "counter",
    http_response_size_bytes_count: "counter",
    http_requests_inprogress: "gauge",
    ...pythonRuntimeMetrics,
    ...processMetrics
  },
  // metrics.default() of 8.1.0; the in-progress gauge carries handler and method only with
  // `inprogress_labels=True` (the Items API sets it; without it the gauge has no label at all).
  labelNames: {
    http_requests_total: ["handler", "method", "status"],
    http_request_duration_seconds: ["handler", "method"],
    http_request_duration_highr_seconds: [],
    http_request_size_bytes: ["handler"],
    http_response_size_bytes: ["handler"],
    http_requests_inprogress: ["handler", "method"],
    ...pythonRuntimeLabels,
    ...processLabels
  }
};
const flaskExporter = {
  name: "flask-exporter",
  description: "Flask instrumented with prometheus_flask_exporter",
  http: {
    requests: "flask_http_request_duration_seconds_count",
    duration: "flask_http_request_duration_seconds",
    labels: { handler: "path", method: "method", status: "status" }
  },
  buckets: { flask_http_request_duration_seconds: [...PYTHON_DEFAULT_BUCKETS] },
  metrics: {
    flask_http_request_total: "counter",
    flask_http_request_exceptions_total: "counter",
    ...histogram("flask_http_request_duration_seconds"),
    flask_exporter_info: "info",
    ...pythonRuntimeMetrics,
    ...processMetrics
  },
  // export_defaults() of prometheus_flask_exporter 0.23 with its default group_by='path'; the
  // counters have no path label.
  labelNames: {
    flask_http_request_total: ["method", "status"],
    flask_http_request_exceptions_total: ["method", "status"],
    flask_http_request_duration_seconds: ["method", "path", "status"],
    flask_exporter_info: ["version"],
    ...pythonRuntimeLabels,
    ...processLabels
  }
};
const generic = {
  name: "generic",
  description: "Go client_golang promhttp / Node prom-client style HTTP metrics",
  http: {
    requests: "http_requests_total",
    duration: "http_request_duration_seconds",
    inProgress: "http_requests_in_flight",
    labels: { handler: "handler", method: "method", status: "code" }
  },
  buckets: { http_request_duration_seconds: [...GO_DEFAULT_BUCKETS] },
  metrics: {
    http_requests_total: "counter",
    ...histogram("http_request_duration_seconds"),
    http_requests_in_flight: "gauge",
    ...processMetrics
  },
  // promhttp fills `code` and `method` from the request; the route is a label the service curries
  // in, `handler` by this profile's convention. InstrumentHandlerInFlight takes a plain Gauge.
  labelNames: {
    http_requests_total: ["code", "handler", "method"],
    http_request_duration_seconds: ["code", "handler", "method"],
    http_requests_in_flight: [],
    ...processLabels
  }
};
const builtinProfiles = {
  [fastapiInstrumentator.name]: fastapiInstrumentator,
  [flaskExporter.name]: flaskExporter,
  [generic.name]: generic
};
function defineProfile(profile) {
  return profile;
}
export {
  GO_DEFAULT_BUCKETS,
  INSTRUMENTATOR_HIGHR_BUCKETS,
  INSTRUMENTATOR_LOWR_BUCKETS,
  PYTHON_DEFAULT_BUCKETS,
  builtinProfiles,
  defineProfile,
  fastapiInstrumentator,
  flaskExporter,
  generic,
  histogram as histogramMetrics
};
