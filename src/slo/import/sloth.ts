/**
 * Sloth specs → dac SLOs: the `prometheus/v1` YAML spec and the `sloth.slok.dev/v1`
 * PrometheusServiceLevel resource (the same service level, its fields in camelCase under `spec`),
 * with events or raw SLIs. The period is Sloth's default, 30d.
 *
 * Alerts keep Sloth's routing contract: `sloth_severity` is `page` or `ticket`, and `severity` is
 * whatever the spec's page or ticket alert labels say (dac's `page` / `ticket` when they say nothing).
 */
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Service } from '../../config/types.js';
import type { Budgeted, RatioSli, Slo } from '../model.js';
import { sloAlertName } from '../service.js';
import { DEFAULT_TIERS } from '../windows.js';
import { linksFor, rawRatioQueries, reservedLabelProblems, sharedGrouping, windowQuery } from './convert.js';
import { KUBERNETES_V1, PROMETHEUS_V1, type SlothSpelling } from './schemas.js';
import { SCHEMAS, validateDocument } from './validate.js';

type LabelValues = Record<string, string | number | boolean>;

interface SlothAlert {
  disable?: boolean;
  labels?: LabelValues;
  annotations?: Record<string, string>;
}

interface SlothPlugins {
  overridePrevious?: boolean;
  chain: { id: string; priority?: number; config?: unknown }[];
}

/** One SLO as either spelling writes it; fields are read through a SlothSpelling. */
interface SlothSlo {
  name: string;
  objective: number;
  description?: string;
  labels?: LabelValues;
  plugins?: SlothPlugins;
  sli: { events?: Record<string, string>; raw?: Record<string, string>; plugin?: { id: string } };
  alerting?: { name?: string; labels?: LabelValues; annotations?: Record<string, string> } & Record<string, SlothAlert | undefined>;
}

interface SlothServiceLevel {
  service: string;
  labels?: LabelValues;
  slos: SlothSlo[];
}

export const SLOTH_PERIOD = '30d';
/** The label Sloth puts the tier in, `page` or `ticket`, on every alert it writes. */
export const SLOTH_TIER_LABEL = 'sloth_severity';

export type SlothForm = 'prometheus/v1' | 'PrometheusServiceLevel';

export function slothFormOf(doc: unknown): SlothForm | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const d = doc as { version?: unknown; apiVersion?: unknown; kind?: unknown };
  if (d.version !== undefined && String(d.version).startsWith('prometheus/')) return 'prometheus/v1';
  if (String(d.apiVersion ?? '').startsWith('sloth.slok.dev/') && d.kind === 'PrometheusServiceLevel') return 'PrometheusServiceLevel';
  return undefined;
}

const text = (labels: LabelValues | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(labels ?? {}).map(([k, v]) => [k, String(v)]));

/**
 * Plugins of Sloth's own default chain, or that only log: the rules dac writes are the same
 * with or without them.
 */
const HARMLESS_PLUGINS = new Set([
  'sloth.dev/core/debug/v1',
  'sloth.dev/core/noop/v1',
  'sloth.dev/core/validate/v1',
  'sloth.dev/core/sli_rules/v1',
  'sloth.dev/core/metadata_rules/v1',
  'sloth.dev/core/alert_rules/v1',
]);
const INFO_LABELS = 'sloth.dev/contrib/info_labels/v1';

/** What to write instead of a Sloth SLO plugin dac does not run. */
const PLUGIN_INSTEAD: Record<string, string> = {
  'sloth.dev/contrib/rule_intervals/v1':
    "remove it: dac's SLO rules run at Prometheus's evaluation_interval, which their raw windows, their 5m averages and their generated promtool tests assume (one sample a minute)",
  'sloth.dev/contrib/denominator_corrected_rules/v1':
    "remove it: dac's windows over 1 h already weigh errors by traffic (a ratio of averaged rates), and a TypeScript ratioSlo({ minRequestRate }) keeps quiet hours from paging",
  'sloth.dev/contrib/validate_victoria_metrics/v1':
    'dac writes Prometheus rules and checks the queries as PromQL; write them in PromQL (MetricsQL-only functions such as histogram_share do not load in Prometheus)',
  'sloth.dev/contrib/error_budget_exhausted_alert/v1':
    'remove it and write that alert in a rules/*.ts module on slo:error_budget_remaining:ratio{service=…, slo=…} <= 0',
  'sloth.dev/contrib/remove_labels/v1': 'remove it, and the labels it removes from the spec',
};

