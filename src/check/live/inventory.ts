/**
 * What a live service really exposes, whichever way it was read (a /metrics page or Prometheus'
 * HTTP API): for every series name its family's type, the label names its series carry and, for a
 * histogram's `_bucket`, the bucket boundaries. The live checks compare definitions against this.
 */

/** The types of the text and OpenMetrics formats; `unknown` when neither TYPE nor metadata tells. */
export type LiveType = 'counter' | 'gauge' | 'histogram' | 'gaugehistogram' | 'summary' | 'info' | 'stateset' | 'unknown';

export interface LiveSeries {
  /** Family this series belongs to (`http_request_duration_seconds` for its `_bucket`). */
  family: string;
  type: LiveType;
  labels: Set<string>;
  /** `le` values as numbers, ascending, +Inf excluded: only on a histogram's `_bucket`. */
  buckets?: number[];
  /** `le` values as the series spell them (`0.5`, `1.0`, `+Inf`): what an `le` matcher is tested on. */
  leValues?: Set<string>;
}

export interface LiveInventory {
  /** Where it was read, credentials hidden: shown in every finding. */
  source: string;
  /** Labels the scrape adds (job, instance, service discovery's): a /metrics page lacks them. */
  targetLabels: Set<string>;
  series: Map<string, LiveSeries>;
  /**
   * Read from a /metrics page in the text format, which shows a native histogram only through
   * the classic series client_golang writes beside it: its own samples need a protobuf scrape.
   */
  textExposition?: boolean;
}

const SUFFIXES: Record<string, readonly string[]> = {
  counter: ['_total', '_created'],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  gaugehistogram: ['_bucket', '_gsum', '_gcount'],
  summary: ['_sum', '_count', '_created'],
  info: ['_info'],
};

/**
 * The family a series name belongs to, given the declared families: the text format declares a
 * python counter as `items_created_total`, OpenMetrics as `items_created`, and a histogram's
 * series carry suffixes its TYPE line does not.
 */
export function familyOf(name: string, types: ReadonlyMap<string, LiveType>): { family: string; type: LiveType } {
  const own = types.get(name);
  if (own !== undefined) return { family: name, type: own };
  for (const [type, suffixes] of Object.entries(SUFFIXES)) {
    for (const suffix of suffixes) {
      if (!name.endsWith(suffix)) continue;
      const base = name.slice(0, -suffix.length);
      if (types.get(base) === type) return { family: base, type: type as LiveType };
    }
  }
  return { family: name, type: 'unknown' };
}

/** Whether the series only ever grows (reset on restart): what rate() and increase() expect. */
export function isCounterSeries(name: string, s: LiveSeries): boolean {
  if (s.type === 'counter') return true;
  if (s.type === 'histogram' || s.type === 'summary') return /_(bucket|count|sum)$/.test(name) && name !== s.family;
  return false;
}

/** Whether the series is a level that goes up and down: rate() over it reads drops as resets. */
export function isGaugeSeries(name: string, s: LiveSeries): boolean {
  if (s.type === 'gauge' || s.type === 'info' || s.type === 'stateset') return true;
  // A gauge histogram's buckets and a summary's quantile series are levels too.
  if (s.type === 'gaugehistogram') return true;
  return s.type === 'summary' && name === s.family;
}

/** Parses an `le` label value; undefined for anything that is not a number or +Inf. */
export function parseLe(value: string): number | undefined {
  const v = value.trim();
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return undefined;
  return Number(v);
}

/** Adds one series (its name and label names) to a map under construction. */
export function addSeries(
  into: Map<string, LiveSeries>,
  name: string,
  labels: Iterable<[string, string]>,
  types: ReadonlyMap<string, LiveType>,
): void {
  let s = into.get(name);
  if (!s) {
    s = { ...familyOf(name, types), labels: new Set() };
    into.set(name, s);
  }
  for (const [label, value] of labels) {
    if (label === '__name__') continue;
    s.labels.add(label);
    if (label === 'le' && name.endsWith('_bucket')) {
      (s.leValues ??= new Set()).add(value);
      const le = parseLe(value);
      if (le !== undefined && Number.isFinite(le)) {
        const buckets = (s.buckets ??= []);
        if (!buckets.includes(le)) {
          buckets.push(le);
          buckets.sort((a, b) => a - b);
        }
      }
    }
  }
}

/** `0.005, 0.01, 0.025` — as a person would write the boundaries in a config. */
export function formatBuckets(buckets: readonly number[]): string {
  return buckets.length === 0 ? '(none)' : buckets.map((b) => String(b)).join(', ');
}
