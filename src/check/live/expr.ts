/**
 * One PromQL expression against what the live service exposes: metrics and labels it does not
 * have, `le` matchers that select no bucket, and counters and gauges used as the other kind. Only
 * what the offline lint cannot know is reported: a misuse the profile's declared kind already
 * reveals is that lint's finding, not this one's.
 */
import type { MetricKind } from '../../config/types.js';
import type { Severity } from '../../core/diagnostic.js';
import {
  consumer,
  SYNTHETIC_SERIES,
  editDistance,
  grafanaVariables,
  isCounterName,
  type LabelMatcher,
  parsePromql,
  type PromqlNode,
  readsCounterSafely,
  safeRegex,
  walk,
} from '../../promql/index.js';
import { formatBuckets, isCounterSeries, isGaugeSeries, type LiveInventory, type LiveSeries } from './inventory.js';

export interface LiveFinding {
  check: string;
  severity: Severity;
  message: string;
  hint: string;
  /** 0-based offset in the expression. */
  offset: number;
}

export interface LiveExprContext {
  inventory: LiveInventory;
  /** Series the build's own recording rules write: the service does not export them. */
  recordings: ReadonlySet<string>;
  /** The kinds the service's profile declares, to leave the offline lint's findings to it. */
  declared: Readonly<Record<string, MetricKind>>;
  /**
   * Judge label names only, and say nothing of a series the inventory lacks: for an inventory
   * built from the config, where a missing series means "labels not declared", not "not exported".
   */
  labelsOnly?: boolean;
}

const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

type Selector = Extract<PromqlNode, { kind: 'selector' }>;

export function liveExprFindings(expr: string, ctx: LiveExprContext): LiveFinding[] {
  const { ast } = parsePromql(expr);
  // Syntax errors are the offline checks' findings.
  if (!ast) return [];
  const out: LiveFinding[] = [];
  walk(ast, (node, ancestors) => {
    if (node.kind === 'selector') out.push(...selectorFindings(node, ancestors, ctx));
    else if (node.kind === 'aggregate' && node.grouping) {
      const input = node.args[node.args.length - 1];
      if (input) out.push(...groupingFindings(node, input, node.grouping.labels, node.grouping.mode, ctx));
    } else if (node.kind === 'binary' && node.matching) {
      const { mode, labels } = node.matching;
      for (const side of [node.left, node.right]) out.push(...groupingFindings(node, side, labels, mode, ctx));
    }
  });
  return out.sort((a, b) => a.offset - b.offset || a.check.localeCompare(b.check));
}

/** A live series, or undefined when the name is not the service's to export (recording, synthetic, templated). */
function resolvable(name: string | undefined, ctx: LiveExprContext): boolean {
  return name !== undefined && !name.includes('$') && !name.includes(':') && !ctx.recordings.has(name) && !SYNTHETIC_SERIES.has(name);
}

