/**
 * What a service's histograms can and cannot measure. `histogram_quantile` interpolates inside the
 * bucket a quantile falls in and never returns more than the highest finite boundary, and an `le`
 * matcher selects only a boundary the service really exports: rules built on anything else read
 * a constant, or nothing at all.
 */
import type { HistogramType, MetricProfile, Service, ServiceConfig } from './types.js';

type Typed = Pick<Service, 'profile'> & Partial<Pick<Service, 'histogramTypes'>>;

/** How the service's histogram is read: the service's override, else the profile's, else classic. */
export function histogramType(service: Typed, histogram: string): HistogramType {
  return service.histogramTypes?.[histogram] ?? service.profile?.histogramTypes?.[histogram] ?? 'classic';
}

/** Whether queries read the histogram's native series (alone, or before its classic fallback). */
export const readsNative = (service: Typed, histogram: string): boolean => histogramType(service, histogram) !== 'classic';

/** Whether queries read the histogram's classic `_bucket`/`_sum`/`_count` series (alone, or as the fallback). */
export const readsClassic = (service: Typed, histogram: string): boolean => histogramType(service, histogram) !== 'native';

/** The declared boundaries of a histogram of the service (finite, ascending), if it has them. */
export function bucketsOf(service: Pick<Service, 'histograms'>, histogram: string): readonly number[] | undefined {
  return service.histograms[histogram];
}

/**
 * The histogram service-wide latency quantiles and latency SLOs read: the high-resolution one where
 * the profile has it, since its buckets can show thresholds the per-handler one cannot.
 */
export function serviceLatencyHistogram(service: Pick<Service, 'profile'>): string {
  return service.profile.http.durationHighResolution ?? service.profile.http.duration;
}

/**
 * The histogram a latency SLO with this threshold reads: the service-wide one if it can count
 * requests faster than the threshold, else the per-handler one; undefined when neither can. A
 * native histogram counts below any threshold (`histogram_fraction` interpolates inside one of its
 * narrow buckets); a classic one, and the classic fallback of `native-or-classic`, only below a
 * boundary it really exports.
 */
export function latencySloHistogram(service: Typed & Pick<Service, 'histograms'>, thresholdSeconds: number): string | undefined {
  const http = service.profile.http;
  const candidates = [...new Set([serviceLatencyHistogram(service), http.duration])];
  return candidates.find((h) => histogramType(service, h) === 'native' || isBoundary(thresholdSeconds, bucketsOf(service, h) ?? []));
}

export function isBoundary(value: number, buckets: readonly number[]): boolean {
  return buckets.includes(value);
}

/** The boundaries either side of `value`, for fixes: "0.25 or 0.5", "1 (the highest)". */
export function nearestBoundaries(value: number, buckets: readonly number[]): string {
  const below = [...buckets].reverse().find((b) => b < value);
  const above = buckets.find((b) => b > value);
  if (below !== undefined && above !== undefined) return `${below} or ${above}`;
  if (below !== undefined) return `${below} (the highest)`;
  if (above !== undefined) return `${above} (the lowest)`;
  return '';
}

/** The largest value `histogram_quantile` can return on these buckets: the highest finite boundary. */
export function quantileCeiling(buckets: readonly number[]): number {
  return buckets[buckets.length - 1] ?? 0;
}

/**
 * The smallest value `histogram_quantile(q, …)` returns on any traffic: with every observation in
 * the first bucket it interpolates from 0 to that boundary. A threshold below it fires on every request.
 */
export function quantileFloor(q: number, buckets: readonly number[]): number {
  return q * (buckets[0] ?? 0);
}

export const formatBucketList = (buckets: readonly number[]): string => buckets.join(', ');

const HISTOGRAM_TYPES: readonly HistogramType[] = ['classic', 'native', 'native-or-classic'];

/**
 * The profile's `histogramTypes` with the service's overrides, each checked: a known type, on a
 * histogram the profile has. Problems go to `field(name, message, fix)`.
 */
export function resolveHistogramTypes(
  svc: Pick<ServiceConfig, 'histogramTypes'>,
  profile: MetricProfile,
  field: (name: string, message: string, hint?: string) => void,
): Record<string, HistogramType> {
  const names = Object.entries(profile.metrics ?? {})
    .filter(([, kind]) => kind === 'histogram')
    .map(([name]) => name);
  const out: Record<string, HistogramType> = {};
  const check = (where: string, types: unknown) => {
    if (types === undefined) return;
    if (typeof types !== 'object' || types === null || Array.isArray(types)) {
      field(where, 'must map histogram names to classic, native or native-or-classic', "e.g. { http_request_duration_seconds: 'native' }");
      return;
    }
    for (const [name, type] of Object.entries(types as Record<string, unknown>)) {
      if (!names.includes(name))
        field(
          `${where}.${name}`,
          `the ${profile.name} profile has no histogram "${name}"`,
          names.length > 0 ? `use one of ${names.join(', ')}` : undefined,
        );
      else if (!HISTOGRAM_TYPES.includes(type as HistogramType))
        field(
          `${where}.${name}`,
          `${JSON.stringify(type)} is not a histogram type`,
          `use ${HISTOGRAM_TYPES.map((t) => `'${t}'`).join(', ')}`,
        );
      else out[name] = type as HistogramType;
    }
  };
  check('profile.histogramTypes', profile.histogramTypes);
  check('histogramTypes', svc.histogramTypes);
  return out;
}
