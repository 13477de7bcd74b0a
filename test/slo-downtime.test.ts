/**
 * Downtime burns the budget of the Items API's 99.9 % / 30d availability SLO, proven by promtool
 * on the generated rules with the series a dying process really leaves: its counters go stale and
 * vanish, `up` turns 0 (a static target) or vanishes too (a deleted pod), and a restarted process
 * counts from 0 again. Traffic is 1000 requests a minute on one instance, one sample a minute.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePromTools, testRules } from './setup/prom-tools.js';
import type { PromtoolExprCase, PromtoolSeries, PromtoolTestCase } from '../src/rules/model.js';
import type { Slo, TrafficSegment } from '../src/slo/model.js';
import { sloRuleGroups } from '../src/slo/rules.js';
import { ratioSlo, serviceSlos } from '../src/slo/service.js';
import { SECOND_INSTANCE } from '../src/slo/tests.js';
import { contextFor, itemsApi, tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

const slo = serviceSlos(contextFor(itemsApi())).find((s) => s.name === 'availability')!;
const ALERT = slo.alerting.name;
const SEL = '{service="items-api",slo="availability"}';
const RATE = 1000;

const healthy = (minutes: number): TrafficSegment => ({ minutes, good: RATE, bad: 0 });
const idle = (minutes: number): TrafficSegment => ({ minutes, good: 0, bad: 0 });
const dead = (minutes: number, down: 'refused' | 'gone' = 'refused'): TrafficSegment => ({ minutes, good: 0, bad: 0, down });
const at = (minutes: number) => `${minutes}m`;

function pages(minutes: number, firing: boolean): PromtoolExprCase {
  return {
    expr: `max(ALERTS{alertname="${ALERT}",alertstate="firing",severity="page"})`,
    eval_time: at(minutes),
    exp_samples: firing ? [{ labels: '{}', value: 1 }] : [],
  };
}

function pageTiers(minutes: number, longWindows: string[]): PromtoolExprCase {
  return {
    expr: `count by (long_window) (ALERTS{alertname="${ALERT}",alertstate="firing",severity="page"})`,
    eval_time: at(minutes),
    exp_samples: longWindows.map((w) => ({ labels: `{long_window="${w}"}`, value: 1 })),
  };
}

function nothingFires(minutes: number): PromtoolExprCase {
  return { expr: `ALERTS{service="items-api"}`, eval_time: at(minutes), exp_samples: [] };
}

function budgetWhole(minutes: number): PromtoolExprCase {
  return {
    expr: `slo:error_budget_remaining:ratio${SEL}`,
    eval_time: at(minutes),
    exp_samples: [{ labels: 'slo:error_budget_remaining:ratio{job="fastapi",service="items-api",slo="availability"}', value: 1 }],
  };
}

/** `expr` has one sample, strictly between `low` and `high`. */
function between(minutes: number, expr: string, low: number, high: number): PromtoolExprCase {
  return { expr: `count(${expr} > ${low} < ${high})`, eval_time: at(minutes), exp_samples: [{ labels: '{}', value: 1 }] };
}

function scenario(name: string, input: PromtoolSeries[], checks: PromtoolExprCase[]): PromtoolTestCase {
  return { name, interval: '1m', input_series: input, promql_expr_test: checks };
}

