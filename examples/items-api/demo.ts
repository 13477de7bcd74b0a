/**
 * `npm run demo`: the Items API running for real under dac's output, to look at and to break.
 *
 * Builds out/ when the definitions changed, then starts PostgreSQL (or SQLite), the app, a
 * Prometheus loading out/rules/*.yml, an Alertmanager running out/alertmanager/alertmanager.yml
 * with every receiver pointed at a local webhook that logs what it gets, and steady traffic.
 * Prints where everything is and how to inject faults, and stops everything on Ctrl-C or after
 * --minutes (default 30). Everything listens on 127.0.0.1 only.
 *
 *   npm run demo -- [--minutes N] [--sqlite] [--rps N]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';

import { beforeInterruptExit, startStack, type Stack } from '../../tools/stack/index.js';
import { REPO_ROOT } from '../../tools/stack/paths.js';

const OUT = path.join(REPO_ROOT, 'out');
const SCRAPE_INTERVAL = '5s';

interface DemoOptions {
  minutes: number;
  database: 'postgres' | 'sqlite';
  rps: number;
}

function readOptions(): DemoOptions {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '30' },
      sqlite: { type: 'boolean', default: false },
      rps: { type: 'string', default: '10' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run demo -- [--minutes N (default 30, at most 55)] [--sqlite] [--rps N (default 10)]\n');
    process.exit(0);
  }
  const minutes = Number(values.minutes);
  const rps = Number(values.rps);
  // traffic.py refuses runs over an hour; the processes' lifetime bound sits a little above.
  if (!(minutes > 0 && minutes <= 55)) throw new Error(`--minutes must be in (0, 55], got ${values.minutes}`);
  if (!(rps > 0 && rps <= 100)) throw new Error(`--rps must be in (0, 100], got ${values.rps}`);
  return { minutes, database: values.sqlite ? 'sqlite' : 'postgres', rps };
}

/** `dac build` rewrites out/ only when the definitions changed, so running it every time is cheap. */
function buildOut(): void {
  process.stdout.write('dac build …\n');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'dac.js'), 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

