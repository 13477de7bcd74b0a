import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DacError } from '../src/core/diagnostic.js';
import { checkRules, ensurePromTools, testRules } from './setup/prom-tools.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import type { AlertingRule, RecordingRule } from '../src/rules/model.js';
import { importSloSpecs } from '../src/slo/import/index.js';
import { sloRuleGroups } from '../src/slo/rules.js';
import { ratioSlo } from '../src/slo/service.js';
import { contextFor, itemsApi, tempDir, writeRuleFile, writeTestFile } from './setup/rules-harness.js';

beforeAll(() => ensurePromTools());

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const service = itemsApi();

function project(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'rules/slo'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'rules/slo', name), text);
  return dir;
}

async function problems(files: Record<string, string>): Promise<Diagnostic[]> {
  try {
    await importSloSpecs(project(files), [service]);
  } catch (e) {
    if (e instanceof DacError) return e.diagnostics;
    throw e;
  }
  return [];
}

const SLOTH = `version: prometheus/v1
service: items-api
slos:
  - name: availability-copy
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="fastapi",status=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="fastapi"}[{{ .window }}]))
`;

describe('importing SLO specs from rules/slo/', () => {
  it('reads the example Sloth and OpenSLO specs, sorted, into rule files for the Items API that pass promtool', async () => {
    const files = await importSloSpecs(root, [service]);
    expect(files.map((f) => [f.source, f.stem, f.outPath, f.service?.name])).toEqual([
      ['rules/slo/items-api-reads.yml', 'slo-items-api-reads', 'rules/slo-items-api-reads.yml', 'items-api'],
      ['rules/slo/items-api-writes.yml', 'slo-items-api-writes', 'rules/slo-items-api-writes.yml', 'items-api'],
    ]);
    const dir = tempDir();
    const rules = files.map((f) => writeRuleFile(dir, `${f.stem}.yml`, f.groups));
    const tests = files.map((f) =>
      writeTestFile(dir, `${f.stem}.test.yml`, { rule_files: [`${f.stem}.yml`], evaluation_interval: '1m', tests: f.tests }),
    );
    for (const f of files) expect(f.tests.length).toBe(2);
    const check = await checkRules(rules);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const run = await testRules(tests);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('takes the OpenSLO period and target, the Sloth alert name, per-severity labels and spec labels', async () => {
    const [reads, writes] = await importSloSpecs(root, [service]);
    const info = (f: typeof reads) =>
      f!.groups.flatMap((g) => g.rules).find((r): r is RecordingRule => 'record' in r && r.record === 'slo:metadata:info')!;
    expect(info(reads).labels).toMatchObject({ slo: 'reads-availability', objective: '99.9', period: '28d' });
    expect(info(writes).labels).toMatchObject({ slo: 'writes-availability', objective: '99.5', period: '30d' });
    const alerts = writes!.groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
    expect(new Set(alerts.map((a) => a.alert))).toEqual(new Set(['ItemWritesErrorBudgetBurn']));
    expect(alerts.map((a) => [a.labels?.severity, a.labels?.route])).toEqual([
      ['page', 'items-oncall'],
      ['page', 'items-oncall'],
      ['ticket', 'items-backlog'],
      ['ticket', 'items-backlog'],
    ]);
    // The spec's `labels` (team) go on every recorded series, as in Sloth, and so on the alerts
    // that read them; test/slo-grouped.test.ts shows them on the alerts promtool sees.
    const records = writes!.groups.flatMap((g) => g.rules).filter((r): r is RecordingRule => 'record' in r);
    for (const r of records) expect(r.labels, r.record).toMatchObject({ team: 'items' });
  });

  it('produces the same rules as the equivalent SLO written in TypeScript, its alerts also labelled with the tier as Sloth labels them', async () => {
    const [imported] = await importSloSpecs(project({ 'copy.yml': SLOTH }), [service]);
    const written = sloRuleGroups(
      ratioSlo(contextFor(service), {
        name: 'availability-copy',
        objective: 99.9,
        errors: (w) => `sum(rate(http_requests_total{job="fastapi",status=~"5.."}[${w}]))`,
        total: (w) => `sum(rate(http_requests_total{job="fastapi"}[${w}]))`,
      }),
    );
    const tiers = imported!.groups
      .flatMap((g) => g.rules)
      .flatMap((r) => ('alert' in r ? [[r.labels?.severity, r.labels?.sloth_severity]] : []));
    expect(tiers).toEqual([
      ['page', 'page'],
      ['page', 'page'],
      ['ticket', 'ticket'],
      ['ticket', 'ticket'],
    ]);
    const withoutTier = imported!.groups.map((g) => ({
      ...g,
      rules: g.rules.map((r) => {
        if (!('alert' in r)) return r;
        const { sloth_severity: _, ...labels } = r.labels ?? {};
        return { ...r, labels };
      }),
    }));
    expect(withoutTier).toEqual(written);
  });

  it('pages on an OpenSLO good/total SLI when no event has ever been good (the good series does not exist yet)', async () => {
    // A service that starts broken exports only failing requests: the good selector matches no series at all.
    const [reads] = await importSloSpecs(root, [service]);
    const outage = reads!.tests.find((t) => /every event fails/.test(t.name ?? ''))!;
    const onlyBad = { ...outage, input_series: outage.input_series.filter((s) => !/status="200"/.test(s.series)) };
    expect(onlyBad.input_series.map((s) => s.series)).toEqual(['http_requests_total{job="fastapi",method="GET",status="500"}']);
    const dir = tempDir();
    writeRuleFile(dir, 'reads.yml', reads!.groups);
    const tests = writeTestFile(dir, 'reads.test.yml', { rule_files: ['reads.yml'], evaluation_interval: '1m', tests: [onlyBad] });
    const run = await testRules([tests]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('names the file, the path and the reason of every schema error', async () => {
    const found = await problems({
      'bad.yml': `version: prometheus/v1
service: items-api
slos:
  - name: x-
    objective: 120
    sli: {}
    alerting:
      pages: true
`,
    });
    const lines = found.map((d) => `${d.where.file} ${d.where.path.join(' ')}: ${d.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'rules/slo/bad.yml slos.0.name: must match pattern "^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$"',
        'rules/slo/bad.yml slos.0.objective: must be < 100',
        'rules/slo/bad.yml slos.0.sli: is empty',
        'rules/slo/bad.yml slos.0.alerting: unknown field "pages"',
      ]),
    );
    expect(found.find((d) => d.message === 'is empty')?.hint).toMatch(/events .* or raw/);
  });

  it('rejects OpenSLO calendar windows and timeslice budgeting with their reasons', async () => {
    const found = await problems({
      'cal.yaml': `apiVersion: openslo/v1
kind: SLO
metadata: { name: cal }
spec:
  service: items-api
  indicator:
    metadata: { name: cal-sli }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'x_total{code="500"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'x_total' } } }
  timeWindow: [{ duration: 1M, isRolling: false }]
  budgetingMethod: Timeslices
  objectives: [{ target: 0.99 }]
`,
    });
    expect(found.map((d) => d.hint)).toEqual(
      expect.arrayContaining([expect.stringMatching(/rolling windows/), expect.stringMatching(/Occurrences/)]),
    );
    expect(found.every((d) => d.where.file === 'rules/slo/cal.yaml')).toBe(true);
  });

  it('rejects a query without a window placeholder that is not a plain counter', async () => {
    const found = await problems({ 'q.yml': SLOTH.replace('[{{.window}}]))', '[5m]))') });
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/has no \{\{\.window\}\} placeholder/)]);
  });

  it('rejects an SLO whose name a configured SLO of the same service already has', async () => {
    const found = await problems({ 'dup.yml': SLOTH.replace('availability-copy', 'availability') });
    expect(found.map((d) => d.message)).toEqual(['service items-api already has an SLO named "availability" (dac.config.ts)']);
  });

  it('rejects an objective that leaves the page alert unable to fire', async () => {
    const found = await problems({ 'loose.yml': SLOTH.replace('objective: 99.9', 'objective: 90') });
    expect(found[0]?.message).toMatch(/could never fire/);
    expect(found[0]?.where.path.join(' ')).toContain('availability-copy');
  });

  it('keeps specs of services that are not configured, with default links', async () => {
    const [file] = await importSloSpecs(project({ 'other.yml': SLOTH.replace('service: items-api', 'service: billing') }), [service]);
    expect(file!.service).toBeUndefined();
    const alert = file!.groups.flatMap((g) => g.rules).find((r): r is AlertingRule => 'alert' in r)!;
    expect(alert.labels?.service).toBe('billing');
    expect(alert.annotations?.runbook_url).toBe('https://runbooks.example.com/billing/AvailabilityCopyErrorBudgetBurn');
  });
});
