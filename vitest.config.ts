import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start real promtool, Prometheus and Alertmanager processes: give them room, and run
    // files one at a time so two suites never race for the same tool or port range.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
