/**
 * The alerts every HTTP service gets, as functions of its config: selector, metric profile,
 * thresholds, database metrics. Each alert can be tuned or switched off by id, so a team adapts
 * the catalogue without copying it.
 */
import { DacError } from '../core/diagnostic.js';
import type { Diagnostic } from '../core/diagnostic.js';
import {
  bucketsOf,
  formatBucketList,
  nearestBoundaries,
  quantileCeiling,
  quantileFloor,
  readsClassic,
  serviceLatencyHistogram,
} from '../config/histograms.js';
import type { Service, Thresholds } from '../config/types.js';
import type { RuleContext } from '../definitions/define.js';
import { parseDuration } from '../core/duration.js';
import { templateLabel } from '../core/promql-text.js';
import { clientErrorDraft } from './client-errors.js';
import { humanizeDuration, humanizePercentage } from './humanize.js';
import type { DashboardId } from './links.js';
import { dashboardUrl, runbookUrl } from './links.js';
import type { AlertAnnotations, AlertingRule, RuleGroup } from './model.js';
import { histogramQuantileExpr } from './histogram-promql.js';
import { num, serviceLabels, serviceSeries } from './promql.js';

export type GenericSeverity = 'critical' | 'warning' | 'info';

export const SERVICE_ALERT_IDS = [
  'ServiceDown',
  'HighErrorRateCritical',
  'HighErrorRateWarning',
  'HighLatencyWarning',
  'HighLatencyCritical',
  'SlowDatabaseQueries',
  'DatabasePoolExhausted',
  'HighClientErrorRate',
  'MetricsAbsent',
  'NoTraffic',
] as const;
export type ServiceAlertId = (typeof SERVICE_ALERT_IDS)[number];

export interface AlertOverride {
  /** Replaces the threshold taken from the service's thresholds (ratio 0..1 or seconds). */
  threshold?: number;
  for?: string;
  severity?: GenericSeverity;
  /** Extra labels, e.g. { team: 'items' }; `service`, `severity` and `alertname` are dac's. */
  labels?: Record<string, string>;
  /** Replace annotations. */
  annotations?: AlertAnnotations;
}

export interface ServiceAlertOptions {
  /** Per alert id: tune it, or `false` to leave it out. */
  overrides?: Partial<Record<ServiceAlertId, AlertOverride | false>>;
  /** Rate window of the ratio and quantile expressions. */
  rateWindow?: string;
  /** Rule group name; defaults to `<service>-alerts`. */
  groupName?: string;
}

/** One generated alert with what its tests need to know about it. */
export interface ServiceAlert {
  id: ServiceAlertId;
  rule: AlertingRule;
  /** Threshold in force after overrides, where the alert has one. */
  threshold?: number;
  /** Labels the expression's result carries before the rule's own labels are added. */
  resultLabels: string[];
  /** Quantile alerts: the histogram the quantile is read from. */
  histogram?: string;
}

/** An alert before overrides: what `clientErrorDraft` (client-errors.ts) also returns. */
export interface AlertDraft {
  id: ServiceAlertId;
  alert: string;
  expr: (threshold: number) => string;
  threshold?: number;
  for: string;
  severity: GenericSeverity;
  dashboard: DashboardId;
  resultLabels: string[];
  summary: string;
  description: (threshold: number, forText: string) => string;
  extraLabels?: Record<string, string>;
  /** The config threshold the default comes from, for diagnostics. */
  thresholdKey?: keyof Thresholds;
  /** Quantile alerts: the quantile and the histogram it reads, whose buckets bound what it can see. */
  quantile?: { q: number; histogram: string };
  /** Error-ratio alerts: compared with the error budget of the service's availability SLOs. */
  errorRatio?: boolean;
}

const RESERVED = new Set(['alertname', 'service', 'severity']);

type Draft = AlertDraft;