function pluginProblems(plugins: SlothPlugins | undefined, at: string[], file: string, problems: Diagnostic[]): Record<string, string> {
  const info: Record<string, string> = {};
  (plugins?.chain ?? []).forEach((p, i) => {
    const where = { file, path: [...at, `chain[${i}] (${p.id})`] };
    if (HARMLESS_PLUGINS.has(p.id)) return;
    if (p.id === INFO_LABELS) {
      const config = (p.config ?? {}) as { labels?: unknown; metricName?: unknown };
      if (config.metricName !== undefined)
        problems.push({
          severity: 'error',
          check: 'slo/plugin',
          where,
          message: `the ${INFO_LABELS} plugin's metricName is not supported`,
          hint: 'remove metricName: dac puts the labels on its own info series, slo:metadata:info',
        });
      const labels = config.labels;
      if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
        problems.push({
          severity: 'error',
          check: 'slo/plugin',
          where,
          message: `the ${INFO_LABELS} plugin needs config.labels, a map of label names to values`,
          hint: 'add config: { labels: { name: value } }, or remove the plugin',
        });
      else
        for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
          if (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) && ['string', 'number', 'boolean'].includes(typeof v)) info[k] = String(v);
          else
            problems.push({
              severity: 'error',
              check: 'slo/plugin',
              where: { file, path: [...where.path, `config.labels.${k}`] },
              message: `info label "${k}" is not a Prometheus 2 label name with a plain value`,
              hint: 'use letters, digits and underscores, not starting with a digit, and a string value: Prometheus 2.x refuses to load other names',
            });
        }
      return;
    }
    problems.push({
      severity: 'error',
      check: 'slo/plugin',
      where,
      message: `Sloth SLO plugin "${p.id}" is not supported: it is Sloth code that changes the rules Sloth writes, and dac writes its own`,
      hint:
        PLUGIN_INSTEAD[p.id] ??
        'remove it, or write this SLO in TypeScript (ratioSlo in a rules/*.ts module) with the rules the plugin would have added',
    });
  });
  return info;
}

/** The SLI of one Sloth SLO, or undefined after reporting why not. */
function slothSli(
  s: SlothSlo,
  spell: SlothSpelling,
  problem: (field: string) => (message: string, hint: string) => void,
): { sli: RatioSli; groupBy?: string[] } | undefined {
  const kinds = (['events', 'raw', 'plugin'] as const).filter((k) => s.sli[k] !== undefined);
  if (kinds.length > 1) {
    problem('sli')(`the SLI is given as ${kinds.join(' and ')}`, 'keep one of them: as in Sloth, an SLI is events, raw or a plugin');
    return undefined;
  }
  if (s.sli.plugin) {
    problem('sli.plugin')(
      `SLI plugin "${s.sli.plugin.id}" is not supported: it is Go code that only Sloth can run`,
      `write the queries it generates in the spec instead: sli.events with ${spell.errorQuery} and ${spell.totalQuery} (each with {{.window}}), or sli.raw.${spell.errorRatioQuery}; \`sloth generate\` shows them in its slo:sli_error:ratio_rate5m rule`,
    );
    return undefined;
  }
  if (s.sli.raw) return rawRatioQueries(s.sli.raw[spell.errorRatioQuery]!, problem(`sli.raw.${spell.errorRatioQuery}`));
  const events = s.sli.events!;
  const [errorText, totalText] = [events[spell.errorQuery]!, events[spell.totalQuery]!];
  if (errorText.trim() === totalText.trim()) {
    problem('sli.events')('the error and the total query are the same', 'the error query selects only the bad events of the total one');
    return undefined;
  }
  const errors = windowQuery(errorText, problem(`sli.events.${spell.errorQuery}`));
  const total = windowQuery(totalText, problem(`sli.events.${spell.totalQuery}`));
  const grouping = sharedGrouping([errorText, totalText], problem('sli.events'));
  return errors && total && grouping ? { sli: { errors, total }, ...grouping } : undefined;
}

/**
 * The SLOs of one Sloth document. `at` prefixes every object path (`document 2` in a file of
 * several documents).
 */
