/**
 * When the SLO alerts of a 99.9 % / 30d availability SLO fire and clear, proven by promtool on the
 * generated rules. The figures follow from the burn-rate arithmetic: the budget is 0.1 %, the page
 * tiers need 14.4× (1h, short 5m) or 6× (6h, short 30m), the ticket tiers 3× (1d, short 2h) or
 * 1.2× (3d, short 6h). Traffic is 1000 requests a minute, one sample a minute.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePromTools, testRules } from './setup/prom-tools.js';
import type { PromtoolExprCase, PromtoolTestCase } from '../src/rules/model.js';
import type { TrafficSegment } from '../src/slo/model.js';
import { sloRuleGroups } from '../src/slo/rules.js';
import { serviceSlos } from '../src/slo/service.js';
import { contextFor, itemsApi, tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

const slo = serviceSlos(contextFor(itemsApi())).find((s) => s.name === 'availability')!;
const ALERT = slo.alerting.name;
const RATE = 1000;

const healthy = (minutes: number): TrafficSegment => ({ minutes, good: RATE, bad: 0 });
const failing = (minutes: number, ratio: number): TrafficSegment => ({ minutes, good: RATE * (1 - ratio), bad: RATE * ratio });
const idle = (minutes: number): TrafficSegment => ({ minutes, good: 0, bad: 0 });

const at = (minutes: number) => `${minutes}m`;

/** The firing tiers of one severity at a time, e.g. [{ long_window: '1h' }]. */
function tiers(minutes: number, severity: 'page' | 'ticket', firing: string[]): PromtoolExprCase {
  return {
    expr: `count by (long_window) (ALERTS{alertname="${ALERT}",alertstate="firing",severity="${severity}"})`,
    eval_time: at(minutes),
    exp_samples: firing.map((w) => ({ labels: `{long_window="${w}"}`, value: 1 })),
  };
}

function anyPage(minutes: number, firing: boolean): PromtoolExprCase {
  return {
    expr: `max(ALERTS{alertname="${ALERT}",alertstate="firing",severity="page"})`,
    eval_time: at(minutes),
    exp_samples: firing ? [{ labels: '{}', value: 1 }] : [],
  };
}

function nothingFires(minutes: number): PromtoolExprCase {
  return { expr: `ALERTS{service="items-api"}`, eval_time: at(minutes), exp_samples: [] };
}

function scenario(name: string, segments: TrafficSegment[], checks: PromtoolExprCase[]): PromtoolTestCase {
  return { name, interval: '1m', input_series: slo.fixture!(segments), promql_expr_test: checks };
}

