import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

import { minimalAlertmanagerConfig, startAlertmanager, type Alertmanager, type RouteTiming } from './alertmanager.js';
import { ensureInstalled } from './install.js';
import { startItemsApi, sqliteUrl, type FaultSpec, type ItemsApi } from './items-api.js';
import { elapsedSince, say } from './log.js';
import { OUT_ALERTMANAGER_CONFIG } from './paths.js';
import { startPostgres, type PostgresHandle } from './postgres.js';
import type { ManagedProcess } from './process.js';
import { APP_JOB, defaultRuleFiles, startPrometheus, type Prometheus } from './prometheus.js';
import { fetchWithTimeout } from './net.js';
import { waitUntil } from './wait.js';
import { startTraffic, type TrafficOptions } from './traffic.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook.js';

export interface StackOptions {
  /** PostgreSQL (default) like the course, or SQLite for a lighter run. */
  database?: 'postgres' | 'sqlite';
  /**
   * Alertmanager config to run; default out/alertmanager/alertmanager.yml, else a one-receiver config.
   * 'minimal' asks for the one-receiver config whatever out/ holds, for runs that test no routing.
   */
  alertmanagerConfig?: string;
  /** Prometheus rule files; default every out/rules/*.yml. */
  ruleFiles?: readonly string[];
  scrapeInterval?: string;
  evaluationInterval?: string;
  /** Overrides group_wait/group_interval/repeat_interval on every route. */
  routeTiming?: RouteTiming;
  /** Background CRUD traffic; false for none. */
  traffic?: TrafficOptions | false;
  /** Every process is killed after this long, whatever happens to the caller. */
  maxLifetimeSec?: number;
  /** Install missing Debian packages and the venv first (default true). */
  install?: boolean;
}

export interface StopOptions {
  /** Keep logs, configs and data for inspection (default: DAC_E2E_KEEP=1). */
  keepRunDir?: boolean;
}

