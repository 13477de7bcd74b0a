import { GRAFANA_VARIABLE } from "../../../promql/index.js";
const REFERENCE = new RegExp(GRAFANA_VARIABLE.source, "g");
function interpolate(text, variables, macros) {
  const unresolved = [];
  const out = text.replace(
    REFERENCE,
    (match, plain, bracket, bracketFmt, brace, field, braceFmt) => {
      const name = plain ?? bracket ?? brace ?? "";
      const format = bracketFmt ?? braceFmt;
      const macro = macros.get(name);
      if (macro !== void 0) {
        if (format !== void 0 || field !== void 0) throw new Error(`unsupported format on built-in ${match}`);
        return macro;
      }
      const variable = variables.get(name);
      if (!variable) {
        unresolved.push(name);
        return match;
      }
      if (field !== void 0) throw new Error(`unsupported field reference ${match}`);
      return formatVariable(name, variable, format);
    }
  );
  return { text: out, unresolved };
}
function formatVariable(name, variable, format) {
  if (variable.all && variable.allValue !== void 0 && format !== "text" && format !== "queryparam") return variable.allValue;
  const values = variable.values;
  if (values.length === 0) throw new Error(`variable ${name} has no value`);
  if (format === void 0) return prometheusDefault(variable);
  const single = values.length === 1 ? values[0] : void 0;
  switch (format) {
    case "raw":
      return values.join(",");
    case "regex":
      return single !== void 0 ? regexEscape(single) : `(${values.map(regexEscape).join("|")})`;
    case "pipe":
      return values.join("|");
    case "csv":
      return values.join(",");
    case "glob":
      return single ?? `{${values.join(",")}}`;
    case "json":
      return JSON.stringify(single ?? values);
    case "text":
      return variable.all ? "All" : values.join(" + ");
    case "doublequote":
      return values.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(",");
    case "singlequote":
      return values.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(",");
    case "sqlstring":
      return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",");
    case "percentencode":
      return encodeURIComponent(single ?? `{${values.join(",")}}`);
    case "queryparam":
      return values.map((v) => `var-${name}=${encodeURIComponent(v)}`).join("&");
    default:
      throw new Error(`unsupported variable format \${${name}:${format}}`);
  }
}
function prometheusDefault(variable) {
  const values = variable.values;
  if (!variable.multi && !variable.includeAll) return values.map(stringEscape).join(",");
  const escaped = values.map(promRegexEscape);
  return escaped.length === 1 ? escaped[0] : `(${escaped.join("|")})`;
}
function stringEscape(value) {
  return value.replace(/\\/g, "\\\\").replace(/'/g, "\\\\'");
}
function promRegexEscape(value) {
  return value.replace(/\\/g, "\\\\\\\\").replace(/[$^*+?.()|[\]{}]/g, "\\\\$&");
}
function regexEscape(value) {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, "\\$&");
}
export {
  formatVariable,
  interpolate,
  regexEscape
};
