/**
 * Which metric names a query may use: the service's exported metrics, the recording rules the build
 * emits, and the series Prometheus itself creates. A name outside that set is almost always a typo
 * or a metric from another client library, and the panel or alert it feeds stays silently empty.
 */
import { histogramType } from '../config/histograms.js';
import type { HistogramType, MetricKind, Service } from '../config/types.js';

export type KnownKind = MetricKind | 'recording' | 'synthetic';

/** Series every Prometheus writes on its own: scrape health and alert state. */
export const SYNTHETIC_SERIES: ReadonlySet<string> = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
]);

export class MetricCatalog {
  private readonly kinds = new Map<string, KnownKind>();
  private readonly suggestions = new Map<string, string | undefined>();
  private sortedNames: string[] | undefined;

  /** Every type each histogram is declared with, over all services (base names). */
  private readonly histogramTypes = new Map<string, Set<HistogramType>>();

  constructor(services: readonly Service[], recordingRules: Iterable<string>) {
    for (const name of SYNTHETIC_SERIES) this.kinds.set(name, 'synthetic');
    for (const service of services)
      for (const [name, kind] of Object.entries(service.metrics)) {
        this.kinds.set(name, kind);
        if (kind !== 'histogram') continue;
        const types = this.histogramTypes.get(name) ?? new Set<HistogramType>();
        this.histogramTypes.set(name, types.add(histogramType(service, name)));
      }
    for (const name of recordingRules) this.kinds.set(name, 'recording');
  }

  /** Whether some service stores this histogram as native: its base name then selects native samples. */
  readsNative(base: string): boolean {
    const types = this.histogramTypes.get(base);
    return types !== undefined && [...types].some((t) => t !== 'classic');
  }

  /** Whether every service stores this histogram as native only: it then has no `_bucket`, `_sum` or `_count` series. */
  nativeOnly(base: string): boolean {
    const types = this.histogramTypes.get(base);
    return types !== undefined && [...types].every((t) => t === 'native');
  }

  /** Whether every service stores this histogram as classic only: its base name then selects no series at all. */
  classicOnly(base: string): boolean {
    const types = this.histogramTypes.get(base);
    return types !== undefined && [...types].every((t) => t === 'classic');
  }

  kind(name: string): KnownKind | undefined {
    return this.kinds.get(name);
  }

  has(name: string): boolean {
    return this.kinds.has(name);
  }

  /** The closest known name, when close enough to be the intended one. */
  suggest(name: string): string | undefined {
    if (!this.suggestions.has(name)) this.suggestions.set(name, this.closest(name));
    return this.suggestions.get(name);
  }

  private closest(name: string): string | undefined {
    this.sortedNames ??= [...this.kinds.keys()].sort();
    let best: string | undefined;
    let bestDistance = Infinity;
    const limit = Math.max(2, Math.floor(name.length / 3));
    for (const candidate of this.sortedNames) {
      const d = editDistance(name, candidate, limit);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? best : undefined;
  }
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** Counter-like series: a `_total` counter or a histogram/summary's `_bucket`, `_sum`, `_count`. */
export function isCounterName(name: string): boolean {
  return /_(total|bucket|count|sum)$/.test(name);
}
