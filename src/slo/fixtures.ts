/** promtool input values for counters that follow a traffic profile, one sample a minute. */
import type { TrafficSegment } from './model.js';

const tidy = (x: number) => String(Number(x.toPrecision(12)));

/**
 * The promtool series notation for a counter starting at 0 and growing by `perMinute(segment)`
 * each minute of each segment: `0+98x60 5978+2x119`. One sample at 0, then one per minute.
 */
export function cumulativeValues(segments: readonly TrafficSegment[], perMinute: (s: TrafficSegment) => number): string {
  let value = 0;
  return segments
    .map((s, i) => {
      const rate = perMinute(s);
      const first = i === 0 ? 0 : value + rate;
      const steps = i === 0 ? s.minutes : s.minutes - 1;
      value += rate * s.minutes;
      return `${tidy(first)}+${tidy(rate)}x${steps}`;
    })
    .join(' ');
}

/** Total length of a traffic profile in minutes. */
export function profileMinutes(segments: readonly TrafficSegment[]): number {
  return segments.reduce((sum, s) => sum + s.minutes, 0);
}

/** An `le` value as the Python client writes it ("1.0"); the rules' matchers accept Go's "1" too. */
const leText = (b: number) => (b === Infinity ? '+Inf' : Number.isInteger(b) ? `${b}.0` : String(b));

/**
 * The `_bucket` series of a latency SLI's histogram on its declared buckets (+Inf added), when
 * its good events take exactly `threshold` seconds and its bad ones longer: each bucket at or
 * above the threshold counts the good events, each above it the bad ones too. Only real
 * boundaries appear, so a threshold that is not one has no bucket to count it.
 */
export function latencyBuckets(buckets: readonly number[], threshold: number): { le: string; count: (s: TrafficSegment) => number }[] {
  return [...buckets, Infinity].map((b) => ({
    le: leText(b),
    count: (s: TrafficSegment) => (b < threshold ? 0 : b === threshold ? s.good : s.good + s.bad),
  }));
}
