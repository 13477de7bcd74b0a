/**
 * The SLOs dashboard as the on-call engineer reads it: one stat shows every SLO of the service, and
 * each SLO's colour must say whether that SLO — with its own objective — is met, not whether it
 * beats the strictest objective on the page; each SLO's burn is judged at its own tiers' factors.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import slo from '../dashboards/slo.js';
import { resolveConfig } from '../src/config/validate.js';
import { importSloSpecs } from '../src/slo/import/index.js';
import { burnTiers } from '../src/slo/windows.js';
import { baseConfig, buildAll, contentPanels, exprs, panelByTitle, variables, type PanelJson } from './dashboards.support.js';

const root = path.resolve(import.meta.dirname, '..');
const imported = await importSloSpecs(root, resolveConfig(baseConfig(), 'dac.config.ts'));
const [built] = buildAll(baseConfig(), [slo], imported);
const dashboard = built!.json;

type Steps = { value: number | null; color: string }[];

/** The colour Grafana gives `value` of the series displayed as `name`: its override's thresholds, else the panel's. */
function colourOf(panel: PanelJson, name: string, value: number): string {
  const override = panel.fieldConfig?.overrides?.find((o) => o.matcher.id === 'byName' && o.matcher.options === name);
  const fromOverride = override?.properties.find((p) => p.id === 'thresholds')?.value as { steps: Steps } | undefined;
  const steps = fromOverride?.steps ?? panel.fieldConfig?.defaults?.thresholds?.steps ?? [];
  let colour = 'none';
  for (const s of steps) if (s.value === null || value >= s.value) colour = s.color;
  return colour;
}

const factorText = (n: number) => `${+n.toPrecision(4)}×`;

describe('SLOs dashboard', () => {
  const sli = panelByTitle(dashboard, 'SLI over the period');

  it('shows each SLO under its own name, which its colours are keyed on', () => {
    expect(sli.targets?.map((t) => t.legendFormat)).toEqual(['{{slo}}']);
  });

  it('colours an SLO red once it is missed, whatever the other SLOs on the panel promise', () => {
    // availability promises 99.9 %: 99.85 % is a missed SLO, although it beats latency's 99 %.
    expect(colourOf(sli, 'availability', 0.9985)).toBe('red');
    expect(colourOf(sli, 'latency', 0.985)).toBe('red');
  });

  it('colours an SLO yellow with under a quarter of its own budget left, green above, like the budget panel', () => {
    // latency promises 99 %: 99.5 % leaves half its 1 % budget.
    expect(colourOf(sli, 'latency', 0.995)).toBe('green');
    expect(colourOf(sli, 'latency', 0.9901)).toBe('yellow');
    expect(colourOf(sli, 'availability', 0.9995)).toBe('green');
    expect(colourOf(sli, 'availability', 0.9991)).toBe('yellow');
    const budget = panelByTitle(dashboard, 'Error budget remaining');
    // The same SLI seen as budget: 99.91 % of a 99.9 % SLO leaves 10 % of the budget, yellow on both panels.
    expect(colourOf(budget, 'availability', 0.1)).toBe('yellow');
  });

  it('judges an SLO imported from rules/slo/ by its own objective too', () => {
    // writes-availability (a Sloth spec) promises 99.5 %.
    expect(colourOf(sli, 'writes-availability', 0.994)).toBe('red');
    expect(colourOf(sli, 'writes-availability', 0.9999)).toBe('green');
  });

  it('does not colour the objectives: a promise is neither good nor bad', () => {
    const objective = panelByTitle(dashboard, 'Objective');
    expect(objective.fieldConfig?.defaults?.thresholds?.steps).toEqual([{ value: null, color: 'text' }]);
    expect(objective.fieldConfig?.overrides ?? []).toEqual([]);
  });

  it('counts the SLO alerts firing by severity, reading 0 and green when none fires, never "No data"', () => {
    const firing = panelByTitle(dashboard, 'SLO alerts firing');
    expect(firing.type).toBe('stat');
    expect(firing.targets?.map((t) => t.legendFormat)).toEqual(['pages', 'tickets']);
    for (const e of exprs(firing))
      expect(e).toMatch(/^count\(ALERTS\{alertstate="firing",service="items-api",slo!="",severity="(page|ticket)"\}\) or vector\(0\)$/);
    expect(colourOf(firing, 'pages', 0)).toBe('green');
    expect(colourOf(firing, 'pages', 1)).toBe('red');
    expect(colourOf(firing, 'tickets', 0)).toBe('green');
    expect(colourOf(firing, 'tickets', 1)).toBe('yellow');
    const which = panelByTitle(dashboard, 'Which SLO alerts fire');
    expect(which.fieldConfig?.defaults?.thresholds?.steps).toEqual([{ value: null, color: 'text' }]);
  });

  it('offers no instance picker: SLO series are recorded per service, so it would filter nothing', () => {
    expect(variables(dashboard).map((v) => v.name)).toEqual(['datasource', 'job']);
    for (const p of contentPanels(dashboard)) for (const e of exprs(p)) expect(e, p.title).not.toContain('$instance');
  });
});

