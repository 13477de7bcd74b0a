/**
 * PromQL text for rules. Rule expressions carry the literal service selector (`job="fastapi"`),
 * not dashboard variables. Numbers are written with at most 12 significant digits so that float
 * noise (1 - 0.999 = 0.0010000000000000009) never reaches a rule file.
 */
import type { Service } from '../config/types.js';
import { labelName, quote, vectorSelector, type MatchOp } from '../core/promql-text.js';

export { quote, type MatchOp } from '../core/promql-text.js';

/** A matcher as rule modules write it, positionally: `['status', '=~', '5..']`. */
export type Matcher = [label: string, op: MatchOp, value: string];

/** The service's own equality matchers: job first, then extra matchers sorted by name. */
export function serviceMatchers(service: Service): Matcher[] {
  const extra = Object.keys(service.selector.matchers)
    .sort()
    .map((k): Matcher => [k, '=', service.selector.matchers[k] ?? '']);
  return [['job', '=', service.selector.job], ...extra];
}

/** Labels the service selector pins, as a plain record (what `absent()` returns, for example). */
export function serviceLabels(service: Service): Record<string, string> {
  return Object.fromEntries(serviceMatchers(service).map(([k, , v]) => [k, v]));
}

export function selector(metric: string, matchers: readonly Matcher[]): string {
  return vectorSelector(
    metric,
    matchers.map(([k, op, v]) => `${labelName(k)}${op}${quote(v)}`),
  );
}

/** `metric{job="…",…extra}` for one service. */
export function serviceSeries(service: Service, metric: string, extra: readonly Matcher[] = []): string {
  return selector(metric, [...serviceMatchers(service), ...extra]);
}

/** A number as PromQL (and humans) should read it: 0.0144, 13.44, 0.933333333333. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} in a rule`);
  return String(Number(value.toPrecision(12)));
}

/** Positional notation of the shortest spelling: 0.1 → "0.1" (not 0.1000000000000000055), 5e-5 → "0.00005". */
function decimalForm(n: number): string {
  const shortest = String(Number(n.toPrecision(15)));
  if (!shortest.includes('e')) return shortest;
  const [mantissa, exp] = shortest.split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const point = (mantissa.includes('.') ? mantissa.indexOf('.') : mantissa.length) + Number(exp);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A regular expression matching every way a client library spells a bucket boundary in `le`:
 * Prometheus 2 with the Go client writes `0.5` and `1`, the Python client and Prometheus 3 write
 * `1.0`, and small or large bounds may come out as `5e-05` or `1e+06`. `[.]` avoids backslashes,
 * which PromQL strings would need doubled.
 */
export function leRegex(bound: number): string {
  if (!(bound > 0) || !Number.isFinite(bound)) throw new Error(`bucket boundary must be a positive number, got ${bound}`);
  const plain = (text: string) => (text.includes('.') ? `${text.replace('.', '[.]')}0*` : `${text}([.]0*)?`);
  const decimal = decimalForm(bound);
  const [mantissa, exp] = bound.toExponential().split('e') as [string, string];
  const expNum = Number(exp);
  const scientific = `${plain(mantissa)}e${expNum < 0 ? '-' : '[+]?'}0*${Math.abs(expNum)}`;
  return `${plain(decimal)}|${scientific}`;
}
