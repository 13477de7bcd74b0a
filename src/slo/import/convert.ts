/** What the Sloth and OpenSLO importers share: queries with a window placeholder, service links. */
import { parser } from '@prometheus-io/lezer-promql';
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

/**
 * The labels a query is grouped by when its outermost operation is `sum by (…)` (or another
 * aggregation by labels), as Sloth keeps them; undefined for anything else.
 */
export function groupingOf(query: string): string[] | undefined {
  const text = query.replace(WINDOW, '5m');
  let node = parser.parse(text).topNode.firstChild;
  while (node?.name === 'ParenExpr') node = node.firstChild;
  if (node?.name !== 'AggregateExpr') return undefined;
  const modifier = node.getChild('AggregateModifier');
  if (!modifier?.getChild('By')) return undefined;
  const labels = modifier.getChild('GroupingLabels')?.getChildren('LabelName') ?? [];
  return labels.length > 0 ? labels.map((l) => text.slice(l.from, l.to)).sort() : undefined;
}

/**
 * A window query from spec text. With the placeholder, the query is used as written: summed to one
 * series, unless it is grouped (`sum by (handler) (…)`), whose groups stay apart. Without it, it
 * must be a plain counter selector, which dac rates itself.
 */
export function windowQuery(query: string, problem: (message: string, hint: string) => void): WindowQuery | undefined {
  const text = query.trim();
  if (hasWindow(text)) return groupingOf(text) ? (w) => text.replace(WINDOW, w) : (w) => `sum(${text.replace(WINDOW, w)})`;
  if (SELECTOR.test(text)) return (w) => `sum(rate(${text}[${w}]))`;
  problem(
    `query "${text}" has no {{.window}} placeholder and is not a plain counter selector`,
    'write the rate window as {{.window}}, e.g. sum(rate(http_requests_total{code=~"5.."}[{{.window}}])), or give just the counter selector',
  );
  return undefined;
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

export function reservedLabelProblems(labels: Record<string, string> | undefined, file: string, path: string[]): Diagnostic[] {
  return Object.keys(labels ?? {})
    .filter((k) => ['severity', 'service', 'slo', 'job', 'alertname', 'long_window', 'short_window', '__name__'].includes(k))
    .map((k) => ({
      severity: 'error' as const,
      check: 'slo/spec',
      where: { file, path: [...path, `labels.${k}`] },
      message: `label "${k}" is set by dac`,
      hint:
        k === 'severity'
          ? 'dac sets severity to page or ticket, which the generated Alertmanager config routes; put team routing in another label, e.g. team'
          : k === 'job'
            ? 'dac sets job from the configured service, so that dashboards filter SLO series like every other; remove it'
            : 'remove it',
    }));
}