async function prove(cases: PromtoolTestCase[]): Promise<void> {
  const dir = tempDir();
  writeRuleFile(dir, 'slo.yml', sloRuleGroups(slo));
  const file = writeTestFile(dir, 'slo.test.yml', { rule_files: ['slo.yml'], evaluation_interval: '1m', tests: cases });
  const run = await testRules([file]);
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

describe('a dead process fails the availability SLO', () => {
  it('pages 3 minutes after the last successful scrape, static target (up 0) or deleted pod (up gone)', async () => {
    // Every target must have been down for 2 minutes (one failed scrape is no outage); the next
    // evaluation counts a minute of unanswered traffic, 1/61 of the 1h window: above 14.4 × 0.1 %.
    const checks = [pages(60, false), pages(62, false), pageTiers(63, ['1h']), pageTiers(64, ['1h', '6h']), pageTiers(130, ['1h', '6h'])];
    await prove([
      scenario('the process dies, its target stays listed', slo.fixture!([healthy(60), dead(70, 'refused')]), checks),
      scenario('the pod is deleted, its target vanishes', slo.fixture!([healthy(60), dead(70, 'gone')]), checks),
    ]);
  });

  it('burns the budget: 70 dead minutes after 6 healthy hours cost about 66 minutes of traffic', async () => {
    // The first 2 minutes are the grace above, and the 5-minute average the period reads lags by
    // about 2.5 more. With a whole 30d of history the same outage would leave about -52 % of the budget.
    const end = 360 + 70;
    await prove([
      scenario('six healthy hours, then 70 minutes dead', slo.fixture!([healthy(360), dead(70)]), [
        budgetWhole(360),
        between(end, `slo:error_ratio:rate_period${SEL} * ${end}`, 64, 68),
        between(end, `slo:error_budget_remaining:ratio${SEL}`, -155, -148),
      ]),
    ]);
  });

  it('keeps the traffic it had before as the baseline, and clears the 1h page within 6 minutes of the process returning', async () => {
    const back = 60 + 20;
    await prove([
      scenario('20 minutes dead, then a new process', slo.fixture!([healthy(60), dead(20), healthy(60)]), [
        // 1000 a minute is 16.67/s, kept while nobody answers.
        between(75, `slo:requests:baseline${SEL}`, 16.3, 16.7),
        between(75, `slo:requests_unanswered:rate${SEL}`, 16.3, 16.7),
        // At +5 Prometheus 3 has already cleared the 1h page (its [5m] average leaves out the sample
        // exactly 5m old, which 2.x still counts); both still page a minute before.
        pageTiers(back + 4, ['1h', '6h']),
        pageTiers(back + 6, ['6h']),
        pages(back + 31, false),
        between(back + 31, `slo:requests_unanswered:rate${SEL}`, -1, 0.0001),
      ]),
    ]);
  });

  it('still pages when the service was idle before it died: the baseline never falls below one request a minute', async () => {
    await prove([
      scenario('an hour with no requests, then dead', slo.fixture!([idle(60), dead(30)]), [
        nothingFires(60),
        between(60, `slo:requests:baseline${SEL}`, 0.0166, 0.0167),
        pages(65, true),
      ]),
    ]);
  });
});

describe('which SLOs count downtime', () => {
  it('availability SLOs, and ratio SLOs that ask for it; never latency SLOs, whose slow requests a dead process does not make', () => {
    const ctx = contextFor(itemsApi());
    const counts = (s: Slo) =>
      sloRuleGroups(s).some((g) => g.rules.some((r) => 'record' in r && r.record === 'slo:requests_unanswered:rate'));
    const configured = serviceSlos(ctx);
    expect(new Set(configured.map((s) => s.kind))).toEqual(new Set(['availability', 'latency']));
    for (const s of configured) expect(counts(s), s.name).toBe(s.kind === 'availability');
    const spec = {
      name: 'writes',
      objective: 99.5,
      errors: (w: string) => `sum(rate(http_requests_total{job="fastapi",method="POST",status=~"5.."}[${w}]))`,
      total: (w: string) => `sum(rate(http_requests_total{job="fastapi",method="POST"}[${w}]))`,
    };
    expect(counts(ratioSlo(ctx, spec))).toBe(false);
    expect(counts(ratioSlo(ctx, { ...spec, countDowntime: true }))).toBe(true);
  });
});

describe('what is not an outage of the SLI', () => {
  it('one instance of two dying while the other serves: nothing fires, the budget stays whole', async () => {
    await prove([
      scenario(
        'the second instance dies after an hour',
        [...slo.fixture!([healthy(120)]), ...slo.fixture!([healthy(60), dead(60)], { instance: SECOND_INSTANCE })],
        [nothingFires(65), nothingFires(120), budgetWhole(120)],
      ),
      scenario(
        'the second pod is deleted after an hour',
        [...slo.fixture!([healthy(120)]), ...slo.fixture!([healthy(60), dead(60, 'gone')], { instance: SECOND_INSTANCE })],
        [nothingFires(65), nothingFires(120), budgetWhole(120)],
      ),
    ]);
  });

  it('a crash the supervisor restarts within a minute: nothing fires, the budget stays whole', async () => {
    await prove([scenario('one minute dead', slo.fixture!([healthy(60), dead(1), healthy(60)]), [nothingFires(65), budgetWhole(120)])]);
  });

  it('a service Prometheus has never scraped: no baseline, nothing fires, the budget stays whole (MetricsAbsent covers it)', async () => {
    await prove([scenario('no target at all', [{ series: 'up{job="other"}', values: '1x60' }], [nothingFires(60), budgetWhole(60)])]);
  });
});
