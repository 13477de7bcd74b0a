/**
 * OpenSLO documents → dac SLOs: v1 (SLO + ratio SLI, inline or referenced in the same file) and
 * v1alpha as Sloth reads it (an SLO whose every objective is a ratio SLO of its own, named
 * `<name>-<index>`, over a period counted in days).
 */
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Service } from '../../config/types.js';
import type { RatioSli, Slo, WindowQuery } from '../model.js';
import { sloAlertName } from '../service.js';
import { DEFAULT_TIERS } from '../windows.js';
import { linksFor, sharedGrouping, windowQuery } from './convert.js';
import { SCHEMAS, validateDocument } from './validate.js';

interface MetricSource {
  metricSource: { type: string; spec: { query: string } };
}

interface SliSpec {
  description?: string;
  ratioMetric: { counter?: true; good?: MetricSource; bad?: MetricSource; total: MetricSource };
}

interface SliDoc {
  kind: 'SLI';
  metadata: { name: string };
  spec: SliSpec;
}

interface SloDoc {
  kind: 'SLO';
  metadata: { name: string; displayName?: string };
  spec: {
    description?: string;
    service: string;
    indicator?: { metadata: { name: string }; spec: SliSpec };
    indicatorRef?: string;
    timeWindow: [{ duration: string; isRolling: true }];
    budgetingMethod: 'Occurrences';
    objectives: [{ target?: number; targetPercent?: number }];
  };
}

interface AlphaQuery {
  query: string;
}

interface AlphaSloDoc {
  apiVersion: 'openslo/v1alpha';
  kind: 'SLO';
  metadata: { name: string; displayName?: string };
  spec: {
    description?: string;
    service: string;
    timeWindows?: [{ count: number; unit: string }];
    objectives: { displayName?: string; target: number; ratioMetrics: { good?: AlphaQuery; bad?: AlphaQuery; total: AlphaQuery } }[];
  };
}

/** The period Sloth gives a v1alpha SLO without a time window. */
const ALPHA_DEFAULT_PERIOD = '30d';

