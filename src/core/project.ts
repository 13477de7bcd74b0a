/**
 * The project a dashboard belongs to, as a Grafana tag. Two projects pushing to one Grafana each
 * prune only what carries their own tag, so the tag must be stable across machines and builds.
 */
import { shortHash } from './uid.js';

export const PROJECT_TAG_PREFIX = 'dac-project:';

/** Grafana's SQL stores keep a dashboard tag in a column of 50 characters. */
const TAG_MAX = 50;

export function projectTag(id: string): string {
  const tag = `${PROJECT_TAG_PREFIX}${id}`;
  if (tag.length <= TAG_MAX) return tag;
  const hash = shortHash(id);
  return `${tag.slice(0, TAG_MAX - hash.length - 1)}-${hash}`;
}