function drafts(service: Service, window: string): Draft[] {
  const { profile, thresholds: t, title } = service;
  const http = profile.http;
  const requests = (extra: Parameters<typeof serviceSeries>[2] = []) => serviceSeries(service, http.requests, extra);
  const errorsSel = requests([[http.labels.status, '=~', '5..']]);
  const trafficRate = `sum(rate(${requests()}[${window}]))`;
  const errorRatio = `sum(rate(${errorsSel}[${window}])) / ${trafficRate}`;
  const quantile = (q: number, base: string, by: string[]) => histogramQuantileExpr(service, q, base, by, window);
  const selectorText = requests();
  // Service-wide quantiles read the histogram whose buckets reach furthest (the instrumentator's
  // per-handler one ends at 1 s, so its p99 can never exceed 1 s).
  const latency = serviceLatencyHistogram(service);
  // The two levels of one alert: Alertmanager's inhibition lets the critical one mute the warning.
  const errorRateAlert = (level: 'critical' | 'warning', threshold: number): Draft => ({
    id: level === 'critical' ? 'HighErrorRateCritical' : 'HighErrorRateWarning',
    alert: 'HighErrorRate',
    expr: (x) => `(${errorRatio}) > ${num(x)} and ${trafficRate} > 0`,
    threshold,
    thresholdKey: level === 'critical' ? 'errorRatioCritical' : 'errorRatioWarning',
    errorRatio: true,
    for: '5m',
    severity: level,
    dashboard: 'red',
    resultLabels: [],
    summary: `${title} answers {{ $value | humanizePercentage }} of requests with a server error`,
    description: (x, f) =>
      `{{ $value | humanizePercentage }} of ${title} requests ended in a 5xx status over the last ${window}, above the ${level} level of ${humanizePercentage(x)} for ${f}.`,
  });
  const list: Draft[] = [
    {
      id: 'ServiceDown',
      alert: 'ServiceDown',
      expr: () => `${serviceSeries(service, 'up')} == 0`,
      for: '1m',
      severity: 'critical',
      dashboard: 'http-overview',
      resultLabels: [...Object.keys(serviceLabels(service)), 'instance'],
      summary: `${title} target {{ $labels.instance }} is down`,
      description: (_, f) =>
        `Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for ${f}: the process is down, unreachable, or its /metrics endpoint fails.`,
    },
    errorRateAlert('critical', t.errorRatioCritical),
    errorRateAlert('warning', t.errorRatioWarning),
    {
      id: 'HighLatencyWarning',
      alert: 'HighLatency',
      expr: (x) => `${quantile(0.95, latency, [])} > ${num(x)}`,
      threshold: t.latencyP95Seconds,
      thresholdKey: 'latencyP95Seconds',
      quantile: { q: 0.95, histogram: latency },
      for: '10m',
      severity: 'warning',
      dashboard: 'red',
      resultLabels: [],
      extraLabels: { quantile: 'p95' },
      summary: `${title} p95 latency is {{ $value | humanizeDuration }}`,
      description: (x, f) =>
        `95% of ${title} requests completed within {{ $value | humanizeDuration }} over the last ${window}; the warning level is ${humanizeDuration(x)} and it has been exceeded for ${f}.`,
    },
    {
      id: 'HighLatencyCritical',
      alert: 'HighLatency',
      expr: (x) => `${quantile(0.99, latency, [])} > ${num(x)}`,
      threshold: t.latencyP99Seconds,
      thresholdKey: 'latencyP99Seconds',
      quantile: { q: 0.99, histogram: latency },
      for: '10m',
      severity: 'critical',
      dashboard: 'red',
      resultLabels: [],
      extraLabels: { quantile: 'p99' },
      summary: `${title} p99 latency is {{ $value | humanizeDuration }}`,
      description: (x, f) =>
        `99% of ${title} requests completed within {{ $value | humanizeDuration }} over the last ${window}; the critical level is ${humanizeDuration(x)} and it has been exceeded for ${f}.`,
    },
  ];
  const db = service.database;
  if (db) {
    const op = db.operationLabel;
    list.push({
      id: 'SlowDatabaseQueries',
      alert: 'SlowDatabaseQueries',
      expr: (x) => `${quantile(0.99, db.queryDuration, op ? [op] : [])} > ${num(x)}`,
      threshold: t.dbP99Seconds,
      thresholdKey: 'dbP99Seconds',
      quantile: { q: 0.99, histogram: db.queryDuration },
      for: '10m',
      severity: 'warning',
      dashboard: 'database',
      resultLabels: op ? [op] : [],
      summary: op ? `${title} database {{ ${templateLabel(op)} }} queries are slow` : `${title} database queries are slow`,
      description: (x, f) =>
        `The 99th percentile of ${op ? `{{ ${templateLabel(op)} }} ` : ''}query durations is {{ $value | humanizeDuration }} over the last ${window}, above ${humanizeDuration(x)} for ${f}.`,
    });
    if (db.poolInUse && db.poolSize) {
      const inUse = serviceSeries(service, db.poolInUse);
      const size = serviceSeries(service, db.poolSize);
      list.push({
        id: 'DatabasePoolExhausted',
        alert: 'DatabasePoolExhausted',
        expr: (x) => `max by (instance) (${inUse} / (${size} > 0)) > ${num(x)}`,
        threshold: t.poolUsageRatio,
        for: '5m',
        severity: 'warning',
        dashboard: 'database',
        resultLabels: ['instance'],
        summary: `${title} database connection pool on {{ $labels.instance }} is {{ $value | humanizePercentage }} used`,
        description: (x, f) =>
          `{{ $labels.instance }} has had {{ $value | humanizePercentage }} of its database connections checked out for ${f} (level ${humanizePercentage(x)}); new requests will queue for a connection or time out.`,
      });
    }
  }
  const clientErrors = clientErrorDraft(service, window);
  if (clientErrors) list.push(clientErrors);
  if (service.expectTraffic) {
    list.push(
      {
        id: 'MetricsAbsent',
        alert: 'MetricsAbsent',
        expr: () => `absent(${selectorText})`,
        for: '10m',
        severity: 'warning',
        dashboard: 'http-overview',
        resultLabels: Object.keys(serviceLabels(service)),
        summary: `${title} exports no ${http.requests} series`,
        description: (_, f) =>
          `Prometheus has held no series of ${http.requests} for job {{ $labels.job }} for ${f}: the targets are gone from service discovery or the instrumentation no longer exports the metric.`,
      },
      {
        id: 'NoTraffic',
        alert: 'NoTraffic',
        expr: () => `${trafficRate} == 0`,
        for: '15m',
        severity: 'warning',
        dashboard: 'http-overview',
        resultLabels: [],
        summary: `${title} receives no requests`,
        description: (_, f) =>
          `${title} has served no request for ${f} although it is expected to have traffic at all times: check the load balancer, DNS and its clients.`,
      },
    );
  }
  return list;
}

