import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Projects inside this repository import 'dac': its sources under test, not a compiled dist/ (package.json "dac-source").
  ssr: { resolve: { conditions: ['dac-source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start real promtool, Prometheus and Alertmanager processes: give them room, and run
    // files one at a time so two suites never race for the same tool or port range.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
