import { DatasourceVariableBuilder, QueryVariableBuilder, VariableRefresh, VariableSort } from "@grafana/grafana-foundation-sdk/dashboard";
import { DATASOURCE_VARIABLE, datasourceRef } from "./panels.js";
import { INSTANCE_VARIABLE, JOB_VARIABLE, dashboardMatchers, eq, staticMatchers, staticSeries } from "./selector.js";
const ALL_VALUE = ".+";
function datasourceVariable() {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE).label("Data source").type("prometheus");
}
function labelValues(selector, label) {
  return `label_values(${selector}, ${label})`;
}
function jobVariable(service) {
  const q = labelValues(staticSeries("up", staticMatchers(service)), "job");
  return new QueryVariableBuilder(JOB_VARIABLE).label("Job").description(`Prometheus job of ${service.title}; only its own job is offered.`).datasource(datasourceRef()).query(q).definition(q).current({ selected: true, text: service.selector.job, value: service.selector.job }).refresh(VariableRefresh.OnTimeRangeChanged).sort(VariableSort.AlphabeticalAsc);
}
function multiLabelVariable(opts) {
  const q = labelValues(staticSeries(opts.metric, opts.matchers), opts.labelName);
  return new QueryVariableBuilder(opts.name).label(opts.label).description(opts.description).datasource(datasourceRef()).query(q).definition(q).multi(true).includeAll(true).allValue(ALL_VALUE).current({ selected: true, text: ["All"], value: ["$__all"] }).refresh(VariableRefresh.OnTimeRangeChanged).sort(VariableSort.AlphabeticalAsc);
}
function instanceVariable(service) {
  const [, ...fixed] = staticMatchers(service);
  return multiLabelVariable({
    name: INSTANCE_VARIABLE,
    label: "Instance",
    description: "Scrape targets of the job; All covers every instance, including ones that appear later.",
    metric: "up",
    labelName: "instance",
    matchers: [eq("job", `$${JOB_VARIABLE}`), ...fixed]
  });
}
const HANDLER_VARIABLE = "handler";
function handlerVariable(service) {
  const { http } = service.profile;
  return multiLabelVariable({
    name: HANDLER_VARIABLE,
    label: "Handler",
    description: `Route handlers (label "${http.labels.handler}") that served requests in the time range.`,
    metric: http.requests,
    labelName: http.labels.handler,
    matchers: dashboardMatchers(service)
  });
}
function standardVariables(service) {
  return [datasourceVariable(), jobVariable(service), instanceVariable(service)];
}
export {
  ALL_VALUE,
  HANDLER_VARIABLE,
  datasourceVariable,
  handlerVariable,
  instanceVariable,
  jobVariable,
  multiLabelVariable,
  standardVariables
};
