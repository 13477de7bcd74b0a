import { ThresholdsConfigBuilder, ThresholdsMode } from "@grafana/grafana-foundation-sdk/dashboard";
const GREEN = "green";
const YELLOW = "yellow";
const RED = "red";
function formatSeconds(s) {
  return s < 1 ? `${+(s * 1e3).toPrecision(3)} ms` : `${+s.toPrecision(3)} s`;
}
function formatPercent(ratio) {
  return `${+(ratio * 100).toPrecision(3)} %`;
}
function formatRate(perSecond, unit) {
  return `${+perSecond.toPrecision(3)} ${unit}`;
}
function risingScale(warning, critical, format) {
  return {
    steps: [
      { value: null, color: GREEN },
      { value: warning, color: YELLOW },
      { value: critical, color: RED }
    ],
    legend: `Green below ${format(warning)}, yellow from ${format(warning)}, red from ${format(critical)}.`
  };
}
function fallingScale(critical, warning, format, meaning) {
  return {
    steps: [
      { value: null, color: RED },
      { value: critical, color: YELLOW },
      { value: warning, color: GREEN }
    ],
    legend: `Red below ${format(critical)}, yellow below ${format(warning)} (${meaning}), green from ${format(warning)}.`
  };
}
function thresholdsOf(scale) {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(scale.steps.map((s) => ({ ...s })));
}
function errorRatioScale(service) {
  const t = service.thresholds;
  return risingScale(t.errorRatioWarning, t.errorRatioCritical, formatPercent);
}
function latencyScale(service) {
  const t = service.thresholds;
  return risingScale(t.latencyP95Seconds, t.latencyP99Seconds, formatSeconds);
}
function dbLatencyScale(service) {
  const t = service.thresholds;
  const warning = t.slowQuerySeconds < t.dbP99Seconds ? t.slowQuerySeconds : t.dbP99Seconds / 2;
  return risingScale(warning, t.dbP99Seconds, formatSeconds);
}
function slowShareScale() {
  return risingScale(0.01, 0.05, formatPercent);
}
function poolUsageScale(service) {
  const level = service.thresholds.poolUsageRatio;
  return risingScale(level, 1, formatPercent);
}
const IN_FLIGHT_WARNING = 50;
const IN_FLIGHT_CRITICAL = 100;
function inFlightScale() {
  return risingScale(IN_FLIGHT_WARNING, IN_FLIGHT_CRITICAL, (n) => `${n}`);
}
function trafficScale(service, unit, opts = {}) {
  const expected = opts.expected ?? service.expectTraffic;
  const steps = [
    { value: null, color: RED },
    { value: 0, color: expected ? YELLOW : GREEN }
  ];
  if (expected) steps.push({ value: TRAFFIC_FLOOR, color: GREEN });
  return {
    steps,
    legend: expected ? `Red when no target answers ("down"), yellow at 0 ${unit} (NoTraffic fires after a while of it), green with any traffic.` : `Red when no target answers ("down"), green otherwise: a quiet service is not a fault.`
  };
}
const TRAFFIC_FLOOR = 1e-6;
function targetsUpScale() {
  return {
    steps: [
      { value: null, color: RED },
      { value: 1, color: GREEN }
    ],
    legend: "Green when every selected target answers its scrapes, red as soon as one does not (ServiceDown pages on it) or none is left."
  };
}
function neutralScale() {
  return { steps: [{ value: null, color: "text" }], legend: "Not coloured: there is no good or bad value." };
}
function versionsScale() {
  return {
    steps: [
      { value: null, color: RED },
      { value: 1, color: GREEN },
      { value: 2, color: YELLOW },
      { value: 3, color: RED }
    ],
    legend: "Green for one version, yellow for two (a rollout in progress, or stuck), red for none (no instance reports) or three and more."
  };
}
export {
  GREEN,
  IN_FLIGHT_CRITICAL,
  IN_FLIGHT_WARNING,
  RED,
  YELLOW,
  dbLatencyScale,
  errorRatioScale,
  fallingScale,
  formatPercent,
  formatRate,
  formatSeconds,
  inFlightScale,
  latencyScale,
  neutralScale,
  poolUsageScale,
  risingScale,
  slowShareScale,
  targetsUpScale,
  thresholdsOf,
  trafficScale,
  versionsScale
};
