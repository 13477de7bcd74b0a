/**
 * Values as Grafana writes them: the panel's unit and decimals, its value mappings and its
 * threshold colours. Shared by the page generator (stats, tables, bar gauges) and the browser
 * script (axes, legends, tooltips), so a number reads the same everywhere on the page.
 */

export interface ThresholdStep {
  color: string;
  value: number | null;
}

export interface ValueMapping {
  type: string;
  options?: Record<string, unknown>;
}

export interface FieldStyle {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: ThresholdStep[];
  mappings?: ValueMapping[];
  color?: string;
}

/** Grafana's dark theme, by the colour names dashboards use. */
const NAMED_COLOURS: Record<string, string> = {
  green: '#73BF69',
  'dark-green': '#37872D',
  'semi-dark-green': '#56A64B',
  'light-green': '#96D98D',
  red: '#F2495C',
  'dark-red': '#C4162A',
  'semi-dark-red': '#E02F44',
  'light-red': '#FF7383',
  yellow: '#FADE2A',
  'dark-yellow': '#E0B400',
  'light-yellow': '#FFEE52',
  orange: '#FF9830',
  'dark-orange': '#FA6400',
  'light-orange': '#FFB357',
  blue: '#5794F2',
  'dark-blue': '#1F60C4',
  'light-blue': '#8AB8FF',
  purple: '#B877D9',
  'dark-purple': '#8F3BB8',
  'light-purple': '#CA95E5',
  text: '#CCCCDC',
  transparent: 'transparent',
};

/** The classic palette Grafana cycles through for series without a colour of their own. */
export const CLASSIC_PALETTE = [
  '#7EB26D',
  '#EAB839',
  '#6ED0E0',
  '#EF843C',
  '#E24D42',
  '#1F78C1',
  '#BA43A9',
  '#705DA0',
  '#508642',
  '#CCA300',
  '#447EBC',
  '#C15C17',
];

export function colour(name: string): string {
  return NAMED_COLOURS[name] ?? name;
}

/** The colour of the last step whose value is at or below `value`; the base step (null) is −∞. */
export function thresholdColour(value: number, steps: readonly ThresholdStep[] | undefined): string | undefined {
  if (!steps || steps.length === 0 || Number.isNaN(value)) return undefined;
  let picked = steps[0]!.color;
  for (const step of steps) if (step.value === null || value >= step.value) picked = step.color;
  return colour(picked);
}

export interface Display {
  text: string;
  /** Unit suffix or prefix kept apart, as Grafana's stat shows it in a smaller font. */
  suffix: string;
  prefix: string;
  colour: string | undefined;
}

/** A value through the field's mappings first (their text and colour win), then unit and thresholds. */
export function display(value: number | null, style: FieldStyle): Display {
  const mapped = applyMappings(value, style.mappings);
  const thresholdTint = value === null ? undefined : thresholdColour(value, style.thresholds);
  if (mapped)
    return { text: mapped.text ?? formatNumber(value, style).text, prefix: '', suffix: '', colour: mapped.colour ?? thresholdTint };
  if (value === null) return { text: 'No data', prefix: '', suffix: '', colour: undefined };
  return { ...formatNumber(value, style), colour: thresholdTint ?? (style.color ? colour(style.color) : undefined) };
}

function applyMappings(
  value: number | null,
  mappings: readonly ValueMapping[] | undefined,
): { text?: string; colour?: string } | undefined {
  for (const mapping of mappings ?? []) {
    const options = mapping.options ?? {};
    let result: { text?: unknown; color?: unknown } | undefined;
    if (mapping.type === 'value' && value !== null) result = options[String(value)] as typeof result;
    if (mapping.type === 'special') {
      const match = options.match;
      const hit =
        (match === 'nan' && value !== null && Number.isNaN(value)) ||
        (match === 'null' && value === null) ||
        (match === 'null+nan' && (value === null || Number.isNaN(value)));
      if (hit) result = options.result as typeof result;
    }
    if (mapping.type === 'range' && value !== null) {
      const from = typeof options.from === 'number' ? options.from : -Infinity;
      const to = typeof options.to === 'number' ? options.to : Infinity;
      if (value >= from && value <= to) result = options.result as typeof result;
    }
    if (result) {
      return {
        ...(typeof result.text === 'string' ? { text: result.text } : {}),
        ...(typeof result.color === 'string' ? { colour: colour(result.color) } : {}),
      };
    }
  }
  return undefined;
}

