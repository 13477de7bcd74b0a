import { quote } from "../core/promql-text.js";
import { quote as quote2 } from "../core/promql-text.js";
function serviceMatchers(service) {
  const extra = Object.keys(service.selector.matchers).sort().map((k) => [k, "=", service.selector.matchers[k] ?? ""]);
  return [["job", "=", service.selector.job], ...extra];
}
function serviceLabels(service) {
  return Object.fromEntries(serviceMatchers(service).map(([k, , v]) => [k, v]));
}
function selector(metric, matchers) {
  return `${metric}{${matchers.map(([k, op, v]) => `${k}${op}${quote(v)}`).join(",")}}`;
}
function serviceSeries(service, metric, extra = []) {
  return selector(metric, [...serviceMatchers(service), ...extra]);
}
function num(value) {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} in a rule`);
  return String(Number(value.toPrecision(12)));
}
function decimalForm(n) {
  const shortest = String(Number(n.toPrecision(15)));
  if (!shortest.includes("e")) return shortest;
  const [mantissa, exp] = shortest.split("e");
  const digits = mantissa.replace(".", "");
  const point = (mantissa.includes(".") ? mantissa.indexOf(".") : mantissa.length) + Number(exp);
  if (point <= 0) return `0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + "0".repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
function leRegex(bound) {
  if (!(bound > 0) || !Number.isFinite(bound)) throw new Error(`bucket boundary must be a positive number, got ${bound}`);
  const plain = (text) => text.includes(".") ? `${text.replace(".", "[.]")}0*` : `${text}([.]0*)?`;
  const decimal = decimalForm(bound);
  const [mantissa, exp] = bound.toExponential().split("e");
  const expNum = Number(exp);
  const scientific = `${plain(mantissa)}e${expNum < 0 ? "-" : "[+]?"}0*${Math.abs(expNum)}`;
  return `${plain(decimal)}|${scientific}`;
}
export {
  leRegex,
  num,
  quote2 as quote,
  selector,
  serviceLabels,
  serviceMatchers,
  serviceSeries
};
