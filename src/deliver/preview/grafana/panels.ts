/**
 * Every Prometheus query a dashboard runs when it is opened, with what Grafana needs to send it:
 * range or instant, the panel's resolution and min interval, and the variable a repeated panel (or
 * the panels of a repeated row) is repeated over. Rows, whether collapsed or not, hold no query.
 */

export interface PanelQuery {
  panelId: number | undefined;
  panelTitle: string;
  panelType: string;
  refId: string;
  expr: string;
  /** Grafana's Prometheus source runs a range query, an instant one, or both (when both flags are set). */
  kinds: Array<'range' | 'instant'>;
  /** The panel's resolution: its maxDataPoints, else its width in pixels on a 1920-pixel screen. */
  maxDataPoints: number;
  /** The query's or panel's min interval, when set. */
  minInterval: string | undefined;
  /** Variable the panel is repeated over: one copy of the panel per selected value. */
  repeat: string | undefined;
}

interface PanelJson {
  id?: number;
  type?: string;
  title?: string;
  repeat?: string;
  interval?: string;
  maxDataPoints?: number;
  gridPos?: { w?: number };
  datasource?: { type?: string } | string | null;
  targets?: TargetJson[];
  panels?: PanelJson[];
}

interface TargetJson {
  refId?: string;
  expr?: string;
  hide?: boolean;
  instant?: boolean;
  range?: boolean;
  interval?: string;
  datasource?: { type?: string } | string | null;
}

const SCREEN_WIDTH_PX = 1920;
const GRID_COLUMNS = 24;

export function panelQueries(dashboard: { panels?: unknown[] }): PanelQuery[] {
  const out: PanelQuery[] = [];
  let rowRepeat: string | undefined;
  const visit = (panel: PanelJson, inheritedRepeat: string | undefined): void => {
    if (panel.type === 'row') {
      // A collapsed row keeps its panels inside; an open row owns the panels that follow it.
      rowRepeat = panel.repeat || undefined;
      for (const child of panel.panels ?? []) visit(child, rowRepeat);
      return;
    }
    for (const target of panel.targets ?? []) {
      if (target.hide === true || typeof target.expr !== 'string' || target.expr.trim() === '') continue;
      if (!isPrometheus(target.datasource ?? panel.datasource)) continue;
      out.push({
        panelId: panel.id,
        panelTitle: panel.title ?? '',
        panelType: panel.type ?? '',
        refId: target.refId ?? '?',
        expr: target.expr,
        kinds: queryKinds(target),
        maxDataPoints:
          panel.maxDataPoints ?? Math.max(1, Math.round(((panel.gridPos?.w ?? GRID_COLUMNS) / GRID_COLUMNS) * SCREEN_WIDTH_PX)),
        minInterval: target.interval || panel.interval || undefined,
        repeat: panel.repeat || inheritedRepeat,
      });
    }
  };
  for (const panel of (dashboard.panels ?? []) as PanelJson[]) visit(panel, rowRepeat);
  return out;
}

function queryKinds(target: TargetJson): Array<'range' | 'instant'> {
  if (target.instant === true && target.range === true) return ['range', 'instant'];
  if (target.instant === true) return ['instant'];
  return ['range'];
}

/** No data source means the dashboard's default, which for these dashboards is Prometheus. */
function isPrometheus(ds: TargetJson['datasource']): boolean {
  if (ds === undefined || ds === null) return true;
  if (typeof ds === 'string') return true;
  return ds.type === undefined || ds.type === 'prometheus';
}
