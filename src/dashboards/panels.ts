/**
 * Panel and query factories. Each call returns new builders (the SDK's builders are mutable, so a
 * shared instance would leak one panel's settings into another). Every factory requires a title,
 * a description for the on-call engineer and a unit, and points the panel and its queries at the
 * dashboard's `datasource` variable. Sizes are widths/heights only: `normalize.ts` places panels.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  FieldColorBuilder,
  FieldColorModeId,
  RowBuilder,
  type DataTransformerConfig,
  type Panel,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { refIdFor } from './normalize.js';
import { neutralScale, thresholdsOf, type Scale } from './thresholds.js';

export { liveMappings, STATUS_CLASS_COLOURS, withStatusColours, withThresholdsByName } from './panel-colours.js';

export const DATASOURCE_VARIABLE = 'datasource';

/** Every panel and query reads from the dashboard's data source variable. */
export function datasourceRef(): { type: string; uid: string } {
  return { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };
}

/** Grafana unit ids used by the dashboards. */
export const Unit = {
  requestsPerSecond: 'reqps',
  operationsPerSecond: 'ops',
  seconds: 's',
  ratio: 'percentunit',
  count: 'short',
} as const;

export interface QuerySpec {
  expr: string;
  /** Legend, e.g. `{{handler}}` or `p95`. */
  legend?: string;
  /** Evaluate once at the end of the range (stat totals, tables) instead of as a time series. */
  instant?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
}

/** One query per quantile, legends p50/p95/p99: the latency panels' shape, from any quantile query. */
export function percentileQueries(quantile: (q: number) => string, quantiles: readonly number[] = [0.5, 0.95, 0.99]): QuerySpec[] {
  return quantiles.map((q) => ({ expr: quantile(q), legend: `p${Math.round(q * 100)}` }));
}

export function query(spec: QuerySpec, index = 0): prometheus.DataqueryBuilder {
  const q = new prometheus.DataqueryBuilder()
    .datasource(datasourceRef())
    .refId(refIdFor(index))
    .expr(spec.expr)
    .editorMode(prometheus.QueryEditorMode.Code)
    .legendFormat(spec.legend ?? '__auto');
  if (spec.instant) q.instant();
  else q.range();
  if (spec.format) q.format(spec.format as prometheus.PromQueryFormat);
  return q;
}

export interface PanelOptions {
  title: string;
  /** What it shows, what normal looks like, what to do when it is not. */
  description: string;
  unit: string;
  queries: QuerySpec[];
  width?: number;
  height?: number;
}

/** What every panel builder of the SDK has in common and that the factories set. */
interface CommonPanelBuilder<B> extends cog.Builder<Panel> {
  title(t: string): B;
  description(d: string): B;
  datasource(ds: { type: string; uid: string }): B;
  gridPos(g: { x: number; y: number; w: number; h: number }): B;
  withTarget(t: cog.Builder<cog.Dataquery>): B;
}

function base<B extends CommonPanelBuilder<B>>(builder: B, o: PanelOptions, w: number, h: number): B {
  builder
    .title(o.title)
    .description(o.description)
    .datasource(datasourceRef())
    .gridPos({ x: 0, y: 0, w: o.width ?? w, h: o.height ?? h });
  o.queries.forEach((spec, i) => builder.withTarget(query(spec, i)));
  // The SDK marks queries with a function-valued `_implementsDataqueryVariant`, which JSON drops
  // but structuredClone rejects; a dashboard is plain data, so it goes here.
  for (const t of builder.build().targets ?? []) delete (t as unknown as Record<string, unknown>)['_implementsDataqueryVariant'];
  return builder;
}

function lastValue(): common.ReduceDataOptionsBuilder {
  return new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

/**
 * The value at the end of the range, null or not: a stat about "now" must not fall back on an
 * older sample when the newest one is missing (`lastNotNull` would show a dead process's last rate).
 */
function currentValue(): common.ReduceDataOptionsBuilder {
  return new common.ReduceDataOptionsBuilder().calcs(['last']).values(false);
}

export interface StatOptions extends PanelOptions {
  scale: Scale;
  /** Texts for sentinel values, e.g. {@link liveMappings} for a stat built with `liveOrDown`. */
  mappings?: ValueMapping[];
}

/** A big number with a sparkline, coloured by `scale`, showing the value at the end of the range. */
export function statPanel(o: StatOptions & { textMode?: common.BigValueTextMode }): stat.PanelBuilder {
  const panel = base(new stat.PanelBuilder(), o, 6, 4)
    .unit(o.unit)
    .thresholds(thresholdsOf(o.scale))
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.Area)
    .textMode(o.textMode ?? common.BigValueTextMode.Auto)
    .reduceOptions(currentValue());
  if (o.mappings) panel.mappings(o.mappings);
  return panel;
}

