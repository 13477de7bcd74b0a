/**
 * Runs every query of a dashboard against Prometheus the way Grafana would when the dashboard is
 * opened: its own time range, its variables resolved from the data source, the macros computed for
 * each panel, range or instant as each query asks, and one run per value for repeated panels.
 */
import type { EmittedDashboard } from './build-output.js';
import { interpolate, type VariableValue } from '../../src/deliver/preview/grafana/interpolate.js';
import { panelQueries, type PanelQuery } from '../../src/deliver/preview/grafana/panels.js';
import { parseDuration, parseTimeBound, queryIntervals, timeMacros, type TimeRange } from '../../src/deliver/preview/grafana/time.js';
import { resolveVariables, type TemplateVariableJson } from '../../src/deliver/preview/grafana/variables.js';
import type { NativeHistogram, Prometheus, QueryData } from '../../tools/stack/index.js';

export interface QueryContext {
  nowMs: number;
  /** The Prometheus data source's scrape interval setting: the stack's scrape interval. */
  scrapeIntervalMs: number;
  datasourceUid: string;
}

export interface QueryRun {
  dashboard: string;
  panel: string;
  refId: string;
  kind: 'range' | 'instant';
  /** `handler=/items` for one copy of a repeated panel. */
  repeat?: string;
  /** The expression as sent to Prometheus. */
  expr: string;
  /** Series (range) or samples (instant) with at least one number that is not NaN. */
  seriesWithData: number;
  error?: string;
}

export function describeRun(run: QueryRun): string {
  const repeat = run.repeat ? ` [${run.repeat}]` : '';
  return `${run.dashboard} › panel "${run.panel}"${repeat} › ${run.refId} (${run.kind}): ${run.expr}`;
}

export async function runDashboardQueries(prom: Prometheus, dashboard: EmittedDashboard, ctx: QueryContext): Promise<QueryRun[]> {
  const range: TimeRange = {
    fromMs: parseTimeBound(dashboard.json.time?.from ?? 'now-6h', ctx.nowMs),
    toMs: parseTimeBound(dashboard.json.time?.to ?? 'now', ctx.nowMs),
  };
  const startSec = range.fromMs / 1000;
  const endSec = range.toMs / 1000;
  const dashboardMacros = timeMacros(range, queryIntervals(range, { maxDataPoints: 1000, scrapeIntervalMs: ctx.scrapeIntervalMs }));
  const variables = await resolveVariables(
    (dashboard.json.templating?.list ?? []) as TemplateVariableJson[],
    {
      datasourceUid: ctx.datasourceUid,
      labelValues: (label, match) => prom.labelValues(label, match, startSec, endSec),
    },
    dashboardMacros,
  );

  const runs: QueryRun[] = [];
  for (const query of panelQueries(dashboard.json)) {
    for (const scoped of repeatCopies(query, variables)) {
      runs.push(...(await runQuery(prom, dashboard, query, scoped.variables, scoped.label, range, ctx)));
    }
  }
  return runs;
}

/** A repeated panel is drawn once per selected value, each copy seeing only its value. */
function repeatCopies(
  query: PanelQuery,
  variables: Map<string, VariableValue>,
): Array<{ variables: Map<string, VariableValue>; label?: string }> {
  if (!query.repeat) return [{ variables }];
  const variable = variables.get(query.repeat);
  if (!variable) throw new Error(`panel "${query.panelTitle}" repeats over unknown variable ${query.repeat}`);
  if (variable.values.length === 0) throw new Error(`panel "${query.panelTitle}" repeats over ${query.repeat}, which has no value`);
  return variable.values.map((value) => ({
    variables: new Map(variables).set(query.repeat!, { ...variable, values: [value], all: false }),
    label: `${query.repeat}=${value}`,
  }));
}

async function runQuery(
  prom: Prometheus,
  dashboard: EmittedDashboard,
  query: PanelQuery,
  variables: Map<string, VariableValue>,
  repeat: string | undefined,
  range: TimeRange,
  ctx: QueryContext,
): Promise<QueryRun[]> {
  const intervals = queryIntervals(range, {
    maxDataPoints: query.maxDataPoints,
    scrapeIntervalMs: ctx.scrapeIntervalMs,
    ...(query.minInterval ? { minIntervalMs: parseDuration(query.minInterval) } : {}),
  });
  const base = { dashboard: dashboard.title, panel: query.panelTitle, refId: query.refId, ...(repeat ? { repeat } : {}) };
  const { text, unresolved } = interpolate(query.expr, variables, timeMacros(range, intervals));
  // `${1}` in a label_replace replacement is a regex group, not a variable; any other name is a typo.
  const unknown = unresolved.filter((name) => !/^\d+$/.test(name));
  const runs: QueryRun[] = [];
  for (const kind of query.kinds) {
    if (unknown.length > 0) {
      runs.push({ ...base, kind, expr: text, seriesWithData: 0, error: `unknown variable(s) ${unknown.join(', ')}` });
      continue;
    }
    try {
      const data =
        kind === 'range'
          ? await prom.queryRange(
              text,
              alignDown(range.fromMs, intervals.stepMs) / 1000,
              alignDown(range.toMs, intervals.stepMs) / 1000,
              intervals.stepMs / 1000,
            )
          : await prom.queryAt(text, range.toMs / 1000);
      runs.push({ ...base, kind, expr: text, seriesWithData: seriesWithData(data) });
    } catch (err) {
      runs.push({ ...base, kind, expr: text, seriesWithData: 0, error: (err as Error).message });
    }
  }
  return runs;
}

/** Grafana aligns a range query's bounds to its step, so consecutive refreshes hit the same points. */
function alignDown(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}

/**
 * What a panel can draw: NaN points are gaps, so a series made only of NaN shows nothing. A native
 * histogram sample (a heatmap's cell row) counts when it holds observations.
 */
export function seriesWithData(data: QueryData): number {
  const isNumber = (v: string): boolean => !Number.isNaN(Number(v));
  const observed = (h: NativeHistogram): boolean => Number(h.count) > 0;
  switch (data.resultType) {
    case 'matrix':
      return data.result.filter((s) => (s.values ?? []).some(([, v]) => isNumber(v)) || (s.histograms ?? []).some(([, h]) => observed(h)))
        .length;
    case 'vector':
      return data.result.filter((s) => (s.value && isNumber(s.value[1])) || (s.histogram && observed(s.histogram[1]))).length;
    case 'scalar':
      return isNumber(data.result[1]) ? 1 : 0;
    default:
      return 0;
  }
}
