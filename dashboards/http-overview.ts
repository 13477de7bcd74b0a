/**
 * HTTP Overview: is the service answering, how fast, how often wrongly. The first row answers
 * "is something on fire?" in four numbers; the rows below explain where and since when.
 */
import { defineDashboard } from '../src/index.js';
import {
  CLIENT_ERROR,
  IN_FLIGHT_CRITICAL,
  SERVER_ERROR,
  STATUS_CLASS_LABEL,
  Unit,
  errorRatioScale,
  gaugePanel,
  heatmapPanel,
  httpQueries,
  inFlightScale,
  latencyScale,
  section,
  serviceDashboard,
  statPanel,
  timeseriesPanel,
  trafficScale,
  percentileQueries,
} from '../src/dashboards/index.js';

export default defineDashboard({
  id: 'http-overview',
  title: 'HTTP Overview',
  build(ctx) {
    const { service } = ctx;
    const http = httpQueries(service);
    const { handler, method } = http.labels;
    const traffic = trafficScale(service, 'req/s');
    const errors = errorRatioScale(service);
    const latency = latencyScale(service);
    const statWidth = http.hasInProgress ? 6 : 8;

    const dashboard = serviceDashboard(ctx, {
      description: `Traffic, errors and latency of ${service.title} as its HTTP server sees them.`,
    });

    section(dashboard, 'Right now', [
      statPanel({
        title: 'Request rate',
        description: `Requests per second served by the selected instances. ${traffic.legend} A sudden drop to red with no deploy usually means the service or its scrape target is down: check the "up" series and the load balancer.`,
        unit: Unit.requestsPerSecond,
        scale: traffic,
        width: statWidth,
        queries: [{ expr: http.requestRate(), legend: 'req/s' }],
      }),
      statPanel({
        title: 'Error rate (5xx)',
        description: `Share of requests answered with a 5xx status. ${errors.legend} Reads 0 % when there is no traffic at all. When red, look at "Errors by class" below and at the handlers in the RED dashboard.`,
        unit: Unit.ratio,
        scale: errors,
        width: statWidth,
        queries: [{ expr: http.statusRatio(SERVER_ERROR), legend: '5xx' }],
      }),
      statPanel({
        title: 'Latency p95',
        description: `95 % of requests finished faster than this. ${latency.legend} Empty when there were no requests. When high, the heatmap below shows whether all requests slowed down or a slow tail grew.`,
        unit: Unit.seconds,
        scale: latency,
        width: statWidth,
        queries: [{ expr: http.latencyQuantile(0.95), legend: 'p95' }],
      }),
      http.hasInProgress &&
        gaugePanel({
          title: 'Requests in flight',
          description: `Requests being served at this moment across the selected instances. ${inFlightScale().legend} A value that climbs while the request rate stays flat means requests are piling up: a slow dependency or an exhausted worker pool.`,
          unit: Unit.count,
          scale: inFlightScale(),
          min: 0,
          max: IN_FLIGHT_CRITICAL * 1.5,
          width: statWidth,
          queries: [{ expr: http.inProgress(), legend: 'in flight' }],
        }),
    ]);

    section(dashboard, 'Traffic and errors', [
      timeseriesPanel({
        title: 'Requests by status class',
        description:
          'Requests per second grouped into 1xx-5xx, stacked: the total height is the request rate. A growing red 5xx band is the first thing to look for.',
        unit: Unit.requestsPerSecond,
        stacked: true,
        min: 0,
        queries: [{ expr: http.requestRateByStatusClass(), legend: `{{${STATUS_CLASS_LABEL}}}` }],
      }),
      timeseriesPanel({
        title: 'Errors by class',
        description: `Share of requests answered with 5xx (the server failed) and 4xx (the client sent something wrong) over time. 0 when there is no traffic. The dashed lines mark the 5xx warning and critical levels: ${errors.legend} A 4xx surge after a deploy often means a broken client contract rather than a server fault.`,
        unit: Unit.ratio,
        scale: errors,
        min: 0,
        queries: [
          { expr: http.statusRatio(SERVER_ERROR), legend: '5xx' },
          { expr: http.statusRatio(CLIENT_ERROR), legend: '4xx' },
        ],
      }),
    ]);

    section(dashboard, 'Latency', [
      timeseriesPanel({
        title: 'Latency percentiles',
        description: `Median, p95 and p99 request duration over all handlers. ${latency.legend} A p99 far above the p95 means a few very slow requests (one slow handler or a timeout); everything rising together means the whole service slowed down. Gaps mean no requests.`,
        unit: Unit.seconds,
        scale: latency,
        min: 0,
        queries: percentileQueries((q) => http.latencyQuantile(q)),
      }),
      heatmapPanel({
        title: 'Request duration distribution',
        description:
          'Requests per second in each duration bucket of the histogram, over time; brighter cells hold more requests. Two bands mean two populations (e.g. cached and uncached); a band drifting upward is a gradual slowdown.',
        unit: Unit.seconds,
        cellUnit: Unit.requestsPerSecond,
        expr: http.latencyHeatmap(),
      }),
    ]);

    section(dashboard, 'Where the traffic goes', [
      timeseriesPanel({
        title: 'Requests by handler',
        description: `Requests per second per route handler (label "${handler}"). Use it to tell which endpoint a traffic change comes from.`,
        unit: Unit.requestsPerSecond,
        min: 0,
        queries: [{ expr: http.requestRate([handler]), legend: `{{${handler}}}` }],
      }),
      timeseriesPanel({
        title: 'Requests by method',
        description: `Requests per second per HTTP method (label "${method}"). A jump in writes (POST, PUT, DELETE) often explains database load.`,
        unit: Unit.requestsPerSecond,
        min: 0,
        queries: [{ expr: http.requestRate([method]), legend: `{{${method}}}` }],
      }),
    ]);

    return dashboard;
  },
});
