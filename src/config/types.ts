/**
 * The service model every dashboard and rule is a function of. Metric and label names live
 * in the metric profile so that definitions never hard-code them.
 */

import type { AlertingConfig } from './routing.js';

/** The metric profiles dac ships (src/config/profiles.ts); a custom one is a `MetricProfile` (see `defineProfile`). */
export type BuiltinProfileName = 'fastapi-instrumentator' | 'flask-exporter' | 'generic' | 'client-golang-native';

/** An SLO period in whole days or weeks: `30d`, `28d`, `4w`. */
export type SloPeriod = `${number}d` | `${number}w`;

export type MetricKind = 'counter' | 'gauge' | 'histogram' | 'info' | 'summary';

/**
 * How Prometheus stores a histogram, and so how queries read it:
 * - `classic`: `_bucket` series with an `le` label, plus `_sum` and `_count` (every client, every Prometheus);
 * - `native`: one series of native-histogram samples (client_golang with `NativeHistogramBucketFactor`,
 *   scraped over protobuf by Prometheus 3): no `_bucket`, no `le`, and any threshold can be measured;
 * - `native-or-classic`: native where an instance exposes it, classic `_bucket` where it does not
 *   (a fleet part-way through migrating). Thresholds must then be classic boundaries too.
 */
export type HistogramType = 'classic' | 'native' | 'native-or-classic';

/** HTTP server metrics as one client library names them. */
export interface HttpMetrics {
  /** Counter of finished requests, carrying the handler, method and status labels. */
  requests: string;
  /** Histogram base name (without `_bucket`); its series carry `handler` and `method`. */
  duration: string;
  /**
   * A service-wide duration histogram with finer buckets, if the library exports one (the
   * instrumentator's `http_request_duration_highr_seconds`). Its series carry no handler or method
   * label, so it serves service-wide quantiles and SLOs only; where it exists, they read it.
   */
  durationHighResolution?: string;
  /** Gauge of requests being served, if the library exports one. */
  inProgress?: string;
  labels: {
    handler: string;
    method: string;
    status: string;
  };
}

export interface MetricProfile {
  name: string;
  description: string;
  http: HttpMetrics;
  /** Every metric the library exports, with its kind: lint rejects a name that is not here. */
  metrics: Record<string, MetricKind>;
  /**
   * Bucket boundaries of every histogram in `metrics`, by base name: the finite `le` values the
   * library exports by default, ascending (+Inf is implied). Rules and their tests are built on
   * them, so they must be what the service really exposes; a service overrides them in `histograms`.
   */
  buckets: Record<string, readonly number[]>;
  /**
   * The label names of each metric in `metrics` as the library exports them, by the name
   * `metrics` gives it (a histogram or summary by its base name: `_bucket` adds `le`). The build
   * then refuses a query or rule that matches or groups on a label no series under it carries,
   * such as `sum by (endpoint)` where the label is `handler`. Optional: a metric not listed here
   * is not checked. Leave out the labels Prometheus adds (job, instance, the selector's matchers,
   * the service's `targetLabels`). Example:
   * `labelNames: { checkout_http_requests_total: ['code', 'method', 'route'], checkout_http_request_duration_seconds: ['method', 'route'] }`
   */
  labelNames?: Record<string, string[]>;
  /**
   * How each histogram is read, by base name; a histogram not listed is `classic`. Example:
   * `histogramTypes: { http_request_duration_seconds: 'native' }`. A `native` histogram needs no
   * `buckets`; a `native-or-classic` one does (its classic fallback reads them).
   */
  histogramTypes?: Record<string, HistogramType>;
  /**
   * Label values the service really writes, spelled as its library spells them; the promtool
   * tests dac generates put them on their input series, since a test on values the service never
   * writes (`method="GET"` where promhttp writes "get") proves nothing. Optional: without it the
   * tests use the Items API's values. Example (promhttp):
   * `labelValues: { handlers: ['/cart', '/cart/{id}'], methods: ['get', 'post'], ok: ['200', '201'], serverError: '500' }`
   */
  labelValues?: SampleLabelValues;
}

export interface SampleLabelValues {
  /** Two values of the handler label: the busy route the tests send traffic to, and another. */
  handlers: readonly [string, string];
  /** Two request methods as the `method` label holds them. */
  methods: readonly [string, string];
  /** Two success statuses as the status label holds them. */
  ok: readonly [string, string];
  /** A server error status as the status label holds it. */
  serverError: string;
  /** The status classes the library writes when it groups codes ("2xx", "5xx"), if it can. */
  grouped?: { ok: string; serverError: string };
}

export interface BusinessOperation {
  /** Short name shown in legends: created, read, updated, deleted. */
  name: string;
  /** Counter counting the operation. */
  metric: string;
  /** Whether the operation changes data (drives the read/write ratio). */
  writes: boolean;
}

export interface BusinessMetrics {
  operations: BusinessOperation[];
  /** Info-style gauge whose labels carry version and environment. */
  info?: { metric: string; labels: string[] };
}

