/**
 * Alerts reach the right people: the Alertmanager config and templates that `dac build` emits for the
 * built-in Items API are loaded by the real amtool, every alert the built-in rules define is routed
 * by it to the team and channel dac.config.ts says, in every environment, and no secret is written.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatWhere } from '../src/core/diagnostic.js';
import { DacError } from '../src/core/diagnostic.js';
import { resolveAlerting, type Alerting } from '../src/config/routing.js';
import { checkConfig, routeReceivers } from '../src/check/amtool.js';
import { runTool } from '../src/check/promtool.js';
import { findAmtool } from '../src/check/amtool.js';
import { emitFiles } from '../src/emit/files.js';
import { yamlText } from '../src/emit/serialize.js';
import { assembleModel } from '../src/model/assemble.js';
import type { BuildModel } from '../src/model/types.js';
import { alertmanagerConfig } from '../src/rules/alertmanager.js';
import { notificationTemplates } from '../src/rules/alertmanager-templates.js';
import { isAlert } from '../src/rules/model.js';
import { repoRoot } from '../tools/project-copy.js';
import { ensurePromTools } from './setup/prom-tools.js';
import { tempDir } from './setup/rules-harness.js';

let model: BuildModel;
let files: Map<string, string>;
/** The emitted out/alertmanager/ tree, written as the build writes it. */
let amFile: string;

beforeAll(async () => {
  ensurePromTools();
  model = await assembleModel(repoRoot);
  files = emitFiles(model);
  amFile = writeAlertmanagerTree(files);
}, 60_000);

