/**
 * SLOs of a configured service: availability and latency SLIs built from its metric profile, and
 * `ratioSlo` for any other ratio of an error query to a total query.
 */
import { DacError } from '../core/diagnostic.js';
import type { Service, SloConfig } from '../config/types.js';
import type { RuleContext } from '../definitions/define.js';
import { dashboardUrl, runbookUrl } from '../rules/links.js';
import type { PromtoolSeries, PromtoolTestCase, RuleGroup } from '../rules/model.js';
import { selector, serviceLabels, serviceSeries } from '../rules/promql.js';
import { latencySliExprs } from '../rules/histogram-promql.js';
import { TEST_INSTANCE } from '../rules/alert-tests.js';
import { bucketsOf, latencySloHistogram, readsNative } from '../config/histograms.js';
import { errorRatioStatuses, sampleLabelValues } from '../config/label-values.js';
import { nativeHistogramValues } from '../rules/native-histogram.js';
import { latencyBuckets } from './fixtures.js';
import type { BurnTier, FixtureOptions, RatioSli, SliFixture, Slo, TrafficSegment } from './model.js';
import { counterValues, upValues } from './process-series.js';
import { sloRuleGroups, validateSlo } from './rules.js';
import { sloAlertTests } from './tests.js';
import { DEFAULT_TIERS } from './windows.js';

export interface ServiceSloOptions {
  /** Burn-rate tiers; the default pages on 2 % of the budget in 1h or 5 % in 6h, tickets on 10 % in 1d or 3d. */
  tiers?: readonly BurnTier[];
  /** Extra labels on every SLO alert, e.g. { team: 'items' }. */
  labels?: Record<string, string>;
}

