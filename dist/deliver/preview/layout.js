const GRID_COLUMNS = 24;
const GRID_ROW_HEIGHT = 30;
const GRID_MARGIN = 8;
const DEFAULT_MAX_PER_ROW = 4;
function gridBox(grid, containerWidth) {
  const colWidth = (containerWidth - GRID_MARGIN * (GRID_COLUMNS - 1)) / GRID_COLUMNS;
  return {
    left: Math.round((colWidth + GRID_MARGIN) * grid.x),
    top: Math.round((GRID_ROW_HEIGHT + GRID_MARGIN) * grid.y),
    width: Math.round(colWidth * grid.w + Math.max(0, grid.w - 1) * GRID_MARGIN),
    height: Math.round(GRID_ROW_HEIGHT * grid.h + Math.max(0, grid.h - 1) * GRID_MARGIN)
  };
}
function pos(panel) {
  const g = panel.gridPos ?? {};
  return { x: g.x ?? 0, y: g.y ?? 0, w: g.w ?? 12, h: g.h ?? 8 };
}
function sections(top) {
  const sorted = [...top].sort((a, b) => pos(a).y - pos(b).y || pos(a).x - pos(b).x);
  const out = [{ row: void 0, panels: [] }];
  for (const panel of sorted) {
    if (panel.type === "row") out.push({ row: panel, panels: panel.collapsed ? [...panel.panels ?? []] : [] });
    else out[out.length - 1].panels.push(panel);
  }
  return out.filter((s) => s.row !== void 0 || s.panels.length > 0);
}
function copies(repeat, scope) {
  const variable = repeat ? scope.get(repeat) : void 0;
  if (!repeat || !variable || variable.values.length === 0) return [{ scope }];
  return variable.values.map((value) => ({
    scope: new Map(scope).set(repeat, { ...variable, values: [value], all: false }),
    label: `${repeat}=${value}`
  }));
}
function layoutPanels(top, variables) {
  const placed = [];
  let cursor = 0;
  for (const section of sections(top)) {
    const rowY = section.row ? pos(section.row).y : Math.min(...section.panels.map((p) => pos(p).y));
    for (const copy of copies(section.row?.repeat, variables)) {
      if (section.row) {
        const collapsed = section.row.collapsed === true;
        placed.push({
          kind: "row",
          json: section.row,
          grid: { x: 0, y: cursor, w: GRID_COLUMNS, h: 1 },
          scope: copy.scope,
          ...copy.label ? { repeatLabel: copy.label } : {},
          ...collapsed ? { hidden: section.panels.length } : {}
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
function placeSection(panels, base, scope, rowLabel) {
  const out = [];
  const growth = [];
  for (const panel of panels) {
    const g = pos(panel);
    const relY = g.y - base;
    const shift = growth.filter((x) => relY >= x.below).reduce((sum, x) => sum + x.by, 0);
    const list = copies(panel.repeat, scope);
    const vertical = panel.repeatDirection === "v";
    const perRow = Math.max(1, Math.min(list.length, panel.maxPerRow ?? DEFAULT_MAX_PER_ROW));
    const width = list.length > 1 && !vertical ? Math.max(Math.floor(GRID_COLUMNS / perRow), 1) : g.w;
    list.forEach((copy, i) => {
      const grid = vertical ? { x: g.x, y: relY + shift + i * g.h, w: g.w, h: g.h } : list.length > 1 ? { x: i % perRow * width, y: relY + shift + Math.floor(i / perRow) * g.h, w: width, h: g.h } : { x: g.x, y: relY + shift, w: g.w, h: g.h };
      const label = copy.label ?? rowLabel;
      out.push({ kind: "panel", json: panel, grid, scope: copy.scope, ...label ? { repeatLabel: label } : {} });
    });
    const rows = vertical ? list.length : Math.ceil(list.length / perRow);
    if (rows > 1) growth.push({ below: relY + g.h, by: (rows - 1) * g.h });
  }
  const height = out.reduce((max, p) => Math.max(max, p.grid.y + p.grid.h), 0);
  return { panels: out, height };
}
export {
  GRID_COLUMNS,
  GRID_MARGIN,
  GRID_ROW_HEIGHT,
  gridBox,
  layoutPanels
};
