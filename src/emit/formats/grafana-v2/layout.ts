/**
 * The classic grid as a v2beta1 layout. A dashboard without rows is one `GridLayout`; one with
 * rows is a `RowsLayout` whose rows each hold a `GridLayout`, the panels' `y` counted from the row
 * (the classic `y` minus the row's own `y` and its one-unit header), as Grafana converts them.
 * Panels above the first row go into a leading row without a header. A repeated panel's repeat
 * moves onto its grid item, a repeated row's onto the row.
 */
import { elementName, type Json } from './elements.js';

interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

const ROW_HEADER_HEIGHT = 1;

function gridPos(panel: Json): GridPos {
  const g = (panel.gridPos ?? {}) as Partial<GridPos>;
  return { x: g.x ?? 0, y: g.y ?? 0, w: g.w ?? 12, h: g.h ?? 8 };
}

function gridItem(panel: Json, top: number): Json {
  const { x, y, w, h } = gridPos(panel);
  const repeat =
    typeof panel.repeat === 'string' && panel.repeat
      ? {
          repeat: {
            mode: 'variable',
            value: panel.repeat,
            ...(panel.repeatDirection === 'h' || panel.repeatDirection === 'v' ? { direction: panel.repeatDirection } : {}),
            ...(typeof panel.maxPerRow === 'number' ? { maxPerRow: panel.maxPerRow } : {}),
          },
        }
      : {};
  return {
    kind: 'GridLayoutItem',
    spec: { x, y: Math.max(0, y - top), width: w, height: h, element: { kind: 'ElementReference', name: elementName(panel) }, ...repeat },
  };
}

const grid = (panels: Json[], top: number): Json => ({ kind: 'GridLayout', spec: { items: panels.map((p) => gridItem(p, top)) } });

function row(header: Json | undefined, panels: Json[]): Json {
  if (!header) return { kind: 'RowsLayoutRow', spec: { title: '', collapse: false, hideHeader: true, layout: grid(panels, 0) } };
  const top = gridPos(header).y + ROW_HEADER_HEIGHT;
  return {
    kind: 'RowsLayoutRow',
    spec: {
      title: typeof header.title === 'string' ? header.title : '',
      collapse: header.collapsed === true,
      ...(typeof header.repeat === 'string' && header.repeat ? { repeat: { mode: 'variable', value: header.repeat } } : {}),
      layout: grid(panels, top),
    },
  };
}

/** The layout of a classic dashboard's top-level `panels`, and the panels (rows' own included) it places. */
export function layoutOf(panels: Json[]): { layout: Json; placed: Json[] } {
  if (!panels.some((p) => p.type === 'row')) return { layout: grid(panels, 0), placed: panels };
  const rows: Json[] = [];
  const placed: Json[] = [];
  let header: Json | undefined;
  let members: Json[] = [];
  const close = () => {
    if (header || members.length > 0) rows.push(row(header, members));
    placed.push(...members);
  };
  for (const p of panels) {
    if (p.type !== 'row') {
      members.push(p);
      continue;
    }
    close();
    header = p;
    // A collapsed row holds its panels; an expanded one is followed by them.
    members = p.collapsed === true && Array.isArray(p.panels) ? [...(p.panels as Json[])] : [];
  }
  close();
  return { layout: { kind: 'RowsLayout', spec: { rows } }, placed };
}
