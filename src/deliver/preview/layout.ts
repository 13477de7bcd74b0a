/**
 * Where Grafana puts each panel: the 24-column grid with 30 px rows and 8 px gaps, rows that own the
 * panels below them (or hold them inside when collapsed), and repeated rows and panels copied once
 * per selected value of their variable, the copies pushing what follows down as Grafana does.
 */
import type { VariableValue } from './grafana/interpolate.js';

export const GRID_COLUMNS = 24;
export const GRID_ROW_HEIGHT = 30;
export const GRID_MARGIN = 8;
/** Grafana's default for horizontally repeated panels without maxPerRow. */
const DEFAULT_MAX_PER_ROW = 4;

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PanelJson {
  id?: number;
  type?: string;
  title?: string;
  description?: string;
  gridPos?: Partial<GridPos>;
  collapsed?: boolean;
  repeat?: string;
  repeatDirection?: string;
  maxPerRow?: number;
  panels?: PanelJson[];
  [key: string]: unknown;
}

export interface PlacedPanel {
  kind: 'row' | 'panel';
  json: PanelJson;
  grid: GridPos;
  /** The variables this copy sees: a repeated copy sees only its own value. */
  scope: Map<string, VariableValue>;
  /** `handler=/items` for a copy of a repeated row or panel. */
  repeatLabel?: string;
  /** Collapsed rows: how many panels they hold. */
  hidden?: number;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** react-grid-layout's arithmetic with Grafana's settings (no container padding). */
export function gridBox(grid: GridPos, containerWidth: number): Box {
  const colWidth = (containerWidth - GRID_MARGIN * (GRID_COLUMNS - 1)) / GRID_COLUMNS;
  return {
    left: Math.round((colWidth + GRID_MARGIN) * grid.x),
    top: Math.round((GRID_ROW_HEIGHT + GRID_MARGIN) * grid.y),
    width: Math.round(colWidth * grid.w + Math.max(0, grid.w - 1) * GRID_MARGIN),
    height: Math.round(GRID_ROW_HEIGHT * grid.h + Math.max(0, grid.h - 1) * GRID_MARGIN),
  };
}

function pos(panel: PanelJson): GridPos {
  const g = panel.gridPos ?? {};
  return { x: g.x ?? 0, y: g.y ?? 0, w: g.w ?? 12, h: g.h ?? 8 };
}

interface Section {
  row: PanelJson | undefined;
  panels: PanelJson[];
}

function sections(top: readonly PanelJson[]): Section[] {
  const sorted = [...top].sort((a, b) => pos(a).y - pos(b).y || pos(a).x - pos(b).x);
  const out: Section[] = [{ row: undefined, panels: [] }];
  for (const panel of sorted) {
    if (panel.type === 'row') out.push({ row: panel, panels: panel.collapsed ? [...(panel.panels ?? [])] : [] });
    else out[out.length - 1]!.panels.push(panel);
  }
  return out.filter((s) => s.row !== undefined || s.panels.length > 0);
}

/** One scope per copy: the variable narrowed to each selected value, or the scope itself. */
function copies(
  repeat: string | undefined,
  scope: Map<string, VariableValue>,
): Array<{ scope: Map<string, VariableValue>; label?: string }> {
  const variable = repeat ? scope.get(repeat) : undefined;
  if (!repeat || !variable || variable.values.length === 0) return [{ scope }];
  return variable.values.map((value) => ({
    scope: new Map(scope).set(repeat, { ...variable, values: [value], all: false }),
    label: `${repeat}=${value}`,
  }));
}

export function layoutPanels(top: readonly PanelJson[], variables: Map<string, VariableValue>): PlacedPanel[] {
  const placed: PlacedPanel[] = [];
  let cursor = 0;
  for (const section of sections(top)) {
    const rowY = section.row ? pos(section.row).y : Math.min(...section.panels.map((p) => pos(p).y));
    for (const copy of copies(section.row?.repeat, variables)) {
      if (section.row) {
        const collapsed = section.row.collapsed === true;
        placed.push({
          kind: 'row',
          json: section.row,
          grid: { x: 0, y: cursor, w: GRID_COLUMNS, h: 1 },
          scope: copy.scope,
          ...(copy.label ? { repeatLabel: copy.label } : {}),
          ...(collapsed ? { hidden: section.panels.length } : {}),
        });
        cursor += 1;
        if (collapsed) continue;
      }
      const base = section.row ? rowY + 1 : rowY;
      const body = placeSection(section.panels, base, copy.scope, copy.label);
      for (const p of body.panels) placed.push({ ...p, grid: { ...p.grid, y: p.grid.y + cursor } });
      cursor += body.height;
    }
  }
  return placed;
}

/** A section's panels at y relative to its top, repeated panels widened into their copies. */
function placeSection(
  panels: readonly PanelJson[],
  base: number,
  scope: Map<string, VariableValue>,
  rowLabel: string | undefined,
): { panels: PlacedPanel[]; height: number } {
  const out: PlacedPanel[] = [];
  // Extra height a repeat added, applied to everything that started below the repeated panel.
  const growth: Array<{ below: number; by: number }> = [];
  for (const panel of panels) {
    const g = pos(panel);
    const relY = g.y - base;
    const shift = growth.filter((x) => relY >= x.below).reduce((sum, x) => sum + x.by, 0);
    const list = copies(panel.repeat, scope);
    const vertical = panel.repeatDirection === 'v';
    const perRow = Math.max(1, Math.min(list.length, panel.maxPerRow ?? DEFAULT_MAX_PER_ROW));
    const width = list.length > 1 && !vertical ? Math.max(Math.floor(GRID_COLUMNS / perRow), 1) : g.w;
    list.forEach((copy, i) => {
      const grid = vertical
        ? { x: g.x, y: relY + shift + i * g.h, w: g.w, h: g.h }
        : list.length > 1
          ? { x: (i % perRow) * width, y: relY + shift + Math.floor(i / perRow) * g.h, w: width, h: g.h }
          : { x: g.x, y: relY + shift, w: g.w, h: g.h };
      const label = copy.label ?? rowLabel;
      out.push({ kind: 'panel', json: panel, grid, scope: copy.scope, ...(label ? { repeatLabel: label } : {}) });
    });
    const rows = vertical ? list.length : Math.ceil(list.length / perRow);
    if (rows > 1) growth.push({ below: relY + g.h, by: (rows - 1) * g.h });
  }
  const height = out.reduce((max, p) => Math.max(max, p.grid.y + p.grid.h), 0);
  return { panels: out, height };
}