describe('SLOs dashboard burn rates', () => {
  const cfg = baseConfig();
  cfg.services[0]!.slos = [
    { name: 'availability', kind: 'availability', objective: 99.9, period: '30d' },
    { name: 'latency', kind: 'latency', objective: 99, period: '28d', thresholdSeconds: 0.5 },
  ];
  const [own] = buildAll(cfg, [slo]);
  const burnPanels = contentPanels(own!.json).filter((p) => p.title?.startsWith('Burn rate'));

  it('gives each SLO its own panel, with one line per alert tier', () => {
    expect(burnPanels.map((p) => p.title)).toEqual(['Burn rate: availability', 'Burn rate: latency']);
    for (const [p, period] of [
      [burnPanels[0]!, '30d'],
      [burnPanels[1]!, '28d'],
    ] as const) {
      expect(p.targets?.length, p.title).toBe(burnTiers(period).length);
      for (const e of exprs(p)) expect(e, p.title).toContain(`slo="${p.title!.slice('Burn rate: '.length)}"`);
    }
  });

  it('judges each line at the factor of its own tier and its SLO’s period (14.4× over 1h at 30d, 13.44× at 28d)', () => {
    for (const [p, period] of [
      [burnPanels[0]!, '30d'],
      [burnPanels[1]!, '28d'],
    ] as const) {
      for (const tier of burnTiers(period)) {
        const legend = `${tier.long} · ${tier.severity} above ${factorText(tier.factor)}`;
        expect(
          p.targets?.map((t) => t.legendFormat),
          p.title,
        ).toContain(legend);
        const above = tier.severity === 'page' ? 'red' : 'yellow';
        expect(colourOf(p, legend, tier.factor), `${p.title} ${legend}`).toBe(above);
        expect(colourOf(p, legend, tier.factor * 0.99), `${p.title} ${legend}`).toBe('green');
      }
    }
    const pageOver1h = (period: string) => burnTiers(period).find((t) => t.long === '1h')!.factor;
    expect(pageOver1h('28d')).toBeLessThan(pageOver1h('30d'));
    expect(colourOf(burnPanels[1]!, `1h · page above ${factorText(pageOver1h('28d'))}`, pageOver1h('28d'))).toBe('red');
    expect(burnPanels[1]!.fieldConfig?.defaults?.thresholds?.steps.map((s) => s.value)).not.toContain(pageOver1h('30d'));
  });

  it('draws the burn of an imported 28d SLO at its own period’s factors', () => {
    const reads = panelByTitle(dashboard, 'Burn rate: reads-availability');
    const factor = burnTiers('28d').find((t) => t.long === '1h')!.factor;
    expect(reads.targets?.map((t) => t.legendFormat)).toContain(`1h · page above ${factorText(factor)}`);
  });
});