function writeAlertmanagerTree(tree: ReadonlyMap<string, string>): string {
  const dir = tempDir();
  for (const [p, text] of tree) {
    if (!p.startsWith('alertmanager/')) continue;
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  return path.join(dir, 'alertmanager', 'alertmanager.yml');
}

/** Every alert of the built-in rules with the labels it is sent with (its own labels and its name). */
function builtInAlerts(): Record<string, string>[] {
  const seen = new Map<string, Record<string, string>>();
  for (const f of model.ruleFiles)
    for (const g of f.groups)
      for (const r of g.rules)
        if (isAlert(r)) {
          const labels = { alertname: r.alert, ...(r.labels ?? {}) };
          seen.set(JSON.stringify(labels), labels);
        }
  return [...seen.values()];
}

describe('the Alertmanager configuration built for the Items API', () => {
  it('is loaded by amtool check-config, templates included', async () => {
    const run = await checkConfig(amFile);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('SUCCESS');
    expect([...files.keys()].filter((p) => p.startsWith('alertmanager/')).sort()).toEqual([
      'alertmanager/alertmanager.yml',
      'alertmanager/templates/common.tmpl',
      'alertmanager/templates/email.tmpl',
      'alertmanager/templates/opsgenie.tmpl',
      'alertmanager/templates/pagerduty.tmpl',
      'alertmanager/templates/slack.tmpl',
    ]);
  });

  it('routes every built-in alert to its team and channel, in every environment (amtool config routes test)', async () => {
    // What dac.config.ts says: the database team owns the database alerts of any service; the api team
    // the rest of items-api, pages to PagerDuty and on to Slack, plus the incident webhook in
    // production and Slack only in staging; tickets to Slack.
    const expected = (labels: Record<string, string>): string[] => {
      if (['SlowDatabaseQueries', 'DatabasePoolExhausted'].includes(labels['alertname']!)) return ['database-chat'];
      const paging = ['critical', 'page'].includes(labels['severity']!);
      if (!paging) return ['api-chat'];
      if (labels['environment'] === 'production') return ['api-pager', 'api-chat', 'api-incidents'];
      if (labels['environment'] === 'staging') return ['api-chat'];
      return ['api-pager', 'api-chat'];
    };
    const alerts = builtInAlerts();
    // Every severity and both kinds of ownership are exercised by the built-in rules.
    expect(new Set(alerts.map((a) => a['severity']))).toEqual(new Set(['critical', 'warning', 'page', 'ticket']));
    expect(alerts.map((a) => a['alertname'])).toEqual(
      expect.arrayContaining(['SlowDatabaseQueries', 'DatabasePoolExhausted', 'ServiceDown']),
    );
    const wrong: string[] = [];
    for (const alert of alerts)
      for (const environment of [undefined, 'production', 'staging']) {
        const labels = { ...alert, ...(environment ? { environment } : {}) };
        const got = await routeReceivers(amFile, labels);
        if (JSON.stringify(got) !== JSON.stringify(expected(labels)))
          wrong.push(`${JSON.stringify(labels)} → ${got.join(',')}, wanted ${expected(labels).join(',')}`);
      }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('sends what no team owns to the default team by mail, whatever its severity', async () => {
    for (const severity of ['critical', 'warning', 'info', 'unheard-of'])
      expect(await routeReceivers(amFile, { alertname: 'DiskFull', service: 'billing', severity })).toEqual(['platform-mail']);
  });

  it('groups by alert, service and environment, as the course documents do', () => {
    const cfg = parse(files.get('alertmanager/alertmanager.yml')!) as { route: { group_by: string[] } };
    expect(cfg.route.group_by).toEqual(['alertname', 'service', 'environment']);
  });

  it('holds no secret: keys, webhook URLs and passwords appear only as the files Alertmanager reads them from', () => {
    const text = files.get('alertmanager/alertmanager.yml')!;
    const secretKeys: string[] = [];
    const walk = (v: unknown, at: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (/(api_url|routing_key|service_key|api_key|password|credentials|token)$/.test(k)) secretKeys.push(`${at}.${k}`);
          walk(x, `${at}.${k}`);
        }
    };
    walk(parse(text), '');
    expect(secretKeys).toEqual([]);
    for (const field of ['api_url_file', 'routing_key_file', 'password_file', 'smtp_auth_password_file'])
      expect(text).toContain(`${field}: /etc/alertmanager/secrets/`);
    expect(text).not.toMatch(/hooks\.slack\.com|\/\/[^/\s]+:[^/\s]+@/);
  });
});

const amtoolRender = async (dir: string, name: string, data: object): Promise<string> => {
  const dataFile = path.join(dir, `${name}.json`);
  writeFileSync(dataFile, JSON.stringify(data));
  const run = await runTool(findAmtool(), [
    'template',
    'render',
    `--template.glob=${path.join(dir, 'templates', '*.tmpl')}`,
    `--template.text={{ template "${name}" . }}`,
    `--template.data=${dataFile}`,
  ]);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
};

describe('the notification templates, rendered by amtool template render', () => {
  /** Two alerts of one group as Prometheus sends them for the built-in HighErrorRate, one of them resolved. */
  function groupOf(status: 'firing' | 'resolved') {
    const rule = model.ruleFiles
      .flatMap((f) => f.groups.flatMap((g) => g.rules))
      .find((r) => isAlert(r) && r.alert === 'HighErrorRate' && r.labels?.['severity'] === 'critical');
    if (!rule || !isAlert(rule)) throw new Error('the built-in rules lost HighErrorRate');
    const labels = { alertname: 'HighErrorRate', ...rule.labels, environment: 'production' };
    // Prometheus expands the annotation templates before sending; this is its text for a 7.5 % error share.
    const annotations = { ...rule.annotations, summary: 'Items API answers 7.5% of requests with a server error' };
    const alert = (s: string, instance: string) => ({
      status: s,
      labels: { ...labels, instance },
      annotations,
      startsAt: '2024-05-01T10:00:00Z',
      endsAt: s === 'resolved' ? '2024-05-01T10:30:00Z' : '0001-01-01T00:00:00Z',
    });
    return {
      receiver: 'api-chat',
      status,
      alerts: status === 'firing' ? [alert('firing', 'a:8000'), alert('resolved', 'b:8000')] : [alert('resolved', 'a:8000')],
      groupLabels: { alertname: 'HighErrorRate', service: 'items-api', environment: 'production' },
      commonLabels: labels,
      commonAnnotations: annotations,
      externalURL: 'http://alertmanager.example.com',
    };
  }
  let dir: string;
  beforeAll(() => {
    dir = path.dirname(amFile);
  });
  const rule = () =>
    model.ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules)).find((r) => isAlert(r) && r.alert === 'HighErrorRate')!;

  it('Slack: title with what fired and how many, text with summary, description, runbook and dashboard links', async () => {
    const firing = groupOf('firing');
    expect(await amtoolRender(dir, 'dac.slack.title', firing)).toBe('[FIRING:1] HighErrorRate · items-api · production');
    const text = await amtoolRender(dir, 'dac.slack.text', firing);
    const annotations = (rule() as { annotations: Record<string, string> }).annotations;
    expect(text).toContain('*Firing:* Items API answers 7.5% of requests with a server error');
    expect(text).toContain(annotations['description']!);
    expect(text).toContain(`<${annotations['runbook_url']}|Runbook> · <${annotations['dashboard_url']}|Dashboard>`);
    expect(text).toContain('*Resolved:*');
    expect(await amtoolRender(dir, 'dac.slack.color', firing)).toBe('danger');
    expect(await amtoolRender(dir, 'dac.dashboard_url', firing)).toBe(annotations['dashboard_url']);
  });

  it('email: the subject says what fired, the body every alert with its links; a resolved group says RESOLVED', async () => {
    expect(await amtoolRender(dir, 'dac.email.subject', groupOf('firing'))).toBe('[FIRING:1] HighErrorRate · items-api · production');
    const body = await amtoolRender(dir, 'dac.email.text', groupOf('firing'));
    expect(body).toMatch(/^1 firing, 1 resolved\./);
    expect(body).toContain('FIRING HighErrorRate (severity critical, instance a:8000)\nSummary: Items API answers 7.5% of requests');
    expect(body).toContain('Runbook: https://runbooks.example.com/items-api/HighErrorRate');
    expect(body).toContain('Dashboard: http://localhost:3000/d/items-api-red');
    expect(body).toContain('RESOLVED HighErrorRate (severity critical, instance b:8000)');
    expect(await amtoolRender(dir, 'dac.email.subject', groupOf('resolved'))).toBe('[RESOLVED] HighErrorRate · items-api · production');
  });

  it('PagerDuty: a one-line summary and the Events API v2 severity; OpsGenie: a priority', async () => {
    expect(await amtoolRender(dir, 'dac.pagerduty.description', groupOf('firing'))).toBe(
      '[FIRING:1] HighErrorRate · items-api · production: Items API answers 7.5% of requests with a server error (2 alerts)',
    );
    expect(await amtoolRender(dir, 'dac.pagerduty.severity', groupOf('firing'))).toBe('critical');
    expect(await amtoolRender(dir, 'dac.opsgenie.priority', groupOf('firing'))).toBe('P1');
  });
});

