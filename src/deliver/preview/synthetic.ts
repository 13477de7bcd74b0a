/**
 * Data for a preview without a Prometheus: made up, labelled as such on every page, and shaped by
 * each query so the panel looks like it will: counters rise, rates wander around a level, ratios
 * stay between 0 and 1, quantiles keep their order (p50 < p95 < p99), heatmaps get one series per
 * bucket. Seeded by dashboard, panel and query, so the same dashboard always draws the same picture.
 */
import type { VariableValue } from './grafana/interpolate.js';
import { resolveVariables, type TemplateVariableJson } from './grafana/variables.js';
import type { TimeRange } from './grafana/time.js';
import { seriesName, type DataSource, type PanelQuerySpec, type QueryResult, type Series } from './data.js';

/** Labels whose values are known the world over; any other label gets `<label>-1`, `<label>-2`. */
const SAMPLE_VALUES: Record<string, string[]> = {
  status: ['200', '404', '500'],
  code: ['200', '404', '500'],
  status_code: ['200', '404', '500'],
  method: ['GET', 'POST', 'DELETE'],
  instance: ['host-1:8000', 'host-2:8000'],
  le: ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'],
  severity: ['page', 'ticket'],
};

export function sampleValues(label: string, match?: string): string[] {
  // A selector that pins the label (`job="api"`, or `handler=~"/items"` in a repeated copy) has exactly that value.
  const pinned = match ? new RegExp(`[{,]\\s*${label}\\s*(=~?)\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(match) : null;
  if (pinned) {
    const value = pinned[2]!;
    if (pinned[1] === '=') return [value];
    // A regex matcher pins one value only when nothing in it is a regex operator.
    if (!/(?<!\\)[.*+?()|[\]{}^$]/.test(value.replace(/\\\\/g, ''))) return [value.replace(/\\\\/g, '')];
  }
  return SAMPLE_VALUES[label] ?? [`${label}-1`, `${label}-2`];
}

export class SyntheticSource implements DataSource {
  readonly synthetic = true;

  async variables(list: readonly unknown[], _range: TimeRange, macros: ReadonlyMap<string, string>): Promise<Map<string, VariableValue>> {
    return resolveVariables(
      list as TemplateVariableJson[],
      { datasourceUid: 'synthetic', labelValues: async (label, match) => sampleValues(label, match) },
      macros,
    );
  }

  async run(query: PanelQuerySpec): Promise<QueryResult> {
    const shape = shapeOf(query);
    const times = timestamps(query);
    const series = labelSets(query).map((labels, i): Series => {
      const rand = random(`${query.seed}|${query.refId}|${JSON.stringify(labels)}`);
      const level = shape.level(rand, i, labels);
      const values = times.map((_t, k) => shape.point(level, k, times.length, rand));
      return { refId: query.refId, name: seriesName(query.legendFormat, labels, query.expr), labels, times, values };
    });
    if (query.format === 'heatmap') cumulate(series);
    return { refId: query.refId, kind: query.kind, expr: query.expr, series };
  }
}

/** Prometheus buckets count everything at or below their bound: each adds the ones below it. */
function cumulate(series: Series[]): void {
  const bound = (s: Series) => (s.labels.le === '+Inf' ? Infinity : Number(s.labels.le));
  series.sort((a, b) => bound(a) - bound(b));
  for (let b = 1; b < series.length; b++) {
    const below = series[b - 1]!.values;
    series[b]!.values = series[b]!.values.map((v, k) => (v === null ? null : v + (below[k] ?? 0)));
  }
}

function timestamps(query: PanelQuerySpec): number[] {
  if (query.kind === 'instant') return [query.range.toMs];
  const out: number[] = [];
  const start = Math.floor(query.range.fromMs / query.stepMs) * query.stepMs;
  for (let t = start; t <= query.range.toMs; t += query.stepMs) out.push(t);
  return out;
}

/** The labels each series carries: the query's grouping, the legend's `{{labels}}`, what the table shows. */
function labelSets(query: PanelQuerySpec): Array<Record<string, string>> {
  const names = new Set<string>();
  const grouping = /\b(?:by|without)\s*\(([^)]*)\)/.exec(query.template);
  const quantile = /histogram_quantile/.test(query.template);
  if (grouping && !/\bwithout\b/.test(grouping[0])) for (const l of grouping[1]!.split(',')) if (l.trim()) names.add(l.trim());
  for (const m of (query.legendFormat ?? '').matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) names.add(m[1]!);
  for (const l of query.tableLabels) names.add(l);
  if (quantile) names.delete('le');
  if (query.format === 'heatmap') names.add('le');
  let sets: Array<Record<string, string>> = [{}];
  for (const name of names) {
    const values = valuesFor(name, query.expr);
    sets = sets.flatMap((set) => values.map((v) => ({ ...set, [name]: v })));
    if (sets.length > 12) sets = sets.slice(0, 12);
  }
  return sets;
}

/** `label_replace(…, "dst", "${1}xx", "src", "([1-5]).*")` makes dst from src's values. */
function valuesFor(name: string, expr: string): string[] {
  const replace = new RegExp(
    `label_replace\\([\\s\\S]*?,\\s*"${name}"\\s*,\\s*"([^"]*)"\\s*,\\s*"([A-Za-z_][A-Za-z0-9_]*)"\\s*,\\s*"([^"]*)"\\s*\\)`,
  ).exec(expr);
  if (replace) {
    const [, replacement, source, regex] = replace;
    try {
      const re = new RegExp(`^(?:${regex})$`);
      const made = sampleValues(source!, expr)
        .map((v) => {
          const m = re.exec(v);
          return m ? replacement!.replace(/\$\{?(\d+)\}?/g, (_x, i: string) => m[Number(i)] ?? '') : undefined;
        })
        .filter((v): v is string => v !== undefined);
      if (made.length > 0) return [...new Set(made)];
    } catch {
      // a regex JavaScript does not read: fall back to sample values
    }
  }
  return sampleValues(name, expr);
}

interface Shape {
  level(rand: () => number, index: number, labels: Record<string, string>): number;
  point(level: number, k: number, n: number, rand: () => number): number;
}

const wander = (level: number, k: number, n: number, rand: () => number, spread: number) =>
  level * (1 + spread * Math.sin((k / Math.max(n, 1)) * Math.PI * 3 + level) + spread * (rand() - 0.5));

function shapeOf(query: PanelQuerySpec): Shape {
  const e = query.template;
  const unit = query.unit ?? '';
  const rangeSeconds = (query.range.toMs - query.range.fromMs) / 1000;
  const constant = /^\s*(?:vector\()?\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*\)?\s*$/.exec(e);
  if (constant) return { level: () => Number(constant[1]), point: (level) => level };
  const quantile = /histogram_quantile\(\s*([0-9.]+)/.exec(e);
  if (quantile) {
    // Quantiles of one exponential distribution: ordered whatever q, p99 about 6.6 × p50.
    const q = Math.min(Number(quantile[1]), 0.999);
    const scale = unit === 'ms' ? 60 : 0.06;
    return {
      level: (rand) => scale * (0.6 + 0.8 * rand()) * (-Math.log(1 - q) / Math.LN2),
      point: (level, k, n) => level * (1 + 0.15 * Math.sin((k / Math.max(n, 1)) * Math.PI * 4)),
    };
  }
  if (query.format === 'heatmap') {
    return {
      level: (rand, i) => 40 * Math.exp(-((i - 4) ** 2) / 6) * (0.7 + 0.6 * rand()),
      point: (l, k, n, r) => Math.max(0, wander(l, k, n, r, 0.3)),
    };
  }
  const firstMetric = /([a-zA-Z_:][a-zA-Z0-9_:]*)\{/.exec(e)?.[1];
  if (firstMetric === 'up' && !/rate\(/.test(e)) return { level: () => (unit === 'percent' ? 100 : 1), point: (level) => level };
  if (unit === 'percentunit' || unit === 'percent') {
    const hundred = unit === 'percent' ? 100 : 1;
    const high = /^\s*1\s*-|objective/.test(e);
    const small = !high && /5\.\.|4\.\.|error|slow|le=~/.test(e) && !/budget/.test(e);
    return {
      level: (rand) => hundred * (small ? 0.002 + 0.012 * rand() : high ? 0.995 + 0.005 * rand() : 0.4 + 0.5 * rand()),
      point: (level, k, n, rand) => Math.min(hundred, Math.max(0, wander(level, k, n, rand, small ? 0.6 : 0.004))),
    };
  }
  if (/\bincrease\(/.test(e)) return { level: (rand) => (5 + 40 * rand()) * rangeSeconds, point: (level) => Math.round(level) };
  if (/^\s*\(?\s*count\(/.test(e)) return { level: (rand) => Math.floor(3 * rand()), point: (level) => level };
  if (/\b(?:i?rate|deriv)\(/.test(e)) {
    return {
      level: (rand) => (unit === 's' ? 0.02 : 2) + (unit === 's' ? 0.1 : 40) * rand(),
      point: (l, k, n, r) => Math.max(0, wander(l, k, n, r, 0.25)),
    };
  }
  if (unit === 'x') return { level: (rand) => 0.2 + 2 * rand(), point: (l, k, n, r) => Math.max(0, wander(l, k, n, r, 0.4)) };
  // A counter shown as it is: it only goes up.
  if (/_(?:total|count|sum|bucket)\b(?!\s*\[)/.test(e) && !/\(/.test(e)) {
    return { level: (rand) => 1000 + 5000 * rand(), point: (level, k) => Math.round(level + k * (5 + (level % 7))) };
  }
  return { level: (rand) => 2 + 18 * rand(), point: (l, k, n, r) => Math.max(0, wander(l, k, n, r, 0.1)) };
}

/** mulberry32 over an FNV-1a hash of the seed: small, fast, the same on every machine. */
function random(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
