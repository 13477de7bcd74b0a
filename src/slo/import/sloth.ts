/** Sloth `prometheus/v1` specs → dac SLOs (event SLIs; the period is dac's default, 30d). */
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Service } from '../../config/types.js';
import type { Slo } from '../model.js';
import { sloAlertName } from '../service.js';
import { DEFAULT_TIERS } from '../windows.js';
import { linksFor, reservedLabelProblems, sharedGrouping, windowQuery } from './convert.js';
import { SCHEMAS, validateDocument } from './validate.js';

interface SlothAlert {
  disable?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface SlothSpec {
  version: 'prometheus/v1';
  service: string;
  labels?: Record<string, string>;
  slos: {
    name: string;
    objective: number;
    description?: string;
    labels?: Record<string, string>;
    sli: { events: { error_query: string; total_query: string } };
    alerting?: {
      name?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
      page_alert?: SlothAlert;
      ticket_alert?: SlothAlert;
    };
  }[];
}

export const SLOTH_PERIOD = '30d';

export function isSlothDocument(doc: unknown): boolean {
  return (
    typeof doc === 'object' && doc !== null && 'version' in doc && String((doc as { version: unknown }).version).startsWith('prometheus/')
  );
}

export function slothSlos(doc: unknown, file: string, services: readonly Service[], problems: Diagnostic[]): Slo[] {
  const schemaProblems = validateDocument(SCHEMAS.sloth, doc, file, []);
  if (schemaProblems.length > 0) {
    problems.push(...schemaProblems);
    return [];
  }
  const spec = doc as SlothSpec;
  const service = services.find((s) => s.name === spec.service);
  const links = linksFor(spec.service, service);
  const out: Slo[] = [];
  spec.slos.forEach((s, i) => {
    const path = [`slos[${i}] (${s.name})`];
    const before = problems.length;
    const problem = (field: string) => (message: string, hint: string) =>
      problems.push({ severity: 'error', check: 'slo/spec', where: { file, path: [...path, field] }, message, hint });
    const errors = windowQuery(s.sli.events.error_query, problem('sli.events.error_query'));
    const total = windowQuery(s.sli.events.total_query, problem('sli.events.total_query'));
    const grouping = sharedGrouping([s.sli.events.error_query, s.sli.events.total_query], problem('sli.events'));
    const a = s.alerting ?? {};
    // As in Sloth: the spec's and the SLO's labels go on every recorded series and alert, alerting.labels on alerts only.
    const labels = { ...(spec.labels ?? {}), ...(s.labels ?? {}) };
    problems.push(
      ...reservedLabelProblems(labels, file, path),
      ...reservedLabelProblems(a.labels, file, [...path, 'alerting']),
      ...reservedLabelProblems(a.page_alert?.labels, file, [...path, 'alerting.page_alert']),
      ...reservedLabelProblems(a.ticket_alert?.labels, file, [...path, 'alerting.ticket_alert']),
    );
    if (problems.length > before || !errors || !total || !grouping) return;
    const name = a.name ?? sloAlertName(s.name);
    out.push({
      service: spec.service,
      ...(service ? { job: service.selector.job } : {}),
      serviceTitle: links.serviceTitle,
      name: s.name,
      kind: 'ratio',
      objective: s.objective,
      period: SLOTH_PERIOD,
      ...(s.description ? { description: s.description } : {}),
      sli: { errors, total },
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...grouping,
      tiers: [...DEFAULT_TIERS],
      alerting: {
        name,
        labels: { ...(a.labels ?? {}) },
        annotations: { ...(a.annotations ?? {}) },
        page: !a.page_alert?.disable,
        ticket: !a.ticket_alert?.disable,
        bySeverity: {
          page: { labels: { ...(a.page_alert?.labels ?? {}) }, annotations: { ...(a.page_alert?.annotations ?? {}) } },
          ticket: { labels: { ...(a.ticket_alert?.labels ?? {}) }, annotations: { ...(a.ticket_alert?.annotations ?? {}) } },
        },
      },
      runbookUrl: links.runbookUrl(name),
      ...(links.dashboardUrl ? { dashboardUrl: links.dashboardUrl } : {}),
      source: file,
      path,
    });
  });
  return out;
}
