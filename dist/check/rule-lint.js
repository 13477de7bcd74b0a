import { lintExpression } from "./expr-lint.js";
import { parseTemplate } from "./go-template.js";
import { mayCarry, outputLabels } from "../promql/index.js";
import { isAlert, SEVERITIES } from "../rules/model.js";
const REQUIRED_ANNOTATIONS = ["summary", "description"];
const RECORD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;
function ruleLabel(rule) {
  return isAlert(rule) ? `alert ${rule.alert}` : `record ${rule.record}`;
}
function lintRuleFile({ file, groups, catalog, lines }) {
  const out = [];
  const groupNames = /* @__PURE__ */ new Set();
  groups.forEach((group, gi) => {
    if (groupNames.has(group.name)) {
      out.push({
        severity: "error",
        check: "rule/group-name",
        where: { file, ...lineOf(lines?.groups[gi]), path: [`group ${group.name}`] },
        message: `group name "${group.name}" is used twice in this file; Prometheus refuses to load it`,
        hint: "give each group its own name"
      });
    }
    groupNames.add(group.name);
    group.rules.forEach((rule, ri) => {
      const ruleLines = lines?.rules[gi]?.[ri];
      const report = (severity, check, field, message, hint, column) => out.push({
        severity,
        check,
        where: {
          file,
          ...lineOf(field && ruleLines?.fields[field] || ruleLines?.line),
          path: field ? [ruleLabel(rule), field] : [ruleLabel(rule)],
          ...column !== void 0 ? { column } : {}
        },
        message,
        ...hint ? { hint } : {}
      });
      lintRule(rule, catalog, report);
    });
  });
  return out;
}
function lineOf(line) {
  return line === void 0 ? {} : { line };
}
function lintRule(rule, catalog, report) {
  for (const f of lintExpression(rule.expr, { catalog, origin: "rule" }))
    report(f.severity, f.check, "expr", f.message, f.hint, f.offset + 1);
  if (!isAlert(rule)) {
    if (!RECORD_NAME.test(rule.record)) {
      report(
        "warning",
        "rule/record-name",
        void 0,
        `recording rule "${rule.record}" does not follow level:metric:operations`,
        "name it like job:http_requests:rate5m (aggregation level, metric, operations)"
      );
    }
    for (const [name, value] of Object.entries(rule.labels ?? {})) {
      if (value.includes("{{"))
        report(
          "error",
          "rule/template",
          `label ${name}`,
          "recording rule labels are not templated: the braces are kept literally",
          "use a fixed value"
        );
    }
    return;
  }
  const severity = rule.labels?.severity;
  if (severity === void 0) {
    report("error", "rule/severity", void 0, "alert has no severity label", `add labels.severity: one of ${SEVERITIES.join(", ")}`);
  } else if (!SEVERITIES.includes(severity)) {
    report(
      "error",
      "rule/severity",
      "label severity",
      `severity "${severity}" is not one of ${SEVERITIES.join(", ")}`,
      "Alertmanager routes on severity: an unknown one reaches nobody"
    );
  }
  for (const key of REQUIRED_ANNOTATIONS) {
    const value = rule.annotations?.[key];
    if (value === void 0 || value.trim() === "") {
      report(
        "error",
        "rule/annotations",
        void 0,
        `alert has no ${key} annotation`,
        key === "summary" ? "add a one-line summary naming the service and symptom" : "add a description: what is wrong, the current value, where to look"
      );
    }
  }
  const result = outputLabels(rule.expr);
  const staticLabels = new Set(Object.keys(rule.labels ?? {}));
  const templates = [
    ...Object.entries(rule.labels ?? {}).map(([k, v]) => [`label ${k}`, v, "label"]),
    ...Object.entries(rule.annotations ?? {}).map(([k, v]) => [`annotation ${k}`, v, "annotation"])
  ];
  for (const [field, text, kind] of templates) {
    if (!text.includes("{{")) continue;
    const parsed = parseTemplate(text);
    for (const e of parsed.errors)
      report("error", "rule/template", field, `template does not parse: ${e.message}`, void 0, e.offset + 1);
    if (kind === "label" && parsed.usesValue) {
      report(
        "error",
        "rule/value-in-label",
        field,
        "label uses $value: every new value makes a new alert, which resolves and fires again on each evaluation",
        "move the value into an annotation"
      );
    }
    for (const ref of parsed.labels) {
      if (staticLabels.has(ref.name) || mayCarry(result, ref.name)) continue;
      report(
        "error",
        "rule/template-label",
        field,
        `template reads $labels.${ref.name}, but the expression's result has no "${ref.name}" label (it is aggregated away)`,
        `keep it in the aggregation (by (..., ${ref.name})) or stop reading it`,
        ref.offset + 1
      );
    }
  }
}
function duplicateRules(occurrences) {
  const seen = /* @__PURE__ */ new Map();
  const out = [];
  for (const occ of occurrences) {
    const r = occ.rule;
    const labels = Object.entries(r.labels ?? {}).sort(([a], [b]) => a < b ? -1 : 1);
    const key = JSON.stringify([ruleLabel(r), r.expr.replace(/\s+/g, " ").trim(), labels]);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, occ);
      continue;
    }
    out.push({
      severity: "error",
      check: "rule/duplicate",
      where: { file: occ.file, ...lineOf(occ.line()), path: [ruleLabel(r)] },
      message: `${ruleLabel(r)} duplicates the same rule in ${first.file}${first.line() ? `:${first.line()}` : ""} (same name, expression and labels)`,
      hint: "keep one of them"
    });
  }
  return out;
}
export {
  duplicateRules,
  lintRuleFile,
  ruleLabel
};
