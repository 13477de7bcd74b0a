/**
 * Checks of one PromQL expression, shared by dashboards and rules: syntax and types, unknown
 * metrics, counters used raw, gauges under rate, histogram_quantile losing `le`, native-histogram
 * misuse (native-histogram-lint.ts), regex matchers that
 * do not mean what they look like, `le` matchers that miss Prometheus 3's `1.0`, and comparisons
 * that can never be true. Each finding carries the offset of the offending text.
 */
import type { Severity } from '../core/diagnostic.js';
import {
  consumer,
  grafanaVariables,
  isCounterName,
  type LabelMatcher,
  type MetricCatalog,
  parsePromql,
  type PromqlNode,
  readsCounterSafely,
  safeRegex,
  walk,
} from '../promql/index.js';
import { nativeHistogramFindings } from './native-histogram-lint.js';
import { utf8NameFindings } from './utf8-name-lint.js';

export interface ExprFinding {
  check: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** 0-based offset in the expression. */
  offset: number;
}

export interface ExprLintOptions {
  catalog: MetricCatalog;
  /** Dashboards want `$__rate_interval` in range functions; rules want fixed ranges. */
  origin: 'dashboard' | 'rule';
  /** A series selector that is looked up, not evaluated (label_values): no counter/gauge lint. */
  seriesOnly?: boolean;
  /**
   * The expression is its author's own PromQL over metrics no profile describes (an imported SLO
   * spec of a service that is not in dac.config.ts): an unknown metric is no finding.
   */
  anyMetric?: boolean;
  /** The project's floor is Prometheus 3 (minPrometheusVersion): UTF-8 names are no finding. */
  utf8Names?: boolean;
}

const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
const COMPARISON_FLIP: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };
const REGEX_META = /[.*+?()[\]{}|\\^$]/;

export function lintExpression(expr: string, options: ExprLintOptions): ExprFinding[] {
  const parsed = parsePromql(expr);
  const findings: ExprFinding[] = parsed.errors.map((e) => ({
    check: e.kind === 'syntax' ? 'promql/syntax' : 'promql/type',
    severity: 'error',
    message: e.message,
    offset: e.column - 1,
  }));
  const ast = parsed.ast;
  if (!ast) return findings;
  walk(ast, (node, ancestors) => {
    if (!options.utf8Names) findings.push(...utf8NameFindings(node));
    if (node.kind === 'selector') findings.push(...selectorFindings(node, ancestors, options));
    if (node.kind === 'call') findings.push(...callFindings(expr, node, options));
    if (node.kind === 'binary') findings.push(...comparisonFindings(expr, node));
    // A lookup (label_values) never rates what it reads: only what it names can be wrong.
    for (const f of nativeHistogramFindings(node, ancestors, options.catalog))
      if (!(options.seriesOnly && f.check === 'promql/counter-without-rate')) findings.push(f);
  });
  return findings.sort((a, b) => a.offset - b.offset || a.check.localeCompare(b.check));
}

type Selector = Extract<PromqlNode, { kind: 'selector' }>;

