import { AGGREGATE_PARAMS, FUNCTIONS } from "./functions.js";
const COMPARISONS = /* @__PURE__ */ new Set(["==", "!=", ">", "<", ">=", "<="]);
const SET_OPS = /* @__PURE__ */ new Set(["and", "or", "unless"]);
const TYPE_NAMES = {
  scalar: "scalar",
  vector: "instant vector",
  matrix: "range vector",
  string: "string"
};
const ARG_TYPES = { v: "vector", m: "matrix", s: "scalar", str: "string" };
function typeOf(node, errors) {
  const err = (offset, message) => {
    errors.push({ offset, message });
    return void 0;
  };
  switch (node.kind) {
    case "number":
      return "scalar";
    case "string":
      return "string";
    case "selector":
      return "vector";
    case "matrix": {
      const inner = unwrapOffset(node.expr);
      if (inner.kind !== "selector") {
        typeOf(node.expr, errors);
        return err(node.from, "ranges are only allowed on vector selectors: use a subquery `(...)[range:step]` instead");
      }
      return "matrix";
    }
    case "subquery": {
      const t = typeOf(node.expr, errors);
      if (t && t !== "vector") return err(node.from, `subquery is only allowed on an instant vector, got ${TYPE_NAMES[t]}`);
      return "matrix";
    }
    case "offset":
    case "at": {
      const t = typeOf(node.expr, errors);
      const inner = unwrapOffset(node.expr);
      if (node.kind === "offset" && inner.kind !== "selector" && inner.kind !== "matrix" && inner.kind !== "subquery") {
        return err(node.from, "offset must follow a vector selector, a range selector or a subquery: move it inside, next to the metric");
      }
      return t;
    }
    case "paren":
      return typeOf(node.expr, errors);
    case "unary": {
      const t = typeOf(node.expr, errors);
      if (t && t !== "scalar" && t !== "vector")
        return err(node.from, `unary expression only allowed on scalars and instant vectors, got ${TYPE_NAMES[t]}`);
      return t;
    }
    case "call":
      return typeOfCall(node, errors);
    case "aggregate": {
      const param = AGGREGATE_PARAMS[node.op];
      const expected = param ? [param, "v"] : ["v"];
      if (node.args.length !== expected.length) {
        return err(
          node.from,
          `wrong number of arguments for aggregate expression "${node.op}": expected ${expected.length}, got ${node.args.length}`
        );
      }
      let ok = true;
      node.args.forEach((arg, i) => {
        const t = typeOf(arg, errors);
        const want = ARG_TYPES[expected[i]];
        if (t && t !== want) {
          ok = false;
          err(arg.from, `expected type ${TYPE_NAMES[want]} in aggregation "${node.op}", got ${TYPE_NAMES[t]}`);
        }
      });
      return ok ? "vector" : void 0;
    }
    case "binary": {
      const l = typeOf(node.left, errors);
      const r = typeOf(node.right, errors);
      if (!l || !r) return void 0;
      for (const [t, side] of [
        [l, node.left],
        [r, node.right]
      ]) {
        if (t === "string" || t === "matrix") {
          return err(side.from, `binary expression must contain only scalar and instant vector types, got ${TYPE_NAMES[t]}`);
        }
      }
      if (node.bool && !COMPARISONS.has(node.op)) return err(node.from, "bool modifier can only be used on comparison operators");
      if (COMPARISONS.has(node.op) && l === "scalar" && r === "scalar" && !node.bool) {
        return err(node.from, "comparisons between scalars must use the bool modifier");
      }
      if (SET_OPS.has(node.op) && (l !== "vector" || r !== "vector")) {
        return err(node.from, `set operator "${node.op}" not allowed in binary scalar expression`);
      }
      if (node.matching && (l !== "vector" || r !== "vector")) {
        return err(node.from, "vector matching (on/ignoring) only allowed between instant vectors");
      }
      if (node.matching?.group && SET_OPS.has(node.op)) {
        return err(node.from, `no grouping allowed for "${node.op}" operation`);
      }
      return l === "vector" || r === "vector" ? "vector" : "scalar";
    }
    case "unknown":
      return void 0;
  }
}
function typeOfCall(node, errors) {
  const signature = FUNCTIONS[node.name];
  const argTypes = node.args.map((a) => typeOf(a, errors));
  if (!signature) return "vector";
  const min = signature.args.length - (signature.optional ?? 0);
  const max = signature.variadic ? Infinity : signature.args.length;
  if (node.args.length < min || node.args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    errors.push({
      offset: node.from,
      message: `wrong number of arguments for function "${node.name}": expected ${expected}, got ${node.args.length}`
    });
    return void 0;
  }
  let ok = true;
  node.args.forEach((arg, i) => {
    const want = ARG_TYPES[signature.args[Math.min(i, signature.args.length - 1)]];
    const got = argTypes[i];
    if (got && got !== want) {
      ok = false;
      const hint = want === "matrix" && got === "vector" ? ": add a range, e.g. [$__rate_interval] or [5m]" : "";
      errors.push({
        offset: arg.from,
        message: `expected type ${TYPE_NAMES[want]} in call to function "${node.name}", got ${TYPE_NAMES[got]}${hint}`
      });
    }
  });
  return ok ? signature.returns : void 0;
}
function unwrapOffset(n) {
  return n.kind === "offset" || n.kind === "at" ? unwrapOffset(n.expr) : n;
}
export {
  typeOf
};
