/**
 * The types of dac.config.ts, checked before any field is read: the config is JavaScript at run
 * time, and `runbookBaseUrl: ['…']` or `thresholds: 7` would otherwise surface as a crash deep in
 * the build. Each wrong type is one finding naming the field, what it holds and what to write.
 * The meaning of the values (ranges, names, bucket boundaries) is checked by validate.ts.
 */
import type { Diagnostic } from '../core/diagnostic.js';

type Shape =
  | { t: 'string'; example: string }
  | { t: 'number'; example: string }
  | { t: 'boolean' }
  | { t: 'list'; of: Shape; example: string }
  | { t: 'object'; fields: Record<string, Shape>; example: string }
  | { t: 'map'; of: Shape; example: string }
  | { t: 'either'; shapes: Shape[]; example: string };

const str = (example: string): Shape => ({ t: 'string', example });
const num = (example: string): Shape => ({ t: 'number', example });
const bool: Shape = { t: 'boolean' };
const list = (of: Shape, example: string): Shape => ({ t: 'list', of, example });
const obj = (fields: Record<string, Shape>, example: string): Shape => ({ t: 'object', fields, example });
const map = (of: Shape, example: string): Shape => ({ t: 'map', of, example });

const buckets = list(num('0.5'), '[0.1, 0.25, 0.5, 1]');
const stringMap = (example: string) => map(str("'value'"), example);

const slo = obj(
  {
    name: str("'availability'"),
    kind: str("'availability' or 'latency'"),
    objective: num('99.9'),
    period: str("'30d'"),
    thresholdSeconds: num('0.5'),
    minRequestRate: num('0.1'),
    description: str("'Requests answered without a server error'"),
  },
  "{ name: 'availability', kind: 'availability', objective: 99.9, period: '30d' }",
);

const service = obj(
  {
    name: str("'items-api'"),
    title: str("'Items API'"),
    selector: obj({ job: str("'fastapi'"), matchers: stringMap("{ namespace: 'prod' }") }, "{ job: 'fastapi' }"),
    profile: {
      t: 'either',
      shapes: [str("'fastapi-instrumentator'"), obj({}, 'defineProfile({ ... })')],
      example: "'fastapi-instrumentator' or defineProfile({ ... })",
    },
    thresholds: obj(
      {
        latencyP95Seconds: num('0.5'),
        latencyP99Seconds: num('1'),
        errorRatioWarning: num('0.01'),
        errorRatioCritical: num('0.05'),
        dbP99Seconds: num('0.25'),
        slowQuerySeconds: num('0.1'),
        poolUsageRatio: num('0.9'),
      },
      '{ latencyP95Seconds: 0.5, errorRatioWarning: 0.01 }',
    ),
    histograms: map(buckets, '{ http_request_duration_seconds: [0.1, 0.5, 1] }'),
    histogramTypes: map(str("'native'"), "{ http_request_duration_seconds: 'native' }"),
    targetLabels: list(str("'pod'"), "['pod', 'container']"),
    slos: list(slo, "[{ name: 'availability', kind: 'availability', objective: 99.9, period: '30d' }]"),
    business: obj(
      {
        operations: list(
          obj(
            { name: str("'created'"), metric: str("'items_created_total'"), writes: bool },
            "{ name: 'created', metric: 'items_created_total', writes: true }",
          ),
          "[{ name: 'created', metric: 'items_created_total', writes: true }]",
        ),
        info: obj(
          { metric: str("'app_info'"), labels: list(str("'version'"), "['version']") },
          "{ metric: 'app_info', labels: ['version'] }",
        ),
      },
      '{ operations: [...] }',
    ),
    database: obj(
      {
        queryDuration: str("'db_query_duration_seconds'"),
        buckets,
        operationLabel: str("'operation'"),
        poolSize: str("'db_connection_pool_size'"),
        poolInUse: str("'db_connection_pool_checked_out'"),
      },
      "{ queryDuration: 'db_query_duration_seconds' }",
    ),
    runbookBaseUrl: str("'https://runbooks.example.com/items-api'"),
    grafanaFolder: str("'Items API'"),
    expectTraffic: bool,
    clientErrorAlert: obj({ ratio: num('0.2'), status: str("'404'"), for: str("'10m'"), minRequestRate: num('0.1') }, '{ ratio: 0.2 }'),
    tags: list(str("'items-api'"), "['items-api']"),
    compose: obj(
      {
        build: str("'examples/items-api'"),
        image: str("'ghcr.io/acme/items-api:1.2'"),
        port: num('8000'),
        environment: stringMap("{ LOG_LEVEL: 'info' }"),
      },
      '{ build: "examples/items-api", port: 8000 }',
    ),
  },
  "{ name: 'items-api', title: 'Items API', selector: { job: 'fastapi' } }",
);

