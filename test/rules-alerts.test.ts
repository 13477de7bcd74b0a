import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DacError } from '../src/core/diagnostic.js';
import { resolveConfig } from '../src/config/validate.js';
import { testFileProblems } from '../src/check/promtool.js';
import { checkRules, ensurePromTools, testRules } from './setup/prom-tools.js';
import { SERVICE_ALERT_IDS, serviceAlertGroups, serviceAlerts } from '../src/rules/alerts.js';
import { serviceAlertTests } from '../src/rules/alert-tests.js';
import { templateLabels } from '../src/rules/humanize.js';
import type { AlertingRule } from '../src/rules/model.js';
import alertsModule from '../rules/alerts.js';
import sloModule from '../rules/slo.js';
import { contextFor, emitDefinition, itemsApi, tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

const service = itemsApi();
const ctx = contextFor(service);
const alerts = () => serviceAlerts(ctx);

describe('Items API rule files', () => {
  it('pass promtool check rules with every lint fatal, and their generated unit tests pass', async () => {
    const dir = tempDir();
    const files = [alertsModule, sloModule].map((def) => emitDefinition(dir, def, ctx));
    const started = performance.now();
    const check = await checkRules(files.map((f) => f.rules));
    const checked = performance.now();
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const test = await testRules(files.map((f) => f.tests));
    expect(test.code, test.stdout + test.stderr).toBe(0);
    const count = (kind: 'alert' | 'record') => files.flatMap((f) => f.groups.flatMap((g) => g.rules)).filter((r) => kind in r).length;
    console.log(
      `Items API: ${count('record')} recording rules, ${count('alert')} alerting rules; promtool check ${(checked - started).toFixed(0)} ms, ` +
        `promtool test ${(performance.now() - checked).toFixed(0)} ms (${files.reduce((n, f) => n + f.cases.length, 0)} cases)`,
    );
    for (const f of files) expect(await testFileProblems(f.tests)).toEqual([]);
  });

  it('give every alerting rule one test case where it fires and one where it stays quiet', () => {
    for (const def of [alertsModule, sloModule]) {
      const groups = def.build(ctx);
      const cases = def.tests!(ctx);
      const rules = groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
      for (const rule of rules) {
        const outcomes = cases
          .flatMap((c) => (c.alert_rule_test ?? []).filter((a) => a.alertname === rule.alert))
          .map((a) => a.exp_alerts.some((e) => Object.entries(rule.labels ?? {}).every(([k, v]) => e.exp_labels?.[k] === v)));
        expect(outcomes, `${rule.alert} ${JSON.stringify(rule.labels)}`).toContain(true);
        expect(outcomes, `${rule.alert} ${JSON.stringify(rule.labels)}`).toContain(false);
      }
    }
  });
});

describe('service alerts', () => {
  it('cover target down, errors, latency, database, pool, absent metrics and no traffic for the Items API', () => {
    expect(alerts().map((a) => a.id)).toEqual([...SERVICE_ALERT_IDS]);
  });

  it('carry severity, service, summary, description, a runbook and a dashboard link', () => {
    for (const { rule } of alerts()) {
      expect(['critical', 'warning', 'info']).toContain(rule.labels?.severity);
      expect(rule.labels?.service).toBe('items-api');
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description).toBeTruthy();
      expect(rule.annotations?.runbook_url).toBe(`https://runbooks.example.com/items-api/${rule.alert}`);
      expect(rule.annotations?.dashboard_url).toMatch(/^http:\/\/localhost:3000\/d\/items-api-(http-overview|red|database)$/);
      expect(rule.for).toBeTruthy();
    }
  });

  it('only template labels that survive the aggregation of their expression', () => {
    for (const a of alerts())
      for (const text of Object.values(a.rule.annotations ?? {}))
        for (const label of templateLabels(text)) expect(a.resultLabels, `${a.id}: ${label}`).toContain(label);
  });

  it('link to the dashboard the build gives the service', () => {
    const down = serviceAlerts(contextFor(service, ['http-overview'])).find((a) => a.id === 'HighErrorRateCritical')!;
    expect(down.rule.annotations?.dashboard_url).toBe('http://localhost:3000/d/items-api-http-overview');
  });

  it('take thresholds, selector and metric names from the service config', () => {
    const [other] = resolveConfig(
      {
        services: [
          {
            name: 'shop',
            title: 'Shop',
            selector: { job: 'shop', matchers: { namespace: 'prod' } },
            profile: 'generic',
            thresholds: { errorRatioCritical: 0.2, errorRatioWarning: 0.1, latencyP95Seconds: 0.3, latencyP99Seconds: 2 },
          },
        ],
      },
      'test.config.ts',
    );
    const list = serviceAlerts(contextFor(other!));
    const crit = list.find((a) => a.id === 'HighErrorRateCritical')!.rule.expr;
    expect(crit).toContain('http_requests_total{job="shop",namespace="prod",code=~"5.."}');
    expect(crit).toContain('> 0.2');
    expect(list.find((a) => a.id === 'HighLatencyWarning')!.rule.expr).toMatch(/> 0\.3$/);
    expect(list.map((a) => a.id)).not.toContain('SlowDatabaseQueries');
    expect(list.map((a) => a.id)).not.toContain('DatabasePoolExhausted');
  });

  it('leave the traffic alerts out for a service that does not expect traffic', () => {
    const quiet = { ...service, expectTraffic: false };
    expect(serviceAlerts(contextFor(quiet)).map((a) => a.id)).not.toContain('NoTraffic');
  });

  it('can be tuned or switched off per alert, and their tests follow', async () => {
    const options = {
      overrides: {
        HighLatencyWarning: { threshold: 0.8, for: '15m', labels: { team: 'items' } },
        ServiceDown: { severity: 'warning' as const },
        NoTraffic: false as const,
      },
    };
    const list = serviceAlerts(ctx, options);
    const p95 = list.find((a) => a.id === 'HighLatencyWarning')!.rule;
    expect(p95.expr).toMatch(/> 0\.8$/);
    expect(p95.for).toBe('15m');
    expect(p95.labels?.team).toBe('items');
    expect(list.find((a) => a.id === 'ServiceDown')!.rule.labels?.severity).toBe('warning');
    expect(list.map((a) => a.id)).not.toContain('NoTraffic');
    const dir = tempDir();
    writeRuleFile(dir, 'tuned.yml', serviceAlertGroups(ctx, options));
    const tests = writeTestFile(dir, 'tuned.test.yml', {
      rule_files: ['tuned.yml'],
      evaluation_interval: '1m',
      tests: serviceAlertTests(service, list),
    });
    const run = await testRules([tests]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('reject an override of an alert that does not exist, naming it', () => {
    expect(() => serviceAlerts(ctx, { overrides: { HighErorRate: { threshold: 1 } } as never })).toThrow(DacError);
    expect(() => serviceAlerts(ctx, { overrides: { HighErorRate: { threshold: 1 } } as never })).toThrow(/HighErorRate/);
  });

  it('fail their promtool tests when the rule misbehaves (the tests are not vacuous)', async () => {
    const dir = tempDir();
    const broken = serviceAlertGroups(ctx).map((g) => ({
      ...g,
      rules: g.rules.map((r) =>
        'alert' in r && r.alert === 'HighErrorRate' ? { ...r, expr: r.expr.replace('status=~"5.."', 'status=~"4.."') } : r,
      ),
    }));
    writeRuleFile(dir, 'alerts.yml', broken);
    const tests = writeTestFile(dir, 'alerts.test.yml', {
      rule_files: ['alerts.yml'],
      evaluation_interval: '1m',
      tests: serviceAlertTests(service, alerts()),
    });
    const run = await testRules([tests]);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('HighErrorRate');
  });
});

describe('promtool test files', () => {
  it('that name an alert no rule defines fail the cross-check, although promtool passes them', async () => {
    const dir = tempDir();
    writeRuleFile(dir, 'alerts.yml', serviceAlertGroups(ctx));
    const tests = writeTestFile(dir, 'ghost.test.yml', {
      rule_files: ['alerts.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [{ series: 'up{job="fastapi"}', values: '1x10' }],
          alert_rule_test: [{ eval_time: '5m', alertname: 'HighErrorRat', exp_alerts: [] }],
        },
      ],
    });
    expect((await testRules([tests])).code).toBe(0);
    const problems = await testFileProblems(tests);
    expect(problems.map((p) => p.message)).toEqual(['no rule file of this test defines alert HighErrorRat']);
  });

  it('that name a rule file that does not exist fail the cross-check', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'missing.test.yml');
    writeFileSync(file, 'rule_files: [nowhere.yml]\ntests: []\n');
    const problems = await testFileProblems(file);
    expect(problems.map((p) => p.message)).toEqual(['rule file nowhere.yml does not exist']);
  });
});
