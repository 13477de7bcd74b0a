/**
 * HTTP Overview: is the service answering, how fast, how often wrongly. The first row answers
 * "is something on fire?" in a handful of numbers that read "down" when nothing answers; the rows
 * below explain where and since when, and which status codes the clients get.
 */
import { defineDashboard } from 'dac';
import {
  CLIENT_ERROR,
  IN_FLIGHT_CRITICAL,
  SERVER_ERROR,
  STATUS_CLASS_LABEL,
  Unit,
  barGaugePanel,
  errorRatioScale,
  formatPercent,
  gaugePanel,
  heatmapPanel,
  httpQueries,
  inFlightScale,
  latencyScale,
  liveMappings,
  section,
  serviceDashboard,
  statPanel,
  targetQueries,
  targetsUpScale,
  timeseriesPanel,
  trafficScale,
  percentileQueries,
  withStatusColours,
} from 'dac/dashboards';

/** Where the optional client-error alert is configured, the 4xx line is read against its level. */
function clientErrorText(service: { clientErrorAlert?: { status: string; ratio: number; for: string } }): string {
  const a = service.clientErrorAlert;
  if (!a) return '';
  return ` HighClientErrorRate warns when responses with status ${a.status} exceed ${formatPercent(a.ratio)} of requests for ${a.for}.`;
}

export default defineDashboard({
  id: 'http-overview',
  title: 'HTTP Overview',
  build(ctx) {
    const { service } = ctx;
    const http = httpQueries(service);
    const targets = targetQueries(service);
    const { handler, method, status } = http.labels;
    const traffic = trafficScale(service, 'req/s');
    const errors = errorRatioScale(service);
    const latency = latencyScale(service);
    // Targets up, rate, errors, p95 and (where the library exports it) in flight share one line.
    const statWidth = http.hasInProgress ? 5 : 6;
    const down =
      'Reads "down" (red) as soon as no selected target answers its scrapes, instead of the last value the dead process reported.';

    const dashboard = serviceDashboard(ctx, {
      description: `Traffic, errors and latency of ${service.title} as its HTTP server sees them.`,
    });

    section(dashboard, 'Right now', [
      statPanel({
        title: 'Targets up',
        description: `Share of the selected scrape targets whose /metrics Prometheus can read ("up"). ${targetsUpScale().legend} When red, the ServiceDown alert names the instance; 0 % with no target left means service discovery lost them all.`,
        unit: Unit.ratio,
        scale: targetsUpScale(),
        width: 24 - statWidth * (http.hasInProgress ? 4 : 3),
        queries: [{ expr: targets.upShare(), legend: 'up' }],
      }),
      statPanel({
        title: 'Request rate',
        description: `Requests per second served by the selected instances. ${traffic.legend} ${down} A drop to 0 with every target up points at the load balancer, DNS or the clients.`,
        unit: Unit.requestsPerSecond,
        scale: traffic,
        mappings: liveMappings(),
        width: statWidth,
        queries: [{ expr: targets.live(http.requestRate(), '0'), legend: 'req/s' }],
      }),
      statPanel({
        title: 'Error rate (5xx)',
        description: `Share of requests answered with a 5xx status. ${errors.legend} Reads 0 % when there is no traffic at all. ${down} When red, look at "Errors by class" below and at the handlers in the RED dashboard.`,
        unit: Unit.ratio,
        scale: errors,
        mappings: liveMappings(),
        width: statWidth,
        queries: [{ expr: targets.live(http.statusRatio(SERVER_ERROR), '0'), legend: '5xx' }],
      }),
      statPanel({
        title: 'Latency p95',
        description: `95 % of requests finished faster than this. ${latency.legend} Reads "no requests" when there were none. ${down} When high, the heatmap below shows whether all requests slowed down or a slow tail grew.`,
        unit: Unit.seconds,
        scale: latency,
        mappings: liveMappings('no requests'),
        width: statWidth,
        queries: [{ expr: targets.live(http.latencyQuantile(0.95), 'NaN'), legend: 'p95' }],
      }),
      http.hasInProgress &&
        gaugePanel({
          title: 'Requests in flight',
          description: `Requests being served at this moment across the selected instances. ${inFlightScale().legend} ${down} A value that climbs while the request rate stays flat means requests are piling up: a slow dependency or an exhausted worker pool.`,
          unit: Unit.count,
          scale: inFlightScale(),
          mappings: liveMappings(),
          min: 0,
          max: IN_FLIGHT_CRITICAL * 1.5,
          width: statWidth,
          queries: [{ expr: targets.live(http.inProgress(), '0'), legend: 'in flight' }],
        }),
    ]);

    section(dashboard, 'Traffic and errors', [
      withStatusColours(
        timeseriesPanel({
          title: 'Requests by status class',
          description:
            'Requests per second grouped into 1xx-5xx, stacked: the total height is the request rate. Each class keeps its colour on every panel: 2xx green, 3xx blue, 4xx orange, 5xx red. A growing red 5xx band is the first thing to look for.',
          unit: Unit.requestsPerSecond,
          stacked: true,
          min: 0,
          queries: [{ expr: http.requestRateByStatusClass(), legend: `{{${STATUS_CLASS_LABEL}}}` }],
        }),
      ),
      withStatusColours(
        timeseriesPanel({
          title: 'Errors by class',
          description: `Share of requests answered with 5xx (red: the server failed) and 4xx (orange: the client sent something wrong) over time. 0 when there is no traffic. The dashed lines mark the 5xx warning and critical levels: ${errors.legend} A 4xx surge after a deploy often means a broken client contract rather than a server fault.${clientErrorText(service)}`,
          unit: Unit.ratio,
          scale: errors,
          min: 0,
          queries: [
            { expr: http.statusRatio(SERVER_ERROR), legend: '5xx' },
            { expr: http.statusRatio(CLIENT_ERROR), legend: '4xx' },
          ],
        }),
      ),
    ]);

    section(dashboard, 'Status codes', [
      withStatusColours(
        timeseriesPanel({
          title: 'Responses by status code',
          description: `Responses per second for each status code (label "${status}"), coloured by class: shades of green for 2xx, orange for 4xx, red for 5xx. Tells a burst of 404s (a broken link or client) from 500s (a bug) or 503s (an overloaded dependency). A library that groups codes shows "2xx", "4xx", … here.`,
          unit: Unit.requestsPerSecond,
          width: 16,
          min: 0,
          queries: [{ expr: http.statusCodeRate(), legend: `{{${status}}}` }],
        }),
        { shades: true },
      ),
      withStatusColours(
        barGaugePanel({
          title: 'Responses by status code in the selected range',
          description:
            'How many responses of each status code were sent over the whole time range picked above (counter increases, so restarts do not reset them), coloured by class like the graph beside it.',
          unit: Unit.count,
          decimals: 0,
          queries: [{ expr: http.statusCodeTotal(), legend: `{{${status}}}`, instant: true }],
        }),
        { shades: true },
      ),
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
        native: http.nativeHeatmap,
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
