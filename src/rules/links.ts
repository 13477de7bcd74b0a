/**
 * Where an alert sends the person it wakes: a runbook page per alert and the dashboard that shows
 * the failing signal. Dashboard uids come from the build (`<service>-<id>`), never typed by hand.
 */
import type { Service } from '../config/types.js';
import { dashboardUid } from '../core/uid.js';
import type { DashboardRef } from '../definitions/define.js';

/**
 * The id of a dashboard module (`red`, `http-overview`…). Which ids exist is not listed here: the
 * project's dashboard modules define them, and a link resolves against the dashboards the build
 * emits for the service.
 */
export type DashboardId = DashboardRef['id'];

export function runbookUrl(service: Pick<Service, 'runbookBaseUrl'>, alertName: string): string {
  return `${service.runbookBaseUrl}/${alertName}`;
}

/**
 * Link to the service's dashboard `id`; when the build emits no such dashboard for the service,
 * the first of `fallbacks` that exists, and finally the uid the build would give it.
 */
export function dashboardUrl(
  service: Pick<Service, 'name' | 'grafanaUrl'>,
  dashboards: readonly DashboardRef[],
  id: DashboardId,
  fallbacks: readonly DashboardId[] = ['red', 'http-overview'],
): string {
  const ref = [id, ...fallbacks].map((d) => dashboards.find((r) => r.id === d)).find((r) => r !== undefined);
  return `${service.grafanaUrl}/d/${ref ? ref.uid : dashboardUid(service.name, id)}`;
}
