import { compileCached } from "../core/ajv-cache.js";
import { dashboardSchema } from "./schemas/dashboard.schema.js";
import { ruleFileSchema } from "./schemas/rule-file.schema.js";
let validators;
function compiled() {
  if (!validators) {
    validators = compileCached(
      { dashboard: dashboardSchema, ruleFile: ruleFileSchema },
      { allErrors: true, strict: true, allowUnionTypes: true, code: { optimize: true } }
    );
  }
  return validators;
}
function validateDashboardSchema(json, where) {
  return run(compiled().dashboard, json, where, "schema/dashboard");
}
function validateRuleFileSchema(doc, where) {
  return run(compiled().ruleFile, doc, where, "schema/rule-file");
}
function run(validate, value, where, check) {
  if (validate(value)) return [];
  const errors = (validate.errors ?? []).filter(meaningful);
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const e of errors) {
    const message = describe(e);
    const key = `${e.instancePath} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      severity: "error",
      check,
      where: { ...where, path: [...where.path, e.instancePath === "" ? "(root)" : e.instancePath] },
      message
    });
  }
  return out;
}
function meaningful(e) {
  return e.keyword !== "if";
}
function describe(e) {
  const p = e.params;
  switch (e.keyword) {
    case "additionalProperties":
      return `unknown property "${String(p.additionalProperty)}"`;
    case "required":
      return `missing required property "${String(p.missingProperty)}"`;
    case "enum":
      return `must be one of ${p.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case "pattern":
      return `${e.message ?? "does not match"}`;
    default:
      return e.message ?? e.keyword;
  }
}
export {
  validateDashboardSchema,
  validateRuleFileSchema
};
