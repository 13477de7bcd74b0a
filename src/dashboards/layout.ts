/**
 * Dashboard skeleton and rows. A dashboard module reads top to bottom like the screen: start with
 * `serviceDashboard(ctx, …)`, then `section(…)` per row, most important numbers first.
 */
import { DashboardBuilder, DashboardCursorSync, type Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { DashboardContext } from '../definitions/define.js';
import { siblingLinks } from './links.js';
import { row } from './panels.js';
import { datasourceVariable, jobVariable, standardVariables } from './variables.js';

export const DEFAULT_TIME = { from: 'now-1h', to: 'now' } as const;
export const DEFAULT_REFRESH = '30s';

/** `dac`, the service name and the service's own tags, without duplicates, in that order. */
export function dashboardTags(ctx: DashboardContext, extra: readonly string[] = []): string[] {
  return [...new Set(['dac', ctx.service.name, ...ctx.service.tags, ...extra])];
}

export interface DashboardOptions {
  description: string;
  tags?: string[];
  /**
   * `false` for a dashboard whose series carry no instance label (SLO series are recorded per
   * service): an instance picker there would filter nothing.
   */
  instanceVariable?: boolean;
}

/**
 * A read-only dashboard with the standard variables, time range, refresh, tags and links to the
 * service's other dashboards. Add rows with {@link section}.
 */
export function serviceDashboard(ctx: DashboardContext, opts: DashboardOptions): DashboardBuilder {
  return new DashboardBuilder(ctx.title)
    .uid(ctx.uid)
    .description(opts.description)
    .tags(dashboardTags(ctx, opts.tags))
    .time({ ...DEFAULT_TIME })
    .refresh(DEFAULT_REFRESH)
    .timezone('browser')
    .readonly()
    .tooltip(DashboardCursorSync.Crosshair)
    .variables(opts.instanceVariable === false ? [datasourceVariable(), jobVariable(ctx.service)] : standardVariables(ctx.service))
    .links(siblingLinks(ctx));
}

/** A row followed by its panels; with `repeat`, one copy per value of that variable. */
export function section(
  dashboard: DashboardBuilder,
  title: string,
  panels: readonly (cog.Builder<Panel> | undefined | false)[],
  opts: { repeat?: string } = {},
): DashboardBuilder {
  dashboard.withRow(row(title, opts.repeat));
  for (const p of panels) if (p) dashboard.withPanel(p);
  return dashboard;
}
