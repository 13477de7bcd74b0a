/**
 * Dashboard variables. Every dashboard has `datasource`, `job` and `instance`; the job variable
 * lists only the service's own job, so the dashboard cannot drift onto another service, while the
 * selector still reads `job="$job"` for a user who copies a query into Explore.
 */
import { DatasourceVariableBuilder, QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Service } from '../config/types.js';
import { DATASOURCE_VARIABLE, datasourceRef } from './panels.js';
import { type Matcher, INSTANCE_VARIABLE, JOB_VARIABLE, dashboardMatchers, eq, staticMatchers, staticSeries } from './selector.js';

/** Regex for "All": `.+` rather than a list of values, so new instances and handlers show up at once. */
export const ALL_VALUE = '.+';

export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE).label('Data source').type('prometheus');
}

function labelValues(selector: string, label: string): string {
  return `label_values(${selector}, ${label})`;
}

export function jobVariable(service: Service): QueryVariableBuilder {
  const q = labelValues(staticSeries('up', staticMatchers(service)), 'job');
  return new QueryVariableBuilder(JOB_VARIABLE)
    .label('Job')
    .description(`Prometheus job of ${service.title}; only its own job is offered.`)
    .datasource(datasourceRef())
    .query(q)
    .current({ selected: true, text: service.selector.job, value: service.selector.job })
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc);
}

/** A multi-value variable over a label's values, with "All" meaning any value. */
export function multiLabelVariable(opts: {
  name: string;
  label: string;
  description: string;
  metric: string;
  labelName: string;
  matchers: readonly Matcher[];
}): QueryVariableBuilder {
  const q = labelValues(staticSeries(opts.metric, opts.matchers), opts.labelName);
  return new QueryVariableBuilder(opts.name)
    .label(opts.label)
    .description(opts.description)
    .datasource(datasourceRef())
    .query(q)
    .multi(true)
    .includeAll(true)
    .allValue(ALL_VALUE)
    .current({ selected: true, text: ['All'], value: ['$__all'] })
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc);
}

export function instanceVariable(service: Service): QueryVariableBuilder {
  const [, ...fixed] = staticMatchers(service);
  return multiLabelVariable({
    name: INSTANCE_VARIABLE,
    label: 'Instance',
    description: 'Scrape targets of the job; All covers every instance, including ones that appear later.',
    metric: 'up',
    labelName: 'instance',
    matchers: [eq('job', `$${JOB_VARIABLE}`), ...fixed],
  });
}

export const HANDLER_VARIABLE = 'handler';

/** Route handlers seen on the request counter of the selected instances. */
export function handlerVariable(service: Service): QueryVariableBuilder {
  const { http } = service.profile;
  return multiLabelVariable({
    name: HANDLER_VARIABLE,
    label: 'Handler',
    description: `Route handlers (label "${http.labels.handler}") that served requests in the time range.`,
    metric: http.requests,
    labelName: http.labels.handler,
    matchers: dashboardMatchers(service),
  });
}

/** The variables every service dashboard starts with, in display order. */
export function standardVariables(service: Service): (DatasourceVariableBuilder | QueryVariableBuilder)[] {
  return [datasourceVariable(), jobVariable(service), instanceVariable(service)];
}
