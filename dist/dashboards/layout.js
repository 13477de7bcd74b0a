import { DashboardBuilder, DashboardCursorSync } from "@grafana/grafana-foundation-sdk/dashboard";
import { siblingLinks } from "./links.js";
import { row } from "./panels.js";
import { datasourceVariable, jobVariable, standardVariables } from "./variables.js";
const DEFAULT_TIME = { from: "now-1h", to: "now" };
const DEFAULT_REFRESH = "30s";
function dashboardTags(ctx, extra = []) {
  return [.../* @__PURE__ */ new Set(["dac", ctx.service.name, ...ctx.service.tags, ...extra])];
}
function serviceDashboard(ctx, opts) {
  return new DashboardBuilder(ctx.title).uid(ctx.uid).description(opts.description).tags(dashboardTags(ctx, opts.tags)).time({ ...DEFAULT_TIME }).refresh(DEFAULT_REFRESH).timezone("browser").readonly().tooltip(DashboardCursorSync.Crosshair).variables(opts.instanceVariable === false ? [datasourceVariable(), jobVariable(ctx.service)] : standardVariables(ctx.service)).links(siblingLinks(ctx));
}
function section(dashboard, title, panels, opts = {}) {
  dashboard.withRow(row(title, opts.repeat));
  for (const p of panels) if (p) dashboard.withPanel(p);
  return dashboard;
}
export {
  DEFAULT_REFRESH,
  DEFAULT_TIME,
  dashboardTags,
  section,
  serviceDashboard
};
