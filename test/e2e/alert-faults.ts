/**
 * Which injected fault must make which alert true. Each alerting rule of the build is traced back,
 * through the recording rules it reads, to the raw series of the Items API it depends on; the fault
 * that moves those series is the one the alert must catch. New alerts are covered without
 * editing the suite, and an alert no fault can reach is listed rather than silently skipped.
 */
import { parsePromql, walk, type LabelMatcher } from '../../src/promql/index.js';
import type { EmittedRule, EmittedRuleFile } from './build-output.js';

/** The switch flipped in each fault phase, and the app series it moves. */
export type Fault = 'errors' | 'latency' | 'database' | 'stop';

export const FAULT_ORDER: readonly Fault[] = ['errors', 'latency', 'database', 'stop'];

export interface Selector {
  metric: string | undefined;
  matchers: Array<Pick<LabelMatcher, 'label' | 'op' | 'value'>>;
  /** The selector as written in its expression. */
  text: string;
}

export interface AlertUnderTest {
  alert: string;
  labels: Record<string, string>;
  forMs: number;
  expr: string;
  file: string;
  /** Raw (non-recorded) selectors the alert depends on, through recording rules. */
  sources: Selector[];
  faults: Fault[];
}

/** Selectors of an expression, with their text; throws when it does not parse. */
export function selectorsOf(expr: string): Selector[] {
  const { ast, errors } = parsePromql(expr);
  if (!ast) throw new Error(`cannot parse ${expr}: ${errors.map((e) => e.message).join('; ')}`);
  const out: Selector[] = [];
  walk(ast, (n) => {
    if (n.kind === 'selector')
      out.push({
        metric: n.metric,
        matchers: n.matchers.map(({ label, op, value }) => ({ label, op, value })),
        text: expr.slice(n.from, n.to),
      });
  });
  return out;
}

export function callsOf(expr: string): string[] {
  const { ast } = parsePromql(expr);
  const out: string[] = [];
  if (ast) walk(ast, (n) => void (n.kind === 'call' && out.push(n.name)));
  return out;
}

export function recordingRules(files: readonly EmittedRuleFile[]): Map<string, EmittedRule[]> {
  const byName = new Map<string, EmittedRule[]>();
  for (const file of files)
    for (const group of file.groups)
      for (const rule of group.rules) if (rule.record) byName.set(rule.record, [...(byName.get(rule.record) ?? []), rule]);
  return byName;
}

/** A matcher value as written in a double-quoted PromQL string, with its escapes resolved. */
function unquote(written: string): string {
  try {
    return JSON.parse(`"${written}"`) as string;
  } catch {
    return written;
  }
}

/** Whether a recording rule's output can match the selector, judged on the labels the rule sets. */
export function ruleMatches(rule: EmittedRule, selector: Selector): boolean {
  return selector.matchers.every((m) => {
    if (m.label === '__name__') return true;
    const value = rule.labels?.[m.label];
    if (value === undefined) return true;
    const re = new RegExp(`^(?:${unquote(m.value)})$`);
    switch (m.op) {
      case '=':
        return value === unquote(m.value);
      case '!=':
        return value !== unquote(m.value);
      case '=~':
        return re.test(value);
      case '!~':
        return !re.test(value);
    }
  });
}

export function rawSources(expr: string, recorded: ReadonlyMap<string, EmittedRule[]>, seen = new Set<string>()): Selector[] {
  const out: Selector[] = [];
  for (const selector of selectorsOf(expr)) {
    const rules = selector.metric ? recorded.get(selector.metric) : undefined;
    if (!rules) {
      out.push(selector);
      continue;
    }
    for (const rule of rules.filter((r) => ruleMatches(r, selector))) {
      const key = `${rule.record}${JSON.stringify(rule.labels ?? {})}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(...rawSources(rule.expr, recorded, seen));
    }
  }
  return out;
}

/**
 * The Items API's own series, as examples/items-api exports them: errors show as 5xx statuses of
 * http_requests_total, latency in the request duration histogram, database slowness in the query
 * histogram and the pool gauges, and a stopped process in `up` and in absent() of its series.
 */
export function faultsFor(expr: string, sources: readonly Selector[]): Fault[] {
  const faults = new Set<Fault>();
  for (const s of sources) {
    if (s.metric === 'http_requests_total' && s.matchers.some((m) => m.label === 'status' && movedByServerErrors(m))) faults.add('errors');
    // Per-handler and high-resolution (service-wide) request histograms alike.
    if (/^http_request_duration(_highr)?_seconds_bucket$/.test(s.metric ?? '')) faults.add('latency');
    if (s.metric?.startsWith('db_query_duration_seconds') || s.metric === 'db_connection_pool_checked_out') faults.add('database');
    if (s.metric === 'up') faults.add('stop');
  }
  if (callsOf(expr).some((c) => c === 'absent' || c === 'absent_over_time')) faults.add('stop');
  return FAULT_ORDER.filter((f) => faults.has(f));
}

/**
 * Whether injected 500s change what a status matcher selects. Only a matcher that keeps out every
 * 5xx (`status=~"4.."` of HighClientErrorRate) is untouched: the fault adds no client error, and
 * the traffic's own share of 404s stays far under any client-error level.
 */
function movedByServerErrors(m: Selector['matchers'][number]): boolean {
  if (m.op === '!=' || m.op === '!~') return true;
  const value = unquote(m.value);
  return m.op === '=' ? value === '500' || value === '5xx' : new RegExp(`^(?:${value})$`).test('500');
}

export function alertsUnderTest(files: readonly EmittedRuleFile[], parseFor: (d: string) => number): AlertUnderTest[] {
  const recorded = recordingRules(files);
  const out: AlertUnderTest[] = [];
  for (const file of files)
    for (const group of file.groups)
      for (const rule of group.rules) {
        if (!rule.alert) continue;
        const sources = rawSources(rule.expr, recorded);
        out.push({
          alert: rule.alert,
          labels: rule.labels ?? {},
          forMs: rule.for ? parseFor(rule.for) : 0,
          expr: rule.expr,
          file: file.outPath,
          sources,
          faults: faultsFor(rule.expr, sources),
        });
      }
  return out;
}

/** Short name of one alerting rule: several rules share an alert name and differ by labels. */
export function alertKey(alert: { alert?: string; labels: Record<string, string> }): string {
  const name = alert.alert ?? alert.labels['alertname'] ?? '?';
  const distinct = ['severity', 'slo', 'quantile', 'long_window']
    .filter((l) => alert.labels[l] !== undefined)
    .map((l) => `${l}=${alert.labels[l]}`);
  return distinct.length ? `${name}{${distinct.join(',')}}` : name;
}

/** Whether a live alert from /api/v1/alerts came from this rule (same name, rule labels included). */
export function isFrom(rule: AlertUnderTest, live: { labels: Record<string, string> }): boolean {
  return live.labels['alertname'] === rule.alert && Object.entries(rule.labels).every(([k, v]) => live.labels[k] === v);
}
