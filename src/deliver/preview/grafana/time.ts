/**
 * Grafana's time arithmetic for Prometheus queries: the dashboard's relative time range, the
 * interval it derives from the range and the panel's resolution, and the macros built from both.
 * What Prometheus receives depends on these numbers, so `dac preview` and the end-to-end suite compute them the way
 * Grafana does instead of picking convenient windows of its own.
 */
import { formatDuration as formatSeconds, parseDuration as parseSeconds } from '../../../core/duration.js';

/**
 * A Grafana or Prometheus duration in milliseconds: `15s`, `1m30s`, `500ms`. Grafana's "min
 * interval" fields may start with `>` ("at least"), which changes nothing for a lower bound.
 */
export function parseDuration(text: string): number {
  try {
    return Math.round(parseSeconds(text.trim().replace(/^>/, '')) * 1000);
  } catch {
    throw new Error(`not a duration: "${text}"`);
  }
}

/** The shortest Prometheus duration for a whole number of milliseconds: `1m30s`, `4s`, `250ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`cannot write ${ms} ms as a duration`);
  return formatSeconds(ms / 1000);
}

/**
 * A dashboard time bound: `now`, `now-1h`, `now-90m`, an epoch in milliseconds, or an ISO date.
 * Rounding suffixes (`now/d`) are refused rather than guessed: no generated dashboard uses them.
 */
export function parseTimeBound(text: string, nowMs: number): number {
  const relative = /^now(?:([+-])(\d+(?:ms|s|m|h|d|w|y)))?$/.exec(text.trim());
  if (relative) {
    if (!relative[1]) return nowMs;
    const offset = parseDuration(relative[2]!);
    return relative[1] === '-' ? nowMs - offset : nowMs + offset;
  }
  if (/^\d+$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw new Error(`unsupported time bound "${text}"`);
  return parsed;
}

// Grafana rounds a raw interval to a "nice" one: [upper bound of the raw interval, result], in ms.
const NICE_INTERVALS: ReadonlyArray<readonly [number, number]> = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1_500, 1_000],
  [3_500, 2_000],
  [7_500, 5_000],
  [12_500, 10_000],
  [17_500, 15_000],
  [25_000, 20_000],
  [45_000, 30_000],
  [90_000, 60_000],
  [210_000, 120_000],
  [450_000, 300_000],
  [750_000, 600_000],
  [1_050_000, 900_000],
  [1_500_000, 1_200_000],
  [2_700_000, 1_800_000],
  [5_400_000, 3_600_000],
  [9_000_000, 7_200_000],
  [16_200_000, 10_800_000],
  [32_400_000, 21_600_000],
  [86_400_000, 43_200_000],
  [604_800_000, 86_400_000],
  [1_814_400_000, 604_800_000],
  [3_628_800_000, 2_592_000_000],
];

export function roundInterval(ms: number): number {
  for (const [below, nice] of NICE_INTERVALS) if (ms < below) return nice;
  return 31_536_000_000;
}

/** Prometheus refuses range queries of more than 11,000 points per series; Grafana widens the step. */
const MAX_POINTS_PER_SERIES = 11_000;

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

export interface IntervalInputs {
  /** The panel's resolution: its maxDataPoints option, else its width in pixels. */
  maxDataPoints: number;
  /** The data source's scrape interval (its "timeInterval" setting; Grafana assumes 15s without one). */
  scrapeIntervalMs: number;
  /** The query's or panel's "min interval", when set; it replaces the scrape interval as lower bound. */
  minIntervalMs?: number;
}

export interface QueryIntervals {
  rangeMs: number;
  /** `$__interval`. */
  intervalMs: number;
  /** `$__rate_interval`. */
  rateIntervalMs: number;
  /** Step of the range query Grafana sends. */
  stepMs: number;
}

export function queryIntervals(range: TimeRange, inputs: IntervalInputs): QueryIntervals {
  const rangeMs = range.toMs - range.fromMs;
  if (rangeMs <= 0) throw new Error(`empty time range ${range.fromMs}..${range.toMs}`);
  if (!(inputs.maxDataPoints > 0)) throw new Error(`maxDataPoints must be positive, got ${inputs.maxDataPoints}`);
  const lowLimitMs = inputs.minIntervalMs ?? inputs.scrapeIntervalMs;
  const intervalMs = Math.max(roundInterval(rangeMs / inputs.maxDataPoints), lowLimitMs);
  const stepMs = Math.max(intervalMs, Math.ceil(rangeMs / MAX_POINTS_PER_SERIES / 1000) * 1000);
  // A rate needs at least two samples whatever the resolution, hence the 4 × scrape interval floor.
  const rateIntervalMs = Math.max(intervalMs + inputs.scrapeIntervalMs, 4 * inputs.scrapeIntervalMs);
  return { rangeMs, intervalMs, rateIntervalMs, stepMs };
}

/** The built-in variables Grafana fills in for a query, by name (without `$`). */
export function timeMacros(range: TimeRange, intervals: QueryIntervals): Map<string, string> {
  const rangeS = Math.round(intervals.rangeMs / 1000);
  return new Map([
    ['__interval', formatDuration(intervals.intervalMs)],
    ['__interval_ms', String(intervals.intervalMs)],
    ['__rate_interval', formatDuration(intervals.rateIntervalMs)],
    ['__rate_interval_ms', String(intervals.rateIntervalMs)],
    ['__range', `${rangeS}s`],
    ['__range_s', String(rangeS)],
    ['__range_ms', String(intervals.rangeMs)],
    ['__from', String(range.fromMs)],
    ['__to', String(range.toMs)],
  ]);
}
