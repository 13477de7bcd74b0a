/**
 * HighClientErrorRate, the optional warning on a surge of client errors that the course asks for
 * ("alert on the error codes": 404s as much as 500s): off unless a service sets `clientErrorAlert`,
 * fired by promtool on what the instrumented service really counts, and its config checked where
 * it is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DacError } from '../src/core/diagnostic.js';
import type { DacConfig } from '../src/config/types.js';
import { resolveConfig } from '../src/config/validate.js';
import { checkRules, ensurePromTools, testRules } from './setup/prom-tools.js';
import { serviceAlertGroups, serviceAlerts } from '../src/rules/alerts.js';
import { serviceAlertTests } from '../src/rules/alert-tests.js';
import config from '../dac.config.js';
import { contextFor, tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

function configWith(clientErrorAlert: unknown): DacConfig {
  const cfg = structuredClone(config);
  (cfg.services[0] as unknown as Record<string, unknown>)['clientErrorAlert'] = clientErrorAlert;
  return cfg;
}

const service = (cfg: DacConfig) => resolveConfig(cfg, 'dac.config.ts')[0]!;
const clientAlert = (cfg: DacConfig) => serviceAlerts(contextFor(service(cfg))).find((a) => a.id === 'HighClientErrorRate');

async function promtool(cfg: DacConfig): Promise<{ cases: string[]; failures: string }> {
  const s = service(cfg);
  const ctx = contextFor(s);
  const dir = tempDir();
  writeRuleFile(dir, 'alerts.yml', serviceAlertGroups(ctx));
  const cases = serviceAlertTests(s, serviceAlerts(ctx)).filter((c) =>
    c.alert_rule_test?.some((t) => t.alertname === 'HighClientErrorRate'),
  );
  const file = writeTestFile(dir, 'alerts.test.yml', { rule_files: ['alerts.yml'], evaluation_interval: '1m', tests: cases });
  const check = await checkRules([`${dir}/alerts.yml`]);
  const run = await testRules([file]);
  return {
    cases: cases.map((c) => c.name ?? ''),
    failures: check.code === 0 && run.code === 0 ? '' : check.stdout + check.stderr + run.stdout + run.stderr,
  };
}

describe('HighClientErrorRate', () => {
  it('is off for a service that does not ask for it: what share of 4xx is normal depends on its clients', () => {
    expect(clientAlert(configWith(undefined))).toBeUndefined();
  });

  it('on the Items API warns, never pages, when a quarter of requests get a 4xx for 10 minutes', () => {
    const alert = clientAlert(structuredClone(config))!;
    expect(alert.rule.labels).toMatchObject({ severity: 'warning', service: 'items-api' });
    expect(alert.rule.for).toBe('10m');
    expect(alert.threshold).toBe(0.25);
    expect(alert.rule.expr).toContain('status=~"4.."');
    expect(alert.rule.annotations?.dashboard_url).toMatch(/\/d\/items-api-http-overview$/);
  });

  it('fires on a surge of 404s, stays quiet at half its level and on a trickle of traffic (promtool)', async () => {
    const { cases, failures } = await promtool(structuredClone(config));
    expect(failures).toBe('');
    expect(cases).toEqual([
      'HighClientErrorRate: 404 responses at twice the level',
      'HighClientErrorRate: 404 responses at half the level',
      'HighClientErrorRate: every request 404 at a trickle of traffic',
    ]);
  });

  it('follows one code exactly when the config names one, e.g. the 404s the course follows', async () => {
    const cfg = configWith({ status: '404', ratio: 0.1, for: '5m', minRequestRate: 0.5 });
    const alert = clientAlert(cfg)!;
    expect(alert.rule.expr).toContain('status="404"');
    expect(alert.rule.expr).toContain('>= 0.5');
    expect(alert.rule.for).toBe('5m');
    expect(alert.rule.annotations?.summary).toContain('status 404');
    expect((await promtool(cfg)).failures).toBe('');
  });

  it('reports a bad setting where it is written, with a fix', () => {
    const problems = (value: unknown) => {
      try {
        resolveConfig(configWith(value), 'dac.config.ts');
        return [];
      } catch (e) {
        if (!(e instanceof DacError)) throw e;
        return e.diagnostics.map((d) => ({ path: d.where.path?.join(' › '), message: d.message, hint: d.hint }));
      }
    };
    expect(problems({ ratio: 5 })).toEqual([
      {
        path: 'service items-api › clientErrorAlert.ratio',
        message: 'is a share of requests between 0 and 1, got 5',
        hint: 'write 20 % as 0.2',
      },
    ]);
    expect(problems({ ratio: 0.2, status: '4[' })[0]).toMatchObject({ path: 'service items-api › clientErrorAlert.status' });
    expect(problems({ ratio: 0.2, for: 'ten minutes' })[0]).toMatchObject({ path: 'service items-api › clientErrorAlert.for' });
  });
});
