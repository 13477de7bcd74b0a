/**
 * SLOs: for every SLO of the service (configured or imported from rules/slo/), its objective, the
 * SLI over the SLO period, the error budget left, how fast it burns in each alert window, and the
 * SLO alerts firing now. Every query reads the series the SLO recording rules write.
 */
import { defineDashboard } from '../src/index.js';
import {
  Unit,
  fallingScale,
  formatPercent,
  labelTablePanel,
  risingScale,
  section,
  serviceDashboard,
  statPanel,
  timeseriesPanel,
  withThresholdsByName,
  type Scale,
} from '../src/dashboards/index.js';
import { sloSeries } from '../src/slo/names.js';
import { burnTiers } from '../src/slo/windows.js';

const BURN_WINDOWS = ['5m', '1h', '6h', '3d'];

export default defineDashboard({
  id: 'slo',
  title: 'SLOs',
  appliesTo: (service) => service.slos.length > 0,
  build(ctx) {
    const { service } = ctx;
    // Recorded SLO series carry the service's job, so they follow the job variable like every query.
    const of = (series: string) => `${series}{service="${service.name}",job=~"$job"}`;
    const tiers = burnTiers(service.slos[0]?.period ?? '30d');
    const page = Math.max(...tiers.map((t) => t.factor));
    const budget = fallingScale(0, 0.25, formatPercent, 'under a quarter of the budget left');
    const burn = risingScale(1, page, (n) => `${+n.toPrecision(3)}×`);
    // The page factor depends on each SLO's period (14.4× at 30d, 13.44× at 28d), so every SLO's
    // lines get the factor of its own period, matched on the legend.
    const pageFactor = (period: string) => Math.max(...burnTiers(period).map((t) => t.factor));
    const burnScales = service.slos.flatMap((s) =>
      BURN_WINDOWS.map((w) => ({ name: `${s.name} ${w}`, scale: risingScale(1, pageFactor(s.period), (n) => `${+n.toPrecision(3)}×`) })),
    );
    const pageNeeds = service.slos.map((s) => `${+pageFactor(s.period).toPrecision(4)}× over 1h for ${s.name} (${s.period})`).join(', ');
    const neutral = risingScale(2, 3, formatPercent);
    // One stat shows SLOs with different objectives, so each SLO gets its own scale, keyed on its
    // name (the legend): red once missed, yellow with under a quarter of its budget left, as on the
    // budget panel. SLOs this config does not declare (imported specs) stay uncoloured.
    const sliScales = service.slos.map((s) => {
      const objective = s.objective / 100;
      const quarterLeft = Number((1 - 0.75 * (1 - objective)).toPrecision(12));
      return { name: s.name, scale: fallingScale(objective, quarterLeft, formatPercent, 'under a quarter of the budget left') };
    });
    const unjudged: Scale = { steps: [{ value: null, color: 'text' }], legend: '' };

    const dashboard = serviceDashboard(ctx, {
      description: `Service level objectives of ${service.title}: how much error budget is left over each SLO period and how fast it burns.`,
      tags: ['slo'],
    });

    section(dashboard, 'Objectives and budget', [
      statPanel({
        title: 'Objective',
        description: 'The share of good events each SLO promises over its period. The error budget is what is left to 100 %.',
        unit: Unit.ratio,
        scale: neutral,
        width: 6,
        queries: [{ expr: of(sloSeries.objective), legend: '{{slo}}', instant: true }],
      }),
      withThresholdsByName(
        statPanel({
          title: 'SLI over the period',
          description: `Share of good events over each SLO's whole period, weighted by traffic, coloured against its own objective: red once the SLO is missed, yellow with under a quarter of its error budget left, green otherwise. SLOs imported from rules/slo/ are not coloured: read their budget on the right.`,
          unit: Unit.ratio,
          scale: unjudged,
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

    section(dashboard, 'Burn', [
      timeseriesPanel({
        title: 'Error budget remaining over time',
        description: `How the budget was spent: a steady slope is a steady error rate, a cliff an incident. ${budget.legend}`,
        unit: Unit.ratio,
        scale: budget,
        width: 12,
        queries: [{ expr: of(sloSeries.budgetRemaining), legend: '{{slo}}' }],
      }),
      withThresholdsByName(
        timeseriesPanel({
          title: 'Burn rate per window',
          description: `How many times faster than sustainable each SLO spends its budget, over the alert windows. 1× spends exactly the budget in one period; a page needs ${pageNeeds} (and the short window too). Each SLO's lines are coloured by its own period's page factor.`,
          unit: 'x',
          scale: burn,
          width: 12,
          min: 0,
          queries: BURN_WINDOWS.map((w) => ({ expr: of(sloSeries.burnRate(w)), legend: `{{slo}} ${w}` })),
        }),
        burnScales,
      ),
    ]);

    section(dashboard, 'Alerts', [
      labelTablePanel({
        title: 'SLO alerts firing',
        description:
          'Burn-rate alerts of this service firing now: a page means the budget burns fast enough to need someone now, a ticket that it needs attention within working hours. Empty is good.',
        expr: `ALERTS{alertstate="firing",service="${service.name}",slo!=""}`,
        columns: [
          { label: 'alertname', name: 'Alert' },
          { label: 'slo', name: 'SLO' },
          { label: 'severity', name: 'Severity' },
          { label: 'long_window', name: 'Long window' },
          { label: 'short_window', name: 'Short window' },
        ],
        scale: neutral,
        width: 24,
      }),
    ]);
    return dashboard;
  },
});
