/**
 * What a service's histograms can and cannot measure. `histogram_quantile` interpolates inside the
 * bucket a quantile falls in and never returns more than the highest finite boundary, and an `le`
 * matcher selects only a boundary the service really exports: rules built on anything else read
 * a constant, or nothing at all.
 */
import type { Service } from './types.js';

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
 * The histogram a latency SLO with this threshold reads: the service-wide one if the threshold is
 * one of its boundaries, else the per-handler one if it is one of that one's; undefined when
 * neither can count a request as faster than the threshold.
 */
export function latencySloHistogram(service: Pick<Service, 'profile' | 'histograms'>, thresholdSeconds: number): string | undefined {
  const http = service.profile.http;
  const candidates = [...new Set([serviceLatencyHistogram(service), http.duration])];
  return candidates.find((h) => isBoundary(thresholdSeconds, bucketsOf(service, h) ?? []));
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
