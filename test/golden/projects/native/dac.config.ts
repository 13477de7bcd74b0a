import { defineConfig } from 'dac';

/**
 * A Go service whose request-duration histogram is native (client_golang, bucket factor 1.1), as
 * examples/native-api exposes it: quantiles, the latency SLO and the heatmap read the native
 * series, and the SLO threshold (0.3 s) is no bucket boundary. The second service is the same
 * fleet part-way through its migration: native where an instance has it, classic buckets elsewhere.
 */
export default defineConfig({
  project: 'golden-native',
  services: [
    {
      name: 'native-api',
      title: 'Native API',
      selector: { job: 'native-api' },
      profile: 'client-golang-native',
      slos: [
        { name: 'availability', kind: 'availability', objective: 99.9, period: '30d' },
        { name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.3 },
      ],
    },
    {
      name: 'migrating-api',
      title: 'Migrating API',
      selector: { job: 'migrating-api' },
      profile: 'client-golang-native',
      histogramTypes: { http_request_duration_seconds: 'native-or-classic' },
      slos: [{ name: 'latency', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.25 }],
    },
  ],
});
