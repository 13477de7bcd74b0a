/**
 * Metric and label names against the Prometheus the project targets (`minPrometheusVersion`).
 * Prometheus 2 reads only `[a-zA-Z_:][a-zA-Z0-9_:]*` metric names and `[a-zA-Z_][a-zA-Z0-9_]*` label
 * names; Prometheus 3 reads any UTF-8 name, quoted (OpenTelemetry's dotted names, kept as they are by
 * its OTLP receiver). A name only 3 can read is refused for a 2.x floor here, where the config names
 * it, instead of surfacing as a parse error in the Prometheus that loads the rules.
 */
import { isLegacyLabelName, isLegacyMetricName } from '../core/promql-text.js';
import type { MetricProfile, ServiceConfig } from './types.js';

export type PrometheusFloor = 2 | 3;

type Report = (field: string, message: string, hint?: string) => void;

/** What Prometheus 2 and the OpenTelemetry exporters write for a UTF-8 name: each other character as `_`. */
function escaped(name: string, kind: 'metric' | 'label'): string {
  const out = name.replace(kind === 'metric' ? /[^a-zA-Z0-9_:]/g : /[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** One name: a problem is reported, a good name passes silently. */
export function checkName(kind: 'metric' | 'label', name: unknown, floor: PrometheusFloor, field: string, report: Report, file: string) {
  if (typeof name !== 'string' || name === '' || /\p{Cs}/u.test(name)) {
    report(field, `${JSON.stringify(name) ?? 'undefined'} is not a valid ${kind} name`, `write the ${kind} name as the service exposes it`);
    return;
  }
  const legacy = kind === 'metric' ? isLegacyMetricName(name) : isLegacyLabelName(name);
  if (legacy || floor === 3) return;
  report(
    field,
    `"${name}" is a UTF-8 ${kind} name, which only Prometheus 3 reads (quoted); the configured floor is Prometheus 2 (minPrometheusVersion)`,
    `if every Prometheus that loads these rules runs 3.0 or newer, set minPrometheusVersion: 3 in ${file} (dac then writes the name quoted); for Prometheus 2, use the name it stores instead: ${escaped(name, kind)}`,
  );
}

/** Every metric and label name a service's config and profile give dac to write into PromQL. */
export function checkServiceNames(
  svc: ServiceConfig,
  profile: MetricProfile | undefined,
  floor: PrometheusFloor,
  report: Report,
  file: string,
) {
  // A name the profile repeats (metrics, labelNames) is reported once, where it first appears.
  const seen = new Set<string>();
  const once = (kind: 'metric' | 'label') => (name: unknown, field: string) => {
    const key = `${kind} ${String(name)}`;
    if (seen.has(key)) return;
    seen.add(key);
    checkName(kind, name, floor, field, report, file);
  };
  const metric = once('metric');
  const label = once('label');
  for (const k of Object.keys(svc.selector?.matchers ?? {})) label(k, `selector.matchers.${k}`);
  (Array.isArray(svc.targetLabels) ? svc.targetLabels : []).forEach((l, i) => label(l, `targetLabels[${i}]`));
  // A built-in profile's names are Prometheus 2 names; only a custom one can bring UTF-8 names.
  if (typeof svc.profile === 'object' && profile) {
    const { http } = profile;
    metric(http.requests, 'profile.http.requests');
    metric(http.duration, 'profile.http.duration');
    if (http.durationHighResolution !== undefined) metric(http.durationHighResolution, 'profile.http.durationHighResolution');
    if (http.inProgress !== undefined) metric(http.inProgress, 'profile.http.inProgress');
    for (const [k, l] of Object.entries(http.labels ?? {})) label(l, `profile.http.labels.${k}`);
    for (const m of Object.keys(profile.metrics ?? {})) metric(m, `profile.metrics.${m}`);
    for (const [m, labels] of Object.entries(profile.labelNames ?? {}))
      (Array.isArray(labels) ? labels : []).forEach((l, i) => label(l, `profile.labelNames.${m}[${i}]`));
  }
  (svc.business?.operations ?? []).forEach((op, j) => metric(op?.metric, `business.operations[${j}].metric`));
  if (svc.business?.info) {
    metric(svc.business.info.metric, 'business.info.metric');
    (svc.business.info.labels ?? []).forEach((l, i) => label(l, `business.info.labels[${i}]`));
  }
  const db = svc.database;
  if (db !== undefined) {
    metric(db?.queryDuration, 'database.queryDuration');
    if (db.operationLabel !== undefined) label(db.operationLabel, 'database.operationLabel');
    if (db.poolSize !== undefined) metric(db.poolSize, 'database.poolSize');
    if (db.poolInUse !== undefined) metric(db.poolInUse, 'database.poolInUse');
  }
}
