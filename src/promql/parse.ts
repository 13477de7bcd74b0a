/**
 * The one entry point for parsing: each distinct text is parsed once (dashboards repeat expressions
 * across services and checks), and texts that differ only in plain label values share one parse of
 * their shape.
 */
import type { ParsedPromql } from './ast.js';
import { parsePromqlAlone } from './parse-text.js';
import { CACHE_LIMIT, parseByShape } from './shape.js';

export { parsePromqlAlone } from './parse-text.js';

const cache = new Map<string, ParsedPromql>();

export function parsePromql(expr: string): ParsedPromql {
  const hit = cache.get(expr);
  if (hit) return hit;
  const result = parseByShape(expr) ?? parsePromqlAlone(expr);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(expr, result);
  return result;
}
