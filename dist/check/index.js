import { parse as parseYaml } from "yaml";
import { ruleFileDocument } from "../emit/rule-files.js";
import { yamlText } from "../emit/serialize.js";
import { isRecording } from "../rules/model.js";
import { lintDashboard } from "./dashboard-lint.js";
import { checkDeclaredLabels } from "./labels.js";
import { MetricCatalog } from "../promql/index.js";
import { duplicateRules, lintRuleFile } from "./rule-lint.js";
import { validateDashboardSchema, validateRuleFileSchema } from "./schema.js";
import { ruleFileLines } from "./yaml-lines.js";
function checkModel(model) {
  const out = [];
  const recordings = /* @__PURE__ */ new Set();
  for (const f of model.ruleFiles) for (const g of f.groups) for (const r of g.rules) if (isRecording(r)) recordings.add(r.record);
  const catalogs = /* @__PURE__ */ new Map();
  const catalogFor = (service) => {
    const key = service?.name ?? "";
    let c = catalogs.get(key);
    if (!c) {
      c = new MetricCatalog(service ? [service] : model.services, recordings);
      catalogs.set(key, c);
    }
    return c;
  };
  const knownUids = new Set(model.dashboards.map((d) => d.json.uid).filter((u) => typeof u === "string"));
  const uidOwners = /* @__PURE__ */ new Map();
  for (const d of model.dashboards) {
    const uid = d.json.uid ?? "";
    const where = { file: d.source, path: [`dashboard ${uid}`] };
    const owner = uidOwners.get(uid);
    if (owner !== void 0) {
      out.push({
        severity: "error",
        check: "dashboard/uid",
        where,
        message: `uid "${uid}" is also used by ${owner}`,
        hint: "each dashboard needs its own uid"
      });
    }
    uidOwners.set(uid, d.source);
    out.push(...validateDashboardSchema(d.json, where));
    out.push(...lintDashboard({ json: d.json, source: d.source, catalog: catalogFor(d.service), knownUids }));
  }
  const occurrences = [];
  for (const f of model.ruleFiles) {
    const file = `out/${f.outPath}`;
    const document = ruleFileDocument(f);
    let cached = null;
    const lines = () => cached === null ? cached = linesOf(() => yamlText(document, f.source)) : cached;
    out.push(...validateRuleFileSchema(document, { file, path: [] }));
    const lint = (withLines) => lintRuleFile({ file, groups: f.groups, catalog: catalogFor(f.service), ...withLines ? { lines: withLines } : {} });
    const findings = lint();
    out.push(...findings.length > 0 ? lint(lines()) : findings);
    f.groups.forEach(
      (g, gi) => g.rules.forEach((rule, ri) => {
        occurrences.push({ file, rule, line: () => lines()?.rules[gi]?.[ri]?.line });
      })
    );
  }
  out.push(...duplicateRules(occurrences));
  out.push(...checkDeclaredLabels(model));
  return sortDiagnostics(out);
}
function linesOf(text) {
  try {
    return ruleFileLines(text());
  } catch {
    return void 0;
  }
}
function checkEmitted(files) {
  const out = [];
  for (const [path, text] of files) {
    const file = `out/${path}`;
    if (path.startsWith("dashboards/") && path.endsWith(".json")) {
      let json;
      try {
        json = JSON.parse(text);
      } catch (err) {
        out.push({
          severity: "error",
          check: "schema/dashboard",
          where: { file, path: [] },
          message: `not valid JSON: ${err.message}`
        });
        continue;
      }
      out.push(...validateDashboardSchema(json, { file, path: [`dashboard ${json.uid ?? ""}`] }));
    } else if (path.startsWith("rules/") && /\.ya?ml$/.test(path)) {
      let doc;
      try {
        doc = parseYaml(text);
      } catch (err) {
        out.push({
          severity: "error",
          check: "schema/rule-file",
          where: { file, path: [] },
          message: `not valid YAML: ${err.message}`
        });
        continue;
      }
      out.push(...validateRuleFileSchema(doc, { file, path: [] }));
    }
  }
  return sortDiagnostics(out);
}
function sortDiagnostics(ds) {
  return [...ds].sort((a, b) => {
    if (a.where.file !== b.where.file) return a.where.file < b.where.file ? -1 : 1;
    return (a.where.line ?? 0) - (b.where.line ?? 0);
  });
}
export {
  checkEmitted,
  checkModel,
  sortDiagnostics
};
