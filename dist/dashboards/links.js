import { DashboardLinkBuilder, DashboardLinkType } from "@grafana/grafana-foundation-sdk/dashboard";
function dashboardPath(uid) {
  return `/d/${encodeURIComponent(uid)}`;
}
function dashboardLink(ref, serviceTitle) {
  const prefix = `${serviceTitle} / `;
  const short = ref.title.startsWith(prefix) ? ref.title.slice(prefix.length) : ref.title;
  return new DashboardLinkBuilder(short).type(DashboardLinkType.Link).url(dashboardPath(ref.uid)).tooltip(ref.title).icon("dashboard").keepTime(true).includeVars(true).targetBlank(false).asDropdown(false);
}
function siblingLinks(ctx) {
  return ctx.dashboards.filter((d) => d.uid !== ctx.uid).map((d) => dashboardLink(d, ctx.service.title));
}
export {
  dashboardLink,
  dashboardPath,
  siblingLinks
};