function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of [...candidates].sort()) {
    const d = editDistance(name, c, limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Names client libraries give the same HTTP label: a query written for one library's metrics
 * (`code`, `endpoint`) on another's (`status`, `handler`) is off by a synonym, not by a typo.
 */
const LABEL_SYNONYMS: readonly (readonly string[])[] = [
  ['status', 'code', 'status_code', 'statuscode', 'response_code', 'http_status'],
  ['handler', 'path', 'route', 'endpoint', 'url', 'uri', 'url_rule', 'http_route'],
  ['method', 'verb', 'http_method'],
];

/** The label the user most likely meant: a near spelling, else the synonym the series carry. */
function closestLabel(label: string, available: Iterable<string>): string | undefined {
  const candidates = [...available];
  const near = closest(label, candidates);
  if (near !== undefined) return near;
  const group = LABEL_SYNONYMS.find((g) => g.includes(label));
  return group ? candidates.sort().find((c) => c !== label && group.includes(c)) : undefined;
}

/**
 * A native histogram read from a text /metrics page: the page shows only its classic `_count` (and
 * buckets), whose labels besides `le` are the native series' own. Prometheus' API shows the real thing.
 */
function nativeSeenAsClassic(name: string, inventory: LiveExprContext['inventory']): LiveSeries | undefined {
  const count = inventory.textExposition ? inventory.series.get(`${name}_count`) : undefined;
  return count?.family === name && count.type === 'histogram' ? count : undefined;
}

function selectorFindings(node: Selector, ancestors: readonly PromqlNode[], ctx: LiveExprContext): LiveFinding[] {
  const name = node.metric;
  if (!resolvable(name, ctx)) return [];
  const { inventory } = ctx;
  const series = inventory.series.get(name!) ?? nativeSeenAsClassic(name!, inventory);
  if (!series && ctx.labelsOnly) return [];
  if (!series) {
    const suggestion = closest(name!, inventory.series.keys());
    return [
      {
        check: 'live/unknown-metric',
        severity: 'error',
        message: `"${name}" is not exported by ${inventory.source}${suggestion ? `: did you mean "${suggestion}"?` : ''}`,
        hint: suggestion
          ? `use "${suggestion}" (and correct the metric profile in dac.config.ts if it names "${name}")`
          : 'use a metric the service exports, or instrument the service to export it; the panel or rule stays empty until then',
        offset: node.from,
      },
    ];
  }
  const out: LiveFinding[] = [];
  for (const m of node.matchers) {
    if (m.label === '__name__') continue;
    if (!series.labels.has(m.label) && !inventory.targetLabels.has(m.label) && !selectsAbsence(m)) {
      const suggestion = closestLabel(m.label, [...series.labels, ...inventory.targetLabels]);
      out.push({
        check: 'live/unknown-label',
        severity: 'error',
        message: `"${name}" has no label "${m.label}" on ${inventory.source}${suggestion ? `: did you mean "${suggestion}"?` : ''}; its labels are ${[...series.labels].sort().join(', ') || '(none)'}`,
        hint: suggestion
          ? `match on "${suggestion}" (the profile's http.labels name the status, handler and method labels)`
          : `drop the matcher, or match on one of the labels the series carries`,
        offset: m.from,
      });
    }
    if (m.label === 'le' && !ctx.labelsOnly) out.push(...bucketMatcherFindings(name!, series, m));
  }
  if (!ctx.labelsOnly) out.push(...kindFindings(name!, series, node, ancestors, ctx));
  return out;
}

/** `x=""` and `x!~".+"` ask for series without the label: not a typo. */
function selectsAbsence(m: LabelMatcher): boolean {
  return (m.op === '=' && m.value === '') || (m.op === '!~' && (m.value === '.+' || m.value === '.*'));
}

function bucketMatcherFindings(name: string, series: LiveSeries, m: LabelMatcher): LiveFinding[] {
  if (!series.leValues || series.leValues.size === 0 || (m.op !== '=' && m.op !== '=~')) return [];
  if (grafanaVariables(m.value).length > 0) return [];
  const values = [...series.leValues];
  const re = m.op === '=~' ? safeRegex(m.value) : undefined;
  if (m.op === '=~' && !re) return [];
  const matches = m.op === '=' ? series.leValues.has(m.value) : values.some((v) => re!.test(v));
  if (matches) return [];
  const wanted = m.op === '=' ? Number(m.value) : NaN;
  const near = Number.isFinite(wanted) ? nearestBoundaries(wanted, series.buckets ?? []) : '';
  return [
    {
      check: 'live/bucket-boundary',
      severity: 'error',
      message: `le${m.op}"${m.value}" selects no bucket of ${series.family}: the live buckets are ${formatBuckets(series.buckets ?? [])} (+Inf), so this series is always empty`,
      hint: `use a boundary the service exposes${near ? ` (${near})` : ''}, or add the boundary to the histogram's buckets in the service's instrumentation`,
      offset: m.from,
    },
  ];
}

/** "nearest boundaries: 0.25 below, 0.5 above" for a threshold that is not a boundary. */
export function nearestBoundaries(value: number, buckets: readonly number[]): string {
  const below = [...buckets].reverse().find((b) => b < value);
  const above = buckets.find((b) => b > value);
  const parts = [below !== undefined ? `${below} below` : undefined, above !== undefined ? `${above} above` : undefined].filter(Boolean);
  return parts.length > 0 ? `nearest boundaries: ${parts.join(', ')}` : '';
}

function kindFindings(
  name: string,
  series: LiveSeries,
  node: Selector,
  ancestors: readonly PromqlNode[],
  ctx: LiveExprContext,
): LiveFinding[] {
  const declared = ctx.declared[name];
  const parent = consumer(ancestors);
  const liveCounter = isCounterSeries(name, series);
  const liveGauge = isGaugeSeries(name, series);
  const profileSays = declared ? ` (the profile declares it a ${declared})` : '';
  if (liveCounter) {
    const safe = readsCounterSafely(parent);
    const lintSaw = declared === 'counter' || (declared === undefined && isCounterName(name));
    if (!safe && !lintSaw) {
      return [
        {
          check: 'live/counter-without-rate',
          severity: 'error',
          message: `"${name}" is a counter on ${ctx.inventory.source}${profileSays}, shown raw: its value only grows and resets on restart`,
          hint: `wrap it in rate(${name}[…]) or increase(${name}[…]), and declare it a counter in the profile`,
          offset: node.from,
        },
      ];
    }
  }
  if (liveGauge && parent?.kind === 'call' && RATE_FUNCTIONS.has(parent.name)) {
    const lintSaw = declared === 'gauge' || declared === 'info';
    if (!lintSaw) {
      return [
        {
          check: 'live/rate-on-gauge',
          severity: 'error',
          message: `${parent.name}() over "${name}", which is a ${series.type} on ${ctx.inventory.source}${profileSays}: every drop reads as a counter reset`,
          hint: `use deriv() or delta() for its change, avg_over_time()/max_over_time() for its level, and declare it a gauge in the profile`,
          offset: parent.from,
        },
      ];
    }
  }
  return [];
}

/** Selectors under a node, and whether every one of them is a live series we know the labels of. */
function leafLabels(n: PromqlNode, ctx: LiveExprContext): Set<string> | undefined {
  const labels = new Set<string>(ctx.inventory.targetLabels);
  let known = true;
  let any = false;
  walk(n, (c) => {
    if (c.kind === 'selector') {
      any = true;
      const s = resolvable(c.metric, ctx) ? ctx.inventory.series.get(c.metric!) : undefined;
      if (!s) known = false;
      else for (const l of s.labels) labels.add(l);
    } else if (c.kind === 'call' && (c.name === 'label_replace' || c.name === 'label_join')) {
      const dst = c.args[1];
      if (dst?.kind === 'string') labels.add(dst.value);
    } else if (c.kind === 'aggregate' && c.op === 'count_values') {
      const label = c.args[0];
      if (label?.kind === 'string') labels.add(label.value);
    } else if (c.kind === 'call' && c.name === 'info') {
      // Prometheus 3's info() copies labels from target_info series we know nothing of.
      known = false;
    }
  });
  return known && any ? labels : undefined;
}

function groupingFindings(
  node: PromqlNode,
  input: PromqlNode,
  wanted: readonly string[],
  mode: 'by' | 'without' | 'on' | 'ignoring',
  ctx: LiveExprContext,
): LiveFinding[] {
  const available = leafLabels(input, ctx);
  if (!available) return [];
  const out: LiveFinding[] = [];
  for (const label of wanted) {
    // Grafana variables in a grouping become `__name` placeholders: not a label of the user's.
    if (label.startsWith('__') || available.has(label)) continue;
    const suggestion = closestLabel(label, available);
    const metrics = [...new Set(selectorNames(input))].join(', ');
    // Removing a label no series has changes nothing; keeping or matching on one merges every series.
    const removes = mode === 'without' || mode === 'ignoring';
    out.push({
      check: 'live/unknown-label',
      severity: removes ? 'warning' : 'error',
      message: `${mode} (${label}): no series of ${metrics} carries "${label}" on ${ctx.inventory.source}${suggestion ? `: did you mean "${suggestion}"?` : ''}${removes ? '' : mode === 'on' ? `; every series of that side matches on an empty "${label}"` : '; every series collapses into one'}`,
      hint: suggestion ? `${mode} (${suggestion})` : `drop "${label}" from ${mode} (...)`,
      offset: node.from,
    });
  }
  return out;
}

function selectorNames(n: PromqlNode): string[] {
  const names: string[] = [];
  walk(n, (c) => {
    if (c.kind === 'selector' && c.metric) names.push(c.metric);
  });
  return names;
}
