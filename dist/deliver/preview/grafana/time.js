import { formatDuration as formatSeconds, parseDuration as parseSeconds } from "../../../core/duration.js";
function parseDuration(text) {
  try {
    return Math.round(parseSeconds(text.trim().replace(/^>/, "")) * 1e3);
  } catch {
    throw new Error(`not a duration: "${text}"`);
  }
}
function formatDuration(ms) {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`cannot write ${ms} ms as a duration`);
  return formatSeconds(ms / 1e3);
}
function parseTimeBound(text, nowMs) {
  const relative = /^now(?:([+-])(\d+(?:ms|s|m|h|d|w|y)))?$/.exec(text.trim());
  if (relative) {
    if (!relative[1]) return nowMs;
    const offset = parseDuration(relative[2]);
    return relative[1] === "-" ? nowMs - offset : nowMs + offset;
  }
  if (/^\d+$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw new Error(`unsupported time bound "${text}"`);
  return parsed;
}
const NICE_INTERVALS = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, 1e3],
  [3500, 2e3],
  [7500, 5e3],
  [12500, 1e4],
  [17500, 15e3],
  [25e3, 2e4],
  [45e3, 3e4],
  [9e4, 6e4],
  [21e4, 12e4],
  [45e4, 3e5],
  [75e4, 6e5],
  [105e4, 9e5],
  [15e5, 12e5],
  [27e5, 18e5],
  [54e5, 36e5],
  [9e6, 72e5],
  [162e5, 108e5],
  [324e5, 216e5],
  [864e5, 432e5],
  [6048e5, 864e5],
  [18144e5, 6048e5],
  [36288e5, 2592e6]
];
function roundInterval(ms) {
  for (const [below, nice] of NICE_INTERVALS) if (ms < below) return nice;
  return 31536e6;
}
const MAX_POINTS_PER_SERIES = 11e3;
function queryIntervals(range, inputs) {
  const rangeMs = range.toMs - range.fromMs;
  if (rangeMs <= 0) throw new Error(`empty time range ${range.fromMs}..${range.toMs}`);
  if (!(inputs.maxDataPoints > 0)) throw new Error(`maxDataPoints must be positive, got ${inputs.maxDataPoints}`);
  const lowLimitMs = inputs.minIntervalMs ?? inputs.scrapeIntervalMs;
  const intervalMs = Math.max(roundInterval(rangeMs / inputs.maxDataPoints), lowLimitMs);
  const stepMs = Math.max(intervalMs, Math.ceil(rangeMs / MAX_POINTS_PER_SERIES / 1e3) * 1e3);
  const rateIntervalMs = Math.max(intervalMs + inputs.scrapeIntervalMs, 4 * inputs.scrapeIntervalMs);
  return { rangeMs, intervalMs, rateIntervalMs, stepMs };
}
function timeMacros(range, intervals) {
  const rangeS = Math.round(intervals.rangeMs / 1e3);
  return /* @__PURE__ */ new Map([
    ["__interval", formatDuration(intervals.intervalMs)],
    ["__interval_ms", String(intervals.intervalMs)],
    ["__rate_interval", formatDuration(intervals.rateIntervalMs)],
    ["__rate_interval_ms", String(intervals.rateIntervalMs)],
    ["__range", `${rangeS}s`],
    ["__range_s", String(rangeS)],
    ["__range_ms", String(intervals.rangeMs)],
    ["__from", String(range.fromMs)],
    ["__to", String(range.toMs)]
  ]);
}
export {
  formatDuration,
  parseDuration,
  parseTimeBound,
  queryIntervals,
  roundInterval,
  timeMacros
};
