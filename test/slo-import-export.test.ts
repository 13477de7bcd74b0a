/**
 * Moving the other way: `dac slo export` writes any SLO defined in TypeScript as a Sloth
 * prometheus/v1 spec, which Sloth reads and dac reads back into the same SLI, objective and
 * alerts; what Sloth cannot say (period, downtime counting) is written as a comment, not lost.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isAlert, isRecording, type RecordingRule } from '../src/rules/model.js';
import { slothSpecs } from '../src/slo/import/export.js';
import { importSloSpecTexts } from '../src/slo/import/index.js';
import { sloRuleGroups } from '../src/slo/rules.js';
import { ratioSlo, serviceSlos } from '../src/slo/service.js';
import { repoRoot } from '../tools/project-copy.js';
import { contextFor, itemsApi } from './setup/rules-harness.js';

const service = itemsApi();
const ctx = contextFor(service);

const sliRules = (groups: { rules: unknown[] }[]) =>
  groups
    .flatMap((g) => g.rules as RecordingRule[])
    .filter((r) => isRecording(r) && /^slo:(errors|requests):rate\d/.test(r.record))
    .map((r) => [r.record, r.expr]);

describe('dac slo export', () => {
  it("writes the Items API's SLOs as a Sloth spec that dac reads back into the same SLI, objective and alerts", () => {
    const slos = serviceSlos(ctx);
    const text = slothSpecs(slos).get('items-api')!;
    const spec = parse(text) as {
      version: string;
      service: string;
      slos: { name: string; objective: number; alerting: { name: string } }[];
    };
    expect([spec.version, spec.service]).toEqual(['prometheus/v1', 'items-api']);
    expect(spec.slos.map((s) => [s.name, s.objective, s.alerting.name])).toEqual(slos.map((s) => [s.name, s.objective, s.alerting.name]));
    // Read back (as a spec of a service dac does not configure, beside the configured SLOs of the same names):
    // the latency SLI, which counts no downtime, records the same series from the same PromQL.
    const [file] = importSloSpecTexts([{ name: 'back.yml', source: 'rules/slo/back.yml', text }], []);
    const latency = slos.find((s) => s.name === 'latency')!;
    const back = file!.groups.filter((g) => g.name === 'items-api-slo-latency');
    expect(sliRules(back)).toEqual(sliRules(sloRuleGroups(latency)));
    const alerts = file!.groups.flatMap((g) => g.rules).filter(isAlert);
    expect(new Set(alerts.map((a) => `${a.labels?.severity}/${a.labels?.sloth_severity}`))).toEqual(
      new Set(['page/page', 'ticket/ticket']),
    );
  });

  it('says, above the SLO, what Sloth cannot carry: a period other than 30d, downtime counting, a traffic floor', () => {
    const slos = [
      ...serviceSlos(ctx).filter((s) => s.name === 'availability'),
      ratioSlo(ctx, {
        name: 'checkout',
        objective: 99.5,
        period: '28d',
        minRequestRate: 0.1,
        errors: (w) => `sum(rate(http_requests_total{job="fastapi",handler="/checkout",status=~"5.."}[${w}]))`,
        total: (w) => `sum(rate(http_requests_total{job="fastapi",handler="/checkout"}[${w}]))`,
        ticket: false,
      }),
    ];
    const text = slothSpecs(slos).get('items-api')!;
    expect(text.split('\n').filter((l) => l.startsWith('  #'))).toEqual([
      '  # availability: dac counts the time every target is down as failed requests (README, "Downtime"); Sloth counts only the requests answered',
      "  # checkout: period 28d: Sloth's is 30d unless `sloth generate --default-slo-period 28d` says otherwise",
      '  # checkout: dac keeps its alerts quiet below 0.1 requests a second; Sloth has no such guard',
    ]);
    const checkout = (parse(text) as { slos: { name: string; alerting: Record<string, unknown> }[] }).slos[1]!;
    expect(checkout.alerting['ticket_alert']).toEqual({ disable: true });
  });

  it('is a command: every TypeScript SLO of the project on standard output', () => {
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin/dac.js'), 'slo', 'export'], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const spec = parse(run.stdout) as { service: string; slos: { name: string }[] };
    expect([spec.service, spec.slos.map((s) => s.name)]).toEqual(['items-api', ['availability', 'latency']]);
  }, 60_000);
});