function selectorFindings(node: Selector, ancestors: readonly PromqlNode[], options: ExprLintOptions): ExprFinding[] {
  const { catalog } = options;
  const out: ExprFinding[] = [];
  const name = node.metric;
  if (name !== undefined && !name.includes('$')) {
    const kind = catalog.kind(name);
    if (kind === undefined && !options.anyMetric) {
      const suggestion = catalog.suggest(name);
      out.push({
        check: 'promql/unknown-metric',
        severity: 'error',
        message: `unknown metric "${name}"${suggestion ? `: did you mean "${suggestion}"?` : ''}`,
        hint: suggestion
          ? `replace it with "${suggestion}", or add the metric to the service's profile in dac.config.ts`
          : "use a metric of the service's profile, or add it to the profile in dac.config.ts",
        offset: node.from,
      });
    }
    if (options.seriesOnly) {
      for (const m of node.matchers) out.push(...matcherFindings(m));
      return out;
    }
    const parent = consumer(ancestors);
    const counter = kind === 'counter' || (kind === undefined && isCounterName(name));
    if (counter && !readsCounterSafely(parent)) {
      out.push({
        check: 'promql/counter-without-rate',
        severity: 'error',
        message: `counter "${name}" used without rate(), irate() or increase(): its raw value only grows and resets on restart`,
        hint: `wrap it: rate(${name}[…]) for a per-second rate, increase(${name}[…]) for a count over the range`,
        offset: node.from,
      });
    }
    const gaugeLike = kind === 'gauge' || kind === 'info' || kind === 'recording' || (kind === 'synthetic' && name === 'up');
    if (gaugeLike && parent?.kind === 'call' && (RATE_FUNCTIONS.has(parent.name) || parent.name === 'resets')) {
      out.push({
        check: 'promql/rate-on-gauge',
        severity: 'error',
        message: `${parent.name}() on "${name}", which is a ${kind === 'recording' ? 'recording rule (a gauge)' : kind}: ${parent.name}() assumes a counter and reads every drop as a reset`,
        hint: "use deriv() or delta() for a gauge's change, or avg_over_time()/max_over_time() for its level",
        offset: parent.from,
      });
    }
  }
  for (const m of node.matchers) out.push(...matcherFindings(m));
  return out;
}

const quoted = (v: string): string => JSON.stringify(v);

function matcherFindings(m: LabelMatcher): ExprFinding[] {
  const out: ExprFinding[] = [];
  if ((m.op === '=~' || m.op === '!~') && grafanaVariables(m.value).length === 0) {
    const plain = m.op === '=~' ? '=' : '!=';
    if (!REGEX_META.test(m.value)) {
      out.push({
        check: 'promql/redundant-regex',
        severity: 'warning',
        message: `${m.label}${m.op}${quoted(m.value)} has no regex characters`,
        hint: `use an exact matcher: ${m.label}${plain}${quoted(m.value)}`,
        offset: m.from,
      });
    } else if (m.value.startsWith('^') || (m.value.endsWith('$') && !m.value.endsWith('\\$'))) {
      const bare = m.value.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
      out.push({
        check: 'promql/anchored-regex',
        severity: 'warning',
        message: `${m.label}${m.op}${quoted(m.value)}: Prometheus already anchors label regexes at both ends, so ^ and $ are redundant`,
        hint: `write ${m.label}${m.op}${quoted(bare)}`,
        offset: m.from,
      });
    } else if (m.value === '.*') {
      out.push({
        check: 'promql/redundant-regex',
        severity: 'warning',
        message: `${m.label}${m.op}".*" matches every series, including those without the label`,
        hint:
          m.op === '=~'
            ? `drop the matcher, or use ${m.label}=~".+" to require the label`
            : `${m.label}!~".*" matches nothing: drop the selector`,
        offset: m.from,
      });
    } else if (safeRegex(m.value) === undefined) {
      out.push({
        check: 'promql/invalid-regex',
        severity: 'error',
        message: `${m.label}${m.op}${quoted(m.value)} is not a valid regular expression`,
        offset: m.from,
      });
    }
  }
  if (m.label === 'le' && (m.op === '=' || m.op === '!=') && /^[+-]?\d+$/.test(m.value)) {
    const regexOp = m.op === '=' ? '=~' : '!~';
    out.push({
      check: 'promql/le-matcher',
      severity: 'warning',
      message: `le${m.op}${quoted(m.value)} misses the bucket when Prometheus 3 stores it as le="${m.value}.0"`,
      hint: `match both spellings: le${regexOp}"${m.value}(\\\\.0)?"`,
      offset: m.from,
    });
  }
  return out;
}

function unwrap(n: PromqlNode): PromqlNode {
  return n.kind === 'paren' ? unwrap(n.expr) : n;
}

