/**
 * Live versus generated: the fields Grafana owns (id, version, iteration, server-side metadata) are
 * ignored, so a dashboard pushed by dac and untouched since compares equal.
 */
import { sortKeys } from '../../emit/serialize.js';
import { shortDiff } from '../../emit/compare.js';
import type { DashboardJson } from './client.js';

const SERVER_FIELDS = ['id', 'version', 'iteration', 'created', 'updated', 'createdBy', 'updatedBy', 'meta'];

export function comparable(dashboard: Record<string, unknown>): string {
  const copy: Record<string, unknown> = { ...dashboard };
  for (const f of SERVER_FIELDS) delete copy[f];
  return JSON.stringify(sortKeys(copy), null, 2);
}

export function dashboardDiff(live: DashboardJson, generated: DashboardJson): string | null {
  const a = comparable(live);
  const b = comparable(generated);
  return a === b ? null : shortDiff(a, b);
}
