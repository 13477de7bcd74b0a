import { defineConfig } from 'dac';

/**
 * The services this repository monitors. The built-in example is the Items API: FastAPI on a SQL
 * database, instrumented with prometheus-fastapi-instrumentator plus business and database metrics.
 */
export default defineConfig({
  grafanaUrl: 'http://localhost:3000',
  // Beyond dashboards and rules: what the demo (provisioning, compose) and the delivery tests read.
  outputs: { provisioning: true, kubernetes: true, rulers: true, compose: true, grafana: true },
  services: [
    {
      name: 'items-api',
      title: 'Items API',
      selector: { job: 'fastapi' },
      profile: 'fastapi-instrumentator',
      // The instrumentator's default buckets (see the profile): p95 and p99 alerts and the latency SLO
      // read http_request_duration_highr_seconds, whose boundaries include 0.5 and reach 60 s.
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
        // As declared in examples/items-api/app/metrics.py (DB_QUERY_DURATION).
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        operationLabel: 'operation',
        poolSize: 'db_connection_pool_size',
        poolInUse: 'db_connection_pool_checked_out',
      },
      runbookBaseUrl: 'https://runbooks.example.com/items-api',
      // The course's read-only users guess ids, so some 404s are normal (under 8 % of the demo
      // traffic); a quarter of all requests getting a 4xx for 10 minutes is a broken route or client.
      clientErrorAlert: { ratio: 0.25 },
      grafanaFolder: 'Items API',
      tags: ['items-api'],
      compose: { build: 'examples/items-api', port: 8000, environment: { DATABASE_URL: 'sqlite:///./items.db' } },
    },
  ],
  // Who hears about what (README, "Alertmanager"). Secrets stay out of this file and out of out/:
  // each notifier names the file Alertmanager reads its key or URL from, here kube-prometheus-stack's
  // mount of the Secret `alertmanager-notifiers` (alertmanagerSpec.secrets).
  alerting: {
    defaultTeam: 'platform',
    groupBy: ['alertname', 'service', 'environment'],
    email: {
      smarthost: 'smtp.example.com:587',
      from: 'alertmanager@example.com',
      authUsername: 'alertmanager@example.com',
      authPasswordFile: '/etc/alertmanager/secrets/alertmanager-notifiers/smtp-password',
    },
    teams: [
      {
        // The Items API team: pages wake the on-call through PagerDuty and show in the team channel;
        // tickets only go to the channel. In production a page also opens an incident.
        name: 'api',
        services: ['items-api'],
        notifiers: {
          pager: { kind: 'pagerduty', routingKeyFile: '/etc/alertmanager/secrets/alertmanager-notifiers/pagerduty-items-api' },
          chat: {
            kind: 'slack',
            channel: '#items-api-alerts',
            apiUrlFile: '/etc/alertmanager/secrets/alertmanager-notifiers/slack-webhook-url',
          },
          incidents: {
            kind: 'webhook',
            url: 'https://incidents.example.com/hooks/alertmanager',
            basicAuth: { username: 'alertmanager', passwordFile: '/etc/alertmanager/secrets/alertmanager-notifiers/incidents-password' },
          },
        },
        paths: { page: ['pager', 'chat'], ticket: ['chat'] },
        environments: {
          production: { page: ['pager', 'chat', 'incidents'] },
          // Nobody is woken for staging.
          staging: { page: ['chat'] },
        },
      },
      {
        // The database alerts of every service go to the database team's channel.
        name: 'database',
        alerts: ['SlowDatabaseQueries', 'DatabasePoolExhausted'],
        notifiers: {
          chat: { kind: 'slack', channel: '#db-alerts', apiUrlFile: '/etc/alertmanager/secrets/alertmanager-notifiers/slack-webhook-url' },
        },
        paths: { ticket: ['chat'] },
      },
      {
        // Everything no team owns: mail to the platform team.
        name: 'platform',
        notifiers: { mail: { kind: 'email', to: 'platform@example.com' } },
        paths: { page: ['mail'] },
      },
    ],
  },
});
