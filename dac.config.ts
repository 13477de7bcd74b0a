import { defineConfig } from './src/index.js';

/**
 * The services this repository monitors. The built-in example is the Items API: FastAPI on a SQL
 * database, instrumented with prometheus-fastapi-instrumentator plus business and database metrics.
 */
export default defineConfig({
  grafanaUrl: 'http://localhost:3000',
  services: [
    {
      name: 'items-api',
      title: 'Items API',
      selector: { job: 'fastapi' },
      profile: 'fastapi-instrumentator',
      thresholds: {
        latencyP95Seconds: 0.5,
        latencyP99Seconds: 1,
        errorRatioWarning: 0.01,
        errorRatioCritical: 0.05,
        dbP99Seconds: 0.25,
        slowQuerySeconds: 0.1,
      },
      slos: [
        {
          name: 'availability',
          kind: 'availability',
          objective: 99.9,
          period: '30d',
          description: 'Requests answered without a server error',
        },
        {
          name: 'latency',
          kind: 'latency',
          objective: 99,
          period: '30d',
          thresholdSeconds: 0.5,
          description: 'Requests answered within 500 ms',
        },
      ],
      business: {
        operations: [
          { name: 'created', metric: 'items_created_total', writes: true },
          { name: 'read', metric: 'items_read_total', writes: false },
          { name: 'updated', metric: 'items_updated_total', writes: true },
          { name: 'deleted', metric: 'items_deleted_total', writes: true },
        ],
        info: { metric: 'fastapi_app_info', labels: ['version', 'environment'] },
      },
      database: {
        queryDuration: 'db_query_duration_seconds',
        operationLabel: 'operation',
        poolSize: 'db_connection_pool_size',
        poolInUse: 'db_connection_pool_checked_out',
      },
      runbookBaseUrl: 'https://runbooks.example.com/items-api',
      grafanaFolder: 'Items API',
      tags: ['items-api'],
      compose: { build: 'examples/items-api', port: 8000, environment: { DATABASE_URL: 'sqlite:///./items.db' } },
    },
  ],
});