export interface Stack {
  runDir: string;
  app: ItemsApi;
  prometheus: Prometheus;
  alertmanager: Alertmanager;
  webhook: WebhookReceiver;
  postgres: PostgresHandle | undefined;
  traffic: ManagedProcess | undefined;
  setFaults(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  /** Replaces the background traffic (stopping the current generator first). */
  restartTraffic(options?: TrafficOptions): Promise<ManagedProcess>;
  stopTraffic(): Promise<void>;
  /** Last lines of every process log, for a failing test's report. */
  logTails(lines?: number): string;
  stop(options?: StopOptions): Promise<void>;
}

/** Whether the app's /metrics page holds a sample of the request counter. */
async function servedARequest(appUrl: string): Promise<boolean> {
  const res = await fetchWithTimeout(`${appUrl}/metrics`);
  return /^http_requests_total\{/m.test(await res.text());
}

function makeRunDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dac-stack-'));
  // Traversable (not listable) so the postgres system user can reach its data folder.
  fs.chmodSync(dir, 0o711);
  return dir;
}

function resolveAlertmanagerConfig(runDir: string, requested: string | undefined): string {
  if (requested && requested !== 'minimal') return requested;
  if (!requested && fs.existsSync(OUT_ALERTMANAGER_CONFIG)) return OUT_ALERTMANAGER_CONFIG;
  const fallback = path.join(runDir, 'alertmanager-minimal.yml');
  fs.writeFileSync(fallback, stringify(minimalAlertmanagerConfig()));
  if (!requested) say(`no ${path.relative(process.cwd(), OUT_ALERTMANAGER_CONFIG)} yet; using a one-receiver config`);
  return fallback;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const started = Date.now();
  const maxLifetimeSec = options.maxLifetimeSec ?? 900;
  if (options.install !== false) await ensureInstalled();

  const runDir = makeRunDir();
  say(`run folder ${runDir}`);
  const processes: ManagedProcess[] = [];
  let webhook: WebhookReceiver | undefined;
  let traffic: ManagedProcess | undefined;
  let stopping: Promise<void> | undefined;

  const stop = (stopOptions: StopOptions = {}): Promise<void> => {
    stopping ??= (async () => {
      // Reverse start order: clients before servers, the database last.
      await traffic?.stop();
      for (const p of [...processes].reverse()) await p.stop();
      await webhook?.stop();
      const keep = stopOptions.keepRunDir ?? process.env['DAC_E2E_KEEP'] === '1';
      if (keep) say(`stopped; logs kept in ${runDir}`);
      else fs.rmSync(runDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    webhook = await startWebhookReceiver(path.join(runDir, 'notifications.jsonl'));
    const receiver = webhook;
    say(`webhook receiver  ${receiver.baseUrl}  (journal: ${path.join(runDir, 'notifications.jsonl')})`);

    let postgres: PostgresHandle | undefined;
    let databaseUrl: string;
    if ((options.database ?? 'postgres') === 'postgres') {
      postgres = await startPostgres(runDir, maxLifetimeSec);
      processes.push(postgres.process);
      databaseUrl = postgres.url;
      say(`postgres          127.0.0.1:${postgres.port}  (log: ${postgres.process.logFile})`);
    } else {
      databaseUrl = sqliteUrl(runDir);
    }

    const app = await startItemsApi({ runDir, databaseUrl, maxLifetimeSec });
    processes.push(app.process);
    say(`items-api         ${app.url}  on ${databaseUrl.split(':')[0]}  (log: ${app.process.logFile})`);

    const { alertmanager, notes } = await startAlertmanager({
      runDir,
      configFile: resolveAlertmanagerConfig(runDir, options.alertmanagerConfig),
      receiverUrl: (name) => receiver.urlFor(name),
      maxLifetimeSec,
      ...(options.routeTiming ? { routeTiming: options.routeTiming } : {}),
    });
    processes.push(alertmanager.process);
    for (const note of notes) say(`alertmanager config: ${note}`);
    say(`alertmanager      ${alertmanager.url}  (log: ${alertmanager.process.logFile})`);

    const launchTraffic = (trafficOptions: TrafficOptions): ManagedProcess => {
      const durationSec = Math.min(trafficOptions.durationSec ?? maxLifetimeSec, maxLifetimeSec);
      traffic = startTraffic(runDir, app.url, { ...trafficOptions, durationSec });
      say(`traffic           ${trafficOptions.rps ?? 20} req/s for at most ${durationSec}s  (log: ${traffic.logFile})`);
      return traffic;
    };
    // Traffic before Prometheus: the instrumentator creates its request series on the first request
    // it counts, so a service scraped before any request looks like one whose metrics vanished.
    if (options.traffic !== false) {
      const generator = launchTraffic(options.traffic ?? {});
      await waitUntil('the first request counted by the Items API', () => servedARequest(app.url), {
        timeoutMs: 60_000,
        intervalMs: 250,
        process: generator,
      });
    }

    const ruleFiles = options.ruleFiles ?? defaultRuleFiles();
    const prometheus = await startPrometheus({
      runDir,
      appTarget: new URL(app.url).host,
      alertmanagerTarget: alertmanager.target,
      ruleFiles,
      // As a Prometheus that kept its TSDB across a restart: the rules first run on scraped series.
      loadRulesOnceSeen: options.traffic !== false ? `http_requests_total{job="${APP_JOB}"}` : `up{job="${APP_JOB}"} == 1`,
      scrapeInterval: options.scrapeInterval ?? '1s',
      evaluationInterval: options.evaluationInterval ?? '1s',
      maxLifetimeSec,
    });
    processes.push(prometheus.process);
    say(`prometheus        ${prometheus.url}  with ${ruleFiles.length} rule file(s)  (log: ${prometheus.process.logFile})`);

    say(`stack up in ${elapsedSince(started)}`);
    return {
      runDir,
      app,
      prometheus,
      alertmanager,
      webhook: receiver,
      postgres,
      get traffic() {
        return traffic;
      },
      setFaults: (spec) => app.setFaults(spec),
      clearFaults: () => app.clearFaults(),
      async restartTraffic(trafficOptions = {}) {
        await traffic?.stop();
        return launchTraffic(trafficOptions);
      },
      async stopTraffic() {
        await traffic?.stop();
      },
      logTails(lines = 30) {
        return [...processes, ...(traffic ? [traffic] : [])].map((p) => `--- ${p.name} (${p.logFile}) ---\n${p.logTail(lines)}`).join('\n');
      },
      stop,
    };
  } catch (err) {
    say(`start failed; logs kept in ${runDir}`);
    await stop({ keepRunDir: true });
    throw err;
  }
}
