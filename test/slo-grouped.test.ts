/**
 * Grouped SLIs stay grouped, and a spec's labels reach every series it records, as in Sloth: an
 * SLI written `sum by (handler) (…)` gets its error ratios, budgets and pages per handler, so one
 * handler failing at low traffic pages beside a busy healthy one. Proven by promtool on the
 * generated rules, fed the instrumentator's request counter (handler, method, status, job, instance).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { ensurePromTools, testRules } from './setup/prom-tools.js';
import type { AlertingRule, PromtoolExprCase, PromtoolSeries, PromtoolTestCase, RecordingRule } from '../src/rules/model.js';
import { synthesizeFixture } from '../src/slo/import/fixture.js';
import { sloSpecSlos } from '../src/slo/import/index.js';
import type { Slo } from '../src/slo/model.js';
import { counterValues } from '../src/slo/process-series.js';
import { sloRuleGroups, validateSlo } from '../src/slo/rules.js';
import { sloAlertTests } from '../src/slo/tests.js';
import { itemsApi, tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

const FILE = 'rules/slo/handlers.yml';

const sloth = (errorQuery: string, totalQuery: string, extra = '') => `version: prometheus/v1
service: items-api
labels:
  owner: items-team
  tier: "1"
slos:
  - name: handlers
    objective: 99.9
    description: Requests answered without a server error, per handler
    labels:
      category: availability
    sli:
      events:
        error_query: ${errorQuery}
        total_query: ${totalQuery}
    alerting:
      name: HandlerErrorBudgetBurn
      labels:
        route: items-oncall
${extra}`;

const GROUPED = sloth(
  'sum by (handler) (rate(http_requests_total{job="fastapi",status=~"5.."}[{{.window}}]))',
  'sum by (handler) (rate(http_requests_total{job="fastapi"}[{{.window}}]))',
);
const FLAT = sloth(
  'sum(rate(http_requests_total{job="fastapi",status=~"5.."}[{{.window}}]))',
  'sum(rate(http_requests_total{job="fastapi"}[{{.window}}]))',
);

function slosOf(text: string): { slos: Slo[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const slos = sloSpecSlos(text, FILE, [itemsApi()], problems).map((s) => {
    problems.push(...validateSlo(s));
    const fixture = synthesizeFixture(s);
    return fixture ? { ...s, fixture } : s;
  });
  return { slos, problems };
}

function only(text: string): Slo {
  const { slos, problems } = slosOf(text);
  expect(problems).toEqual([]);
  expect(slos).toHaveLength(1);
  return slos[0]!;
}

/** One instance's requests on one handler, as prometheus-fastapi-instrumentator labels them. */
function requests(handler: string, perMinute: { good: number; bad: number }, minutes = 30): PromtoolSeries[] {
  const labels = (status: string) => `{job="fastapi",instance="app:8000",handler="${handler}",method="GET",status="${status}"}`;
  const segment = [{ minutes, ...perMinute }];
  return [
    { series: `http_requests_total${labels('2xx')}`, values: counterValues(segment, (s) => s.good) },
    { series: `http_requests_total${labels('5xx')}`, values: counterValues(segment, (s) => s.bad) },
  ];
}

/** A busy healthy handler and a quiet one whose every request fails: 2 of 10 002 a minute in all. */
const TRAFFIC = [...requests('/items', { good: 10000, bad: 0 }), ...requests('/items/{item_id}', { good: 0, bad: 2 })];

