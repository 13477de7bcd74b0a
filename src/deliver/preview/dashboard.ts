/**
 * One dashboard as Grafana opens it: its time range, its variables resolved, its panels laid out
 * (repeats expanded) and every query of every visible panel run with the macros of that panel.
 */
import { interpolate, formatVariable, type VariableValue } from './grafana/interpolate.js';
import { panelQueries } from './grafana/panels.js';
import { parseDuration, parseTimeBound, queryIntervals, timeMacros, type TimeRange } from './grafana/time.js';
import type { DataSource, QueryResult } from './data.js';
import { layoutPanels, type GridPos, type PanelJson } from './layout.js';

export interface DashboardJson {
  uid?: string;
  title?: string;
  description?: string;
  time?: { from?: string; to?: string };
  templating?: { list?: unknown[] };
  panels?: PanelJson[];
  [key: string]: unknown;
}

export interface PreviewPanel {
  kind: 'row' | 'panel';
  json: PanelJson;
  title: string;
  grid: GridPos;
  repeatLabel?: string;
  hidden?: number;
  results: QueryResult[];
}

export interface PreviewDashboard {
  uid: string;
  title: string;
  description: string;
  range: TimeRange;
  rangeText: string;
  synthetic: boolean;
  variables: Array<{ name: string; label: string; text: string }>;
  panels: PreviewPanel[];
}

/** Grafana's Prometheus data source assumes a 15 s scrape interval when none is configured. */
const DEFAULT_SCRAPE_MS = 15_000;

export interface PreviewOptions {
  nowMs: number;
  scrapeIntervalMs?: number;
  /** Replaces the dashboard's own time range, as Grafana's `from`/`to` URL parameters do. */
  timeRange?: { from?: string; to?: string };
}

export async function previewDashboard(dashboard: DashboardJson, source: DataSource, options: PreviewOptions): Promise<PreviewDashboard> {
  const from = options.timeRange?.from ?? dashboard.time?.from ?? 'now-6h';
  const to = options.timeRange?.to ?? dashboard.time?.to ?? 'now';
  const range: TimeRange = { fromMs: parseTimeBound(from, options.nowMs), toMs: parseTimeBound(to, options.nowMs) };
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_MS;
  const dashboardMacros = timeMacros(range, queryIntervals(range, { maxDataPoints: 1000, scrapeIntervalMs }));
  const list = (dashboard.templating?.list ?? []) as Array<{ name: string; label?: string; type?: string; hide?: number }>;
  const variables = await source.variables(list, range, dashboardMacros);

  const panels: PreviewPanel[] = [];
  for (const placed of layoutPanels(dashboard.panels ?? [], variables)) {
    const title = textOf(placed.json.title ?? '', placed.scope);
    const base = {
      kind: placed.kind,
      json: placed.json,
      title,
      grid: placed.grid,
      ...(placed.repeatLabel ? { repeatLabel: placed.repeatLabel } : {}),
      ...(placed.hidden !== undefined ? { hidden: placed.hidden } : {}),
    };
    if (placed.kind === 'row') {
      panels.push({ ...base, results: [] });
      continue;
    }
    // panelQueries sizes the resolution from the panel's width: give it the copy's own width.
    const sized = { ...placed.json, gridPos: placed.grid, repeat: undefined };
    const targets = new Map(((placed.json.targets ?? []) as Array<Record<string, unknown>>).map((t) => [String(t.refId ?? '?'), t]));
    const results: QueryResult[] = [];
    for (const q of panelQueries({ panels: [sized] })) {
      const intervals = queryIntervals(range, {
        maxDataPoints: q.maxDataPoints,
        scrapeIntervalMs,
        ...(q.minInterval ? { minIntervalMs: parseDuration(q.minInterval) } : {}),
      });
      const { text, unresolved } = interpolate(q.expr, placed.scope, timeMacros(range, intervals));
      // `${1}` in a label_replace replacement is a regex group, not a variable.
      const unknown = unresolved.filter((name) => !/^\d+$/.test(name));
      const target = targets.get(q.refId) ?? {};
      for (const kind of q.kinds) {
        if (unknown.length > 0) {
          results.push({
            refId: q.refId,
            kind,
            expr: text,
            series: [],
            error: `unknown variable(s) ${unknown.map((n) => `$${n}`).join(', ')}`,
          });
          continue;
        }
        results.push(
          await source.run({
            refId: q.refId,
            expr: text,
            template: q.expr,
            kind,
            legendFormat: typeof target.legendFormat === 'string' ? target.legendFormat : undefined,
            format: typeof target.format === 'string' ? target.format : undefined,
            unit: unitOf(placed.json, q.refId),
            tableLabels: tableLabels(placed.json),
            seed: `${dashboard.uid ?? ''}|${placed.json.id ?? title}|${placed.repeatLabel ?? ''}`,
            range,
            stepMs: intervals.stepMs,
          }),
        );
      }
    }
    panels.push({ ...base, results });
  }

  return {
    uid: dashboard.uid ?? '',
    title: dashboard.title ?? dashboard.uid ?? 'untitled',
    description: dashboard.description ?? '',
    range,
    rangeText: `${from} to ${to}`,
    synthetic: source.synthetic,
    variables: list
      .filter((v) => v.hide !== 2 && variables.has(v.name))
      .map((v) => ({ name: v.name, label: v.label ?? v.name, text: formatVariable(v.name, variables.get(v.name)!, 'text') })),
    panels,
  };
}

/** A title with its variables written as Grafana shows them: the value, or "All". */
function textOf(template: string, scope: Map<string, VariableValue>): string {
  const texts = new Map<string, VariableValue>();
  for (const [name, v] of scope) {
    if (v.values.length === 0 && !v.all) continue;
    texts.set(name, { values: [formatVariable(name, v, 'text')], all: false, multi: false, includeAll: false });
  }
  return interpolate(template, texts, new Map()).text.replace(/\\(.)/g, '$1');
}

/** The unit a query's values are shown in: for a table, its column's override, else the panel's. */
function unitOf(panel: PanelJson, refId: string): string | undefined {
  const fc = panel.fieldConfig as
    | {
        defaults?: { unit?: unknown };
        overrides?: Array<{ matcher?: { id?: string; options?: unknown }; properties?: Array<{ id?: string; value?: unknown }> }>;
      }
    | undefined;
  if (panel.type === 'table') {
    const organize = ((panel.transformations ?? []) as Array<{ id?: string; options?: { renameByName?: Record<string, string> } }>).find(
      (t) => t.id === 'organize',
    );
    const column = organize?.options?.renameByName?.[`Value #${refId}`];
    const override = fc?.overrides?.find((o) => o.matcher?.id === 'byName' && o.matcher.options === column);
    const unit = override?.properties?.find((p) => p.id === 'unit')?.value;
    if (typeof unit === 'string') return unit;
  }
  const unit = fc?.defaults?.unit;
  return typeof unit === 'string' ? unit : undefined;
}

/** The label columns a table's organize transformation names: what its rows are keyed by. */
function tableLabels(panel: PanelJson): string[] {
  if (panel.type !== 'table') return [];
  const out = new Set<string>();
  for (const t of (panel.transformations ?? []) as Array<{ id?: string; options?: { indexByName?: Record<string, number> } }>) {
    for (const name of Object.keys(t.options?.indexByName ?? {})) if (name !== 'Time' && !name.startsWith('Value')) out.add(name);
  }
  return [...out];
}
