import { defineDashboard } from 'dac';
import { httpQueries, latencyScale, section, serviceDashboard, statPanel, timeseriesPanel, trafficScale, Unit } from 'dac/dashboards';

/** A team's own one-screen overview, built from dac's factories. */
export default defineDashboard({
  id: 'overview',
  title: 'Overview',
  build(ctx) {
    const http = httpQueries(ctx.service);
    const dashboard = serviceDashboard(ctx, { description: `${ctx.service.title} at a glance: traffic and latency.` });
    section(dashboard, 'Right now', [
      statPanel({
        title: 'Request rate',
        description: 'Requests per second over all handlers and instances selected above.',
        unit: Unit.requestsPerSecond,
        scale: trafficScale(ctx.service, 'req/s'),
        queries: [{ expr: http.requestRate(), legend: 'req/s' }],
      }),
      timeseriesPanel({
        title: 'Latency p95',
        description: `The time within which 95 % of requests completed. ${latencyScale(ctx.service).legend}`,
        unit: Unit.seconds,
        queries: [{ expr: http.latencyQuantile(0.95), legend: 'p95' }],
      }),
    ]);
    return dashboard;
  },
});
