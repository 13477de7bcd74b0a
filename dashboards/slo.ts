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
} from '../src/dashboards/index.js';
import { sloSeries } from '../src/slo/names.js';
import { burnTiers } from '../src/slo/windows.js';

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
    const objectives = service.slos.map((s) => s.objective / 100);
    const strictest = Math.max(...objectives);
    const loosest = Math.min(...objectives);
    const budget = fallingScale(0, 0.25, formatPercent, 'under a quarter of the budget left');
    const burn = risingScale(1, page, (n) => `${+n.toPrecision(3)}×`);
    const sli = fallingScale(loosest, strictest, formatPercent, 'below the strictest objective');
    const neutral = risingScale(2, 3, formatPercent);

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
      statPanel({
        title: 'SLI over the period',
        description: `Share of good events over each SLO's whole period, weighted by traffic. ${sli.legend} Compare each with its objective on the left.`,
        unit: Unit.ratio,
        scale: sli,
        width: 9,
        queries: [{ expr: `1 - ${of(sloSeries.periodErrorRatio)}`, legend: '{{slo}}', instant: true }],
      }),
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
      timeseriesPanel({
        title: 'Burn rate per window',
        description: `How many times faster than sustainable each SLO spends its budget, over the alert windows. 1× spends exactly the budget in one period; the page alerts need ${tiers
          .filter((t) => t.severity === 'page')
          .map((t) => `${+t.factor.toPrecision(3)}× over ${t.long}`)
          .join(' or ')} (and their short windows). ${burn.legend}`,
        unit: 'x',
        scale: burn,
        width: 12,
        min: 0,
        queries: ['5m', '1h', '6h', '3d'].map((w) => ({ expr: of(sloSeries.burnRate(w)), legend: `{{slo}} ${w}` })),
      }),
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