function badOverride(service: Service, id: string, message: string, hint?: string): DacError {
  return new DacError([
    {
      severity: 'error',
      check: 'rules/override',
      where: { file: 'rules', path: [`service ${service.name}`, `alert ${id}`] },
      message,
      ...(hint ? { hint } : {}),
    },
  ]);
}

/**
 * Why an alert with this threshold cannot do its job on the service as it really is: a quantile
 * that the histogram's buckets can never push above the threshold (or always do), an error ratio
 * at or below what the availability SLO allows. Located where the threshold was set.
 */
function unfireable(service: Service, d: Draft, threshold: number, overridden: boolean): Diagnostic[] {
  const where = overridden
    ? { file: 'rules', path: [`service ${service.name}`, `alert ${d.id}`, 'threshold'] }
    : { file: service.configFile ?? 'dac.config.ts', path: [`service ${service.name}`, `thresholds.${d.thresholdKey ?? 'threshold'}`] };
  const set = overridden ? `the ${d.id} override's threshold` : `thresholds.${d.thresholdKey}`;
  const out: Diagnostic[] = [];
  const at = (message: string, hint: string) => out.push({ severity: 'error', check: 'rules/unfireable', where, message, hint });
  if (d.quantile) {
    const { q, histogram } = d.quantile;
    // A native histogram's buckets reach as far as its observations: only classic boundaries bound a quantile.
    const buckets = readsClassic(service, histogram) ? (bucketsOf(service, histogram) ?? []) : [];
    const pq = `p${Math.round(q * 100)}`;
    const ceiling = quantileCeiling(buckets);
    if (buckets.length > 0 && threshold >= ceiling)
      at(
        `${d.id} (${pq} > ${threshold} s) can never fire: histogram_quantile on ${histogram} never returns more than its highest finite bucket, ${ceiling} s (buckets ${formatBucketList(buckets)}), however slow the requests`,
        `set ${set} below ${ceiling} s, e.g. ${nearestBoundaries(ceiling, buckets).replace(/ \(.*\)$/, '')}; or give the histogram larger buckets in the service and declare them`,
      );
    else if (buckets.length > 0 && threshold < quantileFloor(q, buckets))
      at(
        `${d.id} (${pq} > ${threshold} s) fires on any traffic: with every observation in ${histogram}'s first bucket (0 to ${buckets[0]} s), histogram_quantile already returns ${quantileFloor(q, buckets)} s`,
        `set ${set} to at least ${quantileFloor(q, buckets)} s, e.g. ${buckets[0]}`,
      );
  }
  if (d.errorRatio) {
    const availability = service.slos.filter((s) => s.kind === 'availability');
    const budget = Math.min(...availability.map((s) => Number((1 - s.objective / 100).toPrecision(12))));
    if (availability.length > 0 && threshold <= budget)
      at(
        `${d.id} (error ratio > ${humanizePercentage(threshold)}) fires on a service that meets its objective: the availability SLO allows ${humanizePercentage(budget)} of requests to fail (factor ${num(threshold / budget)} ≤ 1)`,
        `set ${set} above ${humanizePercentage(budget)}; the SLO's burn-rate alerts already cover slower burns`,
      );
  }
  return out;
}

