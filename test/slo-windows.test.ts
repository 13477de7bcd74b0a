/**
 * Burn-rate tiers on periods of 7, 14, 28 and 30 days. A tier fires above factor × budget; at a
 * factor of 1 or less it fires on a service that burns its budget no faster than the period allows,
 * i.e. one that meets its objective. Below 28 days the default tiers keep their 28-day factors, so
 * every tier still means "at this pace the budget runs out before the period ends".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DacError } from '../src/core/diagnostic.js';
import { parseDuration } from '../src/core/duration.js';
import { ensurePromTools, testRules } from './setup/prom-tools.js';
import type { PromtoolExprCase, PromtoolTestCase } from '../src/rules/model.js';
import type { TrafficSegment } from '../src/slo/model.js';
import { sloAlertRules, sloRuleGroups } from '../src/slo/rules.js';
import { serviceSlos } from '../src/slo/service.js';
import { burnTiers } from '../src/slo/windows.js';
import { contextFor, itemsApi, tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';
import type { SloPeriod } from '../src/config/types.js';

beforeAll(() => ensurePromTools());

const PERIODS = ['7d', '14d', '28d', '30d'] as const;
const row = (period: string) => burnTiers(period).map((t) => [t.severity, t.long, t.budgetFraction, t.factor]);

const availability = (period: SloPeriod, objective = 99) =>
  serviceSlos(contextFor({ ...itemsApi(), slos: [{ name: 'availability', kind: 'availability', objective, period }] }))[0]!;

describe('burn-rate tiers per period', () => {
  it.each(PERIODS)('%s: every tier burns the budget before the period ends (factor above 1)', (period) => {
    const tiers = burnTiers(period);
    expect(tiers.map((t) => t.long)).toEqual(['1h', '6h', '1d', '3d']);
    for (const t of tiers) {
      expect(t.factor).toBeGreaterThan(1);
      // At the threshold the whole budget lasts period / factor: less than the period.
      expect(parseDuration(period) / t.factor).toBeLessThan(parseDuration(period));
      expect(t.budgetFraction).toBeLessThan(1);
    }
  });

  it('30d and 28d: the workbook fractions, with 12 % over 3d so that the slowest ticket stays above 1×', () => {
    expect(row('30d')).toEqual([
      ['page', '1h', 0.02, 14.4],
      ['page', '6h', 0.05, 6],
      ['ticket', '1d', 0.1, 3],
      ['ticket', '3d', 0.12, 1.2],
    ]);
    expect(row('28d')).toEqual([
      ['page', '1h', 0.02, 13.44],
      ['page', '6h', 0.05, 5.6],
      ['ticket', '1d', 0.1, 2.8],
      ['ticket', '3d', 0.12, 1.12],
    ]);
  });

  it('14d and 7d: the same windows at the 28-day factors, each burning a larger share of the smaller budget', () => {
    expect(row('14d')).toEqual([
      ['page', '1h', 0.04, 13.44],
      ['page', '6h', 0.1, 5.6],
      ['ticket', '1d', 0.2, 2.8],
      ['ticket', '3d', 0.24, 1.12],
    ]);
    // Taken as written, 10 % in 1d and 10 % in 3d would be 0.7× and 0.23× at 7d.
    expect(row('7d')).toEqual([
      ['page', '1h', 0.08, 13.44],
      ['page', '6h', 0.2, 5.6],
      ['ticket', '1d', 0.4, 2.8],
      ['ticket', '3d', 0.48, 1.12],
    ]);
  });

  it('leave out a tier the period cannot hold: a 3d SLO keeps the 1h, 6h and 1d tiers', () => {
    expect(burnTiers('3d').map((t) => t.long)).toEqual(['1h', '6h', '1d']);
    expect(burnTiers('3d').every((t) => t.factor > 1 && t.budgetFraction < 1)).toBe(true);
  });

  it('tell in the alert text the share of the 7d budget each tier burns', () => {
    const texts = sloAlertRules(availability('7d')).map((r) => r.annotations?.description ?? '');
    expect(texts[0]).toContain('8% of the 7d error budget is gone within 1h');
    expect(texts[3]).toContain('48% of the 7d error budget is gone within 3d');
  });

  it('refuse a tier written with a factor of 1 or less, naming the SLO and the fraction it needs', () => {
    const ctx = contextFor({ ...itemsApi(), slos: [{ name: 'availability', kind: 'availability', objective: 99.5, period: '28d' }] });
    const workbook = [{ severity: 'ticket' as const, budgetFraction: 0.1, long: '3d', short: '6h' }];
    let error: unknown;
    try {
      serviceSlos(ctx, { tiers: workbook });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DacError);
    const [d] = (error as DacError).diagnostics;
    expect(d!.where).toEqual({ file: 'dac.config.ts', path: ['service items-api', 'slos[0] (availability)'] });
    expect(d!.message).toMatch(/ticket tier over 3d fires at 0\.93\d*× the sustainable burn rate/);
    expect(d!.message).toContain('would alert on a service that meets its objective');
    expect(d!.hint).toContain('larger than 10.71%');
  });
});

/** Steady traffic of 1000 requests a minute at `burn` times the budget's error ratio. */
const steady = (minutes: number, budget: number, burn: number): TrafficSegment => ({
  minutes,
  good: 1000 * (1 - budget * burn),
  bad: 1000 * budget * burn,
});

const firing = (alert: string, minutes: number, longWindows: string[]): PromtoolExprCase => ({
  expr: `count by (long_window) (ALERTS{alertname="${alert}",alertstate="firing"})`,
  eval_time: `${minutes}m`,
  exp_samples: longWindows.map((w) => ({ labels: `{long_window="${w}"}`, value: 1 })),
});

describe('with promtool, a 99 % availability SLO', () => {
  it.each(PERIODS)('over %s fires nothing at exactly its budget, and only the slowest ticket just above it', async (period) => {
    const slo = availability(period);
    const slowest = Math.min(...burnTiers(period).map((t) => t.factor));
    const days = (d: number) => d * 24 * 60;
    // Windows read the steady ratio as soon as they hold data, so every tier sees the burn from the start.
    const cases: PromtoolTestCase[] = [
      {
        name: `${period}: the budget burnt exactly at the period's pace for a day and a quarter`,
        interval: '1m',
        input_series: slo.fixture!([steady(days(1.25), 0.01, 1)]),
        promql_expr_test: [60, 360, days(1), days(1.25)].map((m) => firing(slo.alerting.name, m, [])),
      },
      {
        name: `${period}: a burn 5 % above the slowest ticket's factor (${slowest}×)`,
        interval: '1m',
        input_series: slo.fixture!([steady(8 * 60, 0.01, slowest * 1.05)]),
        promql_expr_test: [firing(slo.alerting.name, 7 * 60, ['3d'])],
      },
    ];
    const dir = tempDir();
    writeRuleFile(dir, 'slo.yml', sloRuleGroups(slo));
    const file = writeTestFile(dir, 'slo.test.yml', { rule_files: ['slo.yml'], evaluation_interval: '5m', tests: cases });
    const run = await testRules([file]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });
});
