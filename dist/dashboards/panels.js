import * as common from "@grafana/grafana-foundation-sdk/common";
import {
  FieldColorBuilder,
  FieldColorModeId,
  MappingType,
  RowBuilder,
  SpecialValueMatch
} from "@grafana/grafana-foundation-sdk/dashboard";
import * as bargauge from "@grafana/grafana-foundation-sdk/bargauge";
import * as gauge from "@grafana/grafana-foundation-sdk/gauge";
import * as heatmap from "@grafana/grafana-foundation-sdk/heatmap";
import * as piechart from "@grafana/grafana-foundation-sdk/piechart";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as table from "@grafana/grafana-foundation-sdk/table";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import { DOWN } from "./expr.js";
import { refIdFor } from "./normalize.js";
import { GREEN, RED, neutralScale, thresholdsOf } from "./thresholds.js";
const DATASOURCE_VARIABLE = "datasource";
function datasourceRef() {
  return { type: "prometheus", uid: `\${${DATASOURCE_VARIABLE}}` };
}
const Unit = {
  requestsPerSecond: "reqps",
  operationsPerSecond: "ops",
  seconds: "s",
  ratio: "percentunit",
  count: "short"
};
function percentileQueries(quantile, quantiles = [0.5, 0.95, 0.99]) {
  return quantiles.map((q) => ({ expr: quantile(q), legend: `p${Math.round(q * 100)}` }));
}
function query(spec, index = 0) {
  const q = new prometheus.DataqueryBuilder().datasource(datasourceRef()).refId(refIdFor(index)).expr(spec.expr).editorMode(prometheus.QueryEditorMode.Code).legendFormat(spec.legend ?? "__auto");
  if (spec.instant) q.instant();
  else q.range();
  if (spec.format) q.format(spec.format);
  return q;
}
function base(builder, o, w, h) {
  builder.title(o.title).description(o.description).datasource(datasourceRef()).gridPos({ x: 0, y: 0, w: o.width ?? w, h: o.height ?? h });
  o.queries.forEach((spec, i) => builder.withTarget(query(spec, i)));
  for (const t of builder.build().targets ?? []) delete t["_implementsDataqueryVariant"];
  return builder;
}
function lastValue() {
  return new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false);
}
function currentValue() {
  return new common.ReduceDataOptionsBuilder().calcs(["last"]).values(false);
}
function liveMappings(idle) {
  const mappings = [{ type: MappingType.ValueToText, options: { [String(DOWN)]: { text: "down", color: RED, index: 0 } } }];
  if (idle)
    mappings.push({
      type: MappingType.SpecialValue,
      options: { match: SpecialValueMatch.NotANumber, result: { text: idle, color: "text", index: 1 } }
    });
  return mappings;
}
const STATUS_CLASS_COLOURS = [
  { digit: "1", colour: "purple" },
  { digit: "2", colour: GREEN },
  { digit: "3", colour: "blue" },
  { digit: "4", colour: "orange" },
  { digit: "5", colour: RED }
];
function withStatusColours(panel, opts = {}) {
  for (const { digit, colour } of STATUS_CLASS_COLOURS)
    panel.overrideByRegexp(`${digit}(\\d\\d|xx)`, [
      { id: "color", value: { mode: opts.shades ? FieldColorModeId.Shades : FieldColorModeId.Fixed, fixedColor: colour } }
    ]);
  return panel;
}
function withThresholdsByName(panel, scales) {
  for (const { name, scale } of scales)
    panel.overrideByName(name, [{ id: "thresholds", value: { mode: "absolute", steps: scale.steps.map((s) => ({ ...s })) } }]);
  return panel;
}
function statPanel(o) {
  const panel = base(new stat.PanelBuilder(), o, 6, 4).unit(o.unit).thresholds(thresholdsOf(o.scale)).colorMode(common.BigValueColorMode.Value).graphMode(common.BigValueGraphMode.Area).textMode(o.textMode ?? common.BigValueTextMode.Auto).reduceOptions(currentValue());
  if (o.mappings) panel.mappings(o.mappings);
  return panel;
}
function gaugePanel(o) {
  const panel = base(new gauge.PanelBuilder(), o, 6, 4).unit(o.unit).min(o.min).max(o.max).thresholds(thresholdsOf(o.scale)).showThresholdMarkers(true).reduceOptions(currentValue());
  if (o.mappings) panel.mappings(o.mappings);
  return panel;
}
function timeseriesPanel(o) {
  const panel = base(new timeseries.PanelBuilder(), o, 12, 8).unit(o.unit).lineWidth(1).fillOpacity(o.stacked ? 30 : 10).showPoints(common.VisibilityMode.Never).legend(
    new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom)
  ).tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
  if (o.min !== void 0) panel.min(o.min);
  if (o.stacked) panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
  if (o.scale) {
    panel.thresholds(thresholdsOf(o.scale)).thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
  }
  return panel;
}
function heatmapPanel(o) {
  return base(new heatmap.PanelBuilder(), { ...o, queries: [{ expr: o.expr, legend: "{{le}}", format: "heatmap" }] }, 12, 8).unit(o.cellUnit).calculate(false).yAxis(new heatmap.YAxisConfigBuilder().unit(o.unit)).cellValues(new heatmap.CellValuesBuilder().unit(o.cellUnit)).color(
    new heatmap.HeatmapColorOptionsBuilder().mode(heatmap.HeatmapColorMode.Scheme).scheme("Spectral").scale(heatmap.HeatmapColorScale.Exponential).exponent(0.5).steps(64).reverse(false)
  ).showLegend().tooltip(new heatmap.HeatmapTooltipBuilder().mode(common.TooltipDisplayMode.Single).yHistogram(true).showColorScale(true));
}
function tablePanel(o) {
  const queries = o.columns.map((c) => ({ expr: c.expr, instant: true, format: "table" }));
  const renameByName = { [o.key.label]: o.key.name };
  const indexByName = { [o.key.label]: 0 };
  o.columns.forEach((c, i) => {
    renameByName[`Value #${refIdFor(i)}`] = c.name;
    indexByName[`Value #${refIdFor(i)}`] = i + 1;
  });
  const transformations = [
    { id: "merge", options: {} },
    { id: "organize", options: { excludeByName: { Time: true }, indexByName, renameByName } }
  ];
  const panel = base(new table.PanelBuilder(), { ...o, unit: o.columns[0]?.unit ?? "short", queries }, 24, 8).unit(o.columns[0]?.unit ?? "short").thresholds(thresholdsOf(o.scale)).transformations(transformations).sortBy([new common.TableSortByFieldStateBuilder().displayName(o.sortBy).desc(true)]).cellHeight(common.TableCellHeight.Sm).filterable(true);
  for (const c of o.columns) {
    const props = [{ id: "unit", value: c.unit }];
    if (c.decimals !== void 0) props.push({ id: "decimals", value: c.decimals });
    if (c.scale) {
      props.push({ id: "thresholds", value: { mode: "absolute", steps: c.scale.steps.map((s) => ({ ...s })) } });
      props.push({ id: "custom.cellOptions", value: { type: "color-text" } });
    }
    panel.overrideByName(c.name, props);
  }
  return panel;
}
function labelTablePanel(o) {
  const renameByName = {};
  const indexByName = {};
  o.columns.forEach((c, i) => {
    renameByName[c.label] = c.name;
    indexByName[c.label] = i;
  });
  return base(new table.PanelBuilder(), { ...o, unit: "string", queries: [{ expr: o.expr, instant: true, format: "table" }] }, 12, 6).unit("string").thresholds(thresholdsOf(o.scale ?? neutralScale())).transformations([{ id: "organize", options: { excludeByName: { Time: true, Value: true }, indexByName, renameByName } }]).sortBy([new common.TableSortByFieldStateBuilder().displayName(o.columns[0]?.name ?? "").desc(false)]).cellHeight(common.TableCellHeight.Sm);
}
function pieChartPanel(o) {
  return base(new piechart.PanelBuilder(), o, 8, 8).unit(o.unit).pieType(piechart.PieChartType.Donut).displayLabels([piechart.PieChartLabels.Percent]).reduceOptions(lastValue()).legend(
    new piechart.PieChartLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.Table).placement(common.LegendPlacement.Right).values([piechart.PieChartLegendValues.Value, piechart.PieChartLegendValues.Percent])
  ).tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Single).sort(common.SortOrder.None));
}
function barGaugePanel(o) {
  const panel = base(new bargauge.PanelBuilder(), o, 8, 8);
  if (o.decimals !== void 0) panel.decimals(o.decimals);
  return panel.unit(o.unit).min(0).orientation(common.VizOrientation.Horizontal).displayMode(common.BarGaugeDisplayMode.Basic).colorScheme(new FieldColorBuilder().mode(FieldColorModeId.PaletteClassic)).reduceOptions(lastValue());
}
function row(title, repeat) {
  const r = new RowBuilder(title).collapsed(false);
  if (repeat) r.repeat(repeat);
  return r;
}
export {
  DATASOURCE_VARIABLE,
  STATUS_CLASS_COLOURS,
  Unit,
  barGaugePanel,
  datasourceRef,
  gaugePanel,
  heatmapPanel,
  labelTablePanel,
  liveMappings,
  percentileQueries,
  pieChartPanel,
  query,
  row,
  statPanel,
  tablePanel,
  timeseriesPanel,
  withStatusColours,
  withThresholdsByName
};