/** The service's alerts, defaults from its config with `options.overrides` applied. */
export function serviceAlerts(ctx: RuleContext, options: ServiceAlertOptions = {}): ServiceAlert[] {
  const { service, dashboards } = ctx;
  const window = options.rateWindow ?? '5m';
  parseDuration(window);
  for (const id of Object.keys(options.overrides ?? {}))
    if (!(SERVICE_ALERT_IDS as readonly string[]).includes(id))
      throw badOverride(service, id, `there is no alert "${id}" to override`, `use one of ${SERVICE_ALERT_IDS.join(', ')}`);
  const out: ServiceAlert[] = [];
  const problems: Diagnostic[] = [];
  for (const d of drafts(service, window)) {
    const o = options.overrides?.[d.id];
    if (o === false) continue;
    const threshold = o?.threshold ?? d.threshold;
    if (threshold !== undefined && !(threshold > 0 && Number.isFinite(threshold)))
      throw badOverride(service, d.id, `threshold must be a positive number, got ${threshold}`);
    if (threshold !== undefined) problems.push(...unfireable(service, d, threshold, o?.threshold !== undefined));
    const forText = o?.for ?? d.for;
    try {
      parseDuration(forText);
    } catch (e) {
      throw badOverride(service, d.id, (e as Error).message);
    }
    for (const k of Object.keys(o?.labels ?? {}))
      if (RESERVED.has(k))
        throw badOverride(
          service,
          d.id,
          `label "${k}" is set by dac`,
          k === 'severity' ? 'use the `severity` field of the override' : undefined,
        );
    const labels = { ...(d.extraLabels ?? {}), ...(o?.labels ?? {}), service: service.name, severity: o?.severity ?? d.severity };
    const annotations = {
      summary: d.summary,
      description: d.description(threshold ?? 0, forText),
      runbook_url: runbookUrl(service, d.alert),
      dashboard_url: dashboardUrl(service, dashboards, d.dashboard),
      ...(o?.annotations ?? {}),
    };
    out.push({
      id: d.id,
      threshold,
      resultLabels: d.resultLabels,
      ...(d.quantile ? { histogram: d.quantile.histogram } : {}),
      rule: { alert: d.alert, expr: d.expr(threshold ?? 0), for: forText, labels, annotations },
    });
  }
  if (problems.length > 0) throw new DacError(problems);
  return out;
}

export function serviceAlertGroups(ctx: RuleContext, options: ServiceAlertOptions = {}): RuleGroup[] {
  return [{ name: options.groupName ?? `${ctx.service.name}-alerts`, rules: serviceAlerts(ctx, options).map((a) => a.rule) }];
}
