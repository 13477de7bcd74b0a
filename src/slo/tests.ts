/**
 * promtool tests for SLO alerts: a total outage under which every tier of both alerts fires, and
 * an error ratio at half the lowest threshold under which none does. Only SLIs whose metrics dac
 * knows (a fixture) get them; timing behaviour is proven separately by test/slo-timing.test.ts.
 */
import { renderAnnotation } from '../rules/humanize.js';
import type { PromtoolTestCase } from '../rules/model.js';
import type { Slo, TrafficSegment } from './model.js';
import { errorBudget, sloAlertRules, sloSeriesLabels } from './rules.js';
import { burnTiers } from './windows.js';

const MINUTES = 30;

export function sloAlertTests(slo: Slo): PromtoolTestCase[] {
  if (!slo.fixture) return [];
  const rules = sloAlertRules(slo);
  if (rules.length === 0) return [];
  const lowest = Math.min(...burnTiers(slo.period, slo.tiers).map((t) => t.factor * errorBudget(slo)));
  // Enough events a minute that the quiet case's few errors are whole-ish numbers and the guard is met.
  const perMinute = Math.max(10 ** Math.ceil(Math.log10(2 / lowest)), Math.ceil(120 * (slo.minRequestRate ?? 0)));
  const result = sloSeriesLabels(slo);
  const run = (name: string, segment: TrafficSegment, firing: boolean): PromtoolTestCase => ({
    name: `${slo.alerting.name} (${slo.service}/${slo.name}): ${name}`,
    interval: '1m',
    input_series: slo.fixture!([segment]),
    alert_rule_test: [
      {
        eval_time: '10m',
        alertname: slo.alerting.name,
        exp_alerts: firing
          ? rules.map((r) => ({
              exp_labels: { ...result, ...(r.labels ?? {}) },
              exp_annotations: Object.fromEntries(Object.entries(r.annotations ?? {}).map(([k, t]) => [k, renderAnnotation(t, result, 1)])),
            }))
          : [],
      },
    ],
  });
  return [
    run('every event fails: every tier fires', { minutes: MINUTES, good: 0, bad: perMinute }, true),
    run(
      'errors at half the lowest alert threshold: nothing fires',
      { minutes: MINUTES, good: perMinute * (1 - lowest / 2), bad: (perMinute * lowest) / 2 },
      false,
    ),
  ];
}