/** `12.5 ms`, `99.9%`, `1.20K req/s`: the number and its unit apart. */
export function formatNumber(value: number | null, style: FieldStyle): { text: string; prefix: string; suffix: string } {
  if (value === null) return { text: 'No data', prefix: '', suffix: '' };
  if (Number.isNaN(value)) return { text: 'NaN', prefix: '', suffix: '' };
  if (!Number.isFinite(value)) return { text: value > 0 ? '+Inf' : '-Inf', prefix: '', suffix: '' };
  const decimals = style.decimals;
  const unit = style.unit ?? 'short';
  switch (unit) {
    case 'percentunit':
      return { text: toFixed(value * 100, decimals), prefix: '', suffix: '%' };
    case 'percent':
      return { text: toFixed(value, decimals), prefix: '', suffix: '%' };
    case 'none':
    case 'string':
      return { text: toFixed(value, decimals), prefix: '', suffix: '' };
    case 'short':
      return scaled(value, decimals, 1000, ['', ' K', ' Mil', ' Bil', ' Tri'], '');
    case 'reqps':
      return scaled(value, decimals, 1000, ['', 'K', 'M', 'B', 'T'], ' req/s');
    case 'rps':
      return scaled(value, decimals, 1000, ['', 'K', 'M', 'B', 'T'], ' rd/s');
    case 'wps':
      return scaled(value, decimals, 1000, ['', 'K', 'M', 'B', 'T'], ' wr/s');
    case 'ops':
      return scaled(value, decimals, 1000, ['', 'K', 'M', 'B', 'T'], ' ops/s');
    case 'bytes':
      return scaled(value, decimals, 1024, [' B', ' KiB', ' MiB', ' GiB', ' TiB'], '');
    case 'decbytes':
      return scaled(value, decimals, 1000, [' B', ' kB', ' MB', ' GB', ' TB'], '');
    case 's':
      return seconds(value, decimals);
    case 'ms':
      return seconds(value / 1000, decimals);
    default:
      // Grafana writes a unit it does not know after the number, e.g. a burn rate in "x".
      return { text: toFixed(value, decimals), prefix: '', suffix: ` ${unit}` };
  }
}

/** The whole text: `12.5 ms`. */
export function formatValue(value: number | null, style: FieldStyle): string {
  const d = display(value, style);
  return `${d.prefix}${d.text}${d.suffix}`;
}

function seconds(value: number, decimals: number | undefined): { text: string; prefix: string; suffix: string } {
  const abs = Math.abs(value);
  const unitOf = (text: string, suffix: string) => ({ text, prefix: '', suffix });
  if (abs === 0) return unitOf('0', ' s');
  if (abs < 1e-6) return unitOf(toFixed(value * 1e9, decimals), ' ns');
  if (abs < 1e-3) return unitOf(toFixed(value * 1e6, decimals), ' µs');
  if (abs < 1) return unitOf(toFixed(value * 1e3, decimals), ' ms');
  if (abs < 60) return unitOf(toFixed(value, decimals), ' s');
  if (abs < 3600) return unitOf(toFixed(value / 60, decimals), ' min');
  if (abs < 86400) return unitOf(toFixed(value / 3600, decimals), ' hour');
  if (abs < 604800) return unitOf(toFixed(value / 86400, decimals), ' day');
  return unitOf(toFixed(value / 604800, decimals), ' week');
}

function scaled(
  value: number,
  decimals: number | undefined,
  factor: number,
  steps: readonly string[],
  suffix: string,
): { text: string; prefix: string; suffix: string } {
  let step = 0;
  let v = value;
  while (Math.abs(v) >= factor && step < steps.length - 1) {
    v /= factor;
    step++;
  }
  return { text: toFixed(v, decimals), prefix: '', suffix: `${steps[step]}${suffix}` };
}

/** Grafana's automatic precision: about two significant digits below 1, none for whole numbers. */
export function autoDecimals(value: number): number {
  if (value === 0 || Number.isInteger(value)) return 0;
  const abs = Math.abs(value);
  let dec = -Math.floor(Math.log10(abs)) + 1;
  const norm = abs / Math.pow(10, -dec);
  if (norm > 2.25) ++dec;
  return Math.max(0, dec);
}

export function toFixed(value: number, decimals: number | undefined): string {
  if (decimals !== undefined) return value.toFixed(Math.max(0, Math.min(20, decimals)));
  const d = autoDecimals(value);
  const factor = Math.pow(10, d);
  return String(Math.round(value * factor) / factor);
}