/** Kinds an OpenSLO file may hold that carry nothing dac turns into rules. */
const IGNORED_KINDS = new Set(['Service', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget']);

export function isOpenSloDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && String((doc as { apiVersion?: unknown }).apiVersion ?? '').startsWith('openslo/');
}

/** Errors over total from good or bad and total queries, each with the window placeholder or a counter selector. */
function ratioSli(
  q: { good?: string; bad?: string; total: string },
  at: string,
  problem: (field: string) => (message: string, hint: string) => void,
): { sli: RatioSli; groupBy?: string[] } | undefined {
  const total = windowQuery(q.total, problem(`${at}.total`));
  const grouping = sharedGrouping([q.total, q.bad ?? q.good!], problem(at));
  let errors: WindowQuery | undefined;
  if (q.bad !== undefined) errors = windowQuery(q.bad, problem(`${at}.bad`));
  else {
    const good = windowQuery(q.good!, problem(`${at}.good`));
    // The good series may not exist yet (a service, or one group of it, that starts broken has only
    // failures): without a zero in its place the difference would vanish and an outage read as no errors.
    if (good && total) errors = (w) => `${total(w)} - (${good(w)} or ${total(w)} * 0)`;
  }
  return errors && total && grouping ? { sli: { errors, total }, ...grouping } : undefined;
}

/** The SLOs of one v1alpha SLO document, one per objective, named as Sloth names them. */
function alphaSlos(doc: AlphaSloDoc, file: string, path: string[], services: readonly Service[], problems: Diagnostic[]): Slo[] {
  const service = services.find((s) => s.name === doc.spec.service);
  const links = linksFor(doc.spec.service, service);
  const period = doc.spec.timeWindows?.[0] ? `${doc.spec.timeWindows[0].count}d` : ALPHA_DEFAULT_PERIOD;
  const out: Slo[] = [];
  doc.spec.objectives.forEach((o, i) => {
    const name = `${doc.metadata.name}-${i}`;
    const at = [...path, `SLO ${doc.metadata.name}`, `objectives[${i}] (${name})`];
    const problem = (field: string) => (message: string, hint: string) =>
      problems.push({ severity: 'error', check: 'slo/spec', where: { file, path: [...at, field] }, message, hint });
    const m = o.ratioMetrics;
    const ratio = ratioSli({ total: m.total.query, ...(m.bad ? { bad: m.bad.query } : { good: m.good!.query }) }, 'ratioMetrics', problem);
    if (!ratio) return;
    const alert = sloAlertName(name);
    const description = doc.spec.description ?? o.displayName ?? doc.metadata.displayName;
    out.push({
      service: doc.spec.service,
      ...(service ? { job: service.selector.job } : {}),
      serviceTitle: links.serviceTitle,
      name,
      kind: 'ratio',
      objective: Number((o.target * 100).toPrecision(12)),
      period,
      ...(description ? { description } : {}),
      sli: ratio.sli,
      ...(ratio.groupBy ? { groupBy: ratio.groupBy } : {}),
      tiers: [...DEFAULT_TIERS],
      alerting: { name: alert, labels: {}, annotations: {}, page: true, ticket: true },
      runbookUrl: links.runbookUrl(alert),
      ...(links.dashboardUrl ? { dashboardUrl: links.dashboardUrl } : {}),
      source: file,
      path: at,
    });
  });
  return out;
}

export function openSloSlos(
  docs: unknown[],
  file: string,
  services: readonly Service[],
  problems: Diagnostic[],
  paths?: string[][],
): Slo[] {
  const slis = new Map<string, SliSpec>();
  const slos: [SloDoc, string[]][] = [];
  const alpha: Slo[] = [];
  docs.forEach((doc, i) => {
    const path = paths?.[i] ?? (docs.length > 1 ? [`document ${i + 1}`] : []);
    const kind = (doc as { kind?: unknown } | null)?.kind;
    const version = (doc as { apiVersion?: unknown } | null)?.apiVersion;
    if (version === 'openslo/v1alpha' && kind === 'SLO') {
      const p = validateDocument(SCHEMAS.openSloAlpha, doc, file, path);
      problems.push(...p);
      if (p.length === 0) alpha.push(...alphaSlos(doc as AlphaSloDoc, file, path, services, problems));
    } else if (version !== 'openslo/v1' && kind !== 'Service') {
      problems.push({
        severity: 'error',
        check: 'slo/spec',
        where: { file, path: [...path, 'apiVersion'] },
        message: `apiVersion ${JSON.stringify(version)} is not an OpenSLO version dac reads`,
        hint: 'dac reads openslo/v1 (SLO and SLI documents) and openslo/v1alpha (SLO documents with ratioMetrics)',
      });
    } else if (kind === 'SLI') {
      const p = validateDocument(SCHEMAS.openSloSli, doc, file, path);
      problems.push(...p);
      if (p.length === 0) slis.set((doc as SliDoc).metadata.name, (doc as SliDoc).spec);
    } else if (kind === 'SLO') {
      const p = validateDocument(SCHEMAS.openSloSlo, doc, file, path);
      problems.push(...p);
      if (p.length === 0) slos.push([doc as SloDoc, [...path, `SLO ${(doc as SloDoc).metadata.name}`]]);
    } else if (!IGNORED_KINDS.has(String(kind))) {
      problems.push({
        severity: 'error',
        check: 'slo/spec',
        where: { file, path: [...path, 'kind'] },
        message: `kind ${JSON.stringify(kind)} is not an OpenSLO v1 kind dac reads`,
        hint: 'dac imports SLO and SLI documents (and skips Service, DataSource and alerting kinds)',
      });
    }
  });
  const out: Slo[] = [...alpha];
  for (const [doc, path] of slos) {
    const sli = doc.spec.indicator?.spec ?? slis.get(doc.spec.indicatorRef ?? '');
    const problem = (field: string) => (message: string, hint: string) =>
      problems.push({ severity: 'error', check: 'slo/spec', where: { file, path: [...path, field] }, message, hint });
    if (!sli) {
      problem('spec.indicatorRef')(
        `no SLI named "${doc.spec.indicatorRef}" in this file`,
        'define the SLI in the same file, or inline it under spec.indicator',
      );
      continue;
    }
    const before = problems.length;
    const m = sli.ratioMetric;
    const ratio = ratioSli(
      {
        total: m.total.metricSource.spec.query,
        ...(m.bad ? { bad: m.bad.metricSource.spec.query } : { good: m.good!.metricSource.spec.query }),
      },
      'ratioMetric',
      problem,
    );
    if (problems.length > before || !ratio) continue;
    const o = doc.spec.objectives[0];
    const objective = o.targetPercent ?? Number(((o.target ?? NaN) * 100).toPrecision(12));
    const service = services.find((s) => s.name === doc.spec.service);
    const links = linksFor(doc.spec.service, service);
    const name = sloAlertName(doc.metadata.name);
    const description = doc.spec.description ?? sli.description ?? doc.metadata.displayName;
    out.push({
      service: doc.spec.service,
      ...(service ? { job: service.selector.job } : {}),
      serviceTitle: links.serviceTitle,
      name: doc.metadata.name,
      kind: 'ratio',
      objective,
      period: doc.spec.timeWindow[0].duration,
      ...(description ? { description } : {}),
      sli: ratio.sli,
      ...(ratio.groupBy ? { groupBy: ratio.groupBy } : {}),
      tiers: [...DEFAULT_TIERS],
      alerting: { name, labels: {}, annotations: {}, page: true, ticket: true },
      runbookUrl: links.runbookUrl(name),
      ...(links.dashboardUrl ? { dashboardUrl: links.dashboardUrl } : {}),
      source: file,
      path,
    });
  }
  return out;
}