export function slothSlos(doc: unknown, file: string, at: string[], services: readonly Service[], problems: Diagnostic[]): Slo[] {
  const form = slothFormOf(doc);
  const kubernetes = form === 'PrometheusServiceLevel';
  const schemaProblems = validateDocument(kubernetes ? SCHEMAS.slothKubernetes : SCHEMAS.sloth, doc, file, at);
  if (schemaProblems.length > 0) {
    problems.push(...schemaProblems);
    return [];
  }
  const spell = kubernetes ? KUBERNETES_V1 : PROMETHEUS_V1;
  const level = (kubernetes ? (doc as { spec: unknown }).spec : doc) as SlothServiceLevel & Record<string, SlothPlugins | undefined>;
  const base = kubernetes ? [...at, 'spec'] : at;
  const service = services.find((s) => s.name === level.service);
  const links = linksFor(level.service, service);
  const groupInfo = pluginProblems(level[spell.sloPlugins], [...base, spell.sloPlugins], file, problems);
  problems.push(...reservedLabelProblems(text(level.labels), file, base));
  const out: Slo[] = [];
  level.slos.forEach((s, i) => {
    const path = [...base, `slos[${i}] (${s.name})`];
    const before = problems.length;
    const problem = (field: string) => (message: string, hint: string) =>
      problems.push({ severity: 'error', check: 'slo/spec', where: { file, path: [...path, field] }, message, hint });
    const info = { ...groupInfo, ...pluginProblems(s.plugins, [...path, 'plugins'], file, problems) };
    const sli = slothSli(s, spell, problem);
    const a = s.alerting ?? {};
    const tierAlert = (tier: Budgeted): SlothAlert => a[tier === 'page' ? spell.pageAlert : spell.ticketAlert] ?? {};
    const [page, ticket] = [tierAlert('page'), tierAlert('ticket')];
    // As in Sloth: the spec's and the SLO's labels go on every recorded series and alert, alerting.labels on alerts only.
    const labels = { ...text(level.labels), ...text(s.labels) };
    const alertLabels = text(a.labels);
    const [pageLabels, ticketLabels] = [text(page.labels), text(ticket.labels)];
    problems.push(
      ...reservedLabelProblems(text(s.labels), file, path),
      ...reservedLabelProblems(alertLabels, file, [...path, 'alerting'], { alert: true }),
      ...reservedLabelProblems(pageLabels, file, [...path, `alerting.${spell.pageAlert}`], { alert: true }),
      ...reservedLabelProblems(ticketLabels, file, [...path, `alerting.${spell.ticketAlert}`], { alert: true }),
    );
    if (problems.length > before || !sli) return;
    // Sloth's users route on the severity their spec gives each alert; dac keeps it and says the tier in sloth_severity.
    const severity: Partial<Record<Budgeted, string>> = {};
    for (const [tier, own] of [
      ['page', pageLabels],
      ['ticket', ticketLabels],
    ] as const) {
      const value = own.severity ?? alertLabels.severity;
      if (value !== undefined) severity[tier] = value;
      delete own.severity;
    }
    delete alertLabels.severity;
    const name = a.name ?? sloAlertName(s.name);
    out.push({
      service: level.service,
      ...(service ? { job: service.selector.job } : {}),
      serviceTitle: links.serviceTitle,
      name: s.name,
      kind: 'ratio',
      objective: s.objective,
      period: SLOTH_PERIOD,
      ...(s.description ? { description: s.description } : {}),
      sli: sli.sli,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(Object.keys(info).length > 0 ? { infoLabels: info } : {}),
      ...(sli.groupBy ? { groupBy: sli.groupBy } : {}),
      tiers: [...DEFAULT_TIERS],
      alerting: {
        name,
        labels: alertLabels,
        annotations: { ...(a.annotations ?? {}) },
        page: !page.disable,
        ticket: !ticket.disable,
        bySeverity: {
          page: { labels: pageLabels, annotations: { ...(page.annotations ?? {}) } },
          ticket: { labels: ticketLabels, annotations: { ...(ticket.annotations ?? {}) } },
        },
        ...(Object.keys(severity).length > 0 ? { severity } : {}),
        tierLabel: SLOTH_TIER_LABEL,
      },
      runbookUrl: links.runbookUrl(name),
      ...(links.dashboardUrl ? { dashboardUrl: links.dashboardUrl } : {}),
      source: file,
      path,
    });
  });
  return out;
}
