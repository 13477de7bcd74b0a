/**
 * SLO specs as their users write them: every form a Sloth or OpenSLO user keeps in a repository is
 * read unchanged, and what dac cannot turn into rules is refused by name, located, with what to
 * write instead. The specs of test/golden/projects/sloth-import (one file per form, written for
 * this project) are built whole here and their outputs held as golden trees by test/golden.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkModel } from '../src/check/index.js';
import { DacError, formatWhere } from '../src/core/diagnostic.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import type { SpecText } from '../src/definitions/spec-files.js';
import { assembleModel } from '../src/model/assemble.js';
import type { BuildModel, BuiltRuleFile } from '../src/model/types.js';
import { isAlert, isRecording, type AlertingRule, type RecordingRule } from '../src/rules/model.js';
import { importSloSpecTexts } from '../src/slo/import/index.js';
import { repoRoot } from '../tools/project-copy.js';
import { checkRules, ensurePromTools, testRules } from './setup/prom-tools.js';
import { tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';

const golden = path.join(repoRoot, 'test/golden/projects/sloth-import');
let model: BuildModel;

beforeAll(async () => {
  ensurePromTools();
  model = await assembleModel(golden);
}, 60_000);

const spec = (name: string, text: string): SpecText => ({ name, source: `rules/slo/${name}`, text });

function imported(files: Record<string, string>): BuiltRuleFile[] {
  return importSloSpecTexts(
    Object.entries(files).map(([n, t]) => spec(n, t)),
    model.services,
  );
}

function problems(files: Record<string, string>): Diagnostic[] {
  try {
    imported(files);
  } catch (e) {
    if (e instanceof DacError) return e.diagnostics;
    throw e;
  }
  return [];
}

const rules = (f: BuiltRuleFile | undefined) => f!.groups.flatMap((g) => g.rules);
const alerts = (f: BuiltRuleFile | undefined) => rules(f).filter((r): r is AlertingRule => isAlert(r));
const records = (f: BuiltRuleFile | undefined) => rules(f).filter((r): r is RecordingRule => isRecording(r));
const info = (f: BuiltRuleFile | undefined) => records(f).filter((r) => r.record === 'slo:metadata:info');
const fileOf = (stem: string) => model.ruleFiles.find((f) => f.stem === stem);

const PROMETHEUS_V1 = `version: "prometheus/v1"
service: "orders"
labels:
  owner: "orders-team"
  tier: 2
slos:
  - name: "orders_placed_without_server_error"
    objective: 99.9
    description: "Orders placed without a server error"
    sli:
      events:
        error_query: sum(rate(orders_http_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(orders_http_requests_total[{{.window}}]))
    alerting:
      name: OrdersErrors
      labels:
        category: availability
      annotations:
        summary: "Orders are failing"
      page_alert:
        labels:
          severity: pageteam
          routing_key: orders
      ticket_alert:
        labels:
          severity: slack
`;

/** The same service level as Sloth's Kubernetes resource. */
const KUBERNETES = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: orders
  namespace: shop
spec:
  service: "orders"
  labels:
    owner: "orders-team"
    tier: "2"
  slos:
    - name: "orders_placed_without_server_error"
      objective: 99.9
      description: "Orders placed without a server error"
      sli:
        events:
          errorQuery: sum(rate(orders_http_requests_total{code=~"5.."}[{{.window}}]))
          totalQuery: sum(rate(orders_http_requests_total[{{.window}}]))
      alerting:
        name: OrdersErrors
        labels:
          category: availability
        annotations:
          summary: "Orders are failing"
        pageAlert:
          labels:
            severity: pageteam
            routing_key: orders
        ticketAlert:
          labels:
            severity: slack
