/**
 * RED Metrics: Rate, Errors and Duration for every route handler. The table on top ranks the
 * handlers by error rate; below it, one row per selected handler repeats the three signals over time.
 */
import { defineDashboard } from 'dac';
import {
  HANDLER_VARIABLE,
  SERVER_ERROR,
  Unit,
  errorRatioScale,
  handlerVariable,
  httpQueries,
  latencyScale,
  re,
  section,
  serviceDashboard,
  tablePanel,
  timeseriesPanel,
  percentileQueries,
} from 'dac/dashboards';

export default defineDashboard({
  id: 'red',
  title: 'RED Metrics',
  build(ctx) {
    const { service } = ctx;
    const http = httpQueries(service);
    const handler = http.labels.handler;
    const errors = errorRatioScale(service);
    const latency = latencyScale(service);
    const only = [re(handler, `$${HANDLER_VARIABLE}`)];

    const dashboard = serviceDashboard(ctx, {
      description: `Rate, Errors and Duration of each route handler of ${service.title}.`,
    }).withVariable(handlerVariable(service));

    section(dashboard, 'All handlers', [
      tablePanel({
        title: 'Handlers by error rate',
        description: `Every handler with its current request rate, share and rate of 5xx responses, and p95/p99 latency, worst error rate first. Error rate: ${errors.legend} Latency: ${latency.legend} Request rates are not coloured: a rarely called handler is not a problem. Empty latency cells mean no requests in the window.`,
        key: { label: handler, name: 'Handler' },
        scale: errors,
        sortBy: 'Error rate',
        height: 10,
        columns: [
          { name: 'Requests/s', unit: Unit.requestsPerSecond, decimals: 2, expr: http.requestRate([handler]) },
          { name: 'Error rate', unit: Unit.ratio, scale: errors, decimals: 2, expr: http.statusRatio(SERVER_ERROR, [handler]) },
          { name: 'Errors/s', unit: Unit.requestsPerSecond, decimals: 2, expr: http.statusRate(SERVER_ERROR, [handler]) },
          { name: 'p95', unit: Unit.seconds, scale: latency, decimals: 3, expr: http.latencyQuantile(0.95, [handler]) },
          { name: 'p99', unit: Unit.seconds, scale: latency, decimals: 3, expr: http.latencyQuantile(0.99, [handler]) },
        ],
      }),
    ]);

    section(
      dashboard,
      `Handler $${HANDLER_VARIABLE}`,
      [
        timeseriesPanel({
          title: 'Rate',
          description:
            'Requests per second served by this handler. A handler dropping to zero while the others keep serving points at routing or at its clients rather than at the service.',
          unit: Unit.requestsPerSecond,
          width: 6,
          height: 7,
          min: 0,
          queries: [{ expr: http.requestRate([handler], only), legend: `{{${handler}}}` }],
        }),
        timeseriesPanel({
          title: 'Errors (%)',
          description: `Share of this handler's requests answered with 5xx. ${errors.legend} 0 when the handler had no traffic.`,
          unit: Unit.ratio,
          scale: errors,
          width: 6,
          height: 7,
          min: 0,
          queries: [{ expr: http.statusRatio(SERVER_ERROR, [handler], only), legend: `{{${handler}}}` }],
        }),
        timeseriesPanel({
          title: 'Errors (req/s)',
          description:
            'Requests per second answered with 5xx by this handler: how many users are hit, where the percentage says how often.',
          unit: Unit.requestsPerSecond,
          width: 6,
          height: 7,
          min: 0,
          queries: [{ expr: http.statusRate(SERVER_ERROR, [handler], only), legend: `{{${handler}}}` }],
        }),
        timeseriesPanel({
          title: 'Duration',
          description: `p95 and p99 latency of this handler. ${latency.legend} Gaps mean no requests.`,
          unit: Unit.seconds,
          scale: latency,
          width: 6,
          height: 7,
          min: 0,
          queries: percentileQueries((q) => http.latencyQuantile(q, [handler], only), [0.95, 0.99]),
        }),
      ],
      { repeat: HANDLER_VARIABLE },
    );

    return dashboard;
  },
});
