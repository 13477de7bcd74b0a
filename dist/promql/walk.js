import { parsePromql } from "./parse.js";
function childrenOf(n) {
  switch (n.kind) {
    case "matrix":
    case "subquery":
    case "offset":
    case "at":
    case "paren":
    case "unary":
      return [n.expr];
    case "call":
    case "aggregate":
      return n.args;
    case "binary":
      return [n.left, n.right];
    default:
      return [];
  }
}
function walk(root, visit) {
  walkFrom(root, visit, []);
}
function walkFrom(n, visit, ancestors) {
  visit(n, ancestors);
  ancestors.push(n);
  for (const c of childrenOf(n)) walkFrom(c, visit, ancestors);
  ancestors.pop();
}
function vectorSelectors(expr) {
  const { ast } = parsePromql(expr);
  if (!ast) return [];
  const out = [];
  walk(ast, (n, ancestors) => {
    if (n.kind !== "selector") return;
    const parent = [...ancestors].reverse().find((a) => a.kind !== "offset" && a.kind !== "at");
    out.push({
      metric: n.metric,
      matchers: n.matchers.map(({ label, op, value }) => ({ label, op, value })),
      column: n.from + 1,
      ...parent?.kind === "matrix" ? { range: parent.range } : {}
    });
  });
  return out;
}
function functionCalls(expr) {
  const { ast } = parsePromql(expr);
  if (!ast) return [];
  const out = [];
  walk(ast, (n) => {
    if (n.kind === "call")
      out.push({ name: n.name, args: n.args, argTexts: n.args.map((a) => expr.slice(a.from, a.to)), column: n.from + 1 });
  });
  return out;
}
function aggregations(expr) {
  const { ast } = parsePromql(expr);
  if (!ast) return [];
  const out = [];
  walk(ast, (n) => {
    if (n.kind === "aggregate") out.push({ op: n.op, grouping: n.grouping, args: n.args, column: n.from + 1 });
  });
  return out;
}
function textOf(expr, n) {
  return expr.slice(n.from, n.to);
}
export {
  aggregations,
  childrenOf,
  functionCalls,
  textOf,
  vectorSelectors,
  walk
};