`;

describe('the forms Sloth and OpenSLO users keep, built from test/golden/projects/sloth-import', () => {
  it('reads every file, and checks the SLIs of services dac has no profile for as PromQL only', () => {
    expect(model.ruleFiles.map((f) => [f.source, f.service?.name])).toEqual([
      ['rules/slo/fraud-check.yaml', undefined],
      ['rules/slo/ledger.yml', undefined],
      ['rules/slo/payments.yml', 'payments'],
      ['rules/slo/settlement.yml', undefined],
    ]);
    // ledger_postings_total, grpc_server_handled_total… are in no profile: the user's own PromQL is no "unknown metric".
    expect(checkModel(model).map((d) => `${formatWhere(d.where)}: ${d.message}`)).toEqual([]);
  });

  it('gives each form the SLOs its tool would: names, objectives, periods', () => {
    const slos = model.ruleFiles.flatMap((f) =>
      info(f).map((r) => [r.labels?.service, r.labels?.slo, r.labels?.objective, r.labels?.period]),
    );
    expect(slos).toEqual([
      ['fraud-check', 'grpc-availability', '99.9', '30d'],
      // Sloth's names: underscores and over 24 characters; a file of two prometheus/v1 documents.
      ['ledger', 'postings_accepted_without_rejection', '99.95', '30d'],
      ['ledger.replica', 'replication-fresh', '99', '30d'],
      ['payments', 'requests-availability', '99.9', '30d'],
      // OpenSLO v1alpha: one SLO per objective, named <name>-<index> as Sloth names them, over count × days.
      ['settlement', 'settlement-latency-0', '99', '28d'],
      ['settlement', 'settlement-latency-1', '99.9', '28d'],
    ]);
  });

  it("puts the spec's labels on every series (as text, `tier: 1` included) and its info_labels plugin's labels on the info series", () => {
    const ledger = records(fileOf('slo-ledger')).filter((r) => r.labels?.service === 'ledger');
    expect(ledger.length).toBeGreaterThan(20);
    for (const r of ledger) expect(r.labels, r.record).toMatchObject({ owner: 'ledger-team', tier: '1' });
    expect(info(fileOf('slo-fraud-check'))[0]!.labels).toMatchObject({ owner: 'risk', dashboard: 'fraud-overview' });
    expect(records(fileOf('slo-fraud-check')).filter((r) => r.labels?.dashboard !== undefined)).toHaveLength(1);
  });

  it("keeps each alert's severity as the spec routes on it, the tier in sloth_severity, and a disabled ticket alert out", () => {
    const tiers = (f: BuiltRuleFile | undefined, service: string) => [
      ...new Set(
        alerts(f)
          .filter((a) => a.labels?.service === service)
          .map((a) => `${a.alert} ${a.labels?.severity}/${a.labels?.sloth_severity}`),
      ),
    ];
    expect(tiers(fileOf('slo-ledger'), 'ledger')).toEqual([
      'LedgerPostingsRejected pager-ledger/page',
      'LedgerPostingsRejected slack/ticket',
    ]);
    expect(tiers(fileOf('slo-ledger'), 'ledger.replica')).toEqual([
      'LedgerReplicationStale critical/page',
      'LedgerReplicationStale warning/ticket',
    ]);
    expect(tiers(fileOf('slo-fraud-check'), 'fraud-check')).toEqual(['FraudCheckErrors critical/page']);
    // Without a severity of its own, an alert gets dac's page / ticket.
    expect(tiers(fileOf('slo-payments'), 'payments')).toEqual([
      'PaymentsAvailabilityBurn page/page',
      'PaymentsAvailabilityBurn ticket/ticket',
    ]);
    const ticket = alerts(fileOf('slo-ledger')).find((a) => a.labels?.sloth_severity === 'ticket' && a.labels.service === 'ledger')!;
    expect(ticket.labels).toMatchObject({ slack_channel: '#ledger', category: 'availability' });
    expect(ticket.annotations).toMatchObject({ runbook: 'https://wiki.example.com/ledger/rejections' });
  });

  it('keeps a grouped SLI per group in every form (sum by (grpc_method) in the Kubernetes resource)', () => {
    const fraud = records(fileOf('slo-fraud-check')).find((r) => r.record === 'slo:errors:rate5m')!;
    expect(fraud.expr).toContain('sum by (grpc_method)');
    expect(alerts(fileOf('slo-fraud-check'))[0]!.annotations?.summary).toContain('grpc_method {{ $labels.grpc_method }}');
  });

  it('passes promtool check rules, and the tests dac writes for them, on both promtool generations', async () => {
    const dir = tempDir();
    const ruleFiles = model.ruleFiles.map((f) => writeRuleFile(dir, `${f.stem}.yml`, f.groups));
    const check = await checkRules(ruleFiles);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const withTests = model.ruleFiles.filter((f) => f.tests.length > 0);
    // The raw SLI and OpenSLO's good/total over buckets read series dac cannot synthesise; the others get tests.
    expect(withTests.map((f) => f.stem)).toEqual(['slo-fraud-check', 'slo-ledger', 'slo-payments']);
    const tests = withTests.map((f) =>
      writeTestFile(dir, `${f.stem}.test.yml`, { rule_files: [`${f.stem}.yml`], evaluation_interval: '1m', tests: f.tests }),
    );
    const run = await testRules(tests);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 120_000);

  it('the golden project holds each of those forms, so that test/golden.test.ts keeps all their outputs', () => {
    const dir = path.join(golden, 'rules/slo');
    const heads = readdirSync(dir)
      .sort()
      .map((n) => {
        const text = readFileSync(path.join(dir, n), 'utf8');
        return [n, /^version: "prometheus\/v1"/m.test(text), /^apiVersion: (\S+)/m.exec(text)?.[1], (text.match(/^---$/gm) ?? []).length];
      });
    expect(heads).toEqual([
      ['fraud-check.yaml', false, 'sloth.slok.dev/v1', 0],
      ['ledger.yml', true, undefined, 2],
      ['payments.yml', true, undefined, 0],
      ['settlement.yml', false, 'openslo/v1alpha', 0],
    ]);
  });
});

describe('Sloth forms read alike', () => {
  it('the prometheus/v1 spec and the PrometheusServiceLevel resource of one service level give the same rules', () => {
    const [a] = imported({ 'orders.yml': PROMETHEUS_V1 });
    const [b] = imported({ 'orders.yml': KUBERNETES });
    expect(b!.groups).toEqual(a!.groups);
    expect(alerts(a).map((r) => r.labels?.severity)).toEqual(['pageteam', 'pageteam', 'slack', 'slack']);
  });

  it('reads a file of several documents, in any mix of forms, and locates a problem by its document', () => {
    const mixed = `${PROMETHEUS_V1}---\n${KUBERNETES.replace(/orders/g, 'returns')}`;
    expect(imported({ 'shop.yml': mixed }).flatMap((f) => info(f).map((r) => r.labels?.service))).toEqual(['orders', 'returns']);
    const broken = `${PROMETHEUS_V1}---\n${KUBERNETES.replace('objective: 99.9', 'objective: 120')}`;
    expect(problems({ 'shop.yml': broken }).map((d) => `${formatWhere(d.where)}: ${d.message}`)).toEqual([
      'rules/slo/shop.yml › document 2 › spec.slos.0.objective: must be < 100',
    ]);
  });

  it('says which spelling a field has in the other form', () => {
    const found = problems({ 'orders.yaml': KUBERNETES.replace('pageAlert:', 'page_alert:') });
    expect(found.map((d) => [d.message, d.hint])).toEqual([
      [
        'unknown field "page_alert"',
        'write "pageAlert": the Sloth prometheus/v1 spec spells its fields in snake_case, the PrometheusServiceLevel resource in camelCase',
      ],
    ]);
  });

  it('takes names as Sloth does: letters, digits, ".", "_" and "-", starting and ending with a letter or digit', () => {
    expect(problems({ 'a.yml': PROMETHEUS_V1.replace('service: "orders"', 'service: "orders.eu_west-1"') })).toEqual([]);
    const found = problems({ 'a.yml': PROMETHEUS_V1.replace('"orders_placed_without_server_error"', '"_orders"') });
    expect(found.map((d) => d.where.path.join(' '))).toEqual(['slos.0.name']);
  });

  it('counts a raw error ratio (sli.raw) as Sloth does, and reads no traffic (a NaN ratio) as no errors', async () => {
    const raw = `version: prometheus/v1
