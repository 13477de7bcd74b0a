import { ruleFileDocument } from "../../emit/rule-files.js";
import { yamlText } from "../../emit/serialize.js";
import { isRecording } from "../../rules/model.js";
import { variableQueryExpressions } from "../dashboard-lint.js";
import { safeRegex, vectorSelectors } from "../../promql/index.js";
import { ruleLabel } from "../rule-lint.js";
import { ruleFileLines } from "../yaml-lines.js";
import { declaredHistograms } from "./declared.js";
import { liveExprFindings, nearestBoundaries } from "./expr.js";
import { formatBuckets } from "./inventory.js";
function checkLive(model, inventories) {
  const recordings = recordedSeries(model);
  const checked = { queries: 0, rules: 0, slos: 0, histograms: 0 };
  const contextFor = (service) => {
    const inventory = service ? inventories.get(service.name) : inventories.size === 1 ? [...inventories.values()][0] : void 0;
    if (!inventory) return void 0;
    return { inventory, recordings, declared: service?.metrics ?? {} };
  };
  const diagnostics = checkExpressions(model, contextFor, checked);
  for (const service of model.services) {
    const inventory = inventories.get(service.name);
    if (!inventory) continue;
    diagnostics.push(...checkSlos(model, service, inventory, checked));
    diagnostics.push(...checkDeclaredBuckets(service.configFile ?? model.configFile, service, inventory, checked));
  }
  return { diagnostics, checked };
}
function recordedSeries(model) {
  const recordings = /* @__PURE__ */ new Set();
  for (const f of model.ruleFiles) for (const g of f.groups) for (const r of g.rules) if (isRecording(r)) recordings.add(r.record);
  return recordings;
}
function checkExpressions(model, contextFor, checked = { queries: 0, rules: 0 }) {
  const diagnostics = [];
  for (const d of model.dashboards) {
    const ctx = contextFor(d.service);
    if (!ctx) continue;
    for (const q of dashboardQueries(d)) {
      checked.queries++;
      for (const f of liveExprFindings(q.expr, ctx)) {
        diagnostics.push({
          severity: f.severity,
          check: f.check,
          where: { file: d.source, path: [`dashboard ${d.json.uid ?? ""}`, ...q.path], column: q.offset + f.offset + 1 },
          message: f.message,
          hint: f.hint
        });
      }
    }
  }
  for (const f of model.ruleFiles) {
    const ctx = contextFor(f.service);
    if (!ctx) continue;
    diagnostics.push(...checkRuleFile(f, ctx, checked));
  }
  return diagnostics;
}
function dashboardQueries(d) {
  const out = [];
  for (const v of d.json.templating?.list ?? []) {
    if (v.type !== "query") continue;
    for (const q of variableQueryExpressions(v.query)) out.push({ expr: q.expr, path: [`variable ${v.name}`], offset: q.offset });
  }
  for (const a of d.json.annotations?.list ?? []) {
    if (!a.builtIn && a.expr) out.push({ expr: a.expr, path: [`annotation "${a.name}"`], offset: 0 });
  }
  const panels = [];
  for (const p of d.json.panels ?? []) {
    panels.push(p);
    if (p.type === "row" && Array.isArray(p.panels)) panels.push(...p.panels);
  }
  for (const p of panels) {
    const title = typeof p.title === "string" && p.title ? `panel "${p.title}"` : `panel #${p.id ?? "?"}`;
    for (const t of Array.isArray(p.targets) ? p.targets : []) {
      if (typeof t.expr === "string" && t.expr.trim() !== "")
        out.push({ expr: t.expr, path: [title, `query ${t.refId ?? "?"}`], offset: 0 });
    }
  }
  return out;
}
function checkRuleFile(f, ctx, checked) {
  const file = `out/${f.outPath}`;
  const out = [];
  let lines = null;
  const linesOf = () => {
    if (lines === null) {
      try {
        lines = ruleFileLines(yamlText(ruleFileDocument(f), f.source));
      } catch {
        lines = void 0;
      }
    }
    return lines;
  };
  f.groups.forEach(
    (g, gi) => g.rules.forEach((rule, ri) => {
      checked.rules++;
      for (const finding of liveExprFindings(rule.expr, ctx)) {
        const line = linesOf()?.rules[gi]?.[ri]?.fields["expr"] ?? linesOf()?.rules[gi]?.[ri]?.line;
        out.push({
          severity: finding.severity,
          check: finding.check,
          where: {
            file,
            ...line === void 0 ? {} : { line },
            path: [`group ${g.name}`, ruleLabel(rule), "expr"],
            column: finding.offset + 1
          },
          message: finding.message,
          hint: finding.hint
        });
      }
    })
  );
  return out;
}
function sloHistograms(model, service, threshold) {
  const names = /* @__PURE__ */ new Set();
  for (const f of model.ruleFiles) {
    if (f.service?.name !== service.name) continue;
    for (const g of f.groups)
      for (const r of g.rules)
        for (const s of vectorSelectors(r.expr)) {
          if (!s.metric?.endsWith("_bucket")) continue;
          const le = s.matchers.find((m) => m.label === "le");
          const re = le?.op === "=~" ? safeRegex(le.value) : void 0;
          if (le?.op === "=" && Number(le.value) === threshold || re?.test(String(threshold))) names.add(s.metric);
        }
  }
  if (names.size > 0) return { names: [...names].sort(), fromRules: true };
  const http = service.profile.http;
  const candidates = [http.durationHighResolution, http.duration].filter((h) => h !== void 0);
  return { names: [...new Set(candidates)].map((h) => `${h}_bucket`), fromRules: false };
}
function checkSlos(model, service, inventory, checked) {
  const out = [];
  for (const slo of service.slos) {
    if (slo.kind !== "latency" || slo.thresholdSeconds === void 0) continue;
    checked.slos++;
    const threshold = slo.thresholdSeconds;
    const { names, fromRules } = sloHistograms(model, service, threshold);
    const live = names.flatMap((name) => {
      const buckets = inventory.series.get(name)?.buckets;
      return buckets ? [{ name, buckets }] : [];
    });
    const missing = live.filter((h) => !h.buckets.includes(threshold));
    if (missing.length === 0 || !fromRules && missing.length < live.length) continue;
    for (const { name, buckets } of fromRules ? missing : missing.slice(0, 1)) {
      const near = nearestBoundaries(threshold, buckets);
      out.push({
        severity: "error",
        check: "live/slo-threshold",
        where: { file: service.configFile ?? model.configFile, path: [`service ${service.name}`, `slo ${slo.name}`, "thresholdSeconds"] },
        message: `thresholdSeconds ${threshold} is not a bucket boundary of ${name.replace(/_bucket$/, "")} on ${inventory.source} (${formatBuckets(buckets)}): no request can be counted as faster than it, so the SLO cannot be measured`,
        hint: `set thresholdSeconds to a live boundary${near ? ` (${near})` : ""}, or add ${threshold} to the histogram's buckets in the service`
      });
    }
  }
  return out;
}
function checkDeclaredBuckets(configFile, service, inventory, checked) {
  const out = [];
  for (const [histogram, { buckets: declared, field }] of declaredHistograms(service)) {
    const live = inventory.series.get(`${histogram}_bucket`)?.buckets;
    if (!live) continue;
    checked.histograms++;
    const same = live.length === declared.length && live.every((b, i) => b === declared[i]);
    if (same) continue;
    const missing = declared.filter((b) => !live.includes(b));
    const extra = live.filter((b) => !declared.includes(b));
    out.push({
      severity: "error",
      check: "live/buckets",
      where: { file: configFile, path: [`service ${service.name}`, field] },
      message: `the config declares buckets ${formatBuckets(declared)} for ${histogram}, but ${inventory.source} exposes ${formatBuckets(live)}${missing.length > 0 ? `; not exposed: ${formatBuckets(missing)}` : ""}${extra.length > 0 ? `; not declared: ${formatBuckets(extra)}` : ""}`,
      hint: `the rules and their tests are built on the declared buckets: write ${field === "database.buckets" ? "database.buckets" : `histograms: { ${histogram}: [\u2026] }`} = [${live.join(", ")}] for this service, or change its instrumentation to the declared ones`
    });
  }
  return out;
}
export {
  checkExpressions,
  checkLive,
  recordedSeries
};
