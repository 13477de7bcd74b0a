import type { MetricKind, MetricProfile } from './types.js';

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

/** prometheus-fastapi-instrumentator with its default metrics. */
export const fastapiInstrumentator: MetricProfile = {
  name: 'fastapi-instrumentator',
  description: 'FastAPI / Starlette instrumented with prometheus-fastapi-instrumentator',
  http: {
    requests: 'http_requests_total',
    duration: 'http_request_duration_seconds',
    inProgress: 'http_requests_inprogress',
    labels: { handler: 'handler', method: 'method', status: 'status' },
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
    python_info: 'info',
    python_gc_objects_collected_total: 'counter',
    python_gc_collections_total: 'counter',
    ...processMetrics,
  },
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
  metrics: {
    flask_http_request_total: 'counter',
    flask_http_request_exceptions_total: 'counter',
    ...histogram('flask_http_request_duration_seconds'),
    flask_exporter_info: 'info',
    python_info: 'info',
    ...processMetrics,
  },
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
  metrics: {
    http_requests_total: 'counter',
    ...histogram('http_request_duration_seconds'),
    http_requests_in_flight: 'gauge',
    ...processMetrics,
  },
};

export const builtinProfiles: Readonly<Record<string, MetricProfile>> = {
  [fastapiInstrumentator.name]: fastapiInstrumentator,
  [flaskExporter.name]: flaskExporter,
  [generic.name]: generic,
};

/** Build a custom profile from the parts that differ from a built-in one. */
export function defineProfile(profile: MetricProfile): MetricProfile {
  return profile;
}

export { histogram as histogramMetrics };
