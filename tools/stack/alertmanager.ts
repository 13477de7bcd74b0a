import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

import { stackBinaries } from './binaries.js';
import { fetchWithTimeout, freePort, httpOk } from './net.js';
import { startProcess, type ManagedProcess } from './process.js';
import { waitUntil } from './wait.js';

/** Timings to force onto every route, so a test need not wait out production group_wait values. */
export interface RouteTiming {
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
}

export interface AlertmanagerOptions {
  runDir: string;
  /** A config file in Alertmanager's format, e.g. out/alertmanager/alertmanager.yml. */
  configFile: string;
  /** Maps a receiver name to the local URL its notifications must go to. */
  receiverUrl: (receiver: string) => string;
  routeTiming?: RouteTiming;
  maxLifetimeSec: number;
}

type Yaml = Record<string, unknown>;

const isObject = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A config with one webhook receiver, for when no generated config exists yet. */
export function minimalAlertmanagerConfig(): Yaml {
  return {
    route: { receiver: 'default', group_by: ['alertname'], group_wait: '1s', group_interval: '5s', repeat_interval: '1h' },
    receivers: [{ name: 'default', webhook_configs: [{ url: 'http://127.0.0.1:9/unused', send_resolved: true }] }],
  };
}

/**
 * Rewrites a config so that nothing leaves the machine: every receiver's
 * integrations (webhook, Slack, PagerDuty, mail...) become one webhook to
 * `receiverUrl(name)`; receivers with no integration stay silent, as routed.
 * Relative template paths are resolved against the original file's folder.
 * Returns the new config and a note for each change a reader may not expect.
 */
export function localiseAlertmanagerConfig(
  original: Yaml,
  sourceDir: string,
  receiverUrl: (receiver: string) => string,
  routeTiming?: RouteTiming,
): { config: Yaml; notes: string[] } {
  const config = structuredClone(original);
  const notes: string[] = [];

  if (isObject(config['global']) && 'http_config' in config['global']) {
    // A global proxy or TLS setting would apply to our loopback webhook too.
    delete config['global']['http_config'];
    notes.push('dropped global.http_config');
  }

  const receivers = Array.isArray(config['receivers']) ? config['receivers'] : [];
  for (const receiver of receivers) {
    if (!isObject(receiver) || typeof receiver['name'] !== 'string') continue;
    const name = receiver['name'];
    const integrations = Object.keys(receiver).filter((k) => k.endsWith('_configs'));
    if (integrations.length === 0) continue;
    const previous = Array.isArray(receiver['webhook_configs']) ? receiver['webhook_configs'] : [];
    const sendResolved = previous.some((w) => isObject(w) && w['send_resolved'] === false) ? false : true;
    const maxAlerts = previous.find((w): w is Yaml => isObject(w) && typeof w['max_alerts'] === 'number')?.['max_alerts'];
    for (const key of integrations) delete receiver[key];
    receiver['webhook_configs'] = [
      { url: receiverUrl(name), send_resolved: sendResolved, ...(maxAlerts !== undefined ? { max_alerts: maxAlerts } : {}) },
    ];
    const replaced = integrations.filter((k) => k !== 'webhook_configs');
    if (replaced.length > 0) notes.push(`receiver ${name}: ${replaced.join(', ')} replaced by the local webhook`);
  }

  if (Array.isArray(config['templates'])) {
    config['templates'] = config['templates'].map((t) => (typeof t === 'string' && !path.isAbsolute(t) ? path.resolve(sourceDir, t) : t));
  }

  if (routeTiming && isObject(config['route'])) applyRouteTiming(config['route'], routeTiming, true);
  return { config, notes };
}

function applyRouteTiming(route: Yaml, timing: RouteTiming, isRoot: boolean): void {
  for (const [key, value] of Object.entries(timing)) {
    // Child routes inherit from their parent, so only override where a child sets its own.
    if (value !== undefined && (isRoot || key in route)) route[key] = value;
  }
  const children = Array.isArray(route['routes']) ? route['routes'] : [];
  for (const child of children) if (isObject(child)) applyRouteTiming(child, timing, false);
}

function amtoolCheck(configFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(stackBinaries().amtool, ['check-config', configFile], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`amtool check-config failed:\n${stdout}${stderr}`));
      else resolve();
    });
  });
}

export interface ActiveAlert {
  labels: Record<string, string>;
  status: { state: string };
  receivers: Array<{ name: string }>;
}

export class Alertmanager {
  constructor(
    readonly url: string,
    readonly target: string,
    readonly configFile: string,
    readonly process: ManagedProcess,
  ) {}

  async alerts(): Promise<ActiveAlert[]> {
    const res = await fetchWithTimeout(`${this.url}/api/v2/alerts`);
    if (!res.ok) throw new Error(`GET /api/v2/alerts: HTTP ${res.status}`);
    return (await res.json()) as ActiveAlert[];
  }
}

export async function startAlertmanager(options: AlertmanagerOptions): Promise<{ alertmanager: Alertmanager; notes: string[] }> {
  const original = parse(fs.readFileSync(options.configFile, 'utf8')) as unknown;
  if (!isObject(original)) throw new Error(`${options.configFile} is not a YAML mapping`);
  const { config, notes } = localiseAlertmanagerConfig(
    original,
    path.dirname(path.resolve(options.configFile)),
    options.receiverUrl,
    options.routeTiming,
  );

  const dir = path.join(options.runDir, 'alertmanager');
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  const configFile = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(configFile, stringify(config));
  await amtoolCheck(configFile);

  const port = await freePort();
  const target = `127.0.0.1:${port}`;
  const proc = startProcess({
    name: 'alertmanager',
    command: stackBinaries().alertmanager,
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=${target}`,
      // Empty disables clustering: no gossip port, and no wait for peers to settle.
      '--cluster.listen-address=',
    ],
    logDir: options.runDir,
    maxLifetimeSec: options.maxLifetimeSec,
  });
  const url = `http://${target}`;
  await waitUntil('alertmanager /-/ready', () => httpOk(`${url}/-/ready`), { timeoutMs: 60_000, process: proc });
  return { alertmanager: new Alertmanager(url, target, configFile, proc), notes };
}
