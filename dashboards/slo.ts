/**
 * SLOs: for every SLO of the service (configured or imported from rules/slo/), its objective, the
 * SLI over the SLO period, the error budget left, how fast it burns in each alert window, and the
 * SLO alerts firing now. Every query reads the series the SLO recording rules write.
 */
import { defineDashboard } from 'dac';
import {
  GREEN,
  RED,
  Unit,
  YELLOW,
  fallingScale,
  formatPercent,
  labelTablePanel,
  neutralScale,
  section,
  serviceDashboard,
  statPanel,
  timeseriesPanel,
  withThresholdsByName,
  type Scale,
} from 'dac/dashboards';
import { sloSeries } from 'dac/rules';
import { burnTiers, type DerivedTier } from 'dac/rules';

const factorText = (n: number) => `${+n.toPrecision(4)}×`;

/** The legend of one burn-rate line: its window and the level its alert tier fires at. */
function burnLegend(tier: DerivedTier): string {
  return `${tier.long} · ${tier.severity} above ${factorText(tier.factor)}`;
}

/** Each tier's level on the panel's scale: yellow where a ticket opens, red where a page goes out. */
function burnScale(tiers: readonly DerivedTier[]): Scale {
  const levels = [...tiers].sort((a, b) => a.factor - b.factor);
  return {
    steps: [{ value: null, color: GREEN }, ...levels.map((t) => ({ value: t.factor, color: t.severity === 'page' ? RED : YELLOW }))],
    legend: levels.map((t) => `${t.severity} over ${t.long} above ${factorText(t.factor)}`).join(', '),
  };
}