/** A project of two services and three teams that uses every kind of notifier and every option. */
const teamsConfig = {
  services: [
    { name: 'orders', title: 'Orders', selector: { job: 'orders' } },
    { name: 'billing', title: 'Billing', selector: { job: 'billing' } },
  ],
  alerting: {
    defaultTeam: 'ops',
    environmentLabel: 'env',
    email: { smarthost: 'smtp.example.com:587', from: 'am@example.com', authUsername: 'am', authPasswordFile: '/run/secrets/smtp' },
    timeIntervals: {
      'business-hours': [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '18:00' }], location: 'Europe/Paris' }],
      maintenance: [{ years: ['2030'], months: ['january'], daysOfMonth: ['1:2'] }],
    },
    teams: [
      {
        name: 'shop',
        services: ['orders'],
        slos: ['checkout-latency'],
        notifiers: {
          pager: { kind: 'opsgenie', apiKeyFile: '/run/secrets/opsgenie', responderTeam: 'shop' },
          chat: { kind: 'slack', channel: '#shop', apiUrlFile: '/run/secrets/slack' },
          mail: { kind: 'email', to: 'shop@example.com' },
        },
        paths: { page: ['pager', 'chat'], ticket: ['chat'], info: ['mail'] },
        environments: { staging: { page: ['chat'], ticket: ['mail'] } },
        onlyDuring: { ticket: ['business-hours'] },
        mutedDuring: ['maintenance'],
      },
      {
        name: 'payments',
        services: ['billing'],
        notifiers: {
          pd: { kind: 'pagerduty', routingKeyFile: '/run/secrets/pd', url: 'https://events.eu.pagerduty.com/v2/enqueue' },
          hook: { kind: 'webhook', url: 'https://incidents.example.com/hook', bearerTokenFile: '/run/secrets/hook-token' },
        },
        paths: { page: ['pd', 'hook'], ticket: ['hook'] },
      },
      { name: 'ops', notifiers: { mail: { kind: 'email', to: 'ops@example.com' } }, paths: { ticket: ['mail'] } },
    ],
  },
};