export interface DatabaseMetrics {
  /** Histogram base name of query durations. */
  queryDuration: string;
  /** The query histogram's bucket boundaries as the service declares them (finite `le` values, ascending). */
  buckets: readonly number[];
  /** Label on the query histogram that names the operation, if any. */
  operationLabel?: string;
  /** Gauge of the connection pool's configured size. */
  poolSize?: string;
  /** Gauge of connections in use; with poolSize it measures exhaustion. */
  poolInUse?: string;
}

export interface Thresholds {
  /** p95 request latency, seconds: warning above it. */
  latencyP95Seconds: number;
  /** p99 request latency, seconds: critical above it. */
  latencyP99Seconds: number;
  /** 5xx share of requests (0..1): warning above it. */
  errorRatioWarning: number;
  /** 5xx share of requests (0..1): critical above it. */
  errorRatioCritical: number;
  /** Database p99 query time, seconds. */
  dbP99Seconds: number;
  /** A database query slower than this counts as slow; must be a bucket boundary of `database.buckets`. */
  slowQuerySeconds: number;
  /** Share of the connection pool in use (0..1) that counts as exhaustion. */
  poolUsageRatio: number;
}

export type SloKind = 'availability' | 'latency';

export interface SloConfig {
  /** Short name, unique per service: availability, latency, checkout-latency. */
  name: string;
  kind: SloKind;
  /** Percentage in (0, 100), e.g. 99.9. */
  objective: number;
  /** Period over which the budget is counted: 30d, 28d, 7d. */
  period: SloPeriod;
  /**
   * Latency SLOs: a request counts as good when it takes at most this long; must be a bucket
   * boundary of the histogram the SLO reads (the high-resolution one where the profile has it),
   * unless that histogram is `native`, which measures any threshold.
   */
  thresholdSeconds?: number;
  /** Below this request rate (req/s) the SLO alerts stay quiet: guards low-traffic services. */
  minRequestRate?: number;
  description?: string;
}

export interface Selector {
  /** Prometheus `job` label of the service's targets. */
  job: string;
  /** Extra exact-match label matchers every query carries, e.g. { namespace: 'prod' }. */
  matchers?: Record<string, string>;
}

export interface ServiceConfig {
  /** Machine name: lower-case, digits and dashes. Prefixes uids, file names and rule groups. */
  name: string;
  /** Human title shown in dashboard titles and alert summaries. */
  title: string;
  selector: Selector;
  /** A built-in profile name or a custom profile. */
  profile?: BuiltinProfileName | MetricProfile;
  thresholds?: Partial<Thresholds>;
  /**
   * Bucket boundaries of profile histograms whose instrumentation differs from the library's
   * defaults, by base name, e.g. { http_request_duration_seconds: [0.1, 0.25, 0.5, 1] } for an
   * instrumentator given `latency_lowr_buckets`. Finite `le` values, ascending; +Inf is implied.
   */
  histograms?: Record<string, readonly number[]>;
  /**
   * Overrides the profile's `histogramTypes` for this service, by base name, e.g.
   * { http_request_duration_seconds: 'native-or-classic' } while its instances migrate.
   */
  histogramTypes?: Record<string, HistogramType>;
  /**
   * Labels Prometheus attaches to every series of the service's targets besides job and instance
   * (service discovery and relabelling: ['pod', 'container']). Queries may match and group on
   * them; the profile's `labelNames` cannot know them.
   */
  targetLabels?: string[];
  slos?: SloConfig[];
  business?: BusinessMetrics;
  database?: DatabaseMetrics;
  /** Base URL of runbooks; alerts link to `<base>/<alert-name>`. */
  runbookBaseUrl?: string;
  /** Grafana folder the dashboards go into. */
  grafanaFolder?: string;
  /** A service that should always have traffic gets a "no traffic" alert. */
  expectTraffic?: boolean;
  /** Opt-in warning on a surge of client errors (HighClientErrorRate); no such alert without it. */
  clientErrorAlert?: ClientErrorAlertConfig;
  /** Tags added to every dashboard of the service. */
  tags?: string[];
  compose?: ComposeService;
}

/**
 * A warning when too many requests get a client error, e.g. 404s after a deploy broke a route or
 * a client. Opt-in: what share of 4xx is normal depends on the service's clients (the Items API's
 * read-only users guess ids and get 404s all day), so only the team can set the level.
 */
export interface ClientErrorAlertConfig {
  /** Share of requests (0..1) answered with `status` above which it warns. */
  ratio: number;
  /** Status codes that count, as a PromQL regex on the status label; default "4..", which also matches grouped "4xx". */
  status?: string;
  /** How long the share must stay above `ratio`; default 10m. */
  for?: string;
  /** Below this many requests a second it stays quiet (one 404 out of two requests is no surge); default 0.1. */
  minRequestRate?: number;
}

/** How the service runs in the generated docker-compose.yml, if it should appear there. */
export interface ComposeService {
  /** Build context, relative to the project root. */
  build?: string;
  image?: string;
  /** Port the service listens on inside its container; Prometheus scrapes `/metrics` there. */
  port: number;
  environment?: Record<string, string>;
}