/**
 * The gauge options Grafana 12.2 added (the radial gauge), which `@grafana/schema` declares
 * required and the foundation SDK's builder does not know yet: Grafana's own defaults, so the
 * classic gauge looks as it always did.
 */
const GAUGE_SHAPE = { barShape: 'flat', barWidthFactor: 0.5, effects: {}, segmentCount: 1, segmentSpacing: 0.3, shape: 'gauge' } as const;

class GaugePanelBuilder extends gauge.PanelBuilder {
  override build(): Panel {
    const panel = super.build();
    panel.options = { ...GAUGE_SHAPE, ...(panel.options as object) };
    return panel;
  }
}

export function gaugePanel(o: StatOptions & { min: number; max: number }): gauge.PanelBuilder {
  const panel = base(new GaugePanelBuilder(), o, 6, 4)
    .unit(o.unit)
    .min(o.min)
    .max(o.max)
    .thresholds(thresholdsOf(o.scale))
    .showThresholdMarkers(true)
    .reduceOptions(currentValue());
  if (o.mappings) panel.mappings(o.mappings);
  return panel;
}

export interface TimeseriesOptions extends PanelOptions {
  /** Draws the scale's levels as dashed lines, so the graph shows how close it runs to them. */
  scale?: Scale;
  stacked?: boolean;
  min?: number;
}

export function timeseriesPanel(o: TimeseriesOptions): timeseries.PanelBuilder {
  const panel = base(new timeseries.PanelBuilder(), o, 12, 8)
    .unit(o.unit)
    .lineWidth(1)
    .fillOpacity(o.stacked ? 30 : 10)
    .showPoints(common.VisibilityMode.Never)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom),
    )
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
  if (o.min !== undefined) panel.min(o.min);
  if (o.stacked) panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
  if (o.scale) {
    panel
      .thresholds(thresholdsOf(o.scale))
      .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
  }
  return panel;
}

export interface HeatmapOptions extends Omit<PanelOptions, 'unit' | 'queries'> {
  /** Unit of the buckets (the y axis), e.g. seconds. */
  unit: string;
  /** Unit of a cell's value, e.g. requests per second. */
  cellUnit: string;
  /** A `sum by (le) (rate(..._bucket[...]))` expression, or a native histogram's `sum(rate(...[...]))`. */
  expr: string;
  /**
   * The query returns native histograms: Grafana's Prometheus data source turns each into heatmap
   * cells of its own buckets, so the query keeps the time-series format and has no `le` legend.
   */
  native?: boolean;
}

/** Distribution of a histogram over time: one row per bucket, as Prometheus reports it (no recalculation). */
export function heatmapPanel(o: HeatmapOptions): heatmap.PanelBuilder {
  return (
    base(
      new heatmap.PanelBuilder(),
      { ...o, queries: [o.native ? { expr: o.expr } : { expr: o.expr, legend: '{{le}}', format: 'heatmap' }] },
      12,
      8,
    )
      // The field unit is the cells' (what a bucket's value counts); the bucket bounds get the y-axis unit.
      .unit(o.cellUnit)
      .calculate(false)
      .yAxis(new heatmap.YAxisConfigBuilder().unit(o.unit))
      .cellValues(new heatmap.CellValuesBuilder().unit(o.cellUnit))
      .color(
        new heatmap.HeatmapColorOptionsBuilder()
          .mode(heatmap.HeatmapColorMode.Scheme)
          .scheme('Spectral')
          .scale(heatmap.HeatmapColorScale.Exponential)
          .exponent(0.5)
          .steps(64)
          .reverse(false),
      )
      .showLegend()
      .tooltip(new heatmap.HeatmapTooltipBuilder().mode(common.TooltipDisplayMode.Single).yHistogram(true).showColorScale(true))
  );
}

export interface TableColumn {
  /** Column header for this query's value. */
  name: string;
  unit: string;
  /** Colours the cell text; leave out for a neutral column. */
  scale?: Scale;
  decimals?: number;
}

export interface TableOptions extends Omit<PanelOptions, 'unit' | 'queries'> {
  /** Label the rows are keyed on, and its header. */
  key: { label: string; name: string };
  /** One instant query per value column, in column order. */
  columns: (TableColumn & { expr: string })[];
  /** Column sorted on, descending. */
  sortBy: string;
  /** Thresholds of the table as a whole (columns with their own scale override them). */
  scale: Scale;
}

/**
 * One row per key label value, one column per query: instant table queries are merged on the key,
 * `organize` hides the timestamp and names the value columns, overrides set each column's unit
 * and colours.
 */
