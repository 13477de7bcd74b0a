import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkConfig, routeReceivers } from '../src/deliver/amtool.js';
import { alertmanagerConfig, RECEIVER_OF } from '../src/rules/alertmanager.js';
import { SEVERITIES } from '../src/rules/model.js';
import { ensurePromTools } from './setup/prom-tools.js';
import { itemsApi, tempDir, yaml } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

function writeConfig(): string {
  const file = path.join(tempDir(), 'alertmanager.yml');
  writeFileSync(file, yaml(alertmanagerConfig([itemsApi()])));
  return file;
}

describe('the generated Alertmanager configuration', () => {
  it('passes amtool check-config', async () => {
    const run = await checkConfig(writeConfig());
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('SUCCESS');
  });

  it('routes pages and critical alerts to the pager, tickets and warnings to the ticket queue, info to the default receiver', async () => {
    const file = writeConfig();
    const routed: Record<string, string[]> = {};
    for (const severity of SEVERITIES) routed[severity] = await routeReceivers(file, { severity, service: 'items-api', alertname: 'X' });
    expect(routed).toEqual({ critical: ['pager'], warning: ['ticket'], info: ['default'], page: ['pager'], ticket: ['ticket'] });
    for (const severity of SEVERITIES) expect(routed[severity]).toEqual([RECEIVER_OF[severity]]);
  });

  it('routes alerts of a service it does not know by severity too', async () => {
    expect(await routeReceivers(writeConfig(), { severity: 'page', service: 'elsewhere' })).toEqual(['pager']);
  });

  it('groups by service and alert, and lets critical mute warning (same alert and instance) and page mute ticket of the same alert', () => {
    const cfg = alertmanagerConfig([itemsApi()]) as {
      route: { group_by: string[] };
      inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
    };
    expect(cfg.route.group_by).toEqual(['service', 'alertname']);
    expect(cfg.inhibit_rules).toEqual([
      { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['service', 'alertname', 'instance'] },
      { source_matchers: ['severity="page"'], target_matchers: ['severity="ticket"'], equal: ['service', 'alertname', 'slo'] },
    ]);
  });

  it('is the same text for the same services', () => {
    expect(yaml(alertmanagerConfig([itemsApi()]))).toBe(yaml(alertmanagerConfig([itemsApi()])));
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface FiringAlert {
  labels: Record<string, string>;
  status: { inhibitedBy: string[] };
}

/** Runs the real Alertmanager on the generated config, posts `alerts` and returns which ones it inhibits. */
async function inhibitedAmong(alerts: Record<string, string>[]): Promise<Record<string, string>[]> {
  const dir = tempDir();
  const port = await freePort();
  const am = spawn(
    '/usr/bin/prometheus-alertmanager',
    [`--config.file=${writeConfig()}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    { stdio: 'ignore' },
  );
  const api = `http://127.0.0.1:${port}/api/v2`;
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`http://127.0.0.1:${port}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 100) throw new Error('Alertmanager did not become ready');
      await new Promise((r) => setTimeout(r, 100));
    }
    const posted = await fetch(`${api}/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts.map((labels) => ({ labels }))),
    });
    expect(posted.ok).toBe(true);
    const listed = (await (await fetch(`${api}/alerts`)).json()) as FiringAlert[];
    expect(listed).toHaveLength(alerts.length);
    return listed.filter((a) => a.status.inhibitedBy.length > 0).map((a) => a.labels);
  } finally {
    am.kill();
  }
}

describe('inhibition, by the real Alertmanager on the generated configuration', () => {
  it("lets a critical alert mute only the warning of the same alert on the same target, never another instance's", async () => {
    const alert = (severity: string, instance?: string) => ({
      alertname: 'WorkerQueueBacklog',
      service: 'items-api',
      severity,
      ...(instance ? { instance } : {}),
    });
    const inhibited = await inhibitedAmong([
      alert('critical', 'a:8000'),
      alert('warning', 'a:8000'),
      alert('warning', 'b:8000'),
      // Service-wide pairs (HighLatency p99 critical, p95 warning) carry no instance: the warning is muted.
      { alertname: 'HighLatency', service: 'items-api', severity: 'critical', quantile: 'p99' },
      { alertname: 'HighLatency', service: 'items-api', severity: 'warning', quantile: 'p95' },
    ]);
    expect(inhibited).toEqual(
      expect.arrayContaining([
        alert('warning', 'a:8000'),
        { alertname: 'HighLatency', service: 'items-api', severity: 'warning', quantile: 'p95' },
      ]),
    );
    expect(inhibited).toHaveLength(2);
  }, 30_000);
});
