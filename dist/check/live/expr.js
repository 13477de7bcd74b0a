import {
  editDistance,
  grafanaVariables,
  isCounterName,
  parsePromql,
  safeRegex,
  walk
} from "../../promql/index.js";
import { formatBuckets, isCounterSeries, isGaugeSeries } from "./inventory.js";
const SYNTHETIC = /* @__PURE__ */ new Set([
  "up",
  "scrape_duration_seconds",
  "scrape_samples_scraped",
  "scrape_samples_post_metric_relabeling",
  "scrape_series_added",
  "ALERTS",
  "ALERTS_FOR_STATE"
]);
const RATE_FUNCTIONS = /* @__PURE__ */ new Set(["rate", "irate", "increase", "resets"]);
const COUNTER_SAFE_FUNCTIONS = /* @__PURE__ */ new Set([
  ...RATE_FUNCTIONS,
  "absent",
  "absent_over_time",
  "present_over_time",
  "count_over_time",
  "changes",
  "timestamp"
]);
const COUNTER_SAFE_AGGREGATIONS = /* @__PURE__ */ new Set(["count", "group"]);
function liveExprFindings(expr, ctx) {
  const { ast } = parsePromql(expr);
  if (!ast) return [];
  const out = [];
  walk(ast, (node, ancestors) => {
    if (node.kind === "selector") out.push(...selectorFindings(node, ancestors, ctx));
    else if (node.kind === "aggregate" && node.grouping) {
      const input = node.args[node.args.length - 1];
      if (input) out.push(...groupingFindings(node, input, node.grouping.labels, node.grouping.mode, ctx));
    } else if (node.kind === "binary" && node.matching) {
      const { mode, labels } = node.matching;
      for (const side of [node.left, node.right]) out.push(...groupingFindings(node, side, labels, mode, ctx));
    }
  });
  return out.sort((a, b) => a.offset - b.offset || a.check.localeCompare(b.check));
}
function resolvable(name, ctx) {
  return name !== void 0 && !name.includes("$") && !name.includes(":") && !ctx.recordings.has(name) && !SYNTHETIC.has(name);
}
function closest(name, candidates) {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best;
  let bestDistance = limit + 1;
  for (const c of [...candidates].sort()) {
    const d = editDistance(name, c, limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
const LABEL_SYNONYMS = [
  ["status", "code", "status_code", "statuscode", "response_code", "http_status"],
  ["handler", "path", "route", "endpoint", "url", "uri", "url_rule", "http_route"],
  ["method", "verb", "http_method"]
];
function closestLabel(label, available) {
  const candidates = [...available];
  const near = closest(label, candidates);
  if (near !== void 0) return near;
  const group = LABEL_SYNONYMS.find((g) => g.includes(label));
  return group ? candidates.sort().find((c) => c !== label && group.includes(c)) : void 0;
}
function consumer(ancestors) {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.kind === "matrix" || a.kind === "offset" || a.kind === "at" || a.kind === "paren") continue;
    return a;
  }
  return void 0;
}
function selectorFindings(node, ancestors, ctx) {
  const name = node.metric;
  if (!resolvable(name, ctx)) return [];
  const { inventory } = ctx;
  const series = inventory.series.get(name);
  if (!series && ctx.labelsOnly) return [];
  if (!series) {
    const suggestion = closest(name, inventory.series.keys());
    return [
      {
        check: "live/unknown-metric",
        severity: "error",
        message: `"${name}" is not exported by ${inventory.source}${suggestion ? `: did you mean "${suggestion}"?` : ""}`,
        hint: suggestion ? `use "${suggestion}" (and correct the metric profile in dac.config.ts if it names "${name}")` : "use a metric the service exports, or instrument the service to export it; the panel or rule stays empty until then",
        offset: node.from
      }
    ];
  }
  const out = [];
  for (const m of node.matchers) {
    if (m.label === "__name__") continue;
    if (!series.labels.has(m.label) && !inventory.targetLabels.has(m.label) && !selectsAbsence(m)) {
      const suggestion = closestLabel(m.label, [...series.labels, ...inventory.targetLabels]);
      out.push({
        check: "live/unknown-label",
        severity: "error",
        message: `"${name}" has no label "${m.label}" on ${inventory.source}${suggestion ? `: did you mean "${suggestion}"?` : ""}; its labels are ${[...series.labels].sort().join(", ") || "(none)"}`,
        hint: suggestion ? `match on "${suggestion}" (the profile's http.labels name the status, handler and method labels)` : `drop the matcher, or match on one of the labels the series carries`,
        offset: m.from
      });
    }
    if (m.label === "le" && !ctx.labelsOnly) out.push(...bucketMatcherFindings(name, series, m));
  }
  if (!ctx.labelsOnly) out.push(...kindFindings(name, series, node, ancestors, ctx));
  return out;
}
function selectsAbsence(m) {
  return m.op === "=" && m.value === "" || m.op === "!~" && (m.value === ".+" || m.value === ".*");
}
function bucketMatcherFindings(name, series, m) {
  if (!series.leValues || series.leValues.size === 0 || m.op !== "=" && m.op !== "=~") return [];
  if (grafanaVariables(m.value).length > 0) return [];
  const values = [...series.leValues];
  const re = m.op === "=~" ? safeRegex(m.value) : void 0;
  if (m.op === "=~" && !re) return [];
  const matches = m.op === "=" ? series.leValues.has(m.value) : values.some((v) => re.test(v));
  if (matches) return [];
  const wanted = m.op === "=" ? Number(m.value) : NaN;
  const near = Number.isFinite(wanted) ? nearestBoundaries(wanted, series.buckets ?? []) : "";
  return [
    {
      check: "live/bucket-boundary",
      severity: "error",
      message: `le${m.op}"${m.value}" selects no bucket of ${series.family}: the live buckets are ${formatBuckets(series.buckets ?? [])} (+Inf), so this series is always empty`,
      hint: `use a boundary the service exposes${near ? ` (${near})` : ""}, or add the boundary to the histogram's buckets in the service's instrumentation`,
      offset: m.from
    }
  ];
}
function nearestBoundaries(value, buckets) {
  const below = [...buckets].reverse().find((b) => b < value);
  const above = buckets.find((b) => b > value);
  const parts = [below !== void 0 ? `${below} below` : void 0, above !== void 0 ? `${above} above` : void 0].filter(Boolean);
  return parts.length > 0 ? `nearest boundaries: ${parts.join(", ")}` : "";
}
function kindFindings(name, series, node, ancestors, ctx) {
  const declared = ctx.declared[name];
  const parent = consumer(ancestors);
  const liveCounter = isCounterSeries(name, series);
  const liveGauge = isGaugeSeries(name, series);
  const profileSays = declared ? ` (the profile declares it a ${declared})` : "";
  if (liveCounter) {
    const safe = parent?.kind === "call" && COUNTER_SAFE_FUNCTIONS.has(parent.name) || parent?.kind === "aggregate" && COUNTER_SAFE_AGGREGATIONS.has(parent.op);
    const lintSaw = declared === "counter" || declared === void 0 && isCounterName(name);
    if (!safe && !lintSaw) {
      return [
        {
          check: "live/counter-without-rate",
          severity: "error",
          message: `"${name}" is a counter on ${ctx.inventory.source}${profileSays}, shown raw: its value only grows and resets on restart`,
          hint: `wrap it in rate(${name}[\u2026]) or increase(${name}[\u2026]), and declare it a counter in the profile`,
          offset: node.from
        }
      ];
    }
  }
  if (liveGauge && parent?.kind === "call" && RATE_FUNCTIONS.has(parent.name)) {
    const lintSaw = declared === "gauge" || declared === "info";
    if (!lintSaw) {
      return [
        {
          check: "live/rate-on-gauge",
          severity: "error",
          message: `${parent.name}() over "${name}", which is a ${series.type} on ${ctx.inventory.source}${profileSays}: every drop reads as a counter reset`,
          hint: `use deriv() or delta() for its change, avg_over_time()/max_over_time() for its level, and declare it a gauge in the profile`,
          offset: parent.from
        }
      ];
    }
  }
  return [];
}
function leafLabels(n, ctx) {
  const labels = new Set(ctx.inventory.targetLabels);
  let known = true;
  let any = false;
  walk(n, (c) => {
    if (c.kind === "selector") {
      any = true;
      const s = resolvable(c.metric, ctx) ? ctx.inventory.series.get(c.metric) : void 0;
      if (!s) known = false;
      else for (const l of s.labels) labels.add(l);
    } else if (c.kind === "call" && (c.name === "label_replace" || c.name === "label_join")) {
      const dst = c.args[1];
      if (dst?.kind === "string") labels.add(dst.value);
    } else if (c.kind === "aggregate" && c.op === "count_values") {
      const label = c.args[0];
      if (label?.kind === "string") labels.add(label.value);
    } else if (c.kind === "call" && c.name === "info") {
      known = false;
    }
  });
  return known && any ? labels : void 0;
}
function groupingFindings(node, input, wanted, mode, ctx) {
  const available = leafLabels(input, ctx);
  if (!available) return [];
  const out = [];
  for (const label of wanted) {
    if (label.startsWith("__") || available.has(label)) continue;
    const suggestion = closestLabel(label, available);
    const metrics = [...new Set(selectorNames(input))].join(", ");
    const removes = mode === "without" || mode === "ignoring";
    out.push({
      check: "live/unknown-label",
      severity: removes ? "warning" : "error",
      message: `${mode} (${label}): no series of ${metrics} carries "${label}" on ${ctx.inventory.source}${suggestion ? `: did you mean "${suggestion}"?` : ""}${removes ? "" : mode === "on" ? `; every series of that side matches on an empty "${label}"` : "; every series collapses into one"}`,
      hint: suggestion ? `${mode} (${suggestion})` : `drop "${label}" from ${mode} (...)`,
      offset: node.from
    });
  }
  return out;
}
function selectorNames(n) {
  const names = [];
  walk(n, (c) => {
    if (c.kind === "selector" && c.metric) names.push(c.metric);
  });
  return names;
}
export {
  liveExprFindings,
  nearestBoundaries
};
