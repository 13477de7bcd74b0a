import { beforeAll, describe, expect, it } from 'vitest';
import { DacError } from '../src/core/diagnostic.js';
import { checkRules, ensurePromTools, testRules } from './setup/prom-tools.js';
import { leRegex } from '../src/rules/promql.js';
import type { AlertingRule, RecordingRule } from '../src/rules/model.js';
import { sloRuleGroups } from '../src/slo/rules.js';
import { ratioSlo, serviceSlos } from '../src/slo/service.js';
import { sloAlertTests } from '../src/slo/tests.js';
import { burnTiers, tierWindows } from '../src/slo/windows.js';
import { contextFor, itemsApi, tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';
import type { SloPeriod } from '../src/config/types.js';

beforeAll(() => ensurePromTools());

const service = itemsApi();
const ctx = contextFor(service);
const withSlos = (slos: typeof service.slos) => contextFor({ ...service, slos });
const rulesOf = (slos: typeof service.slos) =>
  serviceSlos(withSlos(slos))
    .flatMap(sloRuleGroups)
    .flatMap((g) => g.rules);

describe('burn-rate tiers', () => {
  it('derive 14.4 / 6 / 3 / 1.2 for a 30d period from the budget fractions', () => {
    expect(burnTiers('30d').map((t) => [t.severity, t.long, t.short, t.factor])).toEqual([
      ['page', '1h', '5m', 14.4],
      ['page', '6h', '30m', 6],
      ['ticket', '1d', '2h', 3],
      ['ticket', '3d', '6h', 1.2],
    ]);
  });

  it('derive 13.44 / 5.6 / 2.8 / 1.12 for a 28d period', () => {
    expect(burnTiers('28d').map((t) => t.factor)).toEqual([13.44, 5.6, 2.8, 1.12]);
  });

  it('read every long and short window once, shortest first', () => {
    expect(tierWindows(burnTiers('30d'))).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
  });

  it('alert above factor × (1 − objective) in the long AND the short window, at 28d too', () => {
    const alerts = rulesOf([{ name: 'availability', kind: 'availability', objective: 99.5, period: '28d' }]).filter(
      (r): r is AlertingRule => 'alert' in r,
    );
    // budget 0.5 %; 2 % of 28d in 1h = 13.44×, 5 % in 6h = 5.6×, 10 % in 1d = 2.8×, 12 % in 3d = 1.12×
    const expected = [
      ['1h', '5m', 13.44 * 0.005],
      ['6h', '30m', 5.6 * 0.005],
      ['1d', '2h', 2.8 * 0.005],
      ['3d', '6h', 1.12 * 0.005],
    ] as const;
    alerts.forEach((a, i) => {
      const [long, short, threshold] = expected[i]!;
      const conds = [...a.expr.matchAll(/slo:error_ratio:rate(\w+)\{service="items-api",slo="availability"\} > ([\d.e-]+)/g)];
      expect(conds.map((c) => c[1])).toEqual([long, short]);
      for (const c of conds) expect(Number(c[2])).toBeCloseTo(threshold, 12);
    });
    expect(alerts.map((a) => [a.labels?.severity, a.labels?.long_window, a.labels?.short_window])).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '1d', '2h'],
      ['ticket', '3d', '6h'],
    ]);
  });
});

