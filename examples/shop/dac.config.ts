import { defineConfig, defineProfile, histogramMetrics } from 'dac';

/**
 * A user's project with two services beside the built-in example: a Flask app instrumented with
 * prometheus_flask_exporter, and a Go service whose metrics follow its own naming, declared as a
 * custom profile. Build it with `npx dac --dir examples/shop build`.
 */
const goCheckout = defineProfile({
  name: 'go-checkout',
  description: 'Go service with promhttp metrics under a "checkout_" prefix',
  http: {
    requests: 'checkout_http_requests_total',
    duration: 'checkout_http_request_duration_seconds',
    inProgress: 'checkout_http_in_flight_requests',
    labels: { handler: 'route', method: 'method', status: 'code' },
  },
  metrics: {
    checkout_http_requests_total: 'counter',
    ...histogramMetrics('checkout_http_request_duration_seconds'),
    checkout_http_in_flight_requests: 'gauge',
  },
  // promhttp's histogram with client_golang's DefBuckets, which the service does not change.
  buckets: { checkout_http_request_duration_seconds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
  // The values the generated promtool tests put on their inputs, as promhttp writes them
  // (method lower-cased, code numeric) on the service's routes.
  labelValues: { handlers: ['/orders', '/orders/{id}'], methods: ['get', 'post'], ok: ['200', '201'], serverError: '500' },
});

export default defineConfig({
  // Names the project in Grafana (tag dac-project:shop), wherever the project is checked out or installed.
  project: 'shop',
  grafanaUrl: 'https://grafana.shop.example',
  // The shop deploys with file provisioning and the Prometheus Operator, and keeps its dashboards
  // as Grafana 12 resources in the v2 layout (out/grafana/) for Git Sync.
  outputs: { provisioning: true, kubernetes: true, grafana: { apiVersion: 'v2beta1' } },
  delivery: { kubernetes: { namespace: 'shop-monitoring', ruleLabels: { prometheus: 'shop' } } },
  services: [
    {
      name: 'catalog',
      title: 'Catalog',
      selector: { job: 'catalog', matchers: { namespace: 'shop' } },
      profile: 'flask-exporter',
      slos: [{ name: 'availability', kind: 'availability', objective: 99.5, period: '28d' }],
      runbookBaseUrl: 'https://runbooks.shop.example/catalog',
      grafanaFolder: 'Shop/Catalog',
    },
    {
      name: 'checkout',
      title: 'Checkout',
      selector: { job: 'checkout', matchers: { namespace: 'shop' } },
      profile: goCheckout,
      thresholds: { latencyP95Seconds: 0.3, latencyP99Seconds: 1 },
      slos: [
        { name: 'availability', kind: 'availability', objective: 99.95, period: '30d', minRequestRate: 0.5 },
        { name: 'latency', kind: 'latency', objective: 99, period: '7d', thresholdSeconds: 0.25 },
      ],
      runbookBaseUrl: 'https://runbooks.shop.example/checkout',
      grafanaFolder: 'Shop/Checkout',
    },
  ],
});
