import { defineConfig } from 'dac';

/**
 * One service with SLOs over the periods teams use: 7, 14, 28 and 30 days. Its golden tree shows
 * the windows and burn factors each period gets (no tier may fire at a burn rate of 1 or less).
 */
export default defineConfig({
  project: 'golden-slo-periods',
  services: [
    {
      name: 'orders',
      title: 'Orders',
      selector: { job: 'orders' },
      profile: 'fastapi-instrumentator',
      slos: [
        { name: 'availability-7d', kind: 'availability', objective: 99.5, period: '7d' },
        { name: 'availability-14d', kind: 'availability', objective: 99.5, period: '14d' },
        { name: 'availability-28d', kind: 'availability', objective: 99.9, period: '28d' },
        { name: 'latency-30d', kind: 'latency', objective: 99, period: '30d', thresholdSeconds: 0.5 },
      ],
    },
  ],
});
