/**
 * Native histograms as client_golang produces them, for promtool test inputs. A fixture must be
 * what the real service exports, so the schema and bucket indexes follow client_golang 1.25's own
 * formula (prometheus/histogram.go: `pickSchema`, and `math.Frexp` + a search in
 * `nativeHistogramBounds` to find an observation's bucket), and the quantiles the tests expect
 * follow Prometheus 3's (promql/quantile.go: interpolation on a log2 scale inside a bucket).
 */

/**
 * The schema client_golang picks for `NativeHistogramBucketFactor`: the largest resolution whose
 * growth factor 2^(2^-schema) does not exceed the requested one. 1.1 gives schema 3 (factor 1.0905).
 */
export function schemaForFactor(factor: number): number {
  if (!(factor > 1)) throw new Error(`bucket factor must be above 1, got ${factor}`);
  const floor = Math.floor(Math.log2(Math.log2(factor)));
  return floor <= -8 ? 8 : floor >= 4 ? -4 : 0 - floor;
}

/** The schema the client-golang-native profile's histogram has: `NativeHistogramBucketFactor: 1.1`. */
export const CLIENT_GOLANG_SCHEMA = schemaForFactor(1.1);

/** `0.5 × 2^(i / 2^schema)` for i below 2^schema: the mantissas of the bucket boundaries (schema > 0). */
const mantissas = (schema: number) => Array.from({ length: 2 ** schema }, (_, i) => 0.5 * 2 ** (i / 2 ** schema));

/** `math.Frexp`: v = frac × 2^exp with frac in [0.5, 1). */
function frexp(v: number): [number, number] {
  let exp = Math.floor(Math.log2(v)) + 1;
  let frac = v / 2 ** exp;
  if (frac >= 1) [frac, exp] = [frac / 2, exp + 1];
  if (frac < 0.5) [frac, exp] = [frac * 2, exp - 1];
  return [frac, exp];
}

/**
 * The index of the positive bucket a value > 0 falls in: bucket i holds (2^((i-1)/2^s), 2^(i/2^s)],
 * as client_golang computes it (the first mantissa not below the value's, plus whole octaves).
 */
export function bucketIndex(v: number, schema: number): number {
  if (!(v > 0)) throw new Error(`only positive observations have a positive bucket, got ${v}`);
  const [frac, exp] = frexp(v);
  if (schema <= 0) {
    const key = frac === 0.5 ? exp - 1 : exp;
    return (key + (1 << -schema) - 1) >> -schema;
  }
  const bounds = mantissas(schema);
  const i = bounds.findIndex((b) => b >= frac);
  return (i === -1 ? bounds.length : i) + (exp - 1) * bounds.length;
}

/** The upper boundary of bucket `index`: 2^(index / 2^schema). */
export const bucketUpper = (index: number, schema: number): number => 2 ** (index / 2 ** schema);

/**
 * What Prometheus 3's `histogram_quantile(q, …)` returns when every observation falls in one
 * exponential bucket: its lower boundary × (upper / lower)^q, interpolated on a log2 scale.
 */
export function nativeQuantileOf(q: number, seconds: number, schema: number): number {
  const i = bucketIndex(seconds, schema);
  const lower = Math.log2(bucketUpper(i - 1, schema));
  const upper = Math.log2(bucketUpper(i, schema));
  return 2 ** (lower + (upper - lower) * q);
}

const tidy = (x: number) => String(Number(x.toPrecision(12)));

/** Observations per minute: so many requests taking so many seconds. */
export interface Observations {
  seconds: number;
  perMinute: number;
}

interface Sample {
  sum: number;
  count: number;
  buckets: number[];
}

/** promtool's native-histogram notation (3.x reads it; 2.42 cannot parse it): absolute bucket counts from `offset`. */
function notation(schema: number, offset: number, s: Sample): string {
  return `{{schema:${schema} sum:${tidy(s.sum)} count:${tidy(s.count)} buckets:[${s.buckets.map(tidy).join(' ')}] offset:${offset}}}`;
}

/**
 * promtool input of a native histogram that grows each minute a segment's process runs by that
 * segment's observations, shaped like the counters of `counterValues` (src/slo/process-series.ts):
 * one sample at minute 0, then one a minute; stale, then absent, while the process is dead; from
 * an empty histogram again when a new process starts. `{{…}}+{{…}}x60 stale _x9 {{…}}+{{…}}x19`.
 */
export function nativeHistogramValues<S extends { minutes: number; down?: string }>(
  segments: readonly S[],
  observe: (segment: S) => Observations[],
  schema: number = CLIENT_GOLANG_SCHEMA,
): string {
  const live = (s: S) => (s.down ? [] : observe(s).filter((o) => o.perMinute > 0));
  const indexes = segments.flatMap(live).map((o) => bucketIndex(o.seconds, schema));
  const offset = indexes.length > 0 ? Math.min(...indexes) : 0;
  const width = indexes.length > 0 ? Math.max(...indexes) - offset + 1 : 0;
  const empty = (): Sample => ({ sum: 0, count: 0, buckets: new Array<number>(width).fill(0) });
  const sampleOf = (obs: Observations[]): Sample => {
    const out = empty();
    for (const o of obs) out.buckets[bucketIndex(o.seconds, schema) - offset]! += o.perMinute;
    return { ...out, sum: obs.reduce((a, o) => a + o.seconds * o.perMinute, 0), count: obs.reduce((a, o) => a + o.perMinute, 0) };
  };
  const add = (a: Sample, b: Sample, times = 1): Sample => ({
    sum: a.sum + b.sum * times,
    count: a.count + b.count * times,
    buckets: a.buckets.map((x, i) => x + b.buckets[i]! * times),
  });
  const out: string[] = [];
  let value = empty();
  let running = false;
  segments.forEach((s, i) => {
    const n = i === 0 ? s.minutes + 1 : s.minutes;
    if (s.down) {
      const gap = running ? n - 1 : n;
      if (running) out.push('stale');
      if (gap > 0) out.push(`_x${gap}`);
      running = false;
      value = empty();
      return;
    }
    const step = sampleOf(live(s));
    const first = running ? add(value, step) : empty();
    out.push(`${notation(schema, offset, first)}+${notation(schema, offset, step)}x${n - 1}`);
    value = add(first, step, n - 1);
    running = true;
  });
  return out.join(' ');
}
