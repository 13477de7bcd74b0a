/** What the Sloth and OpenSLO importers share: queries with a window placeholder, service links. */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Service } from '../../config/types.js';
import { dashboardUrl, runbookUrl } from '../../rules/links.js';
import type { WindowQuery } from '../model.js';

/** `{{.window}}`, the placeholder Sloth defined and OpenSLO Prometheus queries commonly reuse. */
const WINDOW = /\{\{\s*\.window\s*\}\}/g;
const SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*\s*(\{[^{}]*\})?$/;

export function hasWindow(query: string): boolean {
  return new RegExp(WINDOW.source).test(query);
}

/** Each node's grouping: its labels when its series are exactly the groups of `by (…)`, else undefined. */
function groupingOfNode(node: SyntaxNode | null, text: string): string[] | undefined {
  while (node?.name === 'ParenExpr') node = node.firstChild;
  if (node?.name === 'AggregateExpr') {
    const modifier = node.getChild('AggregateModifier');
    if (!modifier?.getChild('By')) return undefined;
    const labels = modifier.getChild('GroupingLabels')?.getChildren('LabelName') ?? [];
    return labels.length > 0 ? labels.map((l) => text.slice(l.from, l.to)).sort() : undefined;
  }
  // `1 - sum by (h) (…) / sum by (h) (…)` keeps the groups: arithmetic and comparisons match series
  // one to one on all their labels. Set operators and explicit matching may not, so they do not count.
  if (
    node?.name === 'BinaryExpr' &&
    !node.getChild('MatchingModifierClause') &&
    !['Or', 'And', 'Unless'].some((op) => node!.getChild(op))
  ) {
    const sides = [node.firstChild, node.lastChild].map((n) => {
      let side = n;
      while (side?.name === 'ParenExpr') side = side.firstChild;
      return side;
    });
    const numbers = sides.filter((n) => n?.name === 'NumberDurationLiteral');
    const groupings = sides.filter((n) => n?.name !== 'NumberDurationLiteral').map((n) => groupingOfNode(n, text));
    if (numbers.length === 2 || groupings.some((g) => g === undefined)) return undefined;
    const keys = new Set(groupings.map((g) => g!.join(',')));
    return keys.size === 1 ? groupings[0] : undefined;
  }
  return undefined;
}

/**
 * The labels a query is grouped by when its result is one series per group of an aggregation
 * `by (…)` (`sum by (handler) (…)`, or arithmetic between such aggregations and numbers), as
 * Sloth keeps them; undefined for anything else.
 */
export function groupingOf(query: string): string[] | undefined {
  const text = query.replace(WINDOW, '5m');
  return groupingOfNode(parser.parse(text).topNode.firstChild, text);
}

/**
 * An aggregation over every series (`sum(…)`, `count(…)`) at the top, or arithmetic between such
 * aggregations and numbers (`sum(…) - sum(…)`): one series at most, with no labels.
 */
function isOneSeriesNode(node: SyntaxNode | null): boolean {
  while (node?.name === 'ParenExpr') node = node.firstChild;
  if (node?.name === 'NumberDurationLiteral') return true;
  if (node?.name === 'AggregateExpr')
    return (
      !node.getChild('AggregateModifier') &&
      !['Topk', 'Bottomk', 'Limitk', 'LimitRatio', 'CountValues'].some((op) => node!.getChild('AggregateOp')?.getChild(op))
    );
  if (node?.name === 'BinaryExpr' && !node.getChild('MatchingModifierClause') && !['Or', 'And', 'Unless'].some((op) => node!.getChild(op)))
    return (
      isOneSeriesNode(node.firstChild) &&
      isOneSeriesNode(node.lastChild) &&
      !(node.firstChild?.name === 'NumberDurationLiteral' && node.lastChild?.name === 'NumberDurationLiteral')
    );
  return false;
}

function isOneSeries(query: string): boolean {
  return isOneSeriesNode(parser.parse(query.replace(WINDOW, '5m')).topNode.firstChild);
}

/**
 * Where the query (its window written as 5m) stops being PromQL, as a problem; lezer recovers
 * from errors, so the first error node is the place a reader should look.
 */
function syntaxProblem(query: string, problem: (message: string, hint: string) => void): boolean {
  const text = query.replace(WINDOW, '5m');
  const others = text.match(/\{\{[^}]*\}\}/);
  if (others) {
    problem(
      `query uses the template "${others[0]}": {{.window}} is the only variable Sloth and dac fill in`,
      'write the value into the query, or use {{.window}} for the rate window',
    );
    return true;
  }
  let at: number | undefined;
  parser.parse(text).iterate({
    enter: (n) => {
      if (at === undefined && n.type.isError) at = n.from;
      return at === undefined;
    },
  });
  if (at === undefined) return false;
  const line = text.slice(0, at).split('\n');
  problem(
    `query is not valid PromQL: it breaks at line ${line.length}, column ${line[line.length - 1]!.length + 1} ("${text.slice(at, at + 20).split('\n')[0]}")`,
    'fix the query; promtool and Prometheus would refuse the rule it becomes',
  );
  return true;
}

