/**
 * PromQL as text, the part every step writes or reads: the four matcher operators, a label matcher
 * and the string literal a value becomes. Dashboards, rules, SLOs and the parser all spell
 * matchers; one definition keeps a value that needs escaping escaped the same way everywhere.
 */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  /** The value unquoted, as the series carries it (or the regex, for `=~` / `!~`). */
  value: string;
}

/** A PromQL double-quoted string literal. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * Names Prometheus 2 can read unquoted. Anything else (OpenTelemetry's `http.server.request.duration`,
 * `service.name`) is a UTF-8 name: Prometheus 3 reads it quoted, Prometheus 2 not at all.
 */
const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isLegacyMetricName(name: string): boolean {
  return LEGACY_METRIC_NAME.test(name);
}

export function isLegacyLabelName(name: string): boolean {
  return LEGACY_LABEL_NAME.test(name);
}

/** A label name as PromQL reads it in a matcher or a `by (…)` list: bare when it can be, else quoted. */
export function labelName(name: string): string {
  return isLegacyLabelName(name) ? name : quote(name);
}

/** `a, "b.c"`: the inside of a `by (…)`, `without (…)` or `on (…)` list. */
export function labelList(names: readonly string[], separator = ', '): string {
  return names.map(labelName).join(separator);
}

/**
 * A vector selector from a metric name and matchers already written as text: `metric{a="x"}`, or
 * for a UTF-8 metric name Prometheus 3's form with the name quoted first inside the braces,
 * `{"http.server.request.duration_seconds_count", a="x"}`.
 */
export function vectorSelector(metric: string, matchers: readonly string[], separator = ','): string {
  if (isLegacyMetricName(metric)) return `${metric}{${matchers.join(separator)}}`;
  return `{${[quote(metric), ...matchers].join(separator)}}`;
}

/** A label read in an alert template: `$labels.route`, or `(index $labels "http.route")` for a UTF-8 name. */
export function templateLabel(name: string): string {
  return isLegacyLabelName(name) ? `$labels.${name}` : `(index $labels ${quote(name)})`;
}