export function tablePanel(o: TableOptions): table.PanelBuilder {
  const queries: QuerySpec[] = o.columns.map((c) => ({ expr: c.expr, instant: true, format: 'table' }));
  const renameByName: Record<string, string> = { [o.key.label]: o.key.name };
  const indexByName: Record<string, number> = { [o.key.label]: 0 };
  o.columns.forEach((c, i) => {
    renameByName[`Value #${refIdFor(i)}`] = c.name;
    indexByName[`Value #${refIdFor(i)}`] = i + 1;
  });
  const transformations: DataTransformerConfig[] = [
    { id: 'merge', options: {} },
    { id: 'organize', options: { excludeByName: { Time: true }, indexByName, renameByName } },
  ];
  const panel = base(new table.PanelBuilder(), { ...o, unit: o.columns[0]?.unit ?? 'short', queries }, 24, 8)
    .unit(o.columns[0]?.unit ?? 'short')
    .thresholds(thresholdsOf(o.scale))
    .transformations(transformations)
    .sortBy([new common.TableSortByFieldStateBuilder().displayName(o.sortBy).desc(true)])
    .cellHeight(common.TableCellHeight.Sm)
    .cellOptions({ type: common.TableCellDisplayMode.Auto })
    .filterable(true);
  for (const c of o.columns) {
    const props: { id: string; value: unknown }[] = [{ id: 'unit', value: c.unit }];
    if (c.decimals !== undefined) props.push({ id: 'decimals', value: c.decimals });
    if (c.scale) {
      props.push({ id: 'thresholds', value: { mode: 'absolute', steps: c.scale.steps.map((s) => ({ ...s })) } });
      props.push({ id: 'custom.cellOptions', value: { type: 'color-text' } });
    }
    panel.overrideByName(c.name, props);
  }
  return panel;
}

/**
 * A table of the labels of one instant query, e.g. the version and environment each instance
 * reports in an info metric. The sample value (always 1 for info metrics) is hidden.
 */
export function labelTablePanel(
  o: Omit<PanelOptions, 'unit' | 'queries'> & { expr: string; columns: { label: string; name: string }[]; scale?: Scale },
): table.PanelBuilder {
  const renameByName: Record<string, string> = {};
  const indexByName: Record<string, number> = {};
  o.columns.forEach((c, i) => {
    renameByName[c.label] = c.name;
    indexByName[c.label] = i;
  });
  return base(new table.PanelBuilder(), { ...o, unit: 'string', queries: [{ expr: o.expr, instant: true, format: 'table' }] }, 12, 6)
    .unit('string')
    .thresholds(thresholdsOf(o.scale ?? neutralScale()))
    .transformations([{ id: 'organize', options: { excludeByName: { Time: true, Value: true }, indexByName, renameByName } }])
    .sortBy([new common.TableSortByFieldStateBuilder().displayName(o.columns[0]?.name ?? '').desc(false)])
    .cellHeight(common.TableCellHeight.Sm)
    .cellOptions({ type: common.TableCellDisplayMode.Auto });
}

/**
 * Slices largest first. `sort` is required by `@grafana/schema`'s pie chart options and unknown to
 * the foundation SDK's builder, so it is set on the built panel.
 */
class PieChartPanelBuilder extends piechart.PanelBuilder {
  override build(): Panel {
    const panel = super.build();
    panel.options = { sort: common.SortOrder.Descending, ...(panel.options as object) };
    return panel;
  }
}

/** Share of a whole at the end of the range: one instant query per slice. */
export function pieChartPanel(o: PanelOptions): piechart.PanelBuilder {
  return base(new PieChartPanelBuilder(), o, 8, 8)
    .unit(o.unit)
    .pieType(piechart.PieChartType.Donut)
    .displayLabels([piechart.PieChartLabels.Percent])
    .reduceOptions(lastValue())
    .legend(
      new piechart.PieChartLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.Table)
        .placement(common.LegendPlacement.Right)
        .values([piechart.PieChartLegendValues.Value, piechart.PieChartLegendValues.Percent]),
    )
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Single).sort(common.SortOrder.None));
}

/** Horizontal bars for quantities that have no good or bad level (counts per kind): palette colours. */
export function barGaugePanel(o: PanelOptions & { decimals?: number }): bargauge.PanelBuilder {
  const panel = base(new bargauge.PanelBuilder(), o, 8, 8);
  if (o.decimals !== undefined) panel.decimals(o.decimals);
  return panel
    .unit(o.unit)
    .min(0)
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Basic)
    .colorScheme(new FieldColorBuilder().mode(FieldColorModeId.PaletteClassic))
    .reduceOptions(lastValue());
}

/** A classic (expanded) row; with `repeat`, Grafana repeats it and the panels below it per variable value. */
export function row(title: string, repeat?: string): RowBuilder {
  const r = new RowBuilder(title).collapsed(false);
  if (repeat) r.repeat(repeat);
  return r;
}