export default defineDashboard({
  id: 'slo',
  title: 'SLOs',
  appliesTo: (service) => service.slos.length > 0,
  build(ctx) {
    const { service } = ctx;
    // Recorded SLO series carry the service's job, so they follow the job variable like every query.
    const of = (series: string, extra = '') => `${series}{service="${service.name}",job=~"$job"${extra}}`;
    const slos = [...service.slos, ...(ctx.importedSlos ?? [])];
    const budget = fallingScale(0, 0.25, formatPercent, 'under a quarter of the budget left');
    // One stat shows SLOs with different objectives, so each SLO gets its own scale, keyed on its
    // name (the legend): red once missed, yellow with under a quarter of its budget left, as on the
    // budget panel.
    const sliScales = slos.map((s) => {
      const objective = s.objective / 100;
      const quarterLeft = Number((1 - 0.75 * (1 - objective)).toPrecision(12));
      return { name: s.name, scale: fallingScale(objective, quarterLeft, formatPercent, 'under a quarter of the budget left') };
    });
    const firingAlerts = `ALERTS{alertstate="firing",service="${service.name}",slo!=""`;
    const countFiring = (severity: string) => `count(${firingAlerts},severity="${severity}"}) or vector(0)`;
    const firingScale = (colour: string, what: string): Scale => ({
      steps: [
        { value: null, color: GREEN },
        { value: 1, color: colour },
      ],
      legend: what,
    });
    const pages = firingScale(RED, 'Pages red from one firing');
    const tickets = firingScale(YELLOW, 'tickets yellow from one firing');

    const dashboard = serviceDashboard(ctx, {
      description: `Service level objectives of ${service.title}: how much error budget is left over each SLO period and how fast it burns.`,
      tags: ['slo'],
      // SLO series are recorded per service, summed over its instances: there is nothing to pick.
      instanceVariable: false,
    });

    section(dashboard, 'Objectives and budget', [
      statPanel({
        title: 'Objective',
        description:
          'The share of good events each SLO promises over its period. The error budget is what is left to 100 %. Not coloured: a promise is neither good nor bad.',
        unit: Unit.ratio,
        scale: neutralScale(),
        width: 6,
        queries: [{ expr: of(sloSeries.objective), legend: '{{slo}}', instant: true }],
      }),
      withThresholdsByName(
        statPanel({
          title: 'SLI over the period',
          description: `Share of good events over each SLO's whole period, weighted by traffic, coloured against its own objective: red once the SLO is missed, yellow with under a quarter of its error budget left, green otherwise.`,
          unit: Unit.ratio,
          scale: neutralScale(),
          width: 9,
          queries: [{ expr: `1 - ${of(sloSeries.periodErrorRatio)}`, legend: '{{slo}}', instant: true }],
        }),
        sliScales,
      ),
      statPanel({
        title: 'Error budget remaining',
        description: `Share of the period's error budget not yet spent; negative once the SLO is missed. ${budget.legend} Below a quarter, favour reliability work over risky releases.`,
        unit: Unit.ratio,
        scale: budget,
        width: 9,
        queries: [{ expr: of(sloSeries.budgetRemaining), legend: '{{slo}}', instant: true }],
      }),
    ]);

    section(dashboard, 'Alerts', [
      withThresholdsByName(
        statPanel({
          title: 'SLO alerts firing',
          description: `Burn-rate alerts of this service firing now, by severity: a page means the budget burns fast enough to need someone now, a ticket that it needs attention within working hours. ${pages.legend}, ${tickets.legend}; 0 and green when nothing fires.`,
          unit: Unit.count,
          scale: pages,
          width: 6,
          queries: [
            { expr: countFiring('page'), legend: 'pages', instant: true },
            { expr: countFiring('ticket'), legend: 'tickets', instant: true },
          ],
        }),
        [{ name: 'tickets', scale: tickets }],
      ),
      labelTablePanel({
        title: 'Which SLO alerts fire',
        description: 'One line per firing burn-rate alert: which SLO, which severity and which pair of windows. Empty is good.',
        expr: `${firingAlerts}}`,
        columns: [
          { label: 'alertname', name: 'Alert' },
          { label: 'slo', name: 'SLO' },
          { label: 'severity', name: 'Severity' },
          { label: 'long_window', name: 'Long window' },
          { label: 'short_window', name: 'Short window' },
        ],
        width: 18,
      }),
    ]);

    section(dashboard, 'Budget over time', [
      timeseriesPanel({
        title: 'Error budget remaining over time',
        description: `How the budget was spent: a steady slope is a steady error rate, a cliff an incident. ${budget.legend}`,
        unit: Unit.ratio,
        scale: budget,
        width: 24,
        queries: [{ expr: of(sloSeries.budgetRemaining), legend: '{{slo}}' }],
      }),
    ]);

    // One panel per SLO: its burn rate over each alert tier's long window, judged at the factors of
    // its own period (a 30d SLO pages at 14.4× over 1h, a 28d one at 13.44×).
    section(
      dashboard,
      'Burn rate per SLO',
      slos.map((s) => {
        const tiers = burnTiers(s.period);
        const scale = burnScale(tiers);
        const panel = timeseriesPanel({
          title: `Burn rate: ${s.name}`,
          description: `How many times faster than sustainable ${s.name} (${s.objective} % over ${s.period}) spends its budget, over each alert tier's long window; 1× spends exactly the budget in one period. The dashed lines are its tiers' levels: ${scale.legend}. An alert also needs the tier's short window above the level. Each line turns yellow or red above its own level.`,
          unit: 'x',
          scale,
          width: 12,
          min: 0,
          queries: tiers.map((t) => ({ expr: of(sloSeries.burnRate(t.long), `,slo="${s.name}"`), legend: burnLegend(t) })),
        });
        for (const t of tiers)
          panel.overrideByName(burnLegend(t), [
            { id: 'thresholds', value: { mode: 'absolute', steps: burnScale([t]).steps } },
            { id: 'color', value: { mode: 'thresholds' } },
            { id: 'custom.gradientMode', value: 'scheme' },
          ]);
        return panel;
      }),
    );
    return dashboard;
  },
});
