import { createHash } from 'node:crypto';

export const UID_MAX = 40;
export const UID_CHARSET = /^[a-zA-Z0-9_-]+$/;

/**
 * Grafana uids are at most 40 characters. A longer `<service>-<id>` keeps its readable start and
 * ends with a short hash of the whole, so it stays unique and stable across builds.
 */
export function dashboardUid(service: string, id: string): string {
  const full = `${service}-${id}`;
  if (full.length <= UID_MAX) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, UID_MAX - hash.length - 1)}-${hash}`;
}
