/**
 * Native-histogram misuse in one expression, judged by how the services declare each histogram
 * (`histogramTypes`): a native histogram has no `_bucket`, `_sum`, `_count` or `le` once
 * Prometheus 3 keeps only its native samples, a classic one has no series under its base name,
 * and the histogram functions return nothing on float series. Each reads as an empty panel or an
 * alert that never fires, which no syntax or type check can see.
 */
import { consumer, COUNTER_SAFE_FUNCTIONS, type MetricCatalog, type PromqlNode, walk } from '../promql/index.js';
import type { ExprFinding } from './expr-lint.js';

type Selector = Extract<PromqlNode, { kind: 'selector' }>;

const CLASSIC_SUFFIX = /_(bucket|sum|count)$/;
/** The functions that take native histograms only: on float samples they return nothing. */
const NATIVE_ONLY_FUNCTIONS = new Set(['histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_stddev', 'histogram_stdvar']);
/**
 * What a native histogram's samples may flow into while they are still cumulative: what may read a
 * raw counter, and delta(), idelta() and last_over_time().
 */
const RATE_LIKE = new Set([...COUNTER_SAFE_FUNCTIONS, 'delta', 'idelta', 'last_over_time']);

function selectors(n: PromqlNode): Selector[] {
  const out: Selector[] = [];
  walk(n, (c) => {
    if (c.kind === 'selector') out.push(c);
  });
  return out;
}

function selectorFindings(node: Selector, ancestors: readonly PromqlNode[], catalog: MetricCatalog): ExprFinding[] {
  const name = node.metric;
  if (name === undefined) return [];
  const out: ExprFinding[] = [];
  const base = name.replace(CLASSIC_SUFFIX, '');
  if (base !== name && catalog.kind(base) === 'histogram' && catalog.nativeOnly(base))
    out.push({
      check: 'promql/native-histogram-classic-series',
      severity: 'error',
      message: `${name} does not exist: ${base} is declared a native histogram, and Prometheus 3 keeps only its native samples (no _bucket, _sum or _count series)`,
      hint: `read ${base} itself: histogram_quantile(q, sum(rate(${base}[…]))), histogram_count(…), histogram_sum(…), histogram_fraction(0, x, …); or declare it 'native-or-classic' in histogramTypes if some instances expose only classic buckets`,
      offset: node.from,
    });
  if (catalog.kind(name) !== 'histogram') return out;
  if (catalog.classicOnly(name)) {
    out.push({
      check: 'promql/classic-histogram-base-name',
      severity: 'error',
      message: `${name} is declared a classic histogram: no series has that name, only ${name}_bucket, ${name}_sum and ${name}_count`,
      hint: `read ${name}_bucket (with le), or declare the histogram 'native' in histogramTypes if the service exposes it as one`,
      offset: node.from,
    });
    return out;
  }
  const le = node.matchers.find((m) => m.label === 'le');
  if (le)
    out.push({
      check: 'promql/native-histogram-le',
      severity: 'error',
      message: `${name} is a native histogram: its samples carry their buckets and have no "le" label, so ${le.label}${le.op}"${le.value}" matches nothing`,
      hint: `drop the le matcher; the share of observations up to a bound is histogram_fraction(0, <bound>, sum(rate(${name}[…])))`,
      offset: le.from,
    });
  const parent = consumer(ancestors);
  if (!(parent?.kind === 'call' && RATE_LIKE.has(parent.name)))
    out.push({
      check: 'promql/counter-without-rate',
      severity: 'error',
      message: `native histogram "${name}" used without rate() or increase(): its counts only grow and reset on restart`,
      hint: `wrap it: rate(${name}[…]) before summing, taking a quantile or a fraction`,
      offset: node.from,
    });
  return out;
}

function aggregateFindings(node: Extract<PromqlNode, { kind: 'aggregate' }>, catalog: MetricCatalog): ExprFinding[] {
  const g = node.grouping;
  if (!g || g.mode !== 'by' || !g.labels.includes('le')) return [];
  const read = selectors(node);
  const native = read.filter((s) => s.metric !== undefined && catalog.kind(s.metric) === 'histogram' && catalog.readsNative(s.metric));
  if (native.length === 0 || read.some((s) => s.metric?.endsWith('_bucket'))) return [];
  return [
    {
      check: 'promql/native-histogram-le',
      severity: 'error',
      message: `${node.op} by (${g.labels.join(', ')}) over the native histogram ${native[0]!.metric}: native samples have no "le" label, their buckets travel inside each sample`,
      hint: `aggregate without le: ${node.op}${g.labels.length > 1 ? ` by (${g.labels.filter((l) => l !== 'le').join(', ')})` : ''} (…)`,
      offset: node.from,
    },
  ];
}

function callFindings(node: Extract<PromqlNode, { kind: 'call' }>, catalog: MetricCatalog): ExprFinding[] {
  if (!NATIVE_ONLY_FUNCTIONS.has(node.name) || !node.args[0]) return [];
  const read = selectors(node.args[0]).filter((s) => s.metric !== undefined && catalog.kind(s.metric) !== undefined);
  const floats = read.filter((s) => !(catalog.kind(s.metric!) === 'histogram' && catalog.readsNative(s.metric!)));
  if (read.length === 0 || floats.length < read.length) return [];
  const name = floats[0]!.metric!;
  const base = name.replace(CLASSIC_SUFFIX, '');
  return [
    {
      check: 'promql/histogram-function-on-float',
      severity: 'error',
      message: `${node.name}() reads native histograms, but ${name} holds float samples: the result is always empty`,
      hint:
        base !== name && catalog.kind(base) === 'histogram'
          ? `for the classic histogram use rate(${base}_count[…]) / rate(${base}_sum[…]), or declare ${base} native in histogramTypes`
          : `apply ${node.name}() to a native histogram`,
      offset: node.from,
    },
  ];
}

/** Findings of one node of the expression's tree; called for every node by lintExpression. */
export function nativeHistogramFindings(node: PromqlNode, ancestors: readonly PromqlNode[], catalog: MetricCatalog): ExprFinding[] {
  if (node.kind === 'selector') return selectorFindings(node, ancestors, catalog);
  if (node.kind === 'aggregate') return aggregateFindings(node, catalog);
  if (node.kind === 'call') return callFindings(node, catalog);
  return [];
}