const paths = map(list(str("'chat'"), "['pager', 'chat']"), "{ page: ['pager', 'chat'], ticket: ['chat'] }");
const notifier = obj(
  {
    kind: str("'slack', 'pagerduty', 'email', 'webhook' or 'opsgenie'"),
    channel: str("'#items-api-alerts'"),
    apiUrlFile: str("'/etc/alertmanager/secrets/slack-url'"),
    routingKeyFile: str("'/etc/alertmanager/secrets/pagerduty-key'"),
    url: str("'https://incidents.example.com/hook'"),
    to: str("'team@example.com'"),
    basicAuth: obj(
      { username: str("'alertmanager'"), passwordFile: str("'/etc/alertmanager/secrets/hook-password'") },
      "{ username: 'alertmanager', passwordFile: '/etc/alertmanager/secrets/hook-password' }",
    ),
    bearerTokenFile: str("'/etc/alertmanager/secrets/hook-token'"),
    apiKeyFile: str("'/etc/alertmanager/secrets/opsgenie-key'"),
    apiUrl: str("'https://api.eu.opsgenie.com/'"),
    responderTeam: str("'database'"),
  },
  "{ kind: 'email', to: 'team@example.com' }",
);
const names = (example: string) => list(str(`'${example}'`), `['${example}']`);
const alerting = obj(
  {
    teams: list(
      obj(
        {
          name: str("'api'"),
          services: names('items-api'),
          alerts: names('SlowDatabaseQueries'),
          slos: names('availability'),
          notifiers: map(notifier, "{ chat: { kind: 'slack', channel: '#alerts', apiUrlFile: '/etc/alertmanager/secrets/slack-url' } }"),
          paths,
          environments: map(paths, "{ staging: { page: ['chat'] } }"),
          onlyDuring: map(names('business-hours'), "{ ticket: ['business-hours'] }"),
          mutedDuring: names('maintenance'),
        },
        "{ name: 'api', services: ['items-api'], notifiers: { ... }, paths: { ... } }",
      ),
      "[{ name: 'api', services: ['items-api'], notifiers: { ... }, paths: { ... } }]",
    ),
    defaultTeam: str("'ops'"),
    groupBy: names('alertname'),
    environmentLabel: str("'environment'"),
    email: obj(
      {
        smarthost: str("'smtp.example.com:587'"),
        from: str("'alerts@example.com'"),
        authUsername: str("'alerts@example.com'"),
        authPasswordFile: str("'/etc/alertmanager/secrets/smtp-password'"),
        requireTls: bool,
      },
      "{ smarthost: 'smtp.example.com:587', from: 'alerts@example.com' }",
    ),
    timeIntervals: map(
      list(
        obj(
          {
            weekdays: names('monday:friday'),
            times: list(
              obj({ start: str("'09:00'"), end: str("'18:00'") }, "{ start: '09:00', end: '18:00' }"),
              "[{ start: '09:00', end: '18:00' }]",
            ),
            daysOfMonth: names('1:7'),
            months: names('december'),
            years: names('2030'),
            location: str("'Europe/Paris'"),
          },
          "{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '18:00' }] }",
        ),
        "[{ weekdays: ['monday:friday'] }]",
      ),
      "{ 'business-hours': [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '18:00' }] }] }",
    ),
  },
  "{ defaultTeam: 'ops', teams: [ ... ] }",
);

