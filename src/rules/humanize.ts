/**
 * The Prometheus template functions alert annotations use, reproduced so that generated promtool
 * tests can state the exact annotation text an alert renders (promtool compares it byte for byte),
 * and so that static parts of an annotation ("above 5%") read the way the live parts do.
 */

/** Go's `%.4g`: four significant digits, trailing zeros dropped, exponent form outside 1e-4..1e4. */
export function goG4(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return '0';
  const [mantissa, expText] = v.toExponential(3).split('e') as [string, string];
  const exp = Number(expText);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= 4) {
    const sign = exp < 0 ? '-' : '+';
    return `${trim(mantissa)}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return trim(v.toFixed(Math.max(0, 3 - exp)));
}

const BIG = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SMALL = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

function scaleDown(v: number): [number, string] {
  let prefix = '';
  for (const p of SMALL) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return [v, prefix];
}

export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return goG4(v);
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of BIG) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return `${goG4(v)}${prefix}`;
  }
  const [scaled, prefix] = scaleDown(v);
  return `${goG4(scaled)}${prefix}`;
}

export function humanizePercentage(v: number): string {
  return `${goG4(v * 100)}%`;
}

export function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return goG4(v);
  if (v === 0) return '0s';
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const abs = Math.abs(v);
    const whole = Math.trunc(abs);
    const seconds = whole % 60;
    const minutes = Math.floor(whole / 60) % 60;
    const hours = Math.floor(whole / 3600) % 24;
    const days = Math.floor(whole / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${goG4(abs)}s`;
  }
  const [scaled, prefix] = scaleDown(v);
  return `${goG4(scaled)}${prefix}s`;
}

const FUNCTIONS: Record<string, (v: number) => string> = { humanize, humanizePercentage, humanizeDuration };

/**
 * Render the small template language dac's own annotations use: `{{ $labels.name }}` and
 * `{{ $value | humanize… }}`. Anything else throws, which keeps generated annotations to what the
 * tests can predict. A label the alert does not carry throws too: in Prometheus it would render
 * as an empty string, the classic sign of a template naming a label the aggregation dropped.
 */
export function renderAnnotation(template: string, labels: Readonly<Record<string, string>>, value: number): string {
  return template.replace(/\{\{(.*?)\}\}/g, (whole, inner: string) => {
    const text = inner.trim();
    const name = labelRead(text);
    if (name !== undefined) {
      const v = labels[name];
      if (v === undefined) throw new Error(`template ${whole} names label "${name}", which the alert does not carry`);
      return v;
    }
    const fn = /^\$value\s*\|\s*(\w+)$/.exec(text);
    if (fn && FUNCTIONS[fn[1]!]) return FUNCTIONS[fn[1]!]!(value);
    throw new Error(`template ${whole} is not one dac can render in tests`);
  });
}

/**
 * The label a template action reads: `$labels.route`, or `(index $labels "http.route")`, the only way
 * a Go template reads a UTF-8 label name (see templateLabel in core/promql-text.ts).
 */
function labelRead(action: string): string | undefined {
  const plain = /^\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(action);
  if (plain) return plain[1]!;
  const indexed = /^\(?\s*index\s+\$labels\s+"((?:[^"\\]|\\.)*)"\s*\)?$/.exec(action);
  return indexed ? (JSON.parse(`"${indexed[1]!}"`) as string) : undefined;
}

/** Labels a template reads through `$labels.x` or `index $labels "x"`. */
export function templateLabels(template: string): string[] {
  return [...template.matchAll(/\{\{(.*?)\}\}/g)].flatMap((m) => {
    const name = labelRead(m[1]!.trim());
    return name === undefined ? [] : [name];
  });
}
