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

  it('groups by service and alert, and lets critical mute warning and page mute ticket of the same alert', () => {
    const cfg = alertmanagerConfig([itemsApi()]) as {
      route: { group_by: string[] };
      inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
    };
    expect(cfg.route.group_by).toEqual(['service', 'alertname']);
    expect(cfg.inhibit_rules).toEqual([
      { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['service', 'alertname'] },
      { source_matchers: ['severity="page"'], target_matchers: ['severity="ticket"'], equal: ['service', 'alertname', 'slo'] },
    ]);
  });

  it('is the same text for the same services', () => {
    expect(yaml(alertmanagerConfig([itemsApi()]))).toBe(yaml(alertmanagerConfig([itemsApi()])));
  });
});
