/**
 * Notifications arrive, readable, on every kind of receiver the built-in config uses: the real
 * Alertmanager runs the config and templates the build emits, and only what nothing local can
 * stand in for is changed — the secret files it reads are written here, holding loopback URLs and
 * test keys; the PagerDuty and webhook endpoints and the SMTP server are loopback ones. Slack,
 * PagerDuty and the incident webhook are answered by one local HTTP server; mail by a real SMTP
 * server, aiosmtpd (Debian's python3-aiosmtpd), writing to a Maildir.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createServer, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitFiles } from '../../src/emit/files.js';
import { assembleModel } from '../../src/model/assemble.js';
import { isAlert, type AlertingRule } from '../../src/rules/model.js';
import { repoRoot } from '../../tools/project-copy.js';

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const PYTHON = '/usr/bin/python3';
const ensureApt = path.join(repoRoot, 'examples/items-api/scripts/ensure-apt.sh');

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

type Yaml = Record<string, unknown>;

let dir: string;
let httpPort: number;
let smtpPort: number;
let amPort: number;
const received: Received[] = [];
const children: ChildProcess[] = [];
let server: http.Server;
let rules: AlertingRule[];
const TEST_ROUTING_KEY = 'e2e-routing-key-0123456789abcdef';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The built config, made to deliver on this machine: each `*_file` points at a file written here
 * (a Slack URL on the local server, a test routing key, a test password), endpoints go to loopback,
 * mail to the local SMTP server without TLS, and group timings shrink to seconds.
 */
function localise(config: Yaml, configDir: string, secretsDir: string): Yaml {
  const secretFor = new Map<string, string>();
  const secretFile = (original: string, content: string) => {
    const file = path.join(secretsDir, original.replace(/[^a-zA-Z0-9_.-]+/g, '_'));
    fs.writeFileSync(file, content, { mode: 0o400 });
    secretFor.set(original, file);
    return file;
  };
  const global = config['global'] as Yaml;
  global['smtp_smarthost'] = `127.0.0.1:${smtpPort}`;
  global['smtp_require_tls'] = false;
  if (typeof global['smtp_auth_password_file'] === 'string')
    global['smtp_auth_password_file'] = secretFile(global['smtp_auth_password_file'], 'e2e-smtp-password');
  for (const receiver of config['receivers'] as Yaml[]) {
    const name = receiver['name'] as string;
    for (const c of (receiver['slack_configs'] as Yaml[] | undefined) ?? [])
      c['api_url_file'] = secretFile(`${c['api_url_file']}-${name}`, `http://127.0.0.1:${httpPort}/slack/${name}`);
    for (const c of (receiver['pagerduty_configs'] as Yaml[] | undefined) ?? []) {
      c['routing_key_file'] = secretFile(c['routing_key_file'] as string, TEST_ROUTING_KEY);
      c['url'] = `http://127.0.0.1:${httpPort}/pagerduty/${name}`;
    }
    for (const c of (receiver['webhook_configs'] as Yaml[] | undefined) ?? []) {
      c['url'] = `http://127.0.0.1:${httpPort}/webhook/${name}`;
      const auth = (c['http_config'] as Yaml | undefined)?.['basic_auth'] as Yaml | undefined;
      if (auth) auth['password_file'] = secretFile(auth['password_file'] as string, 'e2e-webhook-password');
    }
    const kinds = Object.keys(receiver).filter((k) => k.endsWith('_configs'));
    // A kind not handled here could send outside the machine: the built-in config must not use one.
    expect(
      kinds.every((k) => ['slack_configs', 'pagerduty_configs', 'webhook_configs', 'email_configs'].includes(k)),
      `${name}: ${kinds.join(', ')}`,
    ).toBe(true);
  }
  const route = config['route'] as Yaml;
  Object.assign(route, { group_wait: '1s', group_interval: '2s' });
  config['templates'] = (config['templates'] as string[]).map((t) => path.resolve(configDir, t));
  const text = JSON.stringify(config);
  // Every URL left is a loopback one, and every secret file one written here.
  expect(text.match(/https?:\/\/[^"]+/g)?.filter((u) => !u.startsWith('http://127.0.0.1:')) ?? []).toEqual([]);
  expect(text).not.toContain('/etc/alertmanager/secrets');
  return config;
}

/** The annotations Prometheus sends: its templates expanded for these labels (the value shown as 1). */
function expand(text: string, labels: Record<string, string>): string {
  return text.replace(/\{\{\s*\$labels\.(\w+)\s*\}\}/g, (_, l: string) => labels[l] ?? '').replace(/\{\{\s*\$value[^}]*\}\}/g, '1');
}

function alertFrom(name: string, severity: string, extra: Record<string, string>, endsAt?: Date) {
  const rule = rules.find((r) => r.alert === name && r.labels?.['severity'] === severity);
  if (!rule) throw new Error(`the built-in rules have no ${severity} ${name}`);
  const labels = { alertname: name, ...(rule.labels ?? {}), job: 'fastapi', ...extra };
  const annotations = Object.fromEntries(Object.entries(rule.annotations ?? {}).map(([k, v]) => [k, expand(String(v), labels)]));
  return { labels, annotations, ...(endsAt ? { endsAt: endsAt.toISOString() } : {}) };
}

async function post(alerts: object[]): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${amPort}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
  });
  expect(res.status).toBe(200);
}

