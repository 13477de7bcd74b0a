import { createHash } from 'node:crypto';

export const UID_MAX = 40;
export const UID_CHARSET = /^[a-zA-Z0-9_-]+$/;

/** Eight hex digits of the text's SHA-256: short, and the same on every machine and run. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * A Grafana uid (at most 40 characters) from a readable name. A name that does not fit keeps its
 * readable start and ends with a short hash of the whole, so it stays unique and stable across
 * builds. `identity`, when given, is what the uid stands for where the readable name lost part of
 * it: the hash is then always added, and taken of `identity`.
 */
export function boundedUid(readable: string, identity?: string): string {
  if (identity === undefined && readable.length <= UID_MAX) return readable;
  const hash = shortHash(identity ?? readable);
  return `${readable.slice(0, UID_MAX - hash.length - 1)}-${hash}`;
}

export function dashboardUid(service: string, id: string): string {
  return boundedUid(`${service}-${id}`);
}