export interface DeliveryConfig {
  /** URL of Prometheus as Grafana reaches it; used by the provisioned datasource. */
  prometheusUrl?: string;
  kubernetes?: {
    namespace?: string;
    /** Labels the Prometheus Operator's ruleSelector matches, e.g. { release: 'kube-prometheus-stack' }. */
    ruleLabels?: Record<string, string>;
    /** Label the Grafana sidecar watches for dashboards (kube-prometheus-stack: grafana_dashboard=1). */
    dashboardLabel?: { name: string; value: string };
    /** Annotation the sidecar reads the target folder from. */
    folderAnnotation?: string;
  };
  /** Mimir / Cortex rulers: tenants a federated rule group reads from, if any. */
  rulers?: { sourceTenants?: string[] };
}

/**
 * Which files `dac build` writes to out/. Each delivery format repeats every dashboard or rule file
 * in its own wrapping, so a project turns on only those it deploys: a one-line change then shows as
 * one diff, not four.
 */
export interface OutputsConfig {
  /** out/dashboards/<uid>.json. Default: on. */
  dashboards?: boolean;
  /** out/rules/, their promtool tests in out/tests/, and out/alertmanager/. Default: on. */
  rules?: boolean;
  /** out/provisioning/: Grafana file provisioning (dashboards by folder, the datasource). Default: off. */
  provisioning?: boolean;
  /** out/kubernetes/: a PrometheusRule per rule file, a sidecar ConfigMap per dashboard. Default: off. */
  kubernetes?: boolean;
  /** out/rulers/: rule namespaces for Mimir and Cortex rulers (Thanos Ruler reads out/rules/). Default: off. */
  rulers?: boolean;
  /** out/compose/: docker-compose.yml and prometheus.yml for the services with `compose`. Default: off. */
  compose?: boolean;
  /**
   * out/grafana/: each dashboard as a `dashboard.grafana.app` resource (Git Sync, grafanactl). Default: off.
   * `true` writes v1beta1 (the classic dashboard JSON as the spec); `{ apiVersion: 'v2beta1' }` writes the
   * v2 layout (elements, grid and rows layout, variable kinds).
   */
  grafana?: boolean | GrafanaResourceOptions;
}

export interface GrafanaResourceOptions {
  /** Default: 'v1beta1'. */
  apiVersion?: 'v1beta1' | 'v2beta1';
}

export type Outputs = Required<OutputsConfig>;

export interface DacConfig {
  /** Names the project in Grafana (tag `dac-project:<project>`); default: package.json's name. */
  project?: string;
  services: ServiceConfig[];
  /** Base URL of the Grafana that serves the dashboards; alert links point there. */
  grafanaUrl?: string;
  delivery?: DeliveryConfig;
  /** Teams, their notifiers and what each team owns: the generated Alertmanager config (src/config/routing.ts). */
  alerting?: AlertingConfig;
  /** What out/ holds: dashboards and rules by default; provisioning, kubernetes, rulers, compose on request. */
  outputs?: OutputsConfig;
  /**
   * The oldest Prometheus major version that loads these rules and answers these dashboards. 2 (the
   * default) keeps every file readable by Prometheus 2.42, Debian 12's, and refuses UTF-8 metric and
   * label names; 3 allows them (OpenTelemetry's `http.server.request.duration`, `service.name`),
   * written in Prometheus 3's quoted form: `{"http.server.request.duration_seconds_count", "service.name"="x"}`.
   */
  minPrometheusVersion?: 2 | 3;
}

/** A service with every default filled in and its profile resolved. */
export interface Service {
  name: string;
  title: string;
  selector: Required<Selector>;
  profile: MetricProfile;
  thresholds: Thresholds;
  /** Bucket boundaries of every histogram the service exports: the profile's, overridden, plus the database's. */
  histograms: Record<string, number[]>;
  /** How each histogram is read (profile's `histogramTypes` with the service's overrides); absent: all classic. */
  histogramTypes?: Record<string, HistogramType>;
  /** Labels the scrape adds besides job, instance and the selector's matchers. */
  targetLabels?: string[];
  slos: SloConfig[];
  business?: BusinessMetrics;
  database?: DatabaseMetrics;
  runbookBaseUrl: string;
  grafanaFolder: string;
  expectTraffic: boolean;
  clientErrorAlert?: Required<ClientErrorAlertConfig>;
  tags: string[];
  grafanaUrl: string;
  /** Every metric this service exports, from its profile, business and database metrics. */
  metrics: Record<string, MetricKind>;
  compose?: ComposeService;
  /** The config module the service was declared in, for diagnostics; `dac.config.ts` when unknown. */
  configFile?: string;
}

export interface Delivery {
  prometheusUrl: string;
  kubernetes: {
    namespace: string;
    ruleLabels: Record<string, string>;
    dashboardLabel: { name: string; value: string };
    folderAnnotation: string;
  };
  rulers: { sourceTenants: string[] };
}
