/**
 * Colour scales, derived from the service's thresholds so that a dashboard turns yellow and red at
 * the same levels that the alerts warn and page on. Each scale carries a sentence that panel
 * descriptions reuse, so the on-call engineer reads what the colours mean.
 */
import { ThresholdsConfigBuilder, ThresholdsMode, type Threshold } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Service } from '../config/types.js';

export const GREEN = 'green';
export const YELLOW = 'yellow';
export const RED = 'red';

export interface Scale {
  steps: Threshold[];
  /** "Green below 1 %, yellow from 1 %, red from 5 %." */
  legend: string;
}

export function formatSeconds(s: number): string {
  return s < 1 ? `${+(s * 1000).toPrecision(3)} ms` : `${+s.toPrecision(3)} s`;
}

export function formatPercent(ratio: number): string {
  return `${+(ratio * 100).toPrecision(3)} %`;
}

export function formatRate(perSecond: number, unit: string): string {
  return `${+perSecond.toPrecision(3)} ${unit}`;
}

/** Higher is worse: green, then yellow from `warning`, red from `critical`. */
export function risingScale(warning: number, critical: number, format: (n: number) => string): Scale {
  return {
    steps: [
      { value: null, color: GREEN },
      { value: warning, color: YELLOW },
      { value: critical, color: RED },
    ],
    legend: `Green below ${format(warning)}, yellow from ${format(warning)}, red from ${format(critical)}.`,
  };
}

/** Lower is worse: red below `critical`, yellow below `warning`, green from `warning`. */
export function fallingScale(critical: number, warning: number, format: (n: number) => string, meaning: string): Scale {
  return {
    steps: [
      { value: null, color: RED },
      { value: critical, color: YELLOW },
      { value: warning, color: GREEN },
    ],
    legend: `Red below ${format(critical)}, yellow below ${format(warning)} (${meaning}), green from ${format(warning)}.`,
  };
}

export function thresholdsOf(scale: Scale): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(scale.steps.map((s) => ({ ...s })));
}

/** Share of 5xx responses, on the alerting levels. */
export function errorRatioScale(service: Service): Scale {
  const t = service.thresholds;
  return risingScale(t.errorRatioWarning, t.errorRatioCritical, formatPercent);
}

/**
 * Request latency: yellow above the p95 target, red above the p99 target. The same scale colours
 * p50, p95 and p99 alike, so one glance compares them.
 */
export function latencyScale(service: Service): Scale {
  const t = service.thresholds;
  return risingScale(t.latencyP95Seconds, t.latencyP99Seconds, formatSeconds);
}

/** Database query time: yellow from the slow-query threshold, red from the p99 target. */
export function dbLatencyScale(service: Service): Scale {
  const t = service.thresholds;
  const warning = t.slowQuerySeconds < t.dbP99Seconds ? t.slowQuerySeconds : t.dbP99Seconds / 2;
  return risingScale(warning, t.dbP99Seconds, formatSeconds);
}

/**
 * Share of slow queries: when more than 1 % are slow the p99 is above the slow threshold, when
 * more than 5 % are slow the p95 is.
 */
export function slowShareScale(): Scale {
  return risingScale(0.01, 0.05, formatPercent);
}

/**
 * Connection pool usage: yellow from `thresholds.poolUsageRatio`, the level DatabasePoolExhausted
 * warns at, red with every connection checked out (new requests queue for one).
 */
export function poolUsageScale(service: Service): Scale {
  const level = service.thresholds.poolUsageRatio;
  return risingScale(level, 1, formatPercent);
}

/** Requests being served at once. No config value exists for it: these are conservative defaults. */
export const IN_FLIGHT_WARNING = 50;
export const IN_FLIGHT_CRITICAL = 100;

export function inFlightScale(): Scale {
  return risingScale(IN_FLIGHT_WARNING, IN_FLIGHT_CRITICAL, (n) => `${n}`);
}

/**
 * Traffic (requests, queries, operations per second). Red only for a service that cannot answer
 * (the DOWN reading of a live stat). A quiet service is not a fault: when traffic is `expected`
 * (default: the service's `expectTraffic`, which arms NoTraffic) zero is yellow, otherwise every
 * rate is green.
 */
export function trafficScale(service: Service, unit: string, opts: { expected?: boolean } = {}): Scale {
  const expected = opts.expected ?? service.expectTraffic;
  const steps: Threshold[] = [
    { value: null, color: RED },
    { value: 0, color: expected ? YELLOW : GREEN },
  ];
  if (expected) steps.push({ value: TRAFFIC_FLOOR, color: GREEN });
  return {
    steps,
    legend: expected
      ? `Red when no target answers ("down"), yellow at 0 ${unit} (NoTraffic fires after a while of it), green with any traffic.`
      : `Red when no target answers ("down"), green otherwise: a quiet service is not a fault.`,
  };
}

/** Smallest rate that counts as traffic: anything Prometheus computes from one request in a day is above it. */
const TRAFFIC_FLOOR = 1e-6;

/** Share of the selected scrape targets that answer: ServiceDown pages on any one of them, so anything under 100 % is red. */
export function targetsUpScale(): Scale {
  return {
    steps: [
      { value: null, color: RED },
      { value: 1, color: GREEN },
    ],
    legend: 'Green when every selected target answers its scrapes, red as soon as one does not (ServiceDown pages on it) or none is left.',
  };
}

/** For numbers with no good or bad level (an objective, a count of kinds): one neutral colour, no thresholds to trip. */
export function neutralScale(): Scale {
  return { steps: [{ value: null, color: 'text' }], legend: 'Not coloured: there is no good or bad value.' };
}

/** Distinct versions running: one is normal, two means a rollout (or a stuck one), three or more is a mess. */
export function versionsScale(): Scale {
  return {
    steps: [
      { value: null, color: RED },
      { value: 1, color: GREEN },
      { value: 2, color: YELLOW },
      { value: 3, color: RED },
    ],
    legend:
      'Green for one version, yellow for two (a rollout in progress, or stuck), red for none (no instance reports) or three and more.',
  };
}
