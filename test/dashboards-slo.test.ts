/**
 * The SLOs dashboard as the on-call engineer reads it: one stat shows every SLO of the service, and
 * each SLO's colour must say whether that SLO — with its own objective — is met, not whether it
 * beats the strictest objective on the page.
 */
import { describe, expect, it } from 'vitest';
import slo from '../dashboards/slo.js';
import { baseConfig, buildAll, panelByTitle, type PanelJson } from './dashboards.support.js';

const [built] = buildAll(baseConfig(), [slo]);
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

  it('does not judge an SLO whose objective the dashboard does not know (imported from rules/slo/)', () => {
    for (const value of [0.9, 0.995, 0.9999]) expect(['red', 'yellow', 'green']).not.toContain(colourOf(sli, 'writes-availability', value));
    expect(sli.description).toMatch(/its own objective/);
  });
});

describe('SLOs dashboard burn rates', () => {
  it('marks each SLO’s burn red at the page factor of its own period', () => {
    const cfg = baseConfig();
    const service = cfg.services[0]!;
    service.slos = [
      { name: 'availability', kind: 'availability', objective: 99.9, period: '30d' },
      { name: 'latency', kind: 'latency', objective: 99, period: '28d', thresholdSeconds: 0.5 },
    ];
    const [own] = buildAll(cfg, [slo]);
    const burn = panelByTitle(own!.json, 'Burn rate per window');
    // 2 % of the budget in 1h: 14.4× at 30d, 13.44× at 28d.
    expect(colourOf(burn, 'availability 1h', 14)).not.toBe('red');
    expect(colourOf(burn, 'availability 1h', 14.4)).toBe('red');
    expect(colourOf(burn, 'latency 1h', 13.44)).toBe('red');
    expect(colourOf(burn, 'latency 5m', 13.4)).not.toBe('red');
    expect(burn.description).toContain('14.4× over 1h for availability (30d), 13.44× over 1h for latency (28d)');
  });
});
