/**
 * Database Performance: how long the service waits on its database, how often, how many queries
 * are slow, and whether the connection pool is running out. Only for services that declare
 * database metrics.
 */
import { defineDashboard } from 'dac';
import {
  Unit,
  databaseQueries,
  dbLatencyScale,
  formatPercent,
  formatSeconds,
  gaugePanel,
  heatmapPanel,
  liveMappings,
  poolUsageScale,
  section,
  serviceDashboard,
  slowShareScale,
  statPanel,
  targetQueries,
  timeseriesPanel,
  trafficScale,
} from 'dac/dashboards';

export default defineDashboard({
  id: 'database',
  title: 'Database Performance',
  appliesTo: (service) => service.database !== undefined,
  build(ctx) {
    const { service } = ctx;
    if (!service.database) throw new Error(`service ${service.name} has no database metrics`);
    const db = databaseQueries(service, service.database);
    const targets = targetQueries(service);
    // Queries follow the requests: none at a quiet hour is no fault, a dead process reads "down".
    const activity = trafficScale(service, 'queries/s', { expected: false });
    const latency = dbLatencyScale(service);
    const slow = slowShareScale();
    const pool = poolUsageScale(service);
    const slowText = formatSeconds(db.slowSeconds);
    const poolUsage = db.poolUsage();
    const poolSize = db.poolSize();
    const poolInUse = db.poolInUse();
    const statWidth = poolUsage ? 6 : 8;
    const byOperation = db.operationLabel ? [db.operationLabel] : [];
    // One meaning of "p99" on every panel: per operation where the histogram has the label, as
    // SlowDatabaseQueries compares it; the stat is the slowest operation's, the graph draws them all.
    const p99Meaning = db.operationLabel
      ? `the p99 of each ${db.operationLabel} on its own, as SlowDatabaseQueries compares it (a rare slow operation is not hidden behind frequent fast ones)`
      : 'the p99 over all queries, as SlowDatabaseQueries compares it';
    const down = 'Reads "down" as soon as no selected target answers its scrapes.';
    const p99Graph = db.operationLabel ? `Query time p99 by ${db.operationLabel}` : 'Query time p99 over time';

    const dashboard = serviceDashboard(ctx, {
      description: `Query latency, throughput, slow queries and connection pool of the database behind ${service.title}, as the service measures them.`,
    });

    section(dashboard, 'Right now', [
      statPanel({
        title: 'Queries per second',
        description: `Database queries per second issued by the selected instances. ${activity.legend}`,
        unit: Unit.operationsPerSecond,
        scale: activity,
        width: statWidth,
        mappings: liveMappings(),
        queries: [{ expr: targets.live(db.queryRate(), '0'), legend: 'queries/s' }],
      }),
      statPanel({
        title: 'Query time p99',
        description: `99 % of queries finished faster than this: ${p99Meaning}${db.operationLabel ? ', for the slowest operation right now' : ''}. ${latency.legend} Reads "no queries" when none ran. ${down} When red, "${p99Graph}" below shows which, then check "Slow queries" and the pool: waiting for a connection counts in the query time.`,
        unit: Unit.seconds,
        scale: latency,
        mappings: liveMappings('no queries'),
        width: statWidth,
        queries: [{ expr: targets.live(db.slowestOperationQuantile(0.99), 'NaN'), legend: 'p99' }],
      }),
      statPanel({
        title: `Slow queries (> ${slowText})`,
        description: `Share of queries slower than ${slowText} (thresholds.slowQuerySeconds), counted from the histogram bucket at that boundary. ${slow.legend} Reads 0 % without queries; empty if ${slowText} is not a bucket boundary of the histogram.`,
        unit: Unit.ratio,
        scale: slow,
        mappings: liveMappings(),
        width: statWidth,
        queries: [{ expr: targets.live(db.slowShare(), '0'), legend: 'slow' }],
      }),
      poolUsage !== undefined &&
        gaugePanel({
          title: 'Connection pool in use',
          description: `Connections checked out of the pool as a share of its size, on the busiest instance: each process has its own pool, and DatabasePoolExhausted warns on the first one above ${formatPercent(service.thresholds.poolUsageRatio)} (thresholds.poolUsageRatio). ${pool.legend} Near 100 % requests queue for a connection: raise the pool size or find the queries holding connections. Empty if the pool size is unknown. ${down}`,
          unit: Unit.ratio,
          scale: pool,
          mappings: liveMappings(),
          min: 0,
          max: 1,
          width: statWidth,
          queries: [{ expr: targets.live(poolUsage), legend: 'in use' }],
        }),
    ]);

    section(dashboard, 'Latency', [
      timeseriesPanel({
        title: p99Graph,
        description: `Database query time p99: ${p99Meaning}. ${latency.legend} The highest line is the "Query time p99" stat. One line pulling away points at that operation's heavy queries or lock waits; all rising together at a saturated database or an exhausted pool. Gaps mean no queries.`,
        unit: Unit.seconds,
        scale: latency,
        min: 0,
        queries: [{ expr: db.latencyQuantile(0.99, byOperation), legend: db.operationLabel ? `{{${db.operationLabel}}}` : 'p99' }],
      }),
      timeseriesPanel({
        title: 'Mean query time',
        description: `Average query duration (total time spent in queries / number of queries)${db.operationLabel ? `, per ${db.operationLabel}` : ''}. Gaps mean no queries (an average of nothing is undefined, not 0). The mean hides tails: read it next to the percentiles.`,
        unit: Unit.seconds,
        min: 0,
        queries: [{ expr: db.meanQueryTime(byOperation), legend: db.operationLabel ? `{{${db.operationLabel}}}` : 'mean' }],
      }),
    ]);

    section(dashboard, 'Throughput and slow queries', [
      timeseriesPanel({
        title: db.operationLabel ? `Queries per second by ${db.operationLabel}` : 'Queries per second',
        description: `Database queries per second${db.operationLabel ? `, one line per ${db.operationLabel}` : ''}. More queries per HTTP request than usual suggests an N+1 query pattern.`,
        unit: Unit.operationsPerSecond,
        min: 0,
        queries: [{ expr: db.queryRate(byOperation), legend: db.operationLabel ? `{{${db.operationLabel}}}` : 'queries/s' }],
      }),
      timeseriesPanel({
        title: `Slow queries over time (> ${slowText})`,
        description: `Share of queries slower than ${slowText}${db.operationLabel ? `, per ${db.operationLabel}` : ''}. ${slow.legend} 0 when there are no queries.`,
        unit: Unit.ratio,
        scale: slow,
        min: 0,
        queries: [{ expr: db.slowShare(byOperation), legend: db.operationLabel ? `{{${db.operationLabel}}}` : 'slow' }],
      }),
    ]);

    section(dashboard, 'Pool and distribution', [
      poolSize !== undefined &&
        timeseriesPanel({
          title: 'Connection pool',
          description: `Configured pool size${poolInUse ? ' and connections in use' : ''}, summed over the selected instances. In use reaching size means requests wait for a connection.`,
          unit: Unit.count,
          min: 0,
          queries: [{ expr: poolSize, legend: 'size' }, ...(poolInUse ? [{ expr: poolInUse, legend: 'in use' }] : [])],
        }),
      heatmapPanel({
        title: 'Query duration distribution',
        description:
          'Queries per second in each duration bucket over time; brighter cells hold more queries. A second band appearing higher up is a new slow query pattern.',
        unit: Unit.seconds,
        cellUnit: Unit.operationsPerSecond,
        width: poolSize !== undefined ? 12 : 24,
        expr: db.heatmap(),
      }),
    ]);

    return dashboard;
  },
});