async function prove(evaluationInterval: string, cases: PromtoolTestCase[]): Promise<void> {
  const dir = tempDir();
  writeRuleFile(dir, 'slo.yml', sloRuleGroups(slo));
  const file = writeTestFile(dir, 'slo.test.yml', { rule_files: ['slo.yml'], evaluation_interval: evaluationInterval, tests: cases });
  const started = performance.now();
  const run = await testRules([file]);
  console.log(
    `promtool test, ${cases.length} scenario(s) at ${evaluationInterval} evaluation: ${(performance.now() - started).toFixed(0)} ms`,
  );
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

describe('a 99.9 % / 30d availability SLO', () => {
  it('pages within 2 minutes of a total outage', async () => {
    await prove('1m', [
      scenario('total outage after an hour of health', [healthy(60), failing(10, 1)], [anyPage(60, false), anyPage(62, true)]),
    ]);
  });

  it('pages on a steady 2 % error ratio (20× burn) after about 43 minutes, not before 40', async () => {
    // 1h ratio after k minutes: 20k / 60000 > 14.4 × 0.1 % once k > 43.2; the 6h one needs k > 108 (plus
    // about 2.5 minutes, because windows over an hour average the recorded 5m rates).
    // Six healthy hours first, so that the 6h window holds a full history, as it does in production.
    const start = 6 * 60;
    await prove('1m', [
      scenario(
        '2 % errors after six hours of health',
        [healthy(start), failing(120, 0.02)],
        [
          anyPage(start + 40, false),
          anyPage(start + 43, false),
          tiers(start + 44, 'page', ['1h']),
          tiers(start + 107, 'page', ['1h']),
          tiers(start + 113, 'page', ['1h', '6h']),
        ],
      ),
    ]);
  });

  it('clears the 1h/5m page within 6 minutes of the errors stopping, and every page within 31', async () => {
    const recovered = 60 + 30;
    await prove('1m', [
      scenario(
        'a 30 minute outage, then health',
        [healthy(60), failing(30, 1), healthy(60)],
        [
          tiers(recovered, 'page', ['1h', '6h']),
          tiers(recovered + 6, 'page', ['6h']),
          // Still paging a minute before: at +29 Prometheus 3 has already cleared it, since its
          // [30m] average leaves out the sample exactly 30m old, which 2.x still counts.
          tiers(recovered + 28, 'page', ['6h']),
          anyPage(recovered + 31, false),
        ],
      ),
    ]);
  });

  it('keeps its budget and fires nothing through hours of zero traffic', async () => {
    const budget = (minutes: number): PromtoolExprCase => ({
      expr: `slo:error_budget_remaining:ratio{slo="availability"}`,
      eval_time: at(minutes),
      exp_samples: [{ labels: 'slo:error_budget_remaining:ratio{job="fastapi",service="items-api",slo="availability"}', value: 1 }],
    });
    const ratio = (minutes: number, window: string): PromtoolExprCase => ({
      expr: `slo:error_ratio:rate${window}{slo="availability"}`,
      eval_time: at(minutes),
      exp_samples: [{ labels: `slo:error_ratio:rate${window}{job="fastapi",service="items-api",slo="availability"}`, value: 0 }],
    });
    await prove('1m', [
      scenario(
        'counters that stop growing for six hours',
        [healthy(60), idle(360)],
        [nothingFires(120), nothingFires(300), nothingFires(420), budget(420), ratio(420, '5m'), ratio(420, '3d')],
      ),
      {
        name: 'a service that never exported a request',
        interval: '1m',
        input_series: [{ series: 'up{job="fastapi",instance="app:8000"}', values: '1x240' }],
        promql_expr_test: [nothingFires(240), budget(240), ratio(240, '1h')],
      },
    ]);
  });

  it('never pages on a steady 0.2 % (2× burn) after three healthy days, but opens a ticket after about 43 hours', async () => {
    // 3d ratio after k minutes: 2k / 4 320 000 > 1.2 × 0.1 % once k > 2592 (43.2h); 2× never reaches 3× or 6×.
    const start = 3 * 24 * 60;
    const hours = (h: number) => start + h * 60;
    await prove('5m', [
      scenario(
        '2× burn after three healthy days',
        [healthy(start), failing(45 * 60, 0.002)],
        [
          tiers(hours(6), 'ticket', []),
          tiers(hours(42), 'ticket', []),
          tiers(hours(44), 'ticket', ['3d']),
          anyPage(hours(1), false),
          anyPage(hours(12), false),
          anyPage(hours(44), false),
        ],
      ),
    ]);
  });

  it('never alerts on a steady 0.05 % error ratio', async () => {
    await prove('5m', [
      scenario('half a budget-rate of errors for four days', [failing(4 * 24 * 60, 0.0005)], [60, 360, 1440, 4320, 5760].map(nothingFires)),
    ]);
  });
});

describe('zero-traffic guard', () => {
  it('writes every ratio so that no requests count as no errors', () => {
    const ratios = sloRuleGroups(slo)
      .flatMap((g) => g.rules)
      .filter((r) => 'record' in r && r.record.startsWith('slo:error_ratio:'));
    expect(ratios.length).toBeGreaterThan(0);
    for (const r of ratios) expect(r.expr).toMatch(/\/ \(slo:requests:rate\w+\{[^}]*\} > 0\) or slo:requests:rate\w+\{[^}]*\} \* 0$/);
  });
});
