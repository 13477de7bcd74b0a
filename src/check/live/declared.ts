/**
 * The bucket boundaries a service declares for its histograms, and where the user writes them:
 * a per-service override in `histograms`, the database histogram's `database.buckets`, or the
 * profile's defaults (which the user overrides in `histograms`).
 */
import type { Service } from '../../config/types.js';

export interface DeclaredHistogram {
  buckets: readonly number[];
  /** The config field a fix goes into, e.g. `histograms.http_request_duration_seconds`. */
  field: string;
}

export function declaredHistograms(service: Service): Map<string, DeclaredHistogram> {
  const out = new Map<string, DeclaredHistogram>();
  for (const [name, buckets] of Object.entries(service.histograms)) {
    const field = service.database?.queryDuration === name ? 'database.buckets' : `histograms.${name}`;
    out.set(name, { buckets: [...buckets].sort((a, b) => a - b), field });
  }
  return out;
}
