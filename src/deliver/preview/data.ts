/**
 * What a panel draws: for each of its queries, the series Prometheus returned (or the synthetic
 * ones made in its place), named the way Grafana names them from the query's legend format.
 */
import type { VariableValue } from './grafana/interpolate.js';
import type { TimeRange } from './grafana/time.js';

export interface Series {
  refId: string;
  /** The legend: the query's legendFormat filled in from the labels. */
  name: string;
  labels: Record<string, string>;
  /** Milliseconds since the epoch, ascending. */
  times: number[];
  /** NaN is a value (Prometheus sends it); null is a gap. */
  values: Array<number | null>;
}

export interface QueryResult {
  refId: string;
  kind: 'range' | 'instant';
  /** The expression as sent, variables and macros substituted. */
  expr: string;
  series: Series[];
  error?: string;
}

export interface PanelQuerySpec {
  refId: string;
  expr: string;
  kind: 'range' | 'instant';
  legendFormat: string | undefined;
  format: string | undefined;
  /** The raw expression as written in the dashboard, before substitution. */
  template: string;
  /** The panel's unit: synthetic data is shaped to it. */
  unit: string | undefined;
  /** Labels a table panel shows (from its transformations): synthetic rows carry them. */
  tableLabels: string[];
  /** Seeds synthetic data so the same dashboard always looks the same. */
  seed: string;
  range: TimeRange;
  stepMs: number;
}

/** Where the numbers come from: a real Prometheus, or synthetic series shaped by each query. */
export interface DataSource {
  readonly synthetic: boolean;
  variables(list: readonly unknown[], range: TimeRange, macros: ReadonlyMap<string, string>): Promise<Map<string, VariableValue>>;
  run(query: PanelQuerySpec): Promise<QueryResult>;
}

/**
 * Grafana's series name: `{{label}}` filled in; `__auto` or nothing gives `metric{a="b"}`, or the
 * expression when the result has no labels at all.
 */
export function seriesName(legendFormat: string | undefined, labels: Record<string, string>, expr: string): string {
  if (legendFormat && legendFormat !== '__auto') {
    return legendFormat.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => labels[name] ?? '');
  }
  const { __name__: metric, ...rest } = labels;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}="${v}"`);
  if (pairs.length === 0) return metric ?? expr;
  return `${metric ?? ''}{${pairs.join(', ')}}`;
}
