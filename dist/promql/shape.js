import { matcherValueAt } from "./convert.js";
import { parsePromqlAlone } from "./parse-text.js";
import { skipString } from "./syntax-errors.js";
const CACHE_LIMIT = 2e4;
const shapeCache = /* @__PURE__ */ new Map();
const EXACT_VALUE = /^[A-Za-z0-9_\-:/., @]+$/;
const REGEX_VALUE = /^[A-Za-z0-9_\-:/, @]+$/;
function parseByShape(expr) {
  const literals = [];
  let shape = "";
  let last = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === "#") {
      while (i < expr.length && expr[i] !== "\n") i++;
      continue;
    }
    if (c !== '"' && c !== "'" && c !== "`") continue;
    const end = skipString(expr, i);
    const value = expr.slice(i + 1, end);
    if (c !== "`" && expr[end] === c && (matcherOpBefore(expr, i) === "regex" ? REGEX_VALUE : EXACT_VALUE).test(value)) {
      literals.push({ from: i, value });
      shape += `${expr.slice(last, i + 1)}${"a".repeat(value.length)}`;
      last = end;
    }
    i = end;
  }
  if (literals.length === 0) return void 0;
  shape += expr.slice(last);
  let base = shapeCache.get(shape);
  if (base === void 0) {
    const parsed = parsePromqlAlone(shape);
    base = parsed.errors.length === 0 && parsed.ast ? parsed : null;
    if (shapeCache.size >= CACHE_LIMIT) shapeCache.clear();
    shapeCache.set(shape, base);
  }
  if (!base?.ast) return void 0;
  const values = new Map(literals.map((l) => [l.from, l.value]));
  const ast = withValues(base.ast, values);
  if (!ast || values.size > 0) return void 0;
  return { errors: [], ast, type: base.type };
}
function matcherOpBefore(text, quote) {
  let i = quote - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "	" || text[i] === "\n" || text[i] === "\r")) i--;
  if (text[i] === "~") return text[i - 1] === "=" || text[i - 1] === "!" ? "regex" : void 0;
  if (text[i] !== "=") return void 0;
  const before = text[i - 1];
  return before === "=" || before === "<" || before === ">" ? void 0 : "exact";
}
function withValues(n, values) {
  switch (n.kind) {
    case "selector": {
      const matchers = [];
      for (const m of n.matchers) {
        const at = matcherValueAt.get(m);
        const value = at === void 0 ? void 0 : values.get(at);
        if (value === void 0) {
          matchers.push({ ...m });
          continue;
        }
        if (m.label === "__name__") return void 0;
        values.delete(at);
        matchers.push({ ...m, value });
      }
      return { ...n, matchers };
    }
    case "matrix":
    case "subquery":
    case "offset":
    case "at":
    case "paren":
    case "unary": {
      const expr = withValues(n.expr, values);
      return expr && { ...n, expr };
    }
    case "call":
    case "aggregate": {
      const args = [];
      for (const a of n.args) {
        const c = withValues(a, values);
        if (!c) return void 0;
        args.push(c);
      }
      return { ...n, args };
    }
    case "binary": {
      const left = withValues(n.left, values);
      const right = left && withValues(n.right, values);
      return right && { ...n, left, right };
    }
    default:
      return { ...n };
  }
}
export {
  CACHE_LIMIT,
  parseByShape
};
