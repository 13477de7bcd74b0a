import { compileCached } from "../../core/ajv-cache.js";
import { CONSTRAINT_REASONS, openSloSliSchema, openSloSloSchema, slothSchema } from "./schemas.js";
const SCHEMAS = { sloth: slothSchema, openSloSlo: openSloSloSchema, openSloSli: openSloSliSchema };
let validators;
function validatorFor(schema) {
  validators ??= compileCached(SCHEMAS, { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const name = Object.keys(SCHEMAS).find((k) => SCHEMAS[k] === schema);
  if (!name) throw new Error("validateDocument takes one of SCHEMAS");
  return validators[name];
}
function describe(e) {
  const p = e.params;
  switch (e.keyword) {
    case "additionalProperties":
      return `unknown field "${String(p.additionalProperty)}"`;
    case "required":
      return `missing field "${String(p.missingProperty)}"`;
    case "const":
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case "enum":
      return `must be one of ${JSON.stringify(p.allowedValues)}`;
    default:
      return e.message ?? e.keyword;
  }
}
function reason(e) {
  for (const [suffix, why] of Object.entries(CONSTRAINT_REASONS)) {
    const [field, keyword] = suffix.slice(1).split("/");
    if (e.keyword === keyword && (e.instancePath.endsWith(`/${field}`) || e.schemaPath.includes(`/${field}/`))) return why;
  }
  return void 0;
}
function fixFor(e, at) {
  const p = e.params;
  switch (e.keyword) {
    case "additionalProperties":
      return `remove "${String(p.additionalProperty)}" or check its spelling against the format's reference`;
    case "required":
      return `add "${String(p.missingProperty)}" to ${at}`;
    case "type":
      return `write ${at} as ${String(p.type)}`;
    case "enum":
    case "const":
      return `use ${e.keyword === "enum" ? "one of the listed values" : "that value"} for ${at}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `give ${at} a value that ${e.message ?? "is in range"}`;
    case "pattern":
      return `write ${at} to match ${String(p.pattern)}`;
    default:
      return `correct ${at}: it ${e.message ?? "does not match the format"}`;
  }
}
function validateDocument(schema, doc, file, path) {
  const validate = validatorFor(schema);
  if (validate(doc)) return [];
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === "oneOf" || e.keyword === "anyOf") continue;
    const at = e.instancePath === "" ? "(top level)" : e.instancePath.slice(1).replace(/\//g, ".");
    const message = describe(e);
    if (seen.has(`${at} ${message}`)) continue;
    seen.add(`${at} ${message}`);
    out.push({ severity: "error", check: "slo/spec", where: { file, path: [...path, at] }, message, hint: reason(e) ?? fixFor(e, at) });
  }
  return out;
}
export {
  SCHEMAS,
  validateDocument
};