function resolved(config: object): Alerting {
  return resolveAlerting(
    config,
    'dac.config.ts',
    (config as typeof teamsConfig).services.map((s) => s.name),
  )!;
}

function writeConfig(config: object): string {
  const alerting = resolved(config);
  const tree = new Map([
    ['alertmanager/alertmanager.yml', yamlText(alertmanagerConfig([], alerting), 'dac.config.ts')],
    ...notificationTemplates(alerting.environmentLabel, 'dac.config.ts'),
  ]);
  return writeAlertmanagerTree(tree);
}

describe('team routing from the config, proved by amtool for every team × urgency × environment', () => {
  it('loads in amtool with every notifier kind, time intervals and environments', async () => {
    const run = await checkConfig(writeConfig(teamsConfig));
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('takes each path the config gives', async () => {
    const file = writeConfig(teamsConfig);
    const cases: [Record<string, string>, string[]][] = [
      [{ service: 'orders', severity: 'critical' }, ['shop-pager', 'shop-chat']],
      [{ service: 'orders', severity: 'page' }, ['shop-pager', 'shop-chat']],
      [{ service: 'orders', severity: 'warning' }, ['shop-chat']],
      [{ service: 'orders', severity: 'info' }, ['shop-mail']],
      [{ service: 'orders', severity: 'critical', env: 'staging' }, ['shop-chat']],
      [{ service: 'orders', severity: 'ticket', env: 'staging' }, ['shop-mail']],
      // staging gives no info path: the team's own applies.
      [{ service: 'orders', severity: 'info', env: 'staging' }, ['shop-mail']],
      [{ service: 'orders', severity: 'critical', env: 'production' }, ['shop-pager', 'shop-chat']],
      // An SLO the shop team owns pages it even when another team's service burns it.
      [{ service: 'billing', slo: 'checkout-latency', severity: 'page' }, ['shop-pager', 'shop-chat']],
      [{ service: 'billing', severity: 'page' }, ['payments-pd', 'payments-hook']],
      [{ service: 'billing', severity: 'ticket' }, ['payments-hook']],
      // payments has no info path: its quietest one, the ticket path, takes info.
      [{ service: 'billing', severity: 'info' }, ['payments-hook']],
      // ops has only a ticket path: pages and info reach it there too.
      [{ service: 'elsewhere', severity: 'critical' }, ['ops-mail']],
      [{ severity: 'info' }, ['ops-mail']],
    ];
    const got: string[][] = [];
    for (const [labels] of cases) got.push(await routeReceivers(file, { alertname: 'X', ...labels }));
    expect(got).toEqual(cases.map(([, want]) => want));
  }, 60_000);

  it('keeps tickets to business hours and mutes the whole team during maintenance', () => {
    const cfg = alertmanagerConfig([], resolved(teamsConfig)) as {
      route: { routes: { matchers?: string[]; routes: Record<string, unknown>[] }[] };
      time_intervals: { name: string }[];
    };
    expect(cfg.time_intervals.map((t) => t.name)).toEqual(['business-hours', 'maintenance']);
    const shop = cfg.route.routes.find((r) => r.matchers?.[0] === 'service="orders"')!;
    const leaves = shop.routes.flatMap((r) => (r['routes'] as Record<string, unknown>[] | undefined) ?? [r]);
    for (const leaf of leaves) expect(leaf['mute_time_intervals']).toEqual(['maintenance']);
    const tickets = leaves.filter((l) => (l['matchers'] as string[] | undefined)?.[0] === 'severity=~"warning|ticket"');
    expect(tickets.length).toBeGreaterThan(0);
    for (const t of tickets) expect(t['active_time_intervals']).toEqual(['business-hours']);
    const pages = leaves.filter((l) => (l['matchers'] as string[] | undefined)?.[0] === 'severity=~"critical|page"');
    for (const p of pages) expect(p['active_time_intervals']).toBeUndefined();
  });
});

/** The located findings a config gets, as the CLI prints their place. */
function findings(alerting: object): string[] {
  try {
    resolveAlerting({ ...teamsConfig, alerting: { ...teamsConfig.alerting, ...alerting } }, 'dac.config.ts', ['orders', 'billing']);
    return [];
  } catch (err) {
    if (!(err instanceof DacError)) throw err;
    return err.diagnostics.map((d) => `${formatWhere(d.where)}: ${d.message}${d.hint ? ` — fix: ${d.hint}` : ''}`);
  }
}

const withTeam = (team: object) => ({
  teams: [...teamsConfig.alerting.teams.slice(1), { name: 'shop', services: ['orders'], paths: { page: ['x'] }, ...team }],
});

describe('secrets in the config are refused, located at the field, with the fix', () => {
  it('a PagerDuty key, a Slack webhook URL, a password written into the config', () => {
    expect(findings(withTeam({ notifiers: { x: { kind: 'pagerduty', routingKey: 'R0123456789abcdef' } } }))).toEqual([
      'dac.config.ts › alerting › team shop › notifier x › routingKey: holds a secret written into the config: it would land in out/alertmanager/alertmanager.yml and in git — fix: write the secret into a file on the Alertmanager host (mode 0400, e.g. /etc/alertmanager/secrets/…) and give its path in routingKeyFile',
      "dac.config.ts › alerting › team shop › notifier x › routingKeyFile: is missing — fix: e.g. routingKeyFile: '/etc/alertmanager/secrets/shop-x' — a file holding the secret, never the secret itself",
    ]);
    const slack = findings(
      withTeam({ notifiers: { x: { kind: 'slack', channel: '#a', apiUrlFile: 'https://hooks.slack.com/services/T0/B0/abc' } } }),
    );
    expect(slack).toEqual([
      expect.stringMatching(
        /^dac\.config\.ts › alerting › team shop › notifier x › apiUrlFile: holds a Slack incoming-webhook URL: .* — fix: write it into a file on the Alertmanager host, e.g. \/etc\/alertmanager\/secrets\/shop-x, and give that path in apiUrlFile$/,
      ),
    ]);
    expect(findings({ email: { smarthost: 'smtp.example.com:587', from: 'a@example.com', authPassword: 'hunter2' } })).toEqual([
      expect.stringMatching(/^dac\.config\.ts › alerting › email › authPassword: holds a secret .* give its path in authPasswordFile$/),
    ]);
    expect(findings(withTeam({ notifiers: { x: { kind: 'webhook', url: 'https://am:s3cret@incidents.example.com/hook' } } }))).toEqual([
      expect.stringMatching(
        /^dac\.config\.ts › alerting › team shop › notifier x › url: holds a URL with a password in it: .* basicAuth: \{ username, passwordFile \} or bearerTokenFile$/,
      ),
    ]);
    expect(
      findings(
        withTeam({
          notifiers: { x: { kind: 'webhook', url: 'https://incidents.example.com/hook', basicAuth: { username: 'am', password: 'pw' } } },
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^dac\.config\.ts › alerting › team shop › notifier x › basicAuth\.password: holds a secret .* passwordFile$/),
      expect.stringMatching(/basicAuth\.passwordFile: must be the path of the file/),
    ]);
  });

  it('a secret file given by a relative path, which Alertmanager would look for inside out/', () => {
    expect(findings(withTeam({ notifiers: { x: { kind: 'opsgenie', apiKeyFile: 'secrets/opsgenie' } } }))).toEqual([
      expect.stringMatching(/› notifier x › apiKeyFile: "secrets\/opsgenie" is not an absolute path/),
    ]);
  });

  it('a path naming a notifier, service or time interval that does not exist, and two owners of one service', () => {
    expect(
      findings({
        defaultTeam: 'nobody',
        teams: [
          ...teamsConfig.alerting.teams,
          {
            name: 'dup',
            services: ['orders', 'shipping'],
            notifiers: { m: { kind: 'email', to: 'a@example.com' } },
            paths: { page: ['pager'] },
            mutedDuring: ['lunch'],
          },
        ],
      }),
    ).toEqual([
      'dac.config.ts › alerting › team dup › services: service orders is also owned by team shop — fix: give each service, alert and SLO one owning team',
      'dac.config.ts › alerting › team dup › services: names the service "shipping", which the config does not define — fix: use one of orders, billing',
      'dac.config.ts › alerting › team dup › paths › page: names the notifier "pager", which the team does not have — fix: use one of m',
      'dac.config.ts › alerting › team dup › mutedDuring: names the time interval "lunch", which alerting.timeIntervals does not define — fix: define it: timeIntervals: { \'lunch\': [ ... ] }',
      'dac.config.ts › alerting › defaultTeam: "nobody" is not one of the teams — fix: name one of the teams: shop, payments, ops, dup',
    ]);
  });

  it('names a notifier of the wrong type through the config type check', async () => {
    const { resolveConfig } = await import('../src/config/validate.js');
    // The shape check runs with the rest of the config: a notifier that is not an object is named.
    expect(() =>
      resolveConfig(
        { ...teamsConfig, alerting: { ...teamsConfig.alerting, teams: [{ name: 'shop', notifiers: { x: 5 } }] } },
        'dac.config.ts',
      ),
    ).toThrow(/alerting\.teams\[0\]\.notifiers\.x: must be an object/);
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

/** Runs the real Alertmanager on the built config, posts `alerts` and returns which ones it inhibits. */
async function inhibitedAmong(alerts: Record<string, string>[]): Promise<Record<string, string>[]> {
  const dir = tempDir();
  const port = await freePort();
  const am = spawn(
    '/usr/bin/prometheus-alertmanager',
    [`--config.file=${amFile}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
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

describe('inhibition, by the real Alertmanager on the built configuration', () => {
  it("lets a critical alert mute only the warning of the same alert on the same target and environment, never another's", async () => {
    const alert = (severity: string, instance?: string, environment?: string) => ({
      alertname: 'WorkerQueueBacklog',
      service: 'items-api',
      severity,
      ...(instance ? { instance } : {}),
      ...(environment ? { environment } : {}),
    });
    const inhibited = await inhibitedAmong([
      alert('critical', 'a:8000'),
      alert('warning', 'a:8000'),
      alert('warning', 'b:8000'),
      alert('critical', 'c:8000', 'staging'),
      alert('warning', 'c:8000', 'production'),
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

describe('a project without `alerting`', () => {
  it('still gets a configuration amtool loads, routing by severity to receivers that notify nobody', async () => {
    const text = yamlText(alertmanagerConfig(model.services), 'dac.config.ts');
    const file = writeAlertmanagerTree(new Map([['alertmanager/alertmanager.yml', text]]));
    expect((await checkConfig(file)).code).toBe(0);
    expect(await routeReceivers(file, { service: 'items-api', severity: 'critical' })).toEqual(['pager']);
    const receivers = (parse(readFileSync(file, 'utf8')) as { receivers: object[] }).receivers;
    expect(receivers).toEqual([{ name: 'default' }, { name: 'pager' }, { name: 'ticket' }]);
  });
});
