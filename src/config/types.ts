/**
 * The service model every dashboard and rule is a function of. Metric and label names live
 * in the metric profile so that definitions never hard-code them.
 */

export type MetricKind = 'counter' | 'gauge' | 'histogram' | 'info' | 'summary';

/** HTTP server metrics as one client library names them. */
export interface HttpMetrics {
  /** Counter of finished requests, carrying the handler, method and status labels. */
  requests: string;
  /** Histogram base name (without `_bucket`); its series carry `handler` and `method`. */
  duration: string;
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
  /** A database query slower than this counts as slow; must be a bucket boundary. */
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
  period: string;
  /** Latency SLOs: a request counts as good when faster than this; must be a bucket boundary. */
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
  profile?: string | MetricProfile;
  thresholds?: Partial<Thresholds>;
  slos?: SloConfig[];
  business?: BusinessMetrics;
  database?: DatabaseMetrics;
  /** Base URL of runbooks; alerts link to `<base>/<alert-name>`. */
  runbookBaseUrl?: string;
  /** Grafana folder the dashboards go into. */
  grafanaFolder?: string;
  /** A service that should always have traffic gets a "no traffic" alert. */
  expectTraffic?: boolean;
  /** Tags added to every dashboard of the service. */
  tags?: string[];
  compose?: ComposeService;
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

export interface DacConfig {
  services: ServiceConfig[];
  /** Base URL of the Grafana that serves the dashboards; alert links point there. */
  grafanaUrl?: string;
  delivery?: DeliveryConfig;
}

/** A service with every default filled in and its profile resolved. */
export interface Service {
  name: string;
  title: string;
  selector: Required<Selector>;
  profile: MetricProfile;
  thresholds: Thresholds;
  slos: SloConfig[];
  business?: BusinessMetrics;
  database?: DatabaseMetrics;
  runbookBaseUrl: string;
  grafanaFolder: string;
  expectTraffic: boolean;
  tags: string[];
  grafanaUrl: string;
  /** Every metric this service exports, from its profile, business and database metrics. */
  metrics: Record<string, MetricKind>;
  compose?: ComposeService;
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
