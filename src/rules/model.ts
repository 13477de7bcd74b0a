/**
 * The Prometheus rule-file model, as authored in `rules/` and emitted to `out/rules/*.yml`.
 * Fields mirror the rule-file format; `keep_firing_for` needs Prometheus ≥ 2.42 and
 * `limit`/`query_offset` are left out because promtool 2.42 (our floor) rejects what it does not know.
 */
/**
 * The annotations alerts carry: what the lint requires (summary, description), the links every dac
 * alert has, and nothing else, so that a typo (`sumary`) is a type error rather than a silent extra.
 */
export type AlertAnnotations = {
  summary?: string;
  description?: string;
  runbook_url?: string;
  dashboard_url?: string;
};

// The `?: never` members keep the union exclusive: `{ record, expr, for }` is an error, not a recording rule.
export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
  alert?: never;
  for?: never;
  keep_firing_for?: never;
  annotations?: never;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: AlertAnnotations;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}

export interface RuleFile {
  groups: RuleGroup[];
}

export const isAlert = (r: Rule): r is AlertingRule => 'alert' in r;
export const isRecording = (r: Rule): r is RecordingRule => 'record' in r;

/** The severities alerts may carry: generic alerts use critical/warning/info, SLO alerts page/ticket. */
export const SEVERITIES = ['critical', 'warning', 'info', 'page', 'ticket'] as const;
export type AlertSeverity = (typeof SEVERITIES)[number];

/**
 * A promtool unit test for rules, in the format of `promtool test rules`. dac generates one file per
 * rule file; each alert is proven to fire under one input and to stay quiet under another.
 */
export interface PromtoolSeries {
  series: string;
  values: string;
}

export interface PromtoolAlertCase {
  eval_time: string;
  alertname: string;
  exp_alerts: { exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }[];
}

export interface PromtoolExprCase {
  expr: string;
  eval_time: string;
  exp_samples: { labels: string; value: number }[];
}

export interface PromtoolTestCase {
  name?: string;
  interval: string;
  input_series: PromtoolSeries[];
  alert_rule_test?: PromtoolAlertCase[];
  promql_expr_test?: PromtoolExprCase[];
  external_labels?: Record<string, string>;
}

export interface PromtoolTestFile {
  rule_files: string[];
  evaluation_interval?: string;
  tests: PromtoolTestCase[];
}
