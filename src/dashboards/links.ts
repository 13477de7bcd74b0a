/**
 * Links between the dashboards of one service. They point at uids (not tags), so a link can only
 * target a dashboard the build emits, and they carry the time range and variables along: jumping
 * from a spike on one dashboard lands on the same minutes and instances on the next.
 */
import { DashboardLinkBuilder, DashboardLinkType } from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardContext, DashboardRef } from '../definitions/define.js';

export function dashboardPath(uid: string): string {
  return `/d/${encodeURIComponent(uid)}`;
}

export function dashboardLink(ref: DashboardRef, serviceTitle: string): DashboardLinkBuilder {
  const prefix = `${serviceTitle} / `;
  const short = ref.title.startsWith(prefix) ? ref.title.slice(prefix.length) : ref.title;
  return new DashboardLinkBuilder(short)
    .type(DashboardLinkType.Link)
    .url(dashboardPath(ref.uid))
    .tooltip(ref.title)
    .icon('dashboard')
    .keepTime(true)
    .includeVars(true)
    .targetBlank(false)
    .asDropdown(false);
}

/** Links to every other dashboard of the same service, in definition order. */
export function siblingLinks(ctx: DashboardContext): DashboardLinkBuilder[] {
  return ctx.dashboards.filter((d) => d.uid !== ctx.uid).map((d) => dashboardLink(d, ctx.service.title));
}
