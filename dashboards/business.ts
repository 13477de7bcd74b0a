/**
 * Business Metrics: what users do with the service (CRUD operations), in what mix, and which
 * version is serving them. Only for services that declare business metrics.
 */
import { defineDashboard } from 'dac';
import {
  Unit,
  barGaugePanel,
  businessQueries,
  labelTablePanel,
  liveMappings,
  pieChartPanel,
  section,
  serviceDashboard,
  statPanel,
  targetQueries,
  timeseriesPanel,
  trafficScale,
  versionsScale,
} from 'dac/dashboards';

export default defineDashboard({
  id: 'business',
  title: 'Business Metrics',
  appliesTo: (service) => service.business !== undefined && service.business.operations.length > 0,
  build(ctx) {
    const { service } = ctx;
    if (!service.business) throw new Error(`service ${service.name} has no business metrics`);
    const biz = businessQueries(service, service.business);
    const targets = targetQueries(service);
    // Business activity follows the users: a quiet hour is no fault, a dead process reads "down".
    const activity = trafficScale(service, 'ops/s', { expected: false });
    const names = (ops: readonly { name: string }[]) => ops.map((o) => o.name).join(', ') || 'none';
    const infoByInstance = biz.infoByInstance();
    const versionsRunning = biz.versionsRunning();
    const versions = versionsScale();

    const dashboard = serviceDashboard(ctx, {
      description: `What users do with ${service.title}: operations per second, their mix over the selected range, and the version serving them.`,
    });

    section(dashboard, 'Right now', [
      statPanel({
        title: 'Operations per second',
        description: `All business operations (${names(biz.operations)}) per second. ${activity.legend} Reads "down" as soon as no selected target answers its scrapes. A drop while HTTP traffic holds steady means requests fail before they reach the business logic.`,
        unit: Unit.operationsPerSecond,
        scale: activity,
        mappings: liveMappings(),
        queries: [{ expr: targets.live(biz.allRate()), legend: 'ops/s' }],
      }),
      versionsRunning !== undefined &&
        statPanel({
          title: 'Versions running',
          description: `Distinct versions reported by the ${biz.info?.metric} info metric across the selected instances. ${versions.legend}`,
          unit: Unit.count,
          scale: versions,
          queries: [{ expr: versionsRunning, legend: 'versions' }],
        }),
      infoByInstance !== undefined &&
        labelTablePanel({
          title: 'Version and environment per instance',
          description: `What each instance reports in ${biz.info?.metric}: ${biz.info?.labels.join(', ')}. Use it to spot an instance left on an old version after a rollout. Cells are not coloured: there is no good or bad version.`,
          expr: infoByInstance,
          columns: [
            { label: 'instance', name: 'Instance' },
            ...(biz.info?.labels ?? []).map((l) => ({ label: l, name: l.charAt(0).toUpperCase() + l.slice(1) })),
          ],
        }),
    ]);

    section(dashboard, 'Operations over time', [
      timeseriesPanel({
        title: 'Operations per second by kind',
        description:
          'Each business operation per second, one line per kind. Compare with the HTTP request rate: an operation that flattens while its endpoint still gets traffic is failing.',
        unit: Unit.operationsPerSecond,
        min: 0,
        queries: biz.operations.map((op) => ({ expr: biz.operationRate(op), legend: op.name })),
      }),
      timeseriesPanel({
        title: 'Reads and writes',
        description: `Operations that read (${names(biz.reads)}) against those that change data (${names(biz.writes)}), per second. Writes drive database load and cache invalidation; a write surge explains slower reads.`,
        unit: Unit.operationsPerSecond,
        min: 0,
        queries: [
          { expr: biz.readRate(), legend: 'reads' },
          { expr: biz.writeRate(), legend: 'writes' },
        ],
      }),
    ]);

    section(dashboard, 'Mix over the selected range', [
      barGaugePanel({
        title: 'Operations in the selected range',
        description:
          'How many operations of each kind happened over the whole time range picked above (counter increases, so restarts do not reset them). Counts have no good or bad level: bars use neutral colours.',
        unit: Unit.count,
        queries: biz.operations.map((op) => ({ expr: biz.operationTotal(op), legend: op.name, instant: true })),
      }),
      pieChartPanel({
        title: 'Operation mix',
        description:
          'Share of each kind of operation over the selected range. A shift in the mix (e.g. many more deletes) is worth a look even when totals look normal.',
        unit: Unit.count,
        queries: biz.operations.map((op) => ({ expr: biz.operationTotal(op), legend: op.name, instant: true })),
      }),
      timeseriesPanel({
        title: 'Reads per write',
        description:
          'Read operations per write operation. Empty while nothing is written (the ratio would be infinite). A read-heavy service benefits from caching; a falling ratio means writes are growing faster than reads.',
        unit: Unit.count,
        width: 8,
        min: 0,
        queries: [{ expr: biz.readsPerWrite(), legend: 'reads per write' }],
      }),
    ]);

    return dashboard;
  },
});
