import { interpolate } from "./interpolate.js";
const ALL = "$__all";
async function resolveVariables(list, source, macros) {
  const resolved = /* @__PURE__ */ new Map();
  for (const variable of list) {
    resolved.set(variable.name, await resolveOne(variable, source, resolved, macros));
  }
  return resolved;
}
async function resolveOne(variable, source, resolved, macros) {
  const base = {
    multi: variable.multi === true,
    includeAll: variable.includeAll === true,
    ...typeof variable.allValue === "string" && variable.allValue !== "" ? { allValue: variable.allValue } : {}
  };
  switch (variable.type) {
    case "datasource":
      return { ...base, values: [source.datasourceUid], all: false };
    case "constant":
      return { ...base, values: [String(variable.query ?? "")], all: false };
    case "textbox": {
      const current = selectedValues(variable);
      return { ...base, values: current.length > 0 ? current : [String(variable.query ?? "")], all: false };
    }
    case "custom":
    case "interval":
      return select(variable, base, customOptions(String(variable.query ?? "")));
    case "query": {
      const query = queryText(variable.query);
      const { label, match } = parseLabelValues(query, variable.name);
      const interpolated = match === void 0 ? void 0 : interpolate(match, resolved, macros);
      if (interpolated && interpolated.unresolved.length > 0) {
        throw new Error(`variable ${variable.name}: query ${query} uses unknown variable(s) ${interpolated.unresolved.join(", ")}`);
      }
      const options = applyRegex(await source.labelValues(label, interpolated?.text), variable.regex);
      return select(variable, base, options);
    }
    default:
      throw new Error(`variable ${variable.name}: type "${variable.type}" is not supported by dac's Grafana interpolation`);
  }
}
function select(variable, base, options) {
  const current = selectedValues(variable);
  if (current.includes(ALL) && base.includeAll) return { ...base, values: options, all: true };
  const kept = current.filter((v) => options.includes(v));
  if (kept.length > 0) return { ...base, values: base.multi ? kept : [kept[0]], all: false };
  return { ...base, values: options.slice(0, 1), all: false };
}
function selectedValues(variable) {
  const value = variable.current?.value;
  if (Array.isArray(value)) return value.map(String);
  if (value === void 0 || value === null || value === "") return [];
  return [String(value)];
}
function queryText(query) {
  if (typeof query === "string") return query;
  if (query && typeof query === "object" && typeof query.query === "string")
    return query.query;
  throw new Error(`unsupported variable query ${JSON.stringify(query)}`);
}
function parseLabelValues(query, name = "?") {
  const m = /^\s*label_values\(\s*(?:(.*\S)\s*,\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s.exec(query);
  if (!m) throw new Error(`variable ${name}: only label_values(...) queries are supported, got ${query}`);
  return { label: m[2], match: m[1] };
}
function customOptions(query) {
  return query.split(/(?<!\\),/).map((o) => o.trim()).filter((o) => o !== "").map((o) => {
    const pair = /^(.*?)\s:\s(.*)$/.exec(o);
    return (pair ? pair[2] : o).replace(/\\,/g, ",");
  });
}
function applyRegex(values, regex) {
  if (!regex) return values;
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(regex);
  const re = new RegExp(m ? m[1] : regex, m ? m[2].replace("g", "") : "");
  const out = [];
  for (const v of values) {
    const hit = re.exec(v);
    if (hit) out.push(hit[1] ?? v);
  }
  return [...new Set(out)];
}
export {
  parseLabelValues,
  resolveVariables
};
