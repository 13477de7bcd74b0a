import { defineConfig } from 'dac';

/**
 * The Go service in this folder, whose request-duration histogram is native (client_golang's
 * NativeHistogramBucketFactor 1.1): its latency SLO counts requests answered within 300 ms, which
 * lies between the classic DefBuckets boundaries 0.25 and 0.5 and is measured exactly only on the
 * native histogram. test/e2e/native-histograms.test.ts runs what this builds on Prometheus 3.
 * Build it with `npx dac --dir examples/native-api build --out <folder>`.
 */
export default defineConfig({
  project: 'native-api',
  outputs: { dashboards: true, rules: true },
  services: [
    {
      name: 'native-api',
      title: 'Native API',
      // Prometheus 3 scrapes it with `scrape_native_histograms: true` (README, "Native histograms").
      selector: { job: 'native-api' },
      profile: 'client-golang-native',
      thresholds: { latencyP95Seconds: 0.3, latencyP99Seconds: 1 },
      slos: [
        { name: 'availability', kind: 'availability', objective: 99.9, period: '30d' },
        {
          name: 'latency',
          kind: 'latency',
          objective: 99,
          period: '30d',
          thresholdSeconds: 0.3,
          description: 'Requests answered within 300 ms',
        },
      ],
      runbookBaseUrl: 'https://runbooks.example.com/native-api',
      grafanaFolder: 'Native API',
    },
  ],
});
