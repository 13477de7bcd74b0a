/**
 * What the page generator hands the browser script for each chart: plain data, colours and field
 * styles already resolved, so the script only draws (uPlot for time axes, Chart.js for arcs).
 */
import type { FieldStyle } from './format.js';

export interface ChartSeries {
  name: string;
  colour: string;
  values: Array<number | null>;
  /** 0–1. */
  fill: number;
  lineWidth: number;
  /** Series with the same group are stacked. */
  stack?: string;
  bars: boolean;
  points: boolean;
  style: FieldStyle;
  /** Colour mode "thresholds" with the scheme gradient: the line takes each step's colour above its value. */
  gradient?: Array<{ value: number | null; colour: string }>;
}

export interface TimeseriesSpec {
  kind: 'timeseries';
  id: string;
  /** Seconds since the epoch, shared by every series. */
  times: number[];
  /** The dashboard's time range in seconds: the x axis spans it even where data is missing. */
  from: number;
  to: number;
  series: ChartSeries[];
  axis: FieldStyle;
  /** Threshold lines or bands drawn behind the series, as `custom.thresholdsStyle` asks. */
  thresholds?: { mode: 'line' | 'area' | 'dashed' | 'line+area' | 'dashed+area'; steps: Array<{ value: number; colour: string }> };
}

export interface SparklineSpec {
  kind: 'sparkline';
  id: string;
  times: number[];
  values: Array<number | null>;
  colour: string;
}

export interface HeatmapSpec {
  kind: 'heatmap';
  id: string;
  times: number[];
  from: number;
  to: number;
  /** Upper bounds of the buckets, in the y axis unit, bottom to top. */
  buckets: string[];
  /** counts[bucket][time] */
  counts: Array<Array<number | null>>;
  scheme: string;
  cellUnit: FieldStyle;
}

export interface PieSpec {
  kind: 'pie';
  id: string;
  labels: string[];
  values: number[];
  colours: string[];
  donut: boolean;
}

export interface GaugeSpec {
  kind: 'gauge';
  id: string;
  value: number | null;
  min: number;
  max: number;
  colour: string;
  /** Threshold bands around the arc, when showThresholdMarkers. */
  bands: Array<{ from: number; to: number; colour: string }>;
}

export type ChartSpec = TimeseriesSpec | SparklineSpec | HeatmapSpec | PieSpec | GaugeSpec;

/** What the page script reports once it has drawn everything; tests and screenshots wait for it. */
export interface RenderState {
  done: boolean;
  charts: number;
  errors: string[];
}
