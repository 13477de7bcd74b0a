import { parsePromqlAlone } from "./parse-text.js";
import { CACHE_LIMIT, parseByShape } from "./shape.js";
import { parsePromqlAlone as parsePromqlAlone2 } from "./parse-text.js";
const cache = /* @__PURE__ */ new Map();
function parsePromql(expr) {
  const hit = cache.get(expr);
  if (hit) return hit;
  const result = parseByShape(expr) ?? parsePromqlAlone(expr);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(expr, result);
  return result;
}
export {
  parsePromql,
  parsePromqlAlone2 as parsePromqlAlone
};
