/**
 * The label values generated promtool tests put on their input series: the profile's
 * `labelValues`, which its tests prove equal to a real scrape, or the Items API's for a custom
 * profile that declares none.
 */
import type { MetricProfile, SampleLabelValues } from './types.js';

/** The Items API's own values (test/fixtures/items-api-metrics.txt), prometheus-fastapi-instrumentator's spelling. */
export const ITEMS_API_LABEL_VALUES: SampleLabelValues = {
  handlers: ['/items', '/items/{item_id}'],
  methods: ['GET', 'DELETE'],
  ok: ['200', '201'],
  serverError: '500',
};

export function sampleLabelValues(profile: MetricProfile): SampleLabelValues {
  return profile.labelValues ?? ITEMS_API_LABEL_VALUES;
}

/** The success and server-error statuses a test of the error ratio sends: the grouped classes where the library writes them. */
export function errorRatioStatuses(profile: MetricProfile): { ok: string; serverError: string } {
  const v = sampleLabelValues(profile);
  return v.grouped ?? { ok: v.ok[0], serverError: v.serverError };
}