export function pascalCase(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

export function sloAlertName(sloName: string): string {
  return `${pascalCase(sloName)}ErrorBudgetBurn`;
}

function pinned(labels: Record<string, string>) {
  return (metric: string, extra: Record<string, string>) =>
    selector(
      metric,
      Object.entries({ ...labels, ...extra }).map(([k, v]) => [k, '=', v] as [string, '=', string]),
    );
}

/**
 * Test series of one instance's requests to its busy route, labelled as the service's selector
 * expects and as its library writes them, and the `up` series Prometheus writes for that instance.
 */
function requestSeries(service: Service, options: FixtureOptions = {}) {
  const http = service.profile.http;
  const target = { ...serviceLabels(service), instance: options.instance ?? TEST_INSTANCE };
  const values = sampleLabelValues(service.profile);
  return {
    series: pinned({
      ...target,
      [http.labels.handler]: values.handlers[0],
      [http.labels.method]: values.methods[0],
      ...(options.labels ?? {}),
    }),
    up: (segments: readonly TrafficSegment[]): PromtoolSeries => ({ series: pinned(target)('up', {}), values: upValues(segments) }),
  };
}

/** The targets' `up` series: every one 0 or absent is a service that cannot answer. */
function upSelector(service: Service): string {
  return serviceSeries(service, 'up');
}

/** Non-5xx requests over all requests, from the profile's request counter. */
export function availabilitySli(service: Service): { sli: RatioSli; fixture: SliFixture } {
  const http = service.profile.http;
  const errors = serviceSeries(service, http.requests, [[http.labels.status, '=~', '5..']]);
  const all = serviceSeries(service, http.requests);
  return {
    sli: { errors: (w) => `sum(rate(${errors}[${w}]))`, total: (w) => `sum(rate(${all}[${w}]))` },
    // Statuses as the library writes them: its classes ("5xx", prometheus-fastapi-instrumentator's
    // default) where it can group codes, which must count as errors too; its numeric codes otherwise.
    fixture: (segments, options) => {
      const { series, up } = requestSeries(service, options);
      const status = errorRatioStatuses(service.profile);
      return [
        { series: series(http.requests, { [http.labels.status]: status.ok }), values: counterValues(segments, (s) => s.good) },
        { series: series(http.requests, { [http.labels.status]: status.serverError }), values: counterValues(segments, (s) => s.bad) },
        up(segments),
      ];
    },
  };
}

/** Requests slower than `threshold` seconds over all requests, from the duration histogram. */
export function latencySli(service: Service, threshold: number): { sli: RatioSli; fixture: SliFixture } {
  const base = latencySloHistogram(service, threshold) ?? service.profile.http.duration;
  return {
    sli: latencySliExprs(service, base, threshold),
    // Every declared bucket, spelled as the Python client and Prometheus 3 write it ("1.0"), which the matcher must accept.
    fixture: (segments, options) => {
      const { series: handlerSeries, up } = requestSeries(service, options);
      // The high-resolution histogram carries no handler or method label, only the target's.
      const series =
        base === service.profile.http.duration
          ? handlerSeries
          : pinned({ ...serviceLabels(service), instance: options?.instance ?? TEST_INSTANCE, ...(options?.labels ?? {}) });
      if (readsNative(service, base))
        return [
          // Good requests take half the threshold, bad ones twice it: each in a bucket of its own,
          // wholly below or above the threshold's, so histogram_fraction counts them exactly.
          {
            series: series(base, {}),
            values: nativeHistogramValues(segments, (s) => [
              { seconds: threshold / 2, perMinute: s.good },
              { seconds: threshold * 2, perMinute: s.bad },
            ]),
          },
          up(segments),
        ];
      return [
        ...latencyBuckets(bucketsOf(service, base) ?? [], threshold).map((b) => ({
          series: series(`${base}_bucket`, { le: b.le }),
          values: counterValues(segments, b.count),
        })),
        { series: series(`${base}_count`, {}), values: counterValues(segments, (s) => s.good + s.bad) },
        up(segments),
      ];
    },
  };
}

export interface RatioSloSpec {
  name: string;
  objective: number;
  period?: string;
  description?: string;
  /** PromQL rate of bad events over `window`, e.g. w => `sum(rate(x{code=~"5.."}[${w}]))`. */
  errors: (window: string) => string;
  total: (window: string) => string;
  minRequestRate?: number;
  /**
   * Count the time every target of the service is down or gone as failed requests, at the
   * traffic it had before (see the README, "Downtime"). For SLIs of answered requests.
   */
  countDowntime?: boolean;
  alertName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  page?: boolean;
  ticket?: boolean;
  tiers?: readonly BurnTier[];
}

/** A ratio SLO of a service, for SLIs other than the built-in availability and latency. */
export function ratioSlo(ctx: RuleContext, spec: RatioSloSpec, source = 'rules'): Slo {
  const s = ctx.service;
  return {
    service: s.name,
    job: s.selector.job,
    serviceTitle: s.title,
    name: spec.name,
    kind: 'ratio',
    objective: spec.objective,
    period: spec.period ?? '30d',
    ...(spec.description ? { description: spec.description } : {}),
    sli: { errors: spec.errors, total: spec.total },
    ...(spec.minRequestRate !== undefined ? { minRequestRate: spec.minRequestRate } : {}),
    tiers: [...(spec.tiers ?? DEFAULT_TIERS)],
    alerting: {
      name: spec.alertName ?? sloAlertName(spec.name),
      labels: { ...(spec.labels ?? {}) },
      annotations: { ...(spec.annotations ?? {}) },
      page: spec.page ?? true,
      ticket: spec.ticket ?? true,
    },
    ...(spec.countDowntime ? { downtime: { up: upSelector(s) } } : {}),
    runbookUrl: runbookUrl(s, spec.alertName ?? sloAlertName(spec.name)),
    dashboardUrl: dashboardUrl(s, ctx.dashboards, 'slo', []),
    source,
    path: [`service ${s.name}`, `slo ${spec.name}`],
  };
}

function fromConfig(ctx: RuleContext, cfg: SloConfig, index: number, options: ServiceSloOptions): Slo {
  const { service } = ctx;
  const built = cfg.kind === 'latency' ? latencySli(service, cfg.thresholdSeconds ?? NaN) : availabilitySli(service);
  const alertName = sloAlertName(cfg.name);
  return {
    service: service.name,
    job: service.selector.job,
    serviceTitle: service.title,
    name: cfg.name,
    kind: cfg.kind,
    objective: cfg.objective,
    period: cfg.period,
    ...(cfg.description ? { description: cfg.description } : {}),
    sli: built.sli,
    ...(cfg.minRequestRate !== undefined ? { minRequestRate: cfg.minRequestRate } : {}),
    tiers: [...(options.tiers ?? DEFAULT_TIERS)],
    alerting: { name: alertName, labels: { ...(options.labels ?? {}) }, annotations: {}, page: true, ticket: true },
    runbookUrl: runbookUrl(service, alertName),
    dashboardUrl: dashboardUrl(service, ctx.dashboards, 'slo', []),
    fixture: built.fixture,
    ...(cfg.kind === 'availability' ? { downtime: { up: upSelector(service) } } : {}),
    source: 'dac.config.ts',
    path: [`service ${service.name}`, `slos[${index}] (${cfg.name})`],
  };
}

/** The service's configured SLOs; every problem of every SLO is reported at once. */
export function serviceSlos(ctx: RuleContext, options: ServiceSloOptions = {}): Slo[] {
  const slos = ctx.service.slos.map((cfg, i) => fromConfig(ctx, cfg, i, options));
  const problems = slos.flatMap(validateSlo);
  if (problems.length > 0) throw new DacError(problems);
  return slos;
}

export function serviceSloGroups(ctx: RuleContext, options: ServiceSloOptions = {}): RuleGroup[] {
  return serviceSlos(ctx, options).flatMap(sloRuleGroups);
}

export function serviceSloTests(ctx: RuleContext, options: ServiceSloOptions = {}): PromtoolTestCase[] {
  return serviceSlos(ctx, options).flatMap(sloAlertTests);
}
