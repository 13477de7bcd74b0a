const RATE_WINDOW = "$__rate_interval";
const RANGE_WINDOW = "$__range";
const EPSILON = "1e-9";
function rate(series, window = RATE_WINDOW) {
  return `rate(${series}[${window}])`;
}
function increase(series, window = RANGE_WINDOW) {
  return `increase(${series}[${window}])`;
}
function sumBy(labels, inner) {
  return labels.length === 0 ? `sum(${inner})` : `sum by (${labels.join(", ")}) (${inner})`;
}
function ratioOrZero(num, den) {
  return `${paren(num)} / clamp_min(${den}, ${EPSILON})`;
}
function ratioOrGap(num, den) {
  return `${paren(num)} / (${den} > 0)`;
}
function paren(expr) {
  if (expr.startsWith("(")) {
    let depth = 0;
    let quote;
    for (let i = 0; i < expr.length; i++) {
      const c = expr[i];
      if (quote) {
        if (c === "\\") i++;
        else if (c === quote) quote = void 0;
        continue;
      }
      if (c === '"' || c === "'" || c === "`") quote = c;
      else if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return i === expr.length - 1 ? expr : `(${expr})`;
    }
  }
  return `(${expr})`;
}
function orZeroLike(sum, fallbackShape) {
  return `(${sum} or 0 * ${fallbackShape})`;
}
function histogramQuantile(q, bucketSeries, by = []) {
  return `histogram_quantile(${q}, ${sumBy(["le", ...by], rate(bucketSeries))}) >= 0`;
}
import { leRegex } from "../rules/promql.js";
const DOWN = -1;
function liveOrDown(value, upSum, idle) {
  const answering = `${upSum} > 0`;
  const whenIdle = idle === void 0 ? "" : ` or on() (${answering}) * ${idle}`;
  return `(${value}) and on() ${answering}${whenIdle} or on() ((${upSum} or on() vector(0)) == 0) - ${-DOWN}`;
}
export {
  DOWN,
  EPSILON,
  RANGE_WINDOW,
  RATE_WINDOW,
  histogramQuantile,
  increase,
  leRegex,
  liveOrDown,
  orZeroLike,
  paren,
  rate,
  ratioOrGap,
  ratioOrZero,
  sumBy
};