const config = obj(
  {
    alerting,
    project: str("'shop'"),
    services: list(service, "[{ name: 'items-api', title: 'Items API', selector: { job: 'fastapi' } }]"),
    grafanaUrl: str("'https://grafana.example.com'"),
    minPrometheusVersion: num('3'),
    outputs: obj(
      {
        dashboards: bool,
        rules: bool,
        provisioning: bool,
        kubernetes: bool,
        rulers: bool,
        compose: bool,
        grafana: {
          t: 'either',
          shapes: [bool, obj({ apiVersion: str("'v2beta1'") }, "{ apiVersion: 'v2beta1' }")],
          example: "true or { apiVersion: 'v2beta1' }",
        },
      },
      '{ provisioning: true, kubernetes: true }',
    ),
    delivery: obj(
      {
        prometheusUrl: str("'http://prometheus:9090'"),
        kubernetes: obj(
          {
            namespace: str("'monitoring'"),
            ruleLabels: stringMap("{ release: 'kube-prometheus-stack' }"),
            dashboardLabel: obj({ name: str("'grafana_dashboard'"), value: str("'1'") }, "{ name: 'grafana_dashboard', value: '1' }"),
            folderAnnotation: str("'grafana_folder'"),
          },
          "{ namespace: 'monitoring' }",
        ),
        rulers: obj({ sourceTenants: list(str("'team-a'"), "['team-a']") }, "{ sourceTenants: ['team-a'] }"),
      },
      "{ prometheusUrl: 'http://prometheus:9090' }",
    ),
  },
  'defineConfig({ services: [ ... ] })',
);

function held(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'the text' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}

const wanted: Record<Shape['t'], string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  list: 'a list',
  object: 'an object',
  map: 'an object',
  either: 'a name or an object',
};

/** What a value must be, in words: an `either` of other shapes than a name and an object says which. */
const wantedOf = (shape: Shape): string =>
  shape.t === 'either' && !shape.shapes.some((s) => s.t === 'string')
    ? shape.shapes.map((s) => wanted[s.t]).join(', or ')
    : wanted[shape.t];

function matches(shape: Shape, value: unknown): boolean {
  switch (shape.t) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'object':
    case 'map':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'either':
      return shape.shapes.some((s) => matches(s, value));
  }
}

/** Every field whose value has the wrong type, located by service and field path. */
export function configShapeProblems(value: unknown, file: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const walk = (shape: Shape, v: unknown, where: string[], field: string) => {
    if (v === undefined && where.length > 0) return; // absence is validate.ts's to judge
    if (!matches(shape, v)) {
      const example = shape.t === 'boolean' ? 'true' : shape.example;
      problems.push({
        severity: 'error',
        check: 'config/type',
        where: { file, path: where },
        message: `must be ${wantedOf(shape)}, but holds ${held(v)}`,
        hint: `write ${field ? `${field}: ` : ''}${example}`,
      });
      return;
    }
    if (shape.t === 'list')
      (v as unknown[]).forEach((item, i) => walk(shape.of, item, [...where.slice(0, -1), `${where.at(-1) ?? field}[${i}]`], field));
    if (shape.t === 'map') for (const [k, item] of Object.entries(v as object)) walk(shape.of, item, [...where, k], k);
    // The object an `either` matched is checked field by field, like any other.
    const chosen = shape.t === 'either' ? shape.shapes.find((s) => s.t === 'object' && matches(s, v)) : undefined;
    if (chosen) walk(chosen, v, where, field);
    if (shape.t === 'object')
      for (const [k, sub] of Object.entries(shape.fields)) walk(sub, (v as Record<string, unknown>)[k], [...where, k], k);
  };
  const services = (value as { services?: unknown } | null)?.services;
  walk(config, value, [], '');
  // Named as validate.ts names its own findings: the service, then the field as written.
  for (const p of problems) {
    const m = /^services\[(\d+)\]$/.exec(p.where.path[0] ?? '');
    if (!m) {
      p.where.path = p.where.path.length ? [p.where.path.join('.')] : [];
      continue;
    }
    const svc = (Array.isArray(services) ? services[Number(m[1])] : undefined) as { name?: unknown } | undefined;
    const rest = p.where.path.slice(1).join('.');
    p.where.path = [`service ${typeof svc?.name === 'string' ? svc.name : `#${Number(m[1]) + 1}`}`, ...(rest ? [rest] : [])];
  }
  return problems;
}
