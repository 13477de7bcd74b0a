/**
 * promtool input values for the series one process exposes, through its life and death: counters
 * that grow while it runs, go stale when it dies and start again from 0 when it comes back, and
 * the `up` series Prometheus writes for its target. One sample a minute.
 */
import type { TrafficSegment } from './model.js';

const tidy = (x: number) => String(Number(x.toPrecision(12)));

/** `n` samples of one value, in promtool's notation. */
function repeat(value: string, n: number): string[] {
  if (n <= 0) return [];
  if (value === '_') return [`_x${n}`];
  return n === 1 ? [value] : [`${value}x${n - 1}`];
}

/** Samples a segment holds: the first one also holds the sample at minute 0. */
const samplesOf = (s: TrafficSegment, i: number) => (i === 0 ? s.minutes + 1 : s.minutes);

/**
 * A counter growing by `perMinute(segment)` each minute the process runs, e.g. `0+98x60 stale _x9 0+98x19`:
 * it vanishes (one staleness marker, then nothing) while the process is dead, and a new process
 * counts from 0.
 */
export function counterValues(segments: readonly TrafficSegment[], perMinute: (s: TrafficSegment) => number): string {
  const out: string[] = [];
  let value = 0;
  let running = false;
  segments.forEach((s, i) => {
    const n = samplesOf(s, i);
    if (s.down) {
      out.push(...(running ? ['stale', ...repeat('_', n - 1)] : repeat('_', n)));
      running = false;
      value = 0;
      return;
    }
    const rate = perMinute(s);
    const first = running ? value + rate : 0;
    out.push(`${tidy(first)}+${tidy(rate)}x${n - 1}`);
    value = first + rate * (n - 1);
    running = true;
  });
  return out.join(' ');
}

/** The `up` series of the process's target: 1 while it runs, 0 while refused, vanished while gone. */
export function upValues(segments: readonly TrafficSegment[]): string {
  const out: string[] = [];
  let listed = false;
  segments.forEach((s, i) => {
    const n = samplesOf(s, i);
    if (s.down === 'gone') {
      out.push(...(listed ? ['stale', ...repeat('_', n - 1)] : repeat('_', n)));
      listed = false;
      return;
    }
    out.push(...repeat(s.down ? '0' : '1', n));
    listed = true;
  });
  return out.join(' ');
}