/**
 * A window query from spec text. With the placeholder, the query is used as written: summed to one
 * series, unless it is grouped (`sum by (handler) (…)`), whose groups stay apart. Without it, it
 * must be a plain counter selector, which dac rates itself.
 */
export function windowQuery(query: string, problem: (message: string, hint: string) => void): WindowQuery | undefined {
  const text = query.trim();
  if (hasWindow(text)) {
    if (syntaxProblem(text, problem)) return undefined;
    // Already one series (`sum(…)` without `by`) or grouped: as written; anything else is summed.
    return groupingOf(text) || isOneSeries(text) ? (w) => text.replace(WINDOW, w) : (w) => `sum(${text.replace(WINDOW, w)})`;
  }
  if (SELECTOR.test(text)) return (w) => `sum(rate(${text}[${w}]))`;
  problem(
    `query "${text}" has no {{.window}} placeholder and is not a plain counter selector`,
    'write the rate window as {{.window}}, e.g. sum(rate(http_requests_total{code=~"5.."}[{{.window}}])), or give just the counter selector',
  );
  return undefined;
}

/**
 * A raw SLI (Sloth's `error_ratio_query`) as errors over events: each evaluation where the ratio
 * exists is one event and the ratio its share of errors, so every window averages the ratio over
 * time, as Sloth does. A ratio that is NaN (0/0, no traffic) is no event rather than a NaN that
 * would poison every window it falls in. Ungrouped ratios of several series are averaged.
 */
export function rawRatioQueries(
  query: string,
  problem: (message: string, hint: string) => void,
): { sli: { errors: WindowQuery; total: WindowQuery }; groupBy?: string[] } | undefined {
  const text = query.trim();
  if (!hasWindow(text)) {
    problem(
      `query "${text.replace(/\s+/g, ' ')}" has no {{.window}} placeholder`,
      'write the window of every range in the ratio as {{.window}}, e.g. [{{.window}}]: each alert window fills it in',
    );
    return undefined;
  }
  if (syntaxProblem(text, problem)) return undefined;
  const ratio = (w: string) => `(${text.replace(WINDOW, w)}) >= 0`;
  const groupBy = groupingOf(text);
  if (groupBy) return { sli: { errors: ratio, total: (w) => `(${ratio(w)}) * 0 + 1` }, groupBy };
  return { sli: { errors: (w) => `avg(${ratio(w)})`, total: (w) => `avg(${ratio(w)}) * 0 + 1` } };
}

export interface Links {
  serviceTitle: string;
  runbookUrl: (alert: string) => string;
  dashboardUrl?: string;
}

const DEFAULT_RUNBOOKS = 'https://runbooks.example.com';

/** Links of a spec's service: the configured service's, or defaults when the spec names another. */
export function linksFor(name: string, service: Service | undefined): Links {
  if (!service) return { serviceTitle: name, runbookUrl: (alert) => `${DEFAULT_RUNBOOKS}/${name}/${alert}` };
  return {
    serviceTitle: service.title,
    runbookUrl: (alert) => runbookUrl(service, alert),
    dashboardUrl: dashboardUrl(service, [], 'slo', []),
  };
}

/**
 * The grouping shared by a spec's queries, or a problem when they differ: a ratio of errors
 * grouped one way to totals grouped another has no meaning per group.
 */
export function sharedGrouping(
  queries: readonly string[],
  problem: (message: string, hint: string) => void,
): { groupBy?: string[] } | undefined {
  const groupings = queries.map((q) => (hasWindow(q) ? groupingOf(q) : undefined));
  const keys = new Set(groupings.map((g) => (g ? g.join(',') : '')));
  if (keys.size > 1) {
    problem(
      `the queries are grouped differently (${groupings.map((g) => (g ? `by (${g.join(', ')})` : 'not grouped')).join(' vs ')})`,
      'group the error and the total query by the same labels, e.g. both `sum by (handler) (…)`, or neither',
    );
    return undefined;
  }
  const first = groupings[0];
  return first ? { groupBy: first } : {};
}

const RESERVED = ['severity', 'sloth_severity', 'service', 'slo', 'job', 'alertname', 'long_window', 'short_window', '__name__'];

/**
 * Labels dac sets itself, as problems. `alert: true` for the labels of alerts only, where a
 * Sloth spec's `severity` is the spec's own (see sloth.ts), so it is not reported.
 */
export function reservedLabelProblems(
  labels: Record<string, string> | undefined,
  file: string,
  path: string[],
  options: { alert?: boolean } = {},
): Diagnostic[] {
  return Object.keys(labels ?? {})
    .filter((k) => RESERVED.includes(k) && !(options.alert && k === 'severity'))
    .map((k) => ({
      severity: 'error' as const,
      check: 'slo/spec',
      where: { file, path: [...path, `labels.${k}`] },
      message: `label "${k}" is set by dac`,
      hint:
        k === 'severity'
          ? 'set severity on the alerts, under alerting.labels or the page and ticket alert labels: on every recorded series it would also be on both alerts'
          : k === 'sloth_severity'
            ? 'dac sets sloth_severity to page or ticket on each alert, as Sloth does; remove it'
            : k === 'job'
              ? 'dac sets job from the configured service, so that dashboards filter SLO series like every other; remove it'
              : 'remove it',
    }));
}