service: search
slos:
  - name: queries-answered
    objective: 99
    sli:
      raw:
        error_ratio_query: 1 - (sum(rate(search_queries_answered_total[{{.window}}])) / sum(rate(search_queries_total[{{.window}}])))
`;
    const [file] = imported({ 'search.yml': raw });
    const dir = tempDir();
    writeRuleFile(dir, 'search.yml', file!.groups);
    const minutes = (n: number, step: number) => `0+${step}x${n}`;
    const test = writeTestFile(dir, 'search.test.yml', {
      rule_files: ['search.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          name: 'no queries at all: a ratio of 0, not NaN, and no alert',
          interval: '1m',
          input_series: [
            { series: 'search_queries_total{job="search"}', values: minutes(90, 0) },
            { series: 'search_queries_answered_total{job="search"}', values: minutes(90, 0) },
          ],
          promql_expr_test: [
            {
              expr: 'slo:error_ratio:rate5m{slo="queries-answered"}',
              eval_time: '80m',
              exp_samples: [{ labels: 'slo:error_ratio:rate5m{service="search",slo="queries-answered"}', value: 0 }],
            },
            {
              expr: 'slo:error_ratio:rate1d{slo="queries-answered"}',
              eval_time: '80m',
              exp_samples: [{ labels: 'slo:error_ratio:rate1d{service="search",slo="queries-answered"}', value: 0 }],
            },
          ],
          alert_rule_test: [{ alertname: 'QueriesAnsweredErrorBudgetBurn', eval_time: '80m', exp_alerts: [] }],
        },
        {
          name: 'half the queries unanswered since the start: every tier fires, the long windows averaging the ratio over the time it existed',
          interval: '1m',
          input_series: [
            { series: 'search_queries_total{job="search"}', values: minutes(90, 100) },
            { series: 'search_queries_answered_total{job="search"}', values: minutes(90, 50) },
          ],
          promql_expr_test: [
            {
              expr: 'slo:error_ratio:rate1h{slo="queries-answered"}',
              eval_time: '80m',
              exp_samples: [{ labels: 'slo:error_ratio:rate1h{service="search",slo="queries-answered"}', value: 0.5 }],
            },
          ],
          alert_rule_test: [
            {
              alertname: 'QueriesAnsweredErrorBudgetBurn',
              eval_time: '80m',
              exp_alerts: (
                [
                  ['page', '1h', '5m'],
                  ['page', '6h', '30m'],
                  ['ticket', '1d', '2h'],
                  ['ticket', '3d', '6h'],
                ] as const
              ).map(([tier, long, short]) => ({
                exp_labels: {
                  service: 'search',
                  slo: 'queries-answered',
                  severity: tier,
                  sloth_severity: tier,
                  long_window: long,
                  short_window: short,
                },
                exp_annotations: Object.fromEntries(
                  Object.entries(alerts(file).find((a) => a.labels?.long_window === long)!.annotations ?? {}).map(([k, v]) => [
                    k,
                    v.replace('{{ $value | humanizePercentage }}', '50%'),
                  ]),
                ),
              })),
            },
          ],
        },
      ],
    });
    const run = await testRules([test]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 60_000);
});

describe('what dac cannot turn into rules is refused by name, located, with what to write instead', () => {
  it('an SLI plugin: Go code only Sloth runs', () => {
    const withPlugin = PROMETHEUS_V1.replace(
      /sli:\n {6}events:\n.*\n.*\n/,
      'sli:\n      plugin:\n        id: "sloth-common/kubernetes/apiserver/availability"\n        options: { filter: \'verb!="WATCH"\' }\n',
    );
    const [d, ...rest] = problems({ 'p.yml': withPlugin });
    expect(rest).toEqual([]);
    expect(formatWhere(d!.where)).toBe('rules/slo/p.yml › slos[0] (orders_placed_without_server_error) › sli.plugin');
    expect(d!.message).toBe(
      'SLI plugin "sloth-common/kubernetes/apiserver/availability" is not supported: it is Go code that only Sloth can run',
    );
    expect(d!.hint).toMatch(/sli\.events with error_query and total_query .* or sli\.raw\.error_ratio_query/);
    const k8s = problems({
      'p.yaml': KUBERNETES.replace(/sli:\n {8}events:\n.*\n.*\n/, 'sli:\n        plugin:\n          id: "x/availability"\n'),
    });
    expect(k8s[0]!.hint).toMatch(/errorQuery and totalQuery .* sli\.raw\.errorRatioQuery/);
  });

  it('SLO plugins that change the rules; those of Sloth’s default chain, or that only log, are taken', () => {
    const chain = (ids: string[]) =>
      PROMETHEUS_V1.replace(
        'slos:\n',
        `slo_plugins:\n  chain:\n${ids.map((id) => `    - id: "${id}"\n      config: { msg: "x" }\n`).join('')}slos:\n`,
      );
    expect(problems({ 'a.yml': chain(['sloth.dev/core/debug/v1', 'sloth.dev/core/sli_rules/v1']) })).toEqual([]);
    const found = problems({ 'a.yml': chain(['sloth.dev/core/debug/v1', 'sloth.dev/contrib/rule_intervals/v1', 'example.com/mine/v1']) });
    expect(found.map((d) => [formatWhere(d.where), d.check])).toEqual([
      ['rules/slo/a.yml › slo_plugins › chain[1] (sloth.dev/contrib/rule_intervals/v1)', 'slo/plugin'],
      ['rules/slo/a.yml › slo_plugins › chain[2] (example.com/mine/v1)', 'slo/plugin'],
    ]);
    expect(found[0]!.hint).toMatch(/evaluation_interval/);
    expect(found[1]!.hint).toMatch(/ratioSlo/);
  });

  it('a query that is not PromQL, or uses a template variable other than {{.window}}', () => {
    const broken = problems({ 'a.yml': PROMETHEUS_V1.replace('code=~"5.."}', 'code=~"5.."') });
    expect(broken.map((d) => [d.where.path.at(-1), d.message])).toEqual([
      ['sli.events.error_query', expect.stringMatching(/^query is not valid PromQL: it breaks at line 1, column \d+/)],
    ]);
    const templated = problems({
      'a.yml': PROMETHEUS_V1.replace('[{{.window}}]))\n        total', '[{{.window}}]) offset {{.offset}})\n        total'),
    });
    expect(templated.map((d) => d.message)).toEqual([
      'query uses the template "{{.offset}}": {{.window}} is the only variable Sloth and dac fill in',
    ]);
  });

  it("Sloth's AlertWindows and documents of no SLO format", () => {
    const windows = 'apiVersion: sloth.slok.dev/v1\nkind: AlertWindows\nspec:\n  sloPeriod: 7d\n';
    const found = problems({ 'w.yml': windows, 'k.yml': 'apiVersion: v1\nkind: ConfigMap\n' });
    expect(found.map((d) => `${formatWhere(d.where)}: ${d.message}`)).toEqual([
      'rules/slo/w.yml: Sloth AlertWindows are not read: they are options of `sloth generate`, not an SLO',
      'rules/slo/k.yml: not an SLO spec dac reads (apiVersion "v1", kind "ConfigMap")',
    ]);
  });

  it('a type error in the SLI of an unprofiled service is still found, as PromQL, by the checks', () => {
    const ruleFiles = imported({
      'a.yml': PROMETHEUS_V1.replace('sum(rate(orders_http_requests_total[{{.window}}]))', 'sum(orders_http_requests_total[{{.window}}])'),
    });
    const found = checkModel({ ...model, ruleFiles }).filter((d) => d.severity === 'error');
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((d) => d.check)).toContain('promql/type');
    expect(found.some((d) => d.check === 'promql/unknown-metric')).toBe(false);
  });
});