function ruleFiles(): string[] {
  const dir = path.join(OUT, 'rules');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Grafana provisioning for this run: the generated data source pointed at the demo's Prometheus,
 * and the generated dashboard provider reading out/provisioning/dashboards where they are.
 */
function writeGrafanaProvisioning(stack: Stack): string {
  const dir = path.join(stack.runDir, 'grafana-provisioning');
  const datasources = parse(fs.readFileSync(path.join(OUT, 'provisioning', 'datasources', 'prometheus.yml'), 'utf8')) as {
    datasources: Array<{ url?: string; jsonData?: Record<string, unknown> }>;
  };
  for (const ds of datasources.datasources) {
    ds.url = stack.prometheus.url;
    // $__rate_interval is derived from this: it must be the scrape interval Prometheus really uses.
    ds.jsonData = { ...ds.jsonData, timeInterval: SCRAPE_INTERVAL };
  }
  const providers = parse(fs.readFileSync(path.join(OUT, 'provisioning', 'dashboards', 'dashboards.yml'), 'utf8')) as {
    providers: Array<{ options?: Record<string, unknown> }>;
  };
  for (const p of providers.providers) p.options = { ...p.options, path: path.join(OUT, 'provisioning', 'dashboards') };
  fs.mkdirSync(path.join(dir, 'datasources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'dashboards'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'datasources', 'prometheus.yml'), stringify(datasources));
  fs.writeFileSync(path.join(dir, 'dashboards', 'dashboards.yml'), stringify(providers));
  return dir;
}

function printGuide(stack: Stack, options: DemoOptions, provisioning: string): void {
  const app = stack.app.url;
  const fault = (body: string) => `curl -s -XPUT ${app}/admin/faults -H 'content-type: application/json' -d '${body}'`;
  process.stdout.write(`
Items API demo: running for ${options.minutes} min on ${options.database}; Ctrl-C stops everything.

  Items API        ${app}   (${app}/docs, ${app}/metrics)
  Prometheus       ${stack.prometheus.url}   alerts: ${stack.prometheus.url}/alerts   rules: ${stack.prometheus.url}/rules
  Alertmanager     ${stack.alertmanager.url}
  Notifications    POSTed to ${stack.webhook.baseUrl}/receivers/<receiver>, logged to ${path.join(stack.runDir, 'notifications.jsonl')}
                   (tail -f it to watch them arrive)
  Logs             ${stack.runDir}/*.log
  Traffic          ${options.rps} req/s, the course's CRUD mix (examples/items-api/traffic.py)

Break it (the SLO page alerts have no "for": they fire within seconds; ServiceDown after 1m):
  ${fault('{"error_ratio": {"/items": 1.0}}')}     # 500s on /items
  ${fault('{"latency_seconds": 1.5}')}             # every item request 1.5 s slower
  ${fault('{"db_latency_seconds": 0.3}')}          # every database call 0.3 s slower
  curl -s -XDELETE ${app}/admin/faults                                        # back to healthy
  curl -s ${app}/admin/faults                                                 # what is switched on

Grafana (when you have one): provisioning for this run is in
  ${provisioning}
  (data source → ${stack.prometheus.url}, dashboards → ${path.join(OUT, 'provisioning', 'dashboards')})
  e.g. GF_PATHS_PROVISIONING=${provisioning} grafana server --homepath /usr/share/grafana
  or add a Prometheus data source with URL ${stack.prometheus.url} and scrape interval ${SCRAPE_INTERVAL},
  then import out/dashboards/*.json.

`);
}

async function status(stack: Stack): Promise<string> {
  const one = async (expr: string) => (await stack.prometheus.scalar(expr)) ?? 0;
  const rps = await one('sum(rate(http_requests_total{job="fastapi"}[1m]))');
  const errors = await one(
    'sum(rate(http_requests_total{job="fastapi",status=~"5.."}[1m])) / sum(rate(http_requests_total{job="fastapi"}[1m]))',
  );
  const p95 = await one('histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="fastapi"}[1m])))');
  const live = await stack.prometheus.alerts();
  const firing = [...new Set(live.filter((a) => a.state === 'firing').map((a) => a.labels['alertname']))];
  const pending = live.filter((a) => a.state === 'pending').length;
  return (
    `${new Date().toISOString().slice(11, 19)}  ${rps.toFixed(1)} req/s  5xx ${(errors * 100).toFixed(1)}%  p95 ${(p95 * 1000).toFixed(0)} ms  ` +
    `firing: ${firing.join(', ') || 'none'}  pending: ${pending}  notifications: ${stack.webhook.notifications.length}`
  );
}

async function main(): Promise<void> {
  const options = readOptions();
  buildOut();
  const durationSec = Math.round(options.minutes * 60);
  const stack = await startStack({
    database: options.database,
    alertmanagerConfig: path.join(OUT, 'alertmanager', 'alertmanager.yml'),
    ruleFiles: ruleFiles(),
    scrapeInterval: SCRAPE_INTERVAL,
    evaluationInterval: SCRAPE_INTERVAL,
    // Notifications within seconds rather than the production group_wait of 30s.
    routeTiming: { group_wait: '5s', group_interval: '30s' },
    traffic: { rps: options.rps, workers: 8, durationSec },
    maxLifetimeSec: durationSec + 60,
  });
  beforeInterruptExit(() => {
    process.stdout.write('\ninterrupted: stopping everything…\n');
    return stack.stop();
  });
  printGuide(stack, options, writeGrafanaProvisioning(stack));

  const deadline = Date.now() + durationSec * 1000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, deadline - Date.now())));
    if (Date.now() >= deadline) break;
    process.stdout.write(`${await status(stack).catch((err: Error) => `status unavailable: ${err.message}`)}\n`);
  }
  process.stdout.write(`\n${options.minutes} min are up: stopping.\n`);
  await stack.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