describe('SLO recording rules', () => {
  const rules = rulesOf(service.slos);
  const records = rules.filter((r): r is RecordingRule => 'record' in r);

  it('carry service and slo labels and level:metric:operations names', () => {
    for (const r of records) {
      expect(r.record).toMatch(/^slo:[a-z_]+(:[a-z0-9_]+)?$/);
      expect(r.labels).toMatchObject({ service: 'items-api' });
      expect(['availability', 'latency']).toContain(r.labels?.slo);
    }
  });

  it('record error and total rates separately per window, long windows from the 5m rates weighted by traffic', () => {
    const expr = (name: string, slo = 'availability') => records.find((r) => r.record === name && r.labels?.slo === slo)!.expr;
    // Availability counts the requests nobody answered while the service was down as failed ones.
    const unanswered = ' + on() avg_over_time(slo:requests_unanswered:rate{service="items-api",slo="availability"}[1h])';
    expect(expr('slo:errors:rate1h')).toBe(`((sum(rate(http_requests_total{job="fastapi",status=~"5.."}[1h]))) or vector(0))${unanswered}`);
    expect(expr('slo:requests:rate1h')).toBe(`((sum(rate(http_requests_total{job="fastapi"}[1h]))) or vector(0))${unanswered}`);
    expect(expr('slo:errors:rate1h', 'latency')).toMatch(/^\(sum\(rate\(.*\) or vector\(0\)$/);
    expect(expr('slo:errors:rate3d')).toBe('avg_over_time(slo:errors:rate5m{service="items-api",slo="availability"}[3d])');
    expect(expr('slo:requests:rate_period')).toBe('avg_over_time(slo:requests:rate5m{service="items-api",slo="availability"}[30d])');
    expect(expr('slo:error_ratio:rate3d')).toContain('slo:errors:rate3d{service="items-api",slo="availability"} / (slo:requests:rate3d');
  });

  it('record the budget left, the burn rate per window, the objective and an info series', () => {
    const names = new Set(records.map((r) => r.record));
    for (const n of [
      'slo:error_budget_remaining:ratio',
      'slo:burn_rate:rate1h',
      'slo:burn_rate:rate3d',
      'slo:objective:ratio',
      'slo:metadata:info',
    ])
      expect(names).toContain(n);
    const info = records.find((r) => r.record === 'slo:metadata:info' && r.labels?.slo === 'latency')!;
    expect(info.labels).toMatchObject({ objective: '99', period: '30d', sli: 'latency' });
  });

  it('count a latency SLI from the bucket at the threshold, however the client spells it', () => {
    const errors = records.find((r) => r.record === 'slo:errors:rate5m' && r.labels?.slo === 'latency')!.expr;
    // The instrumentator's high-resolution histogram: 0.5 is one of its boundaries.
    expect(errors).toContain(`http_request_duration_highr_seconds_bucket{job="fastapi",le=~"${leRegex(0.5)}"}`);
    const matches = (bound: number, spelled: string) => new RegExp(`^(?:${leRegex(bound)})$`).test(spelled);
    for (const s of ['0.5', '0.50', '5e-01']) expect(matches(0.5, s)).toBe(true);
    for (const s of ['1', '1.0', '1e+00']) expect(matches(1, s)).toBe(true);
    for (const s of ['0.05', '5', '0.55', '10']) expect(matches(0.5, s) || matches(1, s)).toBe(false);
  });

  it('keep low-traffic services quiet below minRequestRate', () => {
    const alerts = rulesOf([{ name: 'availability', kind: 'availability', objective: 99.9, period: '30d', minRequestRate: 0.5 }]).filter(
      (r): r is AlertingRule => 'alert' in r,
    );
    for (const a of alerts) expect(a.expr).toMatch(new RegExp(`and slo:requests:rate${a.labels?.long_window}\\{[^}]*\\} >= 0\\.5$`));
  });
});

describe('SLO build errors', () => {
  const attempt =
    (objective: number, period: SloPeriod = '30d') =>
    () =>
      rulesOf([{ name: 'loose', kind: 'availability', objective, period }]);

  it('reject an objective whose page alert could never fire, naming the SLO and explaining why', () => {
    expect(attempt(90)).toThrow(DacError);
    try {
      attempt(90)();
    } catch (e) {
      const d = (e as DacError).diagnostics[0]!;
      expect(d.where.path.join(' ')).toContain('loose');
      expect(d.message).toContain('could never fire');
      expect(d.message).toContain('144%');
      expect(d.hint).toMatch(/raise the objective/);
    }
  });

  it('reject objectives outside (0, 100)', () => {
    for (const o of [0, 100, 120, -1]) expect(attempt(o)).toThrow(/strictly between 0 and 100/);
  });

  it('reject a tier written with a long window longer than the period', () => {
    const tiers = [{ severity: 'ticket' as const, budgetFraction: 0.5, long: '3d', short: '6h' }];
    expect(() => serviceSlos(withSlos([{ name: 'loose', kind: 'availability', objective: 99.9, period: '2d' }]), { tiers })).toThrow(
      /3d ticket window is longer than the 2d period/,
    );
  });
});

describe('SLOs on promtool', () => {
  it('pass check and unit tests for a 28d latency SLO, a ratio SLO and a guarded SLO', async () => {
    const slos = [
      ...serviceSlos(
        withSlos([
          { name: 'latency-28d', kind: 'latency', objective: 99.5, period: '28d', thresholdSeconds: 1 },
          { name: 'guarded', kind: 'availability', objective: 99.9, period: '7d', minRequestRate: 1 },
        ]),
      ),
      ratioSlo(ctx, {
        name: 'checkout',
        objective: 99,
        errors: (w) => `sum(rate(items_created_total{job="fastapi",outcome="failed"}[${w}]))`,
        total: (w) => `sum(rate(items_created_total{job="fastapi"}[${w}]))`,
      }),
    ];
    const dir = tempDir();
    const rules = writeRuleFile(dir, 'slo.yml', slos.flatMap(sloRuleGroups));
    const cases = slos.flatMap(sloAlertTests);
    // Two for each SLO, and three downtime cases for the availability one.
    expect(cases.length).toBe(7);
    const tests = writeTestFile(dir, 'slo.test.yml', { rule_files: ['slo.yml'], evaluation_interval: '1m', tests: cases });
    const check = await checkRules([rules]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const run = await testRules([tests]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });
});
