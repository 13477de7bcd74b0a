import {
  grafanaVariables,
  isCounterName,
  parsePromql,
  safeRegex,
  walk
} from "../promql/index.js";
const RATE_FUNCTIONS = /* @__PURE__ */ new Set(["rate", "irate", "increase"]);
const COUNTER_SAFE_FUNCTIONS = /* @__PURE__ */ new Set([
  ...RATE_FUNCTIONS,
  "resets",
  "absent",
  "absent_over_time",
  "present_over_time",
  "count_over_time",
  "changes",
  "timestamp"
]);
const COUNTER_SAFE_AGGREGATIONS = /* @__PURE__ */ new Set(["count", "group"]);
const COMPARISON_FLIP = { ">": "<", "<": ">", ">=": "<=", "<=": ">=", "==": "==", "!=": "!=" };
const REGEX_META = /[.*+?()[\]{}|\\^$]/;
function lintExpression(expr, options) {
  const parsed = parsePromql(expr);
  const findings = parsed.errors.map((e) => ({
    check: e.kind === "syntax" ? "promql/syntax" : "promql/type",
    severity: "error",
    message: e.message,
    offset: e.column - 1
  }));
  const ast = parsed.ast;
  if (!ast) return findings;
  walk(ast, (node, ancestors) => {
    if (node.kind === "selector") findings.push(...selectorFindings(node, ancestors, options));
    if (node.kind === "call") findings.push(...callFindings(expr, node, options));
    if (node.kind === "binary") findings.push(...comparisonFindings(expr, node));
  });
  return findings.sort((a, b) => a.offset - b.offset || a.check.localeCompare(b.check));
}
function consumer(ancestors) {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.kind === "matrix" || a.kind === "offset" || a.kind === "at" || a.kind === "paren") continue;
    return a;
  }
  return void 0;
}
function selectorFindings(node, ancestors, options) {
  const { catalog } = options;
  const out = [];
  const name = node.metric;
  if (name !== void 0 && !name.includes("$")) {
    const kind = catalog.kind(name);
    if (kind === void 0) {
      const suggestion = catalog.suggest(name);
      out.push({
        check: "promql/unknown-metric",
        severity: "error",
        message: `unknown metric "${name}"${suggestion ? `: did you mean "${suggestion}"?` : ""}`,
        hint: suggestion ? `replace it with "${suggestion}", or add the metric to the service's profile in dac.config.ts` : "use a metric of the service's profile, or add it to the profile in dac.config.ts",
        offset: node.from
      });
    }
    if (options.seriesOnly) {
      for (const m of node.matchers) out.push(...matcherFindings(m));
      return out;
    }
    const parent = consumer(ancestors);
    const counter = kind === "counter" || kind === void 0 && isCounterName(name);
    if (counter) {
      const safe = parent?.kind === "call" && COUNTER_SAFE_FUNCTIONS.has(parent.name) || parent?.kind === "aggregate" && COUNTER_SAFE_AGGREGATIONS.has(parent.op);
      if (!safe) {
        out.push({
          check: "promql/counter-without-rate",
          severity: "error",
          message: `counter "${name}" used without rate(), irate() or increase(): its raw value only grows and resets on restart`,
          hint: `wrap it: rate(${name}[\u2026]) for a per-second rate, increase(${name}[\u2026]) for a count over the range`,
          offset: node.from
        });
      }
    }
    const gaugeLike = kind === "gauge" || kind === "info" || kind === "recording" || kind === "synthetic" && name === "up";
    if (gaugeLike && parent?.kind === "call" && (RATE_FUNCTIONS.has(parent.name) || parent.name === "resets")) {
      out.push({
        check: "promql/rate-on-gauge",
        severity: "error",
        message: `${parent.name}() on "${name}", which is a ${kind === "recording" ? "recording rule (a gauge)" : kind}: ${parent.name}() assumes a counter and reads every drop as a reset`,
        hint: "use deriv() or delta() for a gauge's change, or avg_over_time()/max_over_time() for its level",
        offset: parent.from
      });
    }
  }
  for (const m of node.matchers) out.push(...matcherFindings(m));
  return out;
}
const quoted = (v) => JSON.stringify(v);
function matcherFindings(m) {
  const out = [];
  if ((m.op === "=~" || m.op === "!~") && grafanaVariables(m.value).length === 0) {
    const plain = m.op === "=~" ? "=" : "!=";
    if (!REGEX_META.test(m.value)) {
      out.push({
        check: "promql/redundant-regex",
        severity: "warning",
        message: `${m.label}${m.op}${quoted(m.value)} has no regex characters`,
        hint: `use an exact matcher: ${m.label}${plain}${quoted(m.value)}`,
        offset: m.from
      });
    } else if (m.value.startsWith("^") || m.value.endsWith("$") && !m.value.endsWith("\\$")) {
      const bare = m.value.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");
      out.push({
        check: "promql/anchored-regex",
        severity: "warning",
        message: `${m.label}${m.op}${quoted(m.value)}: Prometheus already anchors label regexes at both ends, so ^ and $ are redundant`,
        hint: `write ${m.label}${m.op}${quoted(bare)}`,
        offset: m.from
      });
    } else if (m.value === ".*") {
      out.push({
        check: "promql/redundant-regex",
        severity: "warning",
        message: `${m.label}${m.op}".*" matches every series, including those without the label`,
        hint: m.op === "=~" ? `drop the matcher, or use ${m.label}=~".+" to require the label` : `${m.label}!~".*" matches nothing: drop the selector`,
        offset: m.from
      });
    } else if (safeRegex(m.value) === void 0) {
      out.push({
        check: "promql/invalid-regex",
        severity: "error",
        message: `${m.label}${m.op}${quoted(m.value)} is not a valid regular expression`,
        offset: m.from
      });
    }
  }
  if (m.label === "le" && (m.op === "=" || m.op === "!=") && /^[+-]?\d+$/.test(m.value)) {
    const regexOp = m.op === "=" ? "=~" : "!~";
    out.push({
      check: "promql/le-matcher",
      severity: "warning",
      message: `le${m.op}${quoted(m.value)} misses the bucket when Prometheus 3 stores it as le="${m.value}.0"`,
      hint: `match both spellings: le${regexOp}"${m.value}(\\\\.0)?"`,
      offset: m.from
    });
  }
  return out;
}
function unwrap(n) {
  return n.kind === "paren" ? unwrap(n.expr) : n;
}
function readsClassicBuckets(n) {
  let classic = false;
  walk(n, (c) => {
    if (c.kind === "selector" && (c.metric?.endsWith("_bucket") || c.matchers.some((m) => m.label === "le"))) classic = true;
  });
  return classic;
}
function callFindings(expr, node, options) {
  const out = [];
  if (node.name === "histogram_quantile" && node.args[1]) {
    const inner = unwrap(node.args[1]);
    if (inner.kind === "aggregate" && !["topk", "bottomk", "limitk", "limit_ratio"].includes(inner.op) && readsClassicBuckets(inner)) {
      const g = inner.grouping;
      const keepsLe = g ? g.mode === "by" ? g.labels.includes("le") : !g.labels.includes("le") : false;
      if (!keepsLe) {
        const labels = g?.mode === "by" ? ["le", ...g.labels] : ["le"];
        out.push({
          check: "promql/histogram-quantile-le",
          severity: "error",
          message: `histogram_quantile() needs the "le" label, but ${inner.op}${g ? ` ${g.mode} (${g.labels.join(", ")})` : "()"} removes it`,
          hint: g?.mode === "without" ? `remove "le" from without (...)` : `aggregate by (${labels.join(", ")})`,
          offset: inner.from
        });
      }
    }
  }
  if (options.origin === "dashboard" && RATE_FUNCTIONS.has(node.name)) {
    const arg = node.args[0];
    const matrix = arg && (arg.kind === "matrix" ? arg : void 0);
    if (matrix) {
      const range = matrix.range.trim();
      const totalOverRange = node.name === "increase" && range === "$__range";
      if (range === "$__interval" || range === "${__interval}") {
        out.push({
          check: "dashboard/rate-interval",
          severity: "error",
          message: `${node.name}() over [$__interval] returns nothing when the interval covers fewer than two scrapes`,
          hint: "use [$__rate_interval]",
          offset: node.from
        });
      } else if (range !== "$__rate_interval" && range !== "${__rate_interval}" && !totalOverRange) {
        out.push({
          check: "dashboard/rate-interval",
          severity: "warning",
          message: `${node.name}() over a fixed [${range}] ignores the dashboard's resolution and scrape interval`,
          hint: `use [$__rate_interval]${node.name === "increase" ? ", or [$__range] for a total over the time range" : ""}`,
          offset: node.from
        });
      }
    }
  }
  void expr;
  return out;
}
function boundsOf(expr, n) {
  switch (n.kind) {
    case "number":
      return [n.value, n.value];
    case "paren":
      return boundsOf(expr, n.expr);
    case "selector":
      return n.metric === "up" ? [0, 1] : void 0;
    case "call":
      if (n.name === "absent" || n.name === "absent_over_time") return [1, 1];
      if (["rate", "irate", "increase", "count_over_time", "changes", "resets"].includes(n.name)) return [0, Infinity];
      if (["avg_over_time", "min_over_time", "max_over_time", "last_over_time", "clamp_max", "clamp_min", "clamp"].includes(n.name)) {
        const inner = n.args[0] && boundsOf(expr, n.args[0].kind === "matrix" ? n.args[0].expr : n.args[0]);
        return inner;
      }
      return void 0;
    case "matrix":
    case "offset":
      return boundsOf(expr, n.expr);
    case "aggregate":
      if (["avg", "min", "max", "topk", "bottomk", "quantile"].includes(n.op)) {
        const arg = n.args[n.args.length - 1];
        return arg && boundsOf(expr, arg);
      }
      if (n.op === "count") return [1, Infinity];
      if (n.op === "group") return [1, 1];
      return void 0;
    case "binary":
      if (n.op === "/" && isSubsetRatio(expr, n.left, n.right)) return [0, 1];
      return void 0;
    default:
      return void 0;
  }
}
function isSubsetRatio(expr, num, den) {
  const ns = selectorsIn(num);
  const ds = selectorsIn(den);
  if (ns.length !== 1 || ds.length !== 1) return false;
  const [n, d] = [ns[0], ds[0]];
  if (n.metric === void 0 || n.metric !== d.metric) return false;
  const key = (m) => `${m.label}${m.op}${m.value}`;
  const nKeys = new Set(n.matchers.map(key));
  if (!d.matchers.every((m) => nKeys.has(key(m)))) return false;
  const skeleton = (outer, sel) => (expr.slice(outer.from, sel.from) + "\xA7" + expr.slice(sel.to, outer.to)).replace(/\s+/g, " ").replace(/\s*([()[\],§])\s*/g, "$1");
  return skeleton(num, n) === skeleton(den, d) && onlySubsetPreserving(num, n);
}
function onlySubsetPreserving(root, target) {
  let ok = false;
  walk(root, (node, ancestors) => {
    if (node !== target) return;
    ok = ancestors.every(
      (a) => a.kind === "paren" || a.kind === "matrix" || a.kind === "aggregate" && a.op === "sum" || a.kind === "call" && RATE_FUNCTIONS.has(a.name)
    );
  });
  return ok;
}
function selectorsIn(n) {
  const out = [];
  walk(n, (c) => {
    if (c.kind === "selector") out.push(c);
  });
  return out;
}
function comparisonFindings(expr, node) {
  if (!(node.op in COMPARISON_FLIP) || node.bool) return [];
  const left = unwrap(node.left);
  const right = unwrap(node.right);
  let op = node.op;
  let value;
  let threshold;
  if (right.kind === "number") {
    value = left;
    threshold = right.value;
  } else if (left.kind === "number") {
    value = right;
    threshold = left.value;
    op = COMPARISON_FLIP[op];
  } else return [];
  if (value.kind === "number") return [];
  const bounds = boundsOf(expr, value);
  if (!bounds) return [];
  const [min, max] = bounds;
  const never = op === ">" && max <= threshold || op === ">=" && max < threshold || op === "<" && min >= threshold || op === "<=" && min > threshold || op === "==" && (threshold < min || threshold > max);
  if (!never) return [];
  const range = `${min} to ${max === Infinity ? "+Inf" : max}`;
  return [
    {
      check: "promql/impossible-comparison",
      severity: "error",
      message: `"${expr.slice(node.from, node.to).replace(/\s+/g, " ")}" can never be true: the left side ranges from ${range}`,
      hint: max === 1 && min === 0 ? "ratios and up lie between 0 and 1: compare with a threshold inside that range (e.g. > 0.05 for 5 %)" : "compare with a threshold the value can reach",
      offset: node.from
    }
  ];
}
export {
  lintExpression
};