function readsClassicBuckets(n: PromqlNode): boolean {
  let classic = false;
  walk(n, (c) => {
    if (c.kind === 'selector' && (c.metric?.endsWith('_bucket') || c.matchers.some((m) => m.label === 'le'))) classic = true;
  });
  return classic;
}

function callFindings(expr: string, node: Extract<PromqlNode, { kind: 'call' }>, options: ExprLintOptions): ExprFinding[] {
  const out: ExprFinding[] = [];
  if (node.name === 'histogram_quantile' && node.args[1]) {
    const inner = unwrap(node.args[1]);
    // Native histograms carry their buckets in each sample: `sum(rate(x[5m]))` keeps them with no
    // `le`. Only an aggregation of classic `_bucket` series (or one matching on `le`) needs the label.
    if (inner.kind === 'aggregate' && !['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(inner.op) && readsClassicBuckets(inner)) {
      const g = inner.grouping;
      const keepsLe = g ? (g.mode === 'by' ? g.labels.includes('le') : !g.labels.includes('le')) : false;
      if (!keepsLe) {
        const labels = g?.mode === 'by' ? ['le', ...g.labels] : ['le'];
        out.push({
          check: 'promql/histogram-quantile-le',
          severity: 'error',
          message: `histogram_quantile() needs the "le" label, but ${inner.op}${g ? ` ${g.mode} (${g.labels.join(', ')})` : '()'} removes it`,
          hint: g?.mode === 'without' ? `remove "le" from without (...)` : `aggregate by (${labels.join(', ')})`,
          offset: inner.from,
        });
      }
    }
  }
  if (options.origin === 'dashboard' && RATE_FUNCTIONS.has(node.name)) {
    const arg = node.args[0];
    const matrix = arg && (arg.kind === 'matrix' ? arg : undefined);
    if (matrix) {
      const range = matrix.range.trim();
      const totalOverRange = node.name === 'increase' && range === '$__range';
      if (range === '$__interval' || range === '${__interval}') {
        out.push({
          check: 'dashboard/rate-interval',
          severity: 'error',
          message: `${node.name}() over [$__interval] returns nothing when the interval covers fewer than two scrapes`,
          hint: 'use [$__rate_interval]',
          offset: node.from,
        });
      } else if (range !== '$__rate_interval' && range !== '${__rate_interval}' && !totalOverRange) {
        out.push({
          check: 'dashboard/rate-interval',
          severity: 'warning',
          message: `${node.name}() over a fixed [${range}] ignores the dashboard's resolution and scrape interval`,
          hint: `use [$__rate_interval]${node.name === 'increase' ? ', or [$__range] for a total over the time range' : ''}`,
          offset: node.from,
        });
      }
    }
  }
  void expr;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparisons that can never be true: the value's possible range does not reach the threshold.

type Bounds = [number, number];

function boundsOf(expr: string, n: PromqlNode): Bounds | undefined {
  switch (n.kind) {
    case 'number':
      return [n.value, n.value];
    case 'paren':
      return boundsOf(expr, n.expr);
    case 'selector':
      return n.metric === 'up' ? [0, 1] : undefined;
    case 'call':
      if (n.name === 'absent' || n.name === 'absent_over_time') return [1, 1];
      if (['rate', 'irate', 'increase', 'count_over_time', 'changes', 'resets'].includes(n.name)) return [0, Infinity];
      if (['avg_over_time', 'min_over_time', 'max_over_time', 'last_over_time', 'clamp_max', 'clamp_min', 'clamp'].includes(n.name)) {
        const inner = n.args[0] && boundsOf(expr, n.args[0].kind === 'matrix' ? n.args[0].expr : n.args[0]);
        return inner;
      }
      return undefined;
    case 'matrix':
    case 'offset':
      return boundsOf(expr, n.expr);
    case 'aggregate':
      if (['avg', 'min', 'max', 'topk', 'bottomk', 'quantile'].includes(n.op)) {
        const arg = n.args[n.args.length - 1];
        return arg && boundsOf(expr, arg);
      }
      if (n.op === 'count') return [1, Infinity];
      if (n.op === 'group') return [1, 1];
      return undefined;
    case 'binary':
      if (n.op === '/' && isSubsetRatio(expr, n.left, n.right)) return [0, 1];
      return undefined;
    default:
      return undefined;
  }
}

/**
 * `f(x{a="b"}) / f(x)`: the same expression over the same metric, the numerator selecting a
 * subset of the denominator's series. Such a ratio lies in [0, 1].
 */
function isSubsetRatio(expr: string, num: PromqlNode, den: PromqlNode): boolean {
  const ns = selectorsIn(num);
  const ds = selectorsIn(den);
  if (ns.length !== 1 || ds.length !== 1) return false;
  const [n, d] = [ns[0]!, ds[0]!];
  if (n.metric === undefined || n.metric !== d.metric) return false;
  const key = (m: LabelMatcher) => `${m.label}${m.op}${m.value}`;
  const nKeys = new Set(n.matchers.map(key));
  if (!d.matchers.every((m) => nKeys.has(key(m)))) return false;
  const skeleton = (outer: PromqlNode, sel: Selector) =>
    (expr.slice(outer.from, sel.from) + '§' + expr.slice(sel.to, outer.to)).replace(/\s+/g, ' ').replace(/\s*([()[\],§])\s*/g, '$1');
  return skeleton(num, n) === skeleton(den, d) && onlySubsetPreserving(num, n);
}

/** Sums and rates keep "subset of series" as "smaller or equal value"; max, topk, offsets… do not. */
function onlySubsetPreserving(root: PromqlNode, target: Selector): boolean {
  let ok = false;
  walk(root, (node, ancestors) => {
    if (node !== target) return;
    ok = ancestors.every(
      (a) =>
        a.kind === 'paren' ||
        a.kind === 'matrix' ||
        (a.kind === 'aggregate' && a.op === 'sum') ||
        (a.kind === 'call' && RATE_FUNCTIONS.has(a.name)),
    );
  });
  return ok;
}

function selectorsIn(n: PromqlNode): Selector[] {
  const out: Selector[] = [];
  walk(n, (c) => {
    if (c.kind === 'selector') out.push(c);
  });
  return out;
}

function comparisonFindings(expr: string, node: Extract<PromqlNode, { kind: 'binary' }>): ExprFinding[] {
  if (!(node.op in COMPARISON_FLIP) || node.bool) return [];
  const left = unwrap(node.left);
  const right = unwrap(node.right);
  let op = node.op;
  let value: PromqlNode;
  let threshold: number;
  if (right.kind === 'number') {
    value = left;
    threshold = right.value;
  } else if (left.kind === 'number') {
    value = right;
    threshold = left.value;
    op = COMPARISON_FLIP[op]!;
  } else return [];
  if (value.kind === 'number') return []; // constant comparisons are the type checker's business
  const bounds = boundsOf(expr, value);
  if (!bounds) return [];
  const [min, max] = bounds;
  const never =
    (op === '>' && max <= threshold) ||
    (op === '>=' && max < threshold) ||
    (op === '<' && min >= threshold) ||
    (op === '<=' && min > threshold) ||
    (op === '==' && (threshold < min || threshold > max));
  if (!never) return [];
  const range = `${min} to ${max === Infinity ? '+Inf' : max}`;
  return [
    {
      check: 'promql/impossible-comparison',
      severity: 'error',
      message: `"${expr.slice(node.from, node.to).replace(/\s+/g, ' ')}" can never be true: the left side ranges from ${range}`,
      hint:
        max === 1 && min === 0
          ? 'ratios and up lie between 0 and 1: compare with a threshold inside that range (e.g. > 0.05 for 5 %)'
          : 'compare with a threshold the value can reach',
      offset: node.from,
    },
  ];
}
