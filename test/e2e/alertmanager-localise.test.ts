/**
 * The e2e stack runs the generated Alertmanager config for real, so it must
 * first make sure no notification can leave the machine: every integration
 * becomes a webhook to the local receiver, routed per receiver name.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';

import { localiseAlertmanagerConfig } from '../../tools/stack/alertmanager.js';
import { stackBinaries } from '../../tools/stack/binaries.js';

// Shaped like the routing in the user's course material: mail, pager, chat and an external webhook.
const productionLike = {
  global: { smtp_smarthost: 'smtp.example.com:587', smtp_from: 'alerts@example.com', http_config: { proxy_url: 'http://proxy:3128' } },
  route: {
    receiver: 'team-email',
    group_by: ['alertname', 'service'],
    group_wait: '30s',
    group_interval: '5m',
    repeat_interval: '4h',
    routes: [
      { matchers: ['severity="critical"'], receiver: 'critical-pager', continue: true },
      { matchers: ['service="database"'], receiver: 'db-team', group_wait: '1m' },
      { matchers: ['alertname="Watchdog"'], receiver: 'blackhole' },
    ],
  },
  receivers: [
    { name: 'team-email', email_configs: [{ to: 'team@example.com' }] },
    { name: 'critical-pager', pagerduty_configs: [{ routing_key: 'not-a-real-key' }] },
    { name: 'db-team', slack_configs: [{ api_url: 'https://chat.example.com/hook', channel: '#db' }] },
    {
      name: 'incident-tool',
      webhook_configs: [
        { url: 'https://incident.example.com/hook', send_resolved: false, http_config: { basic_auth: { username: 'a', password: 'b' } } },
      ],
    },
    { name: 'blackhole' },
  ],
  templates: ['templates/*.tmpl'],
};

const localUrl = (name: string) => `http://127.0.0.1:9999/receivers/${name}`;

describe('localiseAlertmanagerConfig', () => {
  const { config, notes } = localiseAlertmanagerConfig(productionLike, '/srv/am', localUrl, {
    group_wait: '1s',
    group_interval: '2s',
  });
  const receivers = config['receivers'] as Array<Record<string, unknown>>;

  it('sends every integration of every receiver to its local webhook, and nothing else', () => {
    for (const receiver of receivers) {
      const integrations = Object.keys(receiver).filter((k) => k.endsWith('_configs'));
      if (receiver['name'] === 'blackhole') {
        expect(integrations).toEqual([]);
        continue;
      }
      expect(integrations).toEqual(['webhook_configs']);
      expect(receiver['webhook_configs']).toEqual([
        { url: localUrl(receiver['name'] as string), send_resolved: receiver['name'] !== 'incident-tool' },
      ]);
    }
    expect(JSON.stringify(config)).not.toMatch(/example\.com\/|proxy:3128/);
    expect(notes).toContain('receiver db-team: slack_configs replaced by the local webhook');
  });

  it('keeps routing intact but shortens the timings that are set', () => {
    const route = config['route'] as Record<string, unknown>;
    expect(route).toMatchObject({ receiver: 'team-email', group_wait: '1s', group_interval: '2s', repeat_interval: '4h' });
    const [pager, db, watchdog] = route['routes'] as Array<Record<string, unknown>>;
    expect(pager).toEqual(productionLike.route.routes[0]);
    expect(db).toEqual({ ...productionLike.route.routes[1], group_wait: '1s' });
    expect(watchdog).toEqual(productionLike.route.routes[2]);
  });

  it('resolves template paths against the original config folder', () => {
    expect(config['templates']).toEqual(['/srv/am/templates/*.tmpl']);
  });

  it('leaves the input untouched', () => {
    expect(productionLike.receivers[0]).toEqual({ name: 'team-email', email_configs: [{ to: 'team@example.com' }] });
  });

  it("produces a config the stack's amtool accepts", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dac-am-localise-'));
    try {
      const file = path.join(dir, 'alertmanager.yml');
      fs.writeFileSync(file, stringify(config));
      execFileSync(stackBinaries().amtool, ['check-config', file], { stdio: 'pipe', timeout: 30_000 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
