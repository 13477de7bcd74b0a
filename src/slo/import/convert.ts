/** What the Sloth and OpenSLO importers share: queries with a window placeholder, service links. */
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
 * A window query from spec text. With the placeholder, the query is used as written, summed to one
 * series; without it, it must be a plain counter selector, which dac rates itself.
 */
export function windowQuery(query: string, problem: (message: string, hint: string) => void): WindowQuery | undefined {
  const text = query.trim();
  if (hasWindow(text)) return (w) => `sum(${text.replace(WINDOW, w)})`;
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

export function reservedLabelProblems(labels: Record<string, string> | undefined, file: string, path: string[]): Diagnostic[] {
  return Object.keys(labels ?? {})
    .filter((k) => ['severity', 'service', 'slo', 'alertname', 'long_window', 'short_window'].includes(k))
    .map((k) => ({
      severity: 'error' as const,
      check: 'slo/spec',
      where: { file, path: [...path, `labels.${k}`] },
      message: `label "${k}" is set by dac`,
      hint:
        k === 'severity'
          ? 'dac sets severity to page or ticket, which the generated Alertmanager config routes; put team routing in another label, e.g. team'
          : 'remove it',
    }));
}