async function prove(slo: Slo, cases: PromtoolTestCase[]): Promise<void> {
  const dir = tempDir();
  writeRuleFile(dir, 'slo.yml', sloRuleGroups(slo));
  const file = writeTestFile(dir, 'slo.test.yml', { rule_files: ['slo.yml'], evaluation_interval: '1m', tests: cases });
  const run = await testRules([file]);
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

/** The handlers paged at minute 10, each by both page tiers (1h and 6h: 100 % errors for 10 minutes). */
const pagesFor = (expected: string[], alert = 'HandlerErrorBudgetBurn'): PromtoolExprCase => ({
  expr: `count by (handler) (ALERTS{alertname="${alert}",alertstate="firing",severity="page"})`,
  eval_time: '10m',
  exp_samples: expected.map((h) => ({ labels: `{handler="${h}"}`, value: 2 })),
});

describe('a Sloth SLI grouped by handler', () => {
  it('pages for the one handler failing at low traffic, not for the busy healthy one', async () => {
    await prove(only(GROUPED), [
      { name: 'one quiet handler fails', interval: '1m', input_series: TRAFFIC, promql_expr_test: [pagesFor(['/items/{item_id}'])] },
    ]);
  });

  it('would page nobody if the groups were summed: the same traffic through the ungrouped spec', async () => {
    await prove(only(FLAT), [
      { name: 'the failures drown in the busy handler', interval: '1m', input_series: TRAFFIC, promql_expr_test: [pagesFor([])] },
    ]);
  });

  it('records every series, budgets included, once per handler', async () => {
    const per = (metric: string, value: (h: string) => number): PromtoolExprCase => ({
      expr: `${metric}{slo="handlers"}`,
      eval_time: '10m',
      exp_samples: ['/items', '/items/{item_id}'].map((h) => ({
        labels: `${metric}{category="availability",handler="${h}",job="fastapi",owner="items-team",service="items-api",slo="handlers",tier="1"}`,
        value: value(h),
      })),
    });
    const failing = (h: string) => (h === '/items' ? 0 : 1);
    await prove(only(GROUPED), [
      {
        name: 'per-handler series',
        interval: '1m',
        input_series: TRAFFIC,
        promql_expr_test: [
          per('slo:error_ratio:rate5m', failing),
          per('slo:error_ratio:rate3d', failing),
          per('slo:error_ratio:rate_period', failing),
          per('slo:error_budget_remaining:ratio', (h) => (h === '/items' ? 1 : 1 - 1 / 0.001)),
        ],
      },
    ]);
  });

  it('gets a generated promtool test that proves the same, and it passes', async () => {
    const slo = only(GROUPED);
    const cases = sloAlertTests(slo);
    expect(cases.map((c) => c.name)).toEqual([
      'HandlerErrorBudgetBurn (items-api/handlers): one handler failing at low traffic beside a busy healthy one: it alone fires, every tier',
    ]);
    const alerts = cases[0]!.alert_rule_test![0]!.exp_alerts;
    expect(alerts.map((a) => [a.exp_labels?.handler, a.exp_labels?.severity])).toEqual([
      ['/items/{item_id}', 'page'],
      ['/items/{item_id}', 'page'],
      ['/items/{item_id}', 'ticket'],
      ['/items/{item_id}', 'ticket'],
    ]);
    expect(alerts[0]!.exp_annotations?.summary).toContain('(handler /items/{item_id})');
    await prove(slo, cases);
  });

  it('keeps an OpenSLO good/total SLI grouped, and pages for a handler that has never answered well', async () => {
    const slo = only(`apiVersion: openslo/v1
kind: SLO
metadata: { name: handlers }
spec:
  service: items-api
  indicator:
    metadata: { name: handlers-good }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec: { query: 'sum by (handler) (rate(http_requests_total{job="fastapi",status!~"5.."}[{{.window}}]))' }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'sum by (handler) (rate(http_requests_total{job="fastapi"}[{{.window}}]))' }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
`);
    expect(slo.groupBy).toEqual(['handler']);
    // The quiet handler has no good series at all, only failures.
    const input = TRAFFIC.filter((s) => !(s.series.includes('{item_id}') && s.series.includes('2xx')));
    await prove(slo, [
      {
        name: 'a handler with failures only',
        interval: '1m',
        input_series: input,
        promql_expr_test: [pagesFor(['/items/{item_id}'], 'HandlersErrorBudgetBurn')],
      },
    ]);
  });
});

describe("a Sloth spec's labels", () => {
  it('reach every recorded series and every alert; alerting labels reach the alerts only', () => {
    const rules = sloRuleGroups(only(FLAT)).flatMap((g) => g.rules);
    const records = rules.filter((r): r is RecordingRule => 'record' in r);
    const alerts = rules.filter((r): r is AlertingRule => 'alert' in r);
    expect(records.length).toBeGreaterThan(20);
    for (const r of records) expect(r.labels, r.record).toMatchObject({ owner: 'items-team', tier: '1', category: 'availability' });
    for (const r of records) expect(r.labels, r.record).not.toHaveProperty('route');
    // Alerts read recorded series, so they carry the series' labels; the rule adds its own.
    for (const a of alerts) {
      expect(a.expr).toMatch(/^slo:error_ratio:rate\w+\{service="items-api",slo="handlers"\}/);
      expect(a.labels).toMatchObject({ route: 'items-oncall' });
    }
  });

  it('carry through to the alerts promtool sees', async () => {
    const slo = only(FLAT);
    const [outage] = sloAlertTests(slo);
    expect(outage!.alert_rule_test![0]!.exp_alerts[0]!.exp_labels).toMatchObject({
      owner: 'items-team',
      tier: '1',
      category: 'availability',
      route: 'items-oncall',
    });
    await prove(slo, [outage!]);
  });
});

describe('grouping problems are build errors located in the spec', () => {
  it('rejects error and total queries grouped differently', () => {
    const { problems } = slosOf(
      sloth(
        'sum by (handler) (rate(http_requests_total{job="fastapi",status=~"5.."}[{{.window}}]))',
        'sum by (method) (rate(http_requests_total{job="fastapi"}[{{.window}}]))',
      ),
    );
    expect(problems.map((p) => [p.where.file, p.where.path.join(' › '), p.message])).toEqual([
      [FILE, 'slos[0] (handlers) › sli.events', 'the queries are grouped differently (by (handler) vs by (method))'],
    ]);
    expect(problems[0]!.hint).toMatch(/same labels/);
  });

  it('rejects a spec label that is also a grouping label', () => {
    const { problems } = slosOf(GROUPED.replace('category: availability', 'handler: all'));
    expect(problems.map((p) => [p.where.path.join(' › '), p.message])).toEqual([
      ['slos[0] (handlers)', 'label "handler" is both a label of the SLO and one the SLI is grouped by'],
    ]);
  });

  it('rejects spec labels dac sets itself', () => {
    const { problems } = slosOf(GROUPED.replace('category: availability', 'job: api'));
    expect(problems.map((p) => [p.where.path.join(' › '), p.message])).toEqual([
      ['slos[0] (handlers) › labels.job', 'label "job" is set by dac'],
    ]);
    expect(problems[0]!.hint).toMatch(/configured service/);
  });
});
