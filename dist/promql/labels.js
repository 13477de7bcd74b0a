import { parsePromql } from "./parse.js";
const UNKNOWN = { kind: "open", removed: /* @__PURE__ */ new Set() };
function outputLabels(expr) {
  const { ast } = parsePromql(expr);
  return ast ? labelsOf(ast) : UNKNOWN;
}
function mayCarry(set, label) {
  return set.kind === "exact" ? set.labels.has(label) : !set.removed.has(label);
}
function exact(labels) {
  return { kind: "exact", labels: new Set(labels) };
}
function without(set, labels) {
  if (set.kind === "exact") {
    const kept = new Set(set.labels);
    for (const l of labels) kept.delete(l);
    return { kind: "exact", labels: kept };
  }
  return { kind: "open", removed: /* @__PURE__ */ new Set([...set.removed, ...labels]) };
}
function adding(set, labels) {
  if (set.kind === "exact") return exact([...set.labels, ...labels]);
  const removed = new Set(set.removed);
  for (const l of labels) removed.delete(l);
  return { kind: "open", removed };
}
function only(set, labels) {
  return set.kind === "exact" ? exact(labels.filter((l) => set.labels.has(l))) : exact(labels);
}
function union(a, b) {
  if (a.kind === "exact" && b.kind === "exact") return exact([...a.labels, ...b.labels]);
  const removedA = a.kind === "open" ? a.removed : /* @__PURE__ */ new Set();
  const removedB = b.kind === "open" ? b.removed : /* @__PURE__ */ new Set();
  const removed = new Set([...removedA].filter((l) => removedB.has(l) || b.kind === "exact" && !b.labels.has(l)));
  for (const l of removedB) if (a.kind === "exact" && !a.labels.has(l)) removed.add(l);
  return { kind: "open", removed };
}
function stringArg(n) {
  return n?.kind === "string" ? n.value : void 0;
}
function labelsOf(n) {
  switch (n.kind) {
    case "number":
    case "string":
      return exact([]);
    case "selector":
      return UNKNOWN;
    case "matrix":
    case "subquery":
    case "offset":
    case "at":
    case "paren":
    case "unary":
      return labelsOf(n.expr);
    case "call": {
      const first = n.args[0];
      switch (n.name) {
        case "vector":
        case "time":
        case "pi":
        case "scalar":
          return exact([]);
        case "absent":
        case "absent_over_time": {
          const inner = first?.kind === "matrix" ? first.expr : first;
          if (inner?.kind === "selector")
            return exact(inner.matchers.filter((m) => m.op === "=" && m.label !== "__name__").map((m) => m.label));
          return exact([]);
        }
        case "label_replace":
        case "label_join": {
          const dst = stringArg(n.args[1]);
          const base = first ? labelsOf(first) : UNKNOWN;
          return dst ? adding(base, [dst]) : base;
        }
        case "histogram_quantile":
        case "histogram_fraction": {
          const arg = n.args[n.args.length - 1];
          return without(arg ? labelsOf(arg) : UNKNOWN, ["le"]);
        }
        case "quantile_over_time":
          return n.args[1] ? labelsOf(n.args[1]) : UNKNOWN;
        default: {
          const vectorArg = n.args.find((a) => a.kind !== "number" && a.kind !== "string");
          return vectorArg ? labelsOf(vectorArg) : UNKNOWN;
        }
      }
    }
    case "aggregate": {
      const input = n.args[n.args.length - 1];
      const inputLabels = input ? labelsOf(input) : UNKNOWN;
      if (["topk", "bottomk", "limitk", "limit_ratio"].includes(n.op)) return inputLabels;
      const extra = n.op === "count_values" ? [stringArg(n.args[0]) ?? ""] : [];
      if (!n.grouping) return exact(extra);
      if (n.grouping.mode === "by") return only(adding(inputLabels, extra), [...n.grouping.labels, ...extra]);
      return adding(without(inputLabels, n.grouping.labels), extra);
    }
    case "binary": {
      const left = labelsOf(n.left);
      const right = labelsOf(n.right);
      const leftIsScalar = isScalarLike(n.left);
      const rightIsScalar = isScalarLike(n.right);
      if (leftIsScalar && rightIsScalar) return exact([]);
      if (rightIsScalar) return left;
      if (leftIsScalar) return right;
      if (n.op === "or") return union(left, right);
      if (n.op === "and" || n.op === "unless") return left;
      const m = n.matching;
      if (m?.group) {
        const many = m.group.side === "left" ? left : right;
        return adding(many, m.group.include);
      }
      if (!m) return left;
      return m.mode === "on" ? only(left, m.labels) : without(left, m.labels);
    }
    case "unknown":
      return UNKNOWN;
  }
}
function isScalarLike(n) {
  if (n.kind === "number") return true;
  if (n.kind === "paren" || n.kind === "unary") return isScalarLike(n.expr);
  if (n.kind === "call") return n.name === "scalar" || n.name === "time" || n.name === "pi";
  if (n.kind === "binary") return isScalarLike(n.left) && isScalarLike(n.right);
  return false;
}
export {
  mayCarry,
  outputLabels
};