function mails(): string[] {
  const maildir = path.join(dir, 'maildir', 'new');
  return fs.existsSync(maildir) ? fs.readdirSync(maildir).map((f) => fs.readFileSync(path.join(maildir, f), 'utf8')) : [];
}

const unQuote = (text: string) =>
  Buffer.from(
    text.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

/**
 * A mail as its reader sees it: headers' encoded words (`=?utf-8?q?…?=`, which the "·" of the title
 * needs) and the quoted-printable body decoded, soft line breaks joined.
 */
function decoded(mail: string): string {
  return unQuote(mail.replace(/=\?utf-8\?q\?([^?]*)\?=/gi, (_, w: string) => w.replace(/_/g, ' ')).replace(/=\r?\n/g, ''));
}

beforeAll(async () => {
  execFileSync('bash', [ensureApt, 'prometheus-alertmanager', 'python3-aiosmtpd'], { stdio: 'inherit' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dac-am-notify-'));
  const model = await assembleModel(repoRoot);
  rules = model.ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules)).filter(isAlert);
  const files = emitFiles(model);
  for (const [p, text] of files)
    if (p.startsWith('alertmanager/')) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), text);
    }

  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      // PagerDuty answers 202 with a status; Slack and webhooks 200.
      if (req.url?.startsWith('/pagerduty'))
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"success","message":"Event processed"}');
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  httpPort = (server.address() as { port: number }).port;
  smtpPort = await freePort();
  amPort = await freePort();

  const smtp = spawn(
    PYTHON,
    ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${smtpPort}`, '-c', 'aiosmtpd.handlers.Mailbox', path.join(dir, 'maildir')],
    { stdio: 'ignore' },
  );
  children.push(smtp);

  const secrets = path.join(dir, 'secrets');
  fs.mkdirSync(secrets);
  const amDir = path.join(dir, 'alertmanager');
  const config = localise(parse(fs.readFileSync(path.join(amDir, 'alertmanager.yml'), 'utf8')) as Yaml, amDir, secrets);
  const configFile = path.join(dir, 'alertmanager-local.yml');
  fs.writeFileSync(configFile, stringify(config));
  const am = spawn(
    ALERTMANAGER,
    [
      `--config.file=${configFile}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, 'alertmanager.log'), 'w')] },
  );
  children.push(am);
  for (let i = 0; ; i++) {
    const ready = await fetch(`http://127.0.0.1:${amPort}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (i > 150) throw new Error(`Alertmanager did not become ready: ${fs.readFileSync(path.join(dir, 'alertmanager.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // The SMTP server is ready when it takes a connection.
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
      socket.connect(smtpPort, '127.0.0.1');
    });
    if (up) break;
    if (i > 150) throw new Error('aiosmtpd did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}, 300_000);

afterAll(async () => {
  for (const c of children) c.kill();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('the built Alertmanager config delivers to real local receivers', () => {
  const serviceDown = () => alertFrom('ServiceDown', 'critical', { instance: '10.0.0.7:8000', environment: 'production' });
  const slowQueries = () => alertFrom('SlowDatabaseQueries', 'warning', { operation: 'select' });

  it('pages the API team on PagerDuty (Events API v2), in its Slack channel and, in production, on the incident webhook', async () => {
    await post([serviceDown()]);
    const summary = 'Items API target 10.0.0.7:8000 is down';
    const rule = rules.find((r) => r.alert === 'ServiceDown')!;

    const pd = await waitFor('a PagerDuty event', () => received.find((r) => r.path === '/pagerduty/api-pager'));
    const event = pd.body as {
      routing_key: string;
      event_action: string;
      payload: { summary: string; severity: string };
      links: { href: string; text: string }[];
    };
    expect(event.routing_key).toBe(TEST_ROUTING_KEY);
    expect(event.event_action).toBe('trigger');
    expect(event.payload.summary).toBe(`[FIRING:1] ServiceDown · items-api · production: ${summary}`);
    expect(event.payload.severity).toBe('critical');
    expect(event.links).toEqual([
      { href: rule.annotations!['runbook_url'], text: 'Runbook' },
      { href: rule.annotations!['dashboard_url'], text: 'Dashboard' },
    ]);

    const slack = await waitFor('a Slack message', () => received.find((r) => r.path === '/slack/api-chat'));
    const message = slack.body as { channel: string; attachments: { title: string; title_link: string; text: string; color: string }[] };
    expect(message.channel).toBe('#items-api-alerts');
    const [attachment] = message.attachments;
    expect(attachment!.title).toBe('[FIRING:1] ServiceDown · items-api · production');
    expect(attachment!.title_link).toBe(rule.annotations!['dashboard_url']);
    expect(attachment!.color).toBe('danger');
    expect(attachment!.text).toContain(`*Firing:* ${summary}`);
    expect(attachment!.text).toContain(expand(rule.annotations!['description']!, serviceDown().labels));
    expect(attachment!.text).toContain(`<${rule.annotations!['runbook_url']}|Runbook> · <${rule.annotations!['dashboard_url']}|Dashboard>`);

    const hook = await waitFor('the incident webhook', () => received.find((r) => r.path === '/webhook/api-incidents'));
    expect(hook.headers.authorization).toBe(`Basic ${Buffer.from('alertmanager:e2e-webhook-password').toString('base64')}`);
    expect((hook.body as { alerts: { annotations: Record<string, string> }[] }).alerts[0]!.annotations['summary']).toBe(summary);
  }, 60_000);

  it("sends the database alerts to the database team's channel", async () => {
    await post([slowQueries()]);
    const slack = await waitFor('the database channel', () => received.find((r) => r.path === '/slack/database-chat'));
    const message = slack.body as { channel: string; attachments: { title: string; text: string; color: string }[] };
    expect(message.channel).toBe('#db-alerts');
    expect(message.attachments[0]!.title).toBe('[FIRING:1] SlowDatabaseQueries · items-api');
    expect(message.attachments[0]!.color).toBe('warning');
    expect(message.attachments[0]!.text).toContain('|Runbook>');
    expect(received.filter((r) => r.path.includes('api-')).every((r) => !JSON.stringify(r.body).includes('SlowDatabaseQueries'))).toBe(
      true,
    );
  }, 60_000);

  it('mails what no team owns to the platform team through a real SMTP server', async () => {
    await post([alertFrom('NoTraffic', 'warning', { service: 'legacy-batch' })]);
    const mail = await waitFor('a mail', () =>
      mails()
        .map(decoded)
        .find((m) => m.includes('NoTraffic')),
    );
    expect(mail).toMatch(/^To: platform@example\.com/m);
    expect(mail).toMatch(/^From: alertmanager@example\.com/m);
    expect(mail).toMatch(/^Subject: \[FIRING:1\] NoTraffic · legacy-batch/m);
    const body = mail;
    const rule = rules.find((r) => r.alert === 'NoTraffic')!;
    expect(body).toContain('FIRING NoTraffic (severity warning)');
    expect(body).toContain(`Summary: ${rule.annotations!['summary']}`);
    expect(body).toContain(`Runbook: ${rule.annotations!['runbook_url']}`);
    expect(body).toContain(`Dashboard: ${rule.annotations!['dashboard_url']}`);
  }, 60_000);

  it('says RESOLVED when the alerts end: a resolve event to PagerDuty, a resolved message and mail', async () => {
    const past = new Date(Date.now() - 1000);
    await post([
      alertFrom('ServiceDown', 'critical', { instance: '10.0.0.7:8000', environment: 'production' }, past),
      alertFrom('NoTraffic', 'warning', { service: 'legacy-batch' }, past),
    ]);
    const pd = await waitFor('a PagerDuty resolve', () =>
      received.find((r) => r.path === '/pagerduty/api-pager' && r.body['event_action'] === 'resolve'),
    );
    expect(pd.body['routing_key']).toBe(TEST_ROUTING_KEY);
    const slack = await waitFor('a resolved Slack message', () =>
      received.find((r) => r.path === '/slack/api-chat' && JSON.stringify(r.body).includes('[RESOLVED] ServiceDown')),
    );
    const attachment = (slack.body as { attachments: { text: string; color: string }[] }).attachments[0]!;
    expect(attachment.color).toBe('good');
    expect(attachment.text).toContain('*Resolved:* Items API target 10.0.0.7:8000 is down');
    const mail = await waitFor('a resolved mail', () =>
      mails()
        .map(decoded)
        .find((m) => /^Subject: \[RESOLVED\] NoTraffic/m.test(m)),
    );
    expect(mail).toContain('RESOLVED NoTraffic (severity warning)');
  }, 60_000);
});
