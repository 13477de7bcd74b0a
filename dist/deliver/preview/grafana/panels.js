const SCREEN_WIDTH_PX = 1920;
const GRID_COLUMNS = 24;
function panelQueries(dashboard) {
  const out = [];
  let rowRepeat;
  const visit = (panel, inheritedRepeat) => {
    if (panel.type === "row") {
      rowRepeat = panel.repeat || void 0;
      for (const child of panel.panels ?? []) visit(child, rowRepeat);
      return;
    }
    for (const target of panel.targets ?? []) {
      if (target.hide === true || typeof target.expr !== "string" || target.expr.trim() === "") continue;
      if (!isPrometheus(target.datasource ?? panel.datasource)) continue;
      out.push({
        panelId: panel.id,
        panelTitle: panel.title ?? "",
        panelType: panel.type ?? "",
        refId: target.refId ?? "?",
        expr: target.expr,
        kinds: queryKinds(target),
        maxDataPoints: panel.maxDataPoints ?? Math.max(1, Math.round((panel.gridPos?.w ?? GRID_COLUMNS) / GRID_COLUMNS * SCREEN_WIDTH_PX)),
        minInterval: target.interval || panel.interval || void 0,
        repeat: panel.repeat || inheritedRepeat
      });
    }
  };
  for (const panel of dashboard.panels ?? []) visit(panel, rowRepeat);
  return out;
}
function queryKinds(target) {
  if (target.instant === true && target.range === true) return ["range", "instant"];
  if (target.instant === true) return ["instant"];
  return ["range"];
}
function isPrometheus(ds) {
  if (ds === void 0 || ds === null) return true;
  if (typeof ds === "string") return true;
  return ds.type === void 0 || ds.type === "prometheus";
}
export {
  panelQueries
};
