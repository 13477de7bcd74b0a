/**
 * An imported Sloth spec's alerts reach the people dac.config.ts names, on the path their tier
 * calls for, whatever `severity` the spec routes on in its own Alertmanager (`critical`, or
 * `pageteam` and `slack` as in Sloth's getting-started): proved by the real amtool
 * (`amtool config routes test`) on the configuration the build emits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkConfig, routeReceivers } from '../src/check/amtool.js';
import { resolveAlerting } from '../src/config/routing.js';
import { resolveConfig } from '../src/config/validate.js';
import { yamlText } from '../src/emit/serialize.js';
import { alertmanagerConfig, specSeverities } from '../src/rules/alertmanager.js';
import { notificationTemplates } from '../src/rules/alertmanager-templates.js';
import { isAlert } from '../src/rules/model.js';
import { importSloSpecTexts } from '../src/slo/import/index.js';
import { ensurePromTools } from './setup/prom-tools.js';
import { tempDir } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

const config = {
  services: [{ name: 'checkout', title: 'Checkout', selector: { job: 'checkout' }, profile: 'generic' }],
  alerting: {
    defaultTeam: 'ops',
    teams: [
      {
        name: 'shop',
        services: ['checkout'],
        notifiers: {
          pager: { kind: 'pagerduty', routingKeyFile: '/run/secrets/pd' },
          chat: { kind: 'slack', channel: '#shop', apiUrlFile: '/run/secrets/slack' },
        },
        paths: { page: ['pager', 'chat'], ticket: ['chat'] },
      },
      {
        name: 'ops',
        notifiers: { pager: { kind: 'opsgenie', apiKeyFile: '/run/secrets/og' }, mail: { kind: 'email', to: 'ops@example.com' } },
        paths: { page: ['pager'], ticket: ['mail'] },
      },
    ],
    email: { smarthost: 'smtp.example.com:587', from: 'am@example.com' },
  },
};

/** Sloth's getting-started routing (its own severities), Kubernetes' (critical / warning), and none (dac's). */
const SPECS = {
  'checkout.yml': `version: "prometheus/v1"
service: checkout
slos:
  - name: requests-availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
    alerting:
      name: CheckoutErrors
      page_alert:
        labels: { severity: pageteam, routing_key: shop }
      ticket_alert:
        labels: { severity: slack, slack_channel: "#shop" }
`,
  'inventory.yaml': `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata: { name: inventory }
spec:
  service: inventory
  slos:
    - name: reads
      objective: 99.5
      sli:
        events:
          errorQuery: sum(rate(inventory_reads_total{outcome="error"}[{{.window}}]))
          totalQuery: sum(rate(inventory_reads_total[{{.window}}]))
      alerting:
        name: InventoryReads
        pageAlert: { labels: { severity: critical } }
        ticketAlert: { labels: { severity: warning } }
    - name: writes
      objective: 99.5
      sli:
        events:
          errorQuery: sum(rate(inventory_writes_total{outcome="error"}[{{.window}}]))
          totalQuery: sum(rate(inventory_writes_total[{{.window}}]))
      alerting:
        name: InventoryWrites
        labels: { severity: home }
`,
};

let file: string;
let alerts: Record<string, string>[];

beforeAll(() => {
  const services = resolveConfig(config, 'dac.config.ts');
  const alerting = resolveAlerting(config, 'dac.config.ts', ['checkout'])!;
  const ruleFiles = importSloSpecTexts(
    Object.entries(SPECS).map(([name, text]) => ({ name, source: `rules/slo/${name}`, text })),
    services,
  );
  const seen = new Map<string, Record<string, string>>();
  for (const f of ruleFiles)
    for (const g of f.groups)
      for (const r of g.rules)
        if (isAlert(r)) {
          // The windows tell tiers apart, not routes: one alert per tier and severity is enough.
          const labels: Record<string, string> = { alertname: r.alert, ...(r.labels ?? {}) };
          delete labels['long_window'];
          delete labels['short_window'];
          seen.set(JSON.stringify(labels), labels);
        }
  alerts = [...seen.values()];
  const dir = tempDir();
  const tree = new Map([
    ['alertmanager/alertmanager.yml', yamlText(alertmanagerConfig(services, alerting, specSeverities(ruleFiles)), 'dac.config.ts')],
    ...notificationTemplates(alerting.environmentLabel, 'dac.config.ts'),
  ]);
  for (const [p, text] of tree) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  file = path.join(dir, 'alertmanager/alertmanager.yml');
});

describe('routing the alerts of imported Sloth specs', () => {
  it('is a configuration amtool loads', async () => {
    const run = await checkConfig(file);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it("sends each page to the owner's page path and each ticket to its ticket path, whatever severity the spec gives them", async () => {
    const routed: string[] = [];
    for (const a of alerts)
      routed.push(`${a['alertname']} ${a['severity']}/${a['sloth_severity']} → ${(await routeReceivers(file, a)).join(', ')}`);
    expect(routed.sort()).toEqual([
      // The configured service's team: pager and chat for a page, chat for a ticket.
      'CheckoutErrors pageteam/page → shop-pager, shop-chat',
      'CheckoutErrors slack/ticket → shop-chat',
      // A service no team owns goes to the default team, on the path of its tier.
      'InventoryReads critical/page → ops-pager',
      'InventoryReads warning/ticket → ops-mail',
      // One severity for both tiers (alerting.labels): the tier still decides.
      'InventoryWrites home/page → ops-pager',
      'InventoryWrites home/ticket → ops-mail',
    ]);
  }, 60_000);

  it('lets a page mute the ticket of the same SLO, as dac does for its own', () => {
    const cfg = alertmanagerConfig([], resolveAlerting(config, 'dac.config.ts', ['checkout'])!, {
      page: ['pageteam'],
      ticket: ['slack'],
    }) as {
      inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
    };
    expect(cfg.inhibit_rules).toContainEqual({
      source_matchers: ['sloth_severity="page"'],
      target_matchers: ['sloth_severity="ticket"'],
      equal: ['service', 'alertname', 'slo', 'environment'],
    });
  });
});
